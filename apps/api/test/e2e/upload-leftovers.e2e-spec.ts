import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { FilesJanitor } from '../../src/files/files-janitor';
import { INCOMPLETE_STALE_MS } from '../../src/files/storage/file-storage';
import { processTag } from '../../src/files/storage/local-file-storage';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Unfinished uploads leave nothing behind: an aborted or failed upload removes its partial bytes
 * before anyone can look, and start-up removes what a killed process left. Real server, real
 * files, on PostgreSQL and on PGlite.
 */
jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('upload leftovers', () => {
  const filesDir = mkdtempSync(join(tmpdir(), 'keyhold-leftovers-'));
  const incompleteDir = join(filesDir, '.incomplete');
  let t: TestApp;
  let janitor: FilesJanitor;
  let s: SellerFixture;

  /** What processes killed mid-upload would leave, as the storage names them. */
  const deadPid = spawnSync('true').pid; // ran and exited
  const killedHere = join(incompleteDir, `${processTag(deadPid)}.${randomUUID()}`); // on this host, a moment ago
  const killedElsewhere = join(incompleteDir, `${'f'.repeat(32)}.1.${deadPid}.${randomUUID()}`); // on another host sharing FILES_DIR
  const olderVersion = join(incompleteDir, randomUUID()); // by a version that named them so, two hours ago

  beforeAll(async () => {
    mkdirSync(incompleteDir, { recursive: true });
    for (const path of [killedHere, killedElsewhere, olderVersion]) writeFileSync(path, randomBytes(5000));
    const past = new Date(Date.now() - 2 * 3600_000);
    utimesSync(olderVersion, past, past);
    t = await createTestApp({ FILES_DIR: filesDir });
    janitor = t.app.get(FilesJanitor);
    s = await sellerWithApp(t.url);
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const unfinished = () => (existsSync(incompleteDir) ? readdirSync(incompleteDir) : []);
  /** Finished objects (`<shard>/<key>`). */
  const objects = () =>
    readdirSync(filesDir)
      .filter((d) => /^[0-9a-f]{2}$/.test(d))
      .flatMap((d) => readdirSync(join(filesDir, d)));
  const rows = async () => Number((await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM files'))[0].n);

  async function until(ok: () => boolean, ms = 5000): Promise<number> {
    const started = Date.now();
    while (!ok()) {
      if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
      await sleep(2);
    }
    return Date.now() - started;
  }

  const BOUNDARY = 'keyhold-leftovers';
  /** A hand-written multipart upload, sent piece by piece. */
  function upload(): { req: ClientRequest; answer: Promise<{ status: number; body: string } | 'aborted'> } {
    const req = httpRequest(`${t.url}/v1/admin/files/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    const answer = new Promise<{ status: number; body: string } | 'aborted'>((resolve) => {
      req.on('error', () => resolve('aborted'));
      req.on('response', (res: IncomingMessage) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve('aborted'));
      });
    });
    req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="appId"\r\n\r\n${s.app.id}\r\n`);
    req.write(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    return { req, answer };
  }
  const finish = (req: ClientRequest, last: Buffer = Buffer.alloc(0)) =>
    req.end(Buffer.concat([last, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]));

  /** Sends bytes of the file part until its unfinished copy is on disk with some of them. */
  async function writingStarted(req: ClientRequest, sent: Buffer[]): Promise<void> {
    await until(() => {
      const piece = randomBytes(16 * 1024);
      sent.push(piece);
      req.write(piece);
      return unfinished().some((name) => statSync(join(incompleteDir, name)).size > 0);
    });
  }

  it('start-up removes what a killed process left unfinished (on PostgreSQL, one elsewhere once nothing can still be writing it)', async () => {
    await janitor.idle(); // the start-up pass
    expect(existsSync(killedHere)).toBe(false);
    expect(existsSync(olderVersion)).toBe(false);
    if (t.databaseKind === 'embedded') {
      // The embedded database's data directory is locked: no other process can be uploading here.
      expect(janitor.leftoverAgeMs).toBe(0);
      expect(unfinished()).toEqual([]);
    } else {
      // Several API processes may share FILES_DIR: a copy another host touched a moment ago may be
      // its live upload. Once untouched for INCOMPLETE_STALE_MS, the every-minute pass takes it.
      expect(janitor.leftoverAgeMs).toBe(INCOMPLETE_STALE_MS);
      expect(unfinished()).toEqual([basename(killedElsewhere)]);
      await janitor.sweep();
      expect(unfinished()).toEqual([basename(killedElsewhere)]);
      const past = new Date(Date.now() - INCOMPLETE_STALE_MS - 1000);
      utimesSync(killedElsewhere, past, past);
      expect((await janitor.sweep()).incomplete).toBe(1);
      expect(unfinished()).toEqual([]);
    }
    expect(await rows()).toBe(0);
  });

  it('a client that disconnects mid-file leaves no unfinished write, right after the abort', async () => {
    const { req, answer } = upload();
    await writingStarted(req, []);
    req.destroy();
    expect(await answer).toBe('aborted');
    const took = await until(() => unfinished().length === 0);
    expect(took).toBeLessThan(1000);
    expect(objects()).toEqual([]);
    expect(await rows()).toBe(0);
  });

  it('a client that stalls and then goes away leaves nothing either', async () => {
    const { req, answer } = upload();
    await writingStarted(req, []);
    await sleep(300); // nothing arrives for a while
    expect(unfinished()).toHaveLength(1);
    req.destroy();
    expect(await answer).toBe('aborted');
    expect(await until(() => unfinished().length === 0)).toBeLessThan(1000);
    expect(objects()).toEqual([]);
    expect(await rows()).toBe(0);
  });

  it('a connection the server side loses mid-file leaves nothing', async () => {
    const server = t.app.getHttpServer();
    let serverSide: IncomingMessage | undefined;
    const grab = (r: IncomingMessage) => {
      if (r.url?.includes('/files/upload')) serverSide = r;
    };
    server.on('request', grab);
    try {
      const { req, answer } = upload();
      await writingStarted(req, []);
      expect(serverSide).toBeDefined();
      serverSide?.socket.destroy(); // as a request timeout or a reset would
      expect(await answer).toBe('aborted');
      expect(await until(() => unfinished().length === 0)).toBeLessThan(1000);
    } finally {
      server.off('request', grab);
    }
    expect(objects()).toEqual([]);
    expect(await rows()).toBe(0);
  });

  it('a client that disconnects after the whole file but before the end of the body leaves no object and no row', async () => {
    const { req, answer } = upload();
    req.write(randomBytes(50_000));
    req.write(`\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\n`); // the file part is over
    await until(() => objects().length === 1); // stored, waiting for the rest of the form
    req.destroy();
    expect(await answer).toBe('aborted');
    expect(await until(() => objects().length === 0)).toBeLessThan(1000);
    expect(unfinished()).toEqual([]);
    expect(await rows()).toBe(0);
  });

  it("the janitor never takes this process's upload in flight, however old it looks; it completes intact", async () => {
    const { req, answer } = upload();
    const sent: Buffer[] = [];
    await writingStarted(req, sent);
    const [temp] = unfinished();
    const past = new Date(Date.now() - 24 * 3600_000);
    utimesSync(join(incompleteDir, temp), past, past);
    expect((await janitor.sweep(0, 0)).incomplete).toBe(0);
    expect(unfinished()).toEqual([temp]);
    const last = randomBytes(1000);
    sent.push(last);
    finish(req, last);
    const done = await answer;
    expect(done).not.toBe('aborted');
    const { status, body } = done as { status: number; body: string };
    expect(status).toBe(201);
    const file = JSON.parse(body).data;
    const data = Buffer.concat(sent);
    expect(file).toMatchObject({ size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    expect(unfinished()).toEqual([]);
    expect(objects()).toHaveLength(1);
    expect(await rows()).toBe(1);
  });
});
