import { createServer, Server, Socket } from 'node:net';
import { Client, Pool } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { isDatabaseUnavailable } from '../errors/db-errors';

/** A QueryFailedError as TypeORM raises it for a PostgreSQL error with this SQLSTATE. */
const queryFailed = (code: string, message = 'x') => new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

/** A TCP server that accepts connections and never says a word (a database host that hangs). */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = await silentServer();
  await srv.close();
  return srv.port;
}

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection, as node-postgres reports it', async () => {
    const client = new Client({ host: '127.0.0.1', port: await closedPort(), user: 'x', database: 'x' });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a connect timeout and a pool that cannot hand out a connection in time', async () => {
    const srv = await silentServer();
    try {
      const client = new Client({ host: '127.0.0.1', port: srv.port, user: 'x', database: 'x', connectionTimeoutMillis: 200 });
      const clientError = await client.connect().then(
        () => null,
        (e: unknown) => e,
      );
      expect(String((clientError as Error).message)).toMatch(/timeout/);
      expect(isDatabaseUnavailable(clientError)).toBe(true);

      const pool = new Pool({ host: '127.0.0.1', port: srv.port, user: 'x', database: 'x', connectionTimeoutMillis: 200, max: 1 });
      pool.on('error', () => undefined);
      const poolError = await pool.query('SELECT 1').then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(poolError)).toBe(true);
      await pool.end();
    } finally {
      await srv.close();
    }
  });

  it('recognises a server going away, starting up or refusing connections (SQLSTATE 08xxx, 57P01-03, 53300)', () => {
    for (const code of ['08000', '08003', '08006', '08P01', '57P01', '57P02', '57P03', '53300']) {
      expect({ code, unavailable: isDatabaseUnavailable(queryFailed(code)) }).toEqual({ code, unavailable: true });
    }
    expect(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
  });

  it("recognises node-postgres' and TypeORM's broken-connection errors", () => {
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('looks inside AggregateError (several addresses refused) and cause chains', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new AggregateError([refused, refused]))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: refused }))).toBe(true);
  });

  it('leaves every other error alone: those stay 400, 409 or 500', () => {
    for (const code of ['23505', '22P02', '40001', '42P01', '57014']) {
      expect({ code, unavailable: isDatabaseUnavailable(queryFailed(code)) }).toEqual({ code, unavailable: false });
    }
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(new DomainError('NOT_FOUND'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    // A cycle of causes ends.
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
