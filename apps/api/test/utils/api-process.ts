import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built API (`pnpm --filter @keyhold/api run build`), as `npm start` runs it. */
export const BUILT_MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

/** A Keyhold API running as a process of its own, which a test may kill like a crash would. */
export interface ApiProcess {
  url: string;
  pid: number;
  /** SIGKILL: no shutdown hook, no flush, nothing finishes; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, the orderly shutdown; resolves once the process is gone. */
  stop(): Promise<void>;
  /** What it wrote to stdout and stderr (the end of it), for failure messages. */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ApiProcessOptions {
  /** How long it may take to answer /health with 200. */
  readyWithinMs?: number;
  /** Node options before the script (e.g. `--require` of a test fixture). */
  nodeArgs?: string[];
}

/**
 * Starts `node dist/main.js` with `env` (PORT, DATA_DIR, DATABASE_URL, …; HOST is 127.0.0.1) and
 * resolves once /health answers 200. Fails, with the process's output, if it exits or is not
 * healthy within `readyWithinMs`.
 */
export async function startApiProcess(
  env: Record<string, string>,
  { readyWithinMs = 45_000, nodeArgs = [] }: ApiProcessOptions = {},
): Promise<ApiProcess> {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: build the API first (pnpm --filter @keyhold/api run build)`);
  const port = env.PORT ?? String(await freePort());
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', HOST: '127.0.0.1', ...env, PORT: port };
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, BUILT_MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const url = `http://127.0.0.1:${port}`;

  const until = Date.now() + readyWithinMs;
  for (;;) {
    if (gone()) throw new Error(`The API exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    const healthy = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`The API was not healthy within ${readyWithinMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const signal = async (sig: NodeJS.Signals) => {
    if (gone()) return;
    child.kill(sig);
    // An orderly stop that does not end in time is ended the hard way (a test must not hang on it).
    const timer = sig === 'SIGKILL' ? undefined : setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    pid: child.pid!,
    kill9: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    output: () => output,
    alive: () => !gone(),
  };
}
