import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A PostgreSQL server of its own that a test can take away and bring back on the same port. */
export interface PausablePostgres {
  /** `postgres://…/postgres` of the server (superuser, trust auth). */
  url: string;
  /** Stops the server (`pg_ctl -m fast stop`: open connections are ended); resolves once it is down. */
  pause(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  resume(): Promise<void>;
  /** Stops it for good and removes its directory. */
  stop(): Promise<void>;
}

const SCRIPT = join(__dirname, '..', '..', '..', '..', 'scripts', 'postgres.mjs');

/**
 * Runs scripts/postgres.mjs as a child process (jest runs CommonJS; the script is ESM) and drives it
 * with signals: SIGUSR1 stops the server, SIGUSR2 starts it again, SIGTERM ends it. Fails when no
 * PostgreSQL server binaries are installed.
 */
export async function startPausablePostgres(): Promise<PausablePostgres> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line.trim()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const nextLine = (what: string, ms = 40_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`scripts/postgres.mjs: no "${what}" within ${ms} ms. ${stderr}`)), ms);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`scripts/postgres.mjs exited (${code}) waiting for "${what}". ${stderr}`));
      });
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });

  const ask = async (signal: NodeJS.Signals, answer: string) => {
    const line = nextLine(answer);
    child.kill(signal);
    const got = await line;
    if (got !== answer) throw new Error(`scripts/postgres.mjs answered "${got}" instead of "${answer}"`);
  };

  const url = await nextLine('the server URL');
  if (!url.startsWith('postgres://')) throw new Error(`scripts/postgres.mjs printed "${url}" instead of a URL. ${stderr}`);
  return {
    url,
    pause: () => ask('SIGUSR1', 'paused'),
    resume: () => ask('SIGUSR2', 'resumed'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
