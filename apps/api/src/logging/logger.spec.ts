import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { NestPinoLogger, requestLogger } from './logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const root = pino({ level, base: undefined, timestamp: false }, sink);
  return { lines, root, logger: new NestPinoLogger(root) };
}

const pick = (l: Record<string, unknown>) => {
  const { time: _t, ...rest } = l;
  return rest;
};

describe('NestPinoLogger', () => {
  it("writes Nest's start-up narration at debug, so an info-level start prints none of it", async () => {
    const { lines, logger } = capture('info');
    logger.log('Mapped {/v1/admin/apps, GET} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('Signing keys ready', 'SigningKeys');
    await new Promise((r) => setImmediate(r));
    expect(lines.map(pick)).toEqual([{ level: 30, context: 'SigningKeys', msg: 'Signing keys ready' }]);
  });

  it('shows that narration at debug level', async () => {
    const { lines, logger } = capture('debug');
    logger.log('Mapped {/v1/admin/apps, GET} route', 'RouterExplorer');
    await new Promise((r) => setImmediate(r));
    expect(lines.map(pick)).toEqual([{ level: 20, context: 'RouterExplorer', msg: 'Mapped {/v1/admin/apps, GET} route' }]);
  });

  it('merges an object message into the line, takes the last string as the context and a string after an error as its stack', async () => {
    const { lines, logger } = capture('info');
    logger.warn({ requestId: 'r-1', path: '/v1/x' }, 'Slow answer', 'Errors');
    logger.error('Could not deliver', 'Error: boom\n    at x', 'Webhooks');
    logger.debug('hidden at info', 'Webhooks');
    await new Promise((r) => setImmediate(r));
    expect(lines.map(pick)).toEqual([
      { level: 40, context: 'Errors', requestId: 'r-1', path: '/v1/x', msg: 'Slow answer' },
      { level: 50, context: 'Webhooks', stack: 'Error: boom\n    at x', msg: 'Could not deliver' },
    ]);
  });
});

describe('requestLogger', () => {
  let server: Server;
  afterEach(() => new Promise((r) => server.close(r)));

  /** A real HTTP server behind the request log, answering with the id it was given. */
  async function serve(lines: ReturnType<typeof capture>) {
    const log = requestLogger(lines.root);
    server = createServer((req, res) =>
      log(req, res, () => {
        if (req.url === '/hang') return; // never answered: the client gives up
        res.statusCode = req.url === '/missing' ? 404 : 200;
        res.end((req as typeof req & { id: string }).id);
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }
  const get = (port: number, path: string, headers: Record<string, string> = {}) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', path, headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
  const settle = () => new Promise((r) => setTimeout(r, 50));

  it('logs one line per answer with its id, method, path and status; a sane X-Request-Id is kept', async () => {
    const c = capture('info');
    const port = await serve(c);
    const fresh = await get(port, '/v1/client/session');
    expect(await get(port, '/missing', { 'x-request-id': 'caller-id-1' })).toBe('caller-id-1');
    expect(await get(port, '/v1/x', { 'x-request-id': 'not ok!' })).not.toBe('not ok!');
    await settle();
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.lines.map(({ req, res, msg, level }) => ({ req, res, msg, level }))).toEqual([
      { level: 30, msg: 'request completed', req: { id: fresh, method: 'GET', url: '/v1/client/session' }, res: { statusCode: 200 } },
      { level: 30, msg: 'request completed', req: { id: 'caller-id-1', method: 'GET', url: '/missing' }, res: { statusCode: 404 } },
      expect.objectContaining({ msg: 'request completed', req: expect.objectContaining({ url: '/v1/x' }) }),
    ]);
    expect(c.lines.every((l) => typeof l.responseTime === 'number')).toBe(true);
  });

  it("never logs Axora's path, which holds the password, and says when the client went away before the answer", async () => {
    const c = capture('info');
    const port = await serve(c);
    await get(port, '/app/auth/ep+alice+hunter2+1.0+HW');
    await new Promise<void>((resolve) => {
      const req = request({ port, host: '127.0.0.1', path: '/hang' });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 50);
    });
    await settle();
    expect(JSON.stringify(c.lines)).not.toContain('hunter2');
    expect(c.lines.map((l) => [l.msg, (l.req as { url: string }).url])).toEqual([
      ['request completed', '/app/auth/[redacted]'],
      ['request aborted', '/hang'],
    ]);
  });
});
