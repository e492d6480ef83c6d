import { Writable } from 'node:stream';
import pino from 'pino';
import { NestPinoLogger } from './logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: new NestPinoLogger(pino({ level, base: undefined, timestamp: false }, sink)) };
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
