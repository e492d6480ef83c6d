// Loaded with `node --require` into the built API by test/faults/stray-errors.fault-spec.ts. On
// SIGWINCH it throws from a timer and rejects a promise nobody awaits: errors outside any request
// handler, which main.ts's last-resort handlers must log without ending the process. (Not SIGUSR2:
// Nest's shutdown hooks listen to it.)
process.on('SIGWINCH', () => {
  setImmediate(() => {
    throw new Error('stray exception from a timer (test)');
  });
  void Promise.reject(new Error('stray rejection nobody awaited (test)'));
});
