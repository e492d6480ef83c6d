import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, startApiProcess } from '../utils/api-process';

/**
 * The built API with a test fixture preloaded that, on a signal, throws from a timer and leaves a
 * rejected promise unawaited: Node's default would end the process; main.ts's last resort logs
 * both and the server keeps answering.
 */
jest.setTimeout(60_000);

describe('errors outside any request handler', () => {
  let api: ApiProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyhold-stray-'));
    api = await startApiProcess(
      {
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        LOG_LEVEL: 'error',
        TOKEN_SECRET: randomBytes(32).toString('hex'),
        MASTER_KEY: randomBytes(32).toString('hex'),
      },
      { nodeArgs: ['--require', join(__dirname, '..', 'utils', 'stray-errors.preload.js')] },
    );
  });
  afterAll(async () => {
    await api?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('are logged, and the process keeps serving', async () => {
    process.kill(api.pid, 'SIGWINCH');
    for (const until = Date.now() + 5000; !/stray rejection/.test(api.output()) && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));

    expect(api.alive()).toBe(true);
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
    const logged = api
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message?: string } });
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 50,
          msg: expect.stringMatching(/^Uncaught exception/),
          err: expect.objectContaining({ message: 'stray exception from a timer (test)' }),
        }),
        expect.objectContaining({
          level: 50,
          msg: expect.stringMatching(/^Unhandled promise rejection/),
          err: expect.objectContaining({ message: 'stray rejection nobody awaited (test)' }),
        }),
      ]),
    );
  });
});
