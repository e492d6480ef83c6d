import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import type { Stream } from 'node:stream';
import { join } from 'node:path';
import type { FileResponse } from '@keyhold/contracts';
import { EndUserClient, KeyholdError } from '@keyhold/sdk';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { FilesJanitor } from '../../src/files/files-janitor';
import { credential, endUser, keys } from '../factories/client';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { eventsOf } from '../utils/events';
import { createTestApp, TestApp } from '../utils/test-app';

jest.setTimeout(60_000);

const CHUNK = 64 * 1024;
const PAST = '2020-01-01T00:00:00Z';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** supertest: keep any body as raw bytes. */
function binary(res: Stream, done: (err: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
}
const json = (res: Response) => JSON.parse((res.body as Buffer).toString('utf8'));

/**
 * The app's file.download events once there are `count` of them. The event is committed right
 * after the last byte is flushed, so a client can hold the whole file a moment before it exists.
 */
async function downloadEvents(t: TestApp, appId: string, count: number) {
  for (let i = 0; i < 200; i++) {
    const events = await eventsOf(t, appId, 'file.download');
    if (events.length >= count) return events;
    await new Promise((r) => setTimeout(r, 25));
  }
  return eventsOf(t, appId, 'file.download');
}

/** Every object in the storage directory (relative paths), unfinished writes included. */
function storedObjects(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile());
}

describe('files: encrypted at rest, streamed to authenticated end users', () => {
  let t: TestApp;
  let config: AppConfig;
  let s: SellerFixture;
  const work = mkdtempSync(join(tmpdir(), 'keyhold-files-e2e-'));

  beforeAll(async () => {
    t = await createTestApp();
    config = t.app.get<AppConfig>(APP_CONFIG);
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });
  beforeEach(async () => {
    s = await sellerWithApp(t.url);
  });

  const upload = (
    data: Buffer,
    extra: { name?: string; subscriptions?: string[]; filename?: string } = {},
    seller = s,
    appId = seller.app.id,
  ) =>
    seller.client.files.upload({
      appId,
      file: new Blob([Uint8Array.from(data)], { type: 'application/x-msdownload' }),
      filename: extra.filename ?? 'loader.exe',
      ...extra,
    });

  /** The stored object of a file (its storage key starts with the file's uuid). */
  function objectOf(fileId: string): string {
    const hex = fileId.slice('file_'.length);
    const found = storedObjects(config.filesDir).filter((p) => p.startsWith(`${hex.slice(0, 2)}/${hex}`));
    expect(found).toHaveLength(1);
    return join(config.filesDir, found[0]);
  }
  const objectsOf = (fileId: string) => storedObjects(config.filesDir).filter((p) => p.includes(fileId.slice('file_'.length)));

  let userSeq = 0;
  async function userSession(opts: { subscription?: string; seller?: SellerFixture } = {}) {
    const seller = opts.seller ?? s;
    const username = `user${++userSeq}`;
    const user = await credential(seller, username, 'securepass', opts.subscription ? { subscription: opts.subscription } : {});
    const client = endUser(t.url, seller);
    await client.login({ username, password: 'securepass', hwid: 'HWID-1' });
    return { user, client };
  }

  const bytes = (fileId: string, client: EndUserClient, seller = s) =>
    t.http
      .get(`/v1/client/files/${fileId}/bytes`)
      .set('x-api-key', seller.app.apiKey)
      .set('authorization', `Bearer ${client.token}`)
      .buffer(true)
      .parse(binary);
  const meta = (fileId: string, client: EndUserClient, seller = s) =>
    t.http.get(`/v1/client/files/${fileId}`).set('x-api-key', seller.app.apiKey).set('authorization', `Bearer ${client.token}`);

  describe('seller management', () => {
    it('uploads through the SDK and answers the file; lists, gets, renames and re-permissions it', async () => {
      const data = randomBytes(3 * CHUNK + 1234);
      const file = await upload(data, { subscriptions: ['premium', 'gold', 'premium'] });
      expect(file).toEqual({
        id: expect.stringMatching(/^file_[0-9a-f]{32}$/),
        appId: s.app.id,
        name: 'loader.exe',
        size: data.length,
        sha256: sha256(data),
        contentType: 'application/x-msdownload',
        subscriptions: ['premium', 'gold'],
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
      const second = await upload(Buffer.from('config'), { name: 'Config (EU).json', filename: 'c.json' });
      expect(second).toMatchObject({ name: 'Config (EU).json', subscriptions: [] });

      const page = await s.client.files.list({ appId: s.app.id });
      expect(page.meta).toEqual({ total: 2, page: 1, limit: 50, totalCapped: false, nextCursor: null });
      expect(page.data.map((f) => f.id).sort()).toEqual([file.id, second.id].sort());
      expect((await s.client.files.list({ appId: s.app.id, q: 'config' })).data.map((f) => f.id)).toEqual([second.id]);
      expect(await s.client.files.get(file.id)).toEqual(file);

      const renamed = await s.client.files.update(file.id, { name: 'Loader v2.exe', subscriptions: [] });
      expect(renamed).toMatchObject({ id: file.id, name: 'Loader v2.exe', subscriptions: [], sha256: file.sha256 });
      const bad = await t.http
        .patch(`/v1/admin/files/${file.id}`)
        .set('authorization', `Bearer ${s.token}`)
        .send({ name: 'x\ny', subscriptions: ['no spaces'], other: 1 })
        .expect(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'other', 'subscriptions']);
    });

    it('takes the fields before or after the file, subscriptions repeated or comma-separated', async () => {
      const data = Buffer.from('fields after the file');
      const res = await t.http
        .post('/v1/admin/files/upload')
        .set('authorization', `Bearer ${s.token}`)
        .attach('file', data, { filename: 'notes.txt', contentType: 'text/plain' })
        .field('subscriptions', 'premium, gold')
        .field('subscriptions', 'vip')
        .field('appId', s.app.id)
        .expect(201);
      expect(res.body.data).toMatchObject({
        name: 'notes.txt',
        size: data.length,
        contentType: 'text/plain',
        subscriptions: ['premium', 'gold', 'vip'],
      });
    });

    it('refuses bad uploads with nothing stored: no app, unknown fields, bad values, no file, two files, not multipart', async () => {
      const before = storedObjects(config.filesDir).length;
      const post = () => t.http.post('/v1/admin/files/upload').set('authorization', `Bearer ${s.token}`);
      const cases: Array<[() => ReturnType<typeof post>, number, string]> = [
        [() => post().attach('file', Buffer.from('x'), 'a.bin'), 400, 'VALIDATION_FAILED'],
        [() => post().field('appId', s.app.id).field('extra', '1').attach('file', Buffer.from('x'), 'a.bin'), 400, 'VALIDATION_FAILED'],
        [
          () => post().attach('file', Buffer.from('x'), 'a.bin').field('appId', s.app.id).field('subscriptions', 'bad sub'),
          400,
          'VALIDATION_FAILED',
        ],
        [() => post().field('appId', s.app.id).field('name', '   '), 400, 'VALIDATION_FAILED'],
        [
          () => post().field('appId', s.app.id).attach('file', Buffer.from('x'), 'a.bin').attach('file', Buffer.from('y'), 'b.bin'),
          400,
          'VALIDATION_FAILED',
        ],
        [() => post().field('appId', s.app.id).attach('other', Buffer.from('x'), 'a.bin'), 400, 'VALIDATION_FAILED'],
        [() => post().field('appId', 'app_00000000000000000000000000000000').attach('file', Buffer.from('x'), 'a.bin'), 404, 'NOT_FOUND'],
        [() => post().attach('file', Buffer.from('x'), 'a.bin').field('appId', 'app_00000000000000000000000000000000'), 404, 'NOT_FOUND'],
        [() => post().send({ appId: s.app.id }), 400, 'BAD_REQUEST'],
        [() => post().set('content-type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nbroken'), 400, 'BAD_REQUEST'],
      ];
      for (const [send, status, code] of cases) {
        const res = await send();
        expect([res.status, res.body.error?.code]).toEqual([status, code]);
      }
      await t.http.post('/v1/admin/files/upload').attach('file', Buffer.from('x'), 'a.bin').field('appId', s.app.id).expect(401);
      expect(storedObjects(config.filesDir)).toHaveLength(before);
      expect((await s.client.files.list({ appId: s.app.id })).meta.total).toBe(0);
    });

    it("another seller's files are 404 on every admin route, and an upload to another seller's app stores nothing", async () => {
      const file = await upload(Buffer.from('mine'));
      const other = await sellerWithApp(t.url, 'Other');
      for (const call of [
        () => other.client.files.get(file.id),
        () => other.client.files.update(file.id, { name: 'stolen' }),
        () => other.client.files.remove(file.id),
        () => other.client.files.replaceContent(file.id, new Blob([Buffer.from('evil')])),
        () => other.client.files.list({ appId: s.app.id }),
      ]) {
        await expect(call()).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
      }
      const before = storedObjects(config.filesDir).length;
      await expect(upload(Buffer.from('into your app'), {}, other, s.app.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(storedObjects(config.filesDir)).toHaveLength(before);
      expect(await s.client.files.get(file.id)).toEqual(file);
      expect(readFileSync(objectOf(file.id)).length).toBeGreaterThan(0);
    });

    it('replaces the contents (new bytes served, old bytes removed) and deletes (row and bytes gone)', async () => {
      const first = Buffer.from('version one');
      const file = await upload(first, { subscriptions: ['premium'] });
      const oldObject = objectOf(file.id);
      const { client } = await userSession({ subscription: 'premium' });

      const second = randomBytes(CHUNK + 5);
      const replaced = await s.client.files.replaceContent(file.id, new Blob([second], { type: 'application/zip' }), 'v2.zip');
      expect(replaced).toMatchObject({
        id: file.id,
        name: 'loader.exe',
        subscriptions: ['premium'],
        size: second.length,
        sha256: sha256(second),
        contentType: 'application/zip',
      });
      expect(existsSync(oldObject)).toBe(false);
      expect(objectOf(file.id)).not.toBe(oldObject);
      expect((await bytes(file.id, client).expect(200)).body.equals(second)).toBe(true);

      const extra = await t.http
        .put(`/v1/admin/files/${file.id}/content`)
        .set('authorization', `Bearer ${s.token}`)
        .field('name', 'x')
        .attach('file', Buffer.from('x'), 'x.bin')
        .expect(400);
      expect(extra.body.error.code).toBe('VALIDATION_FAILED');
      expect(objectsOf(file.id)).toHaveLength(1);

      expect(await s.client.files.remove(file.id)).toEqual({ id: file.id, deleted: true });
      expect(objectsOf(file.id)).toEqual([]);
      await expect(s.client.files.get(file.id)).rejects.toMatchObject({ status: 404 });
      expect((await meta(file.id, client).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await bytes(file.id, client).expect(404)).status).toBe(404);
    });
  });

  describe('at rest', () => {
    it('the storage directory never holds the plaintext, and the row holds no key in the clear', async () => {
      const marker = Buffer.from('KEYHOLD-PLAINTEXT-MARKER ');
      const data = Buffer.concat(Array.from({ length: 8000 }, () => marker)); // 200 kB, 4 chunks
      const file = await upload(data);
      const stored = readFileSync(objectOf(file.id));
      expect(stored.length).toBe(data.length + 4 * 16);
      expect(stored.includes(marker)).toBe(false);
      expect(stored.includes(data.subarray(0, CHUNK))).toBe(false);
      const [row] = await t.app
        .get(DataSource)
        .query('SELECT wrapped_key, nonce_prefix, chunk_size FROM files WHERE id = $1', [
          file.id.slice(5).replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, '$1-$2-$3-$4-$5'),
        ]);
      expect(row.wrapped_key).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(row.chunk_size).toBe(CHUNK);
      // No unfinished writes are left over.
      expect(storedObjects(config.filesDir).filter((p) => p.startsWith('.incomplete'))).toEqual([]);
    });

    it('stored bytes gone between lookup and read (a replace racing a download) answer 404, not 500', async () => {
      const file = await upload(randomBytes(CHUNK));
      const { client } = await userSession();
      rmSync(objectOf(file.id));
      const res = await bytes(file.id, client).expect(404);
      expect(json(res).error.code).toBe('NOT_FOUND');
    });

    it('a flipped byte in the first chunk answers 500 INTERNAL; in a later chunk the download is aborted, never altered', async () => {
      const data = randomBytes(4 * CHUNK);
      const file = await upload(data);
      const { client } = await userSession();
      const path = objectOf(file.id);
      const pristine = readFileSync(path);

      const damaged = Buffer.from(pristine);
      damaged[100] ^= 0x01;
      writeFileSync(path, damaged);
      const res = await bytes(file.id, client).expect(500);
      expect(json(res).error.code).toBe('INTERNAL');
      // A range that does not touch the damaged chunk is still served.
      const tail = await bytes(file.id, client)
        .set('range', `bytes=${2 * CHUNK}-${2 * CHUNK + 9}`)
        .expect(206);
      expect(tail.body.equals(data.subarray(2 * CHUNK, 2 * CHUNK + 10))).toBe(true);

      const later = Buffer.from(pristine);
      later[2 * (CHUNK + 16) + 7] ^= 0x80; // inside chunk 2
      writeFileSync(path, later);
      const got = await new Promise<{ status: number; body: Buffer; complete: boolean }>((resolve) => {
        const req = httpGet(
          `${t.url}/v1/client/files/${file.id}/bytes`,
          { headers: { 'x-api-key': s.app.apiKey, authorization: `Bearer ${client.token}` } },
          (r) => {
            const parts: Buffer[] = [];
            r.on('data', (c: Buffer) => parts.push(c));
            r.on('error', () => undefined);
            r.on('close', () => resolve({ status: r.statusCode ?? 0, body: Buffer.concat(parts), complete: r.complete }));
          },
        );
        req.on('error', () => undefined);
      });
      expect(got.status).toBe(200);
      expect(got.complete).toBe(false);
      expect(got.body.length).toBeLessThanOrEqual(2 * CHUNK);
      expect(got.body.equals(data.subarray(0, got.body.length))).toBe(true);
      // The SDK refuses it too and leaves no file behind.
      const dest = join(work, 'damaged.bin');
      await expect(client.files.download(file.id, dest)).rejects.toBeInstanceOf(KeyholdError);
      expect(existsSync(dest) || existsSync(`${dest}.part`)).toBe(false);

      writeFileSync(path, pristine);
      expect((await bytes(file.id, client).expect(200)).body.equals(data)).toBe(true);
      // Only the intact download counted.
      expect(await downloadEvents(t, s.app.id, 1)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(await eventsOf(t, s.app.id, 'file.download')).toHaveLength(1);
    });

    it('the janitor removes bytes no row points to (an app deleted with its files)', async () => {
      const kept = await upload(Buffer.from('kept'));
      const doomedApp = await s.client.apps.create({ name: 'Doomed' });
      const doomed = await upload(Buffer.from('doomed'), {}, s, doomedApp.id);
      expect(objectsOf(doomed.id)).toHaveLength(1);
      await s.client.apps.remove(doomedApp.id);
      expect(objectsOf(doomed.id)).toHaveLength(1); // the rows went by cascade, the bytes not yet
      const result = await t.app.get(FilesJanitor).sweep(0);
      expect(result.orphans).toBeGreaterThanOrEqual(1);
      expect(objectsOf(doomed.id)).toEqual([]);
      expect(objectsOf(kept.id)).toHaveLength(1);
    });
  });

  describe('end users', () => {
    let data: Buffer;
    let file: FileResponse;
    beforeEach(async () => {
      data = randomBytes(3 * CHUNK + 1234);
      file = await upload(data, { name: 'Lädr "v2".exe', subscriptions: ['premium'] });
    });

    it('metadata and the whole file with its headers; the SDK streams it to disk and verifies it', async () => {
      const { client } = await userSession({ subscription: 'premium' });
      expect((await meta(file.id, client).expect(200)).body).toEqual({
        success: true,
        data: {
          id: file.id,
          name: 'Lädr "v2".exe',
          size: data.length,
          sha256: sha256(data),
          contentType: 'application/x-msdownload',
          createdAt: file.createdAt,
        },
      });
      expect(await client.files.get(file.id)).toEqual({
        id: file.id,
        name: file.name,
        size: file.size,
        sha256: file.sha256,
        contentType: file.contentType,
        createdAt: file.createdAt,
      });

      const res = await bytes(file.id, client).expect(200);
      expect(res.body.equals(data)).toBe(true);
      expect(res.headers).toMatchObject({
        'content-length': String(data.length),
        'content-type': 'application/x-msdownload',
        'content-disposition': `attachment; filename="L_dr _v2_.exe"; filename*=UTF-8''L%C3%A4dr%20%22v2%22.exe`,
        'accept-ranges': 'bytes',
        'x-file-sha256': sha256(data),
      });

      const dest = join(work, 'download.exe');
      expect(await client.files.download(file.id, dest)).toEqual({ path: dest, size: data.length, sha256: sha256(data) });
      expect(readFileSync(dest).equals(data)).toBe(true);
    });

    it('serves ranges: within a chunk, across chunk boundaries, open-ended and suffix; 416 past the end', async () => {
      const { client } = await userSession({ subscription: 'premium' });
      const n = data.length;
      for (const [header, start, end] of [
        ['bytes=0-99', 0, 99],
        [`bytes=${CHUNK - 10}-${CHUNK + 9}`, CHUNK - 10, CHUNK + 9],
        [`bytes=${CHUNK - 1}-${3 * CHUNK}`, CHUNK - 1, 3 * CHUNK],
        [`bytes=${CHUNK}-${2 * CHUNK - 1}`, CHUNK, 2 * CHUNK - 1],
        [`bytes=${2 * CHUNK + 5}-`, 2 * CHUNK + 5, n - 1],
        ['bytes=-1000', n - 1000, n - 1],
        [`bytes=-${n + 50}`, 0, n - 1],
        [`bytes=${n - 1}-${n + 100}`, n - 1, n - 1],
      ] as Array<[string, number, number]>) {
        const res = await bytes(file.id, client).set('range', header).expect(206);
        expect(res.body.equals(data.subarray(start, end + 1))).toBe(true);
        expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${n}`);
        expect(res.headers['content-length']).toBe(String(end - start + 1));
        expect(res.headers['x-file-sha256']).toBe(sha256(data));
      }
      const unsatisfiable = await bytes(file.id, client).set('range', `bytes=${n}-`).expect(416);
      expect(json(unsatisfiable)).toMatchObject({ success: false, error: { code: 'BAD_REQUEST' } });
      expect(unsatisfiable.headers['content-range']).toBe(`bytes */${n}`);
      expect(unsatisfiable.headers['x-file-sha256']).toBe(sha256(data));
      // A malformed or multi-part Range is ignored: the whole file.
      expect((await bytes(file.id, client).set('range', 'bytes=0-1,100-101').expect(200)).body.equals(data)).toBe(true);
      // If-Range with a stale validator: the whole file; with the ETag: the range.
      expect((await bytes(file.id, client).set('range', 'bytes=0-9').set('if-range', '"stale"').expect(200)).body.length).toBe(n);
      const etag = (await bytes(file.id, client).expect(200)).headers.etag;
      expect((await bytes(file.id, client).set('range', 'bytes=0-9').set('if-range', etag).expect(206)).body.length).toBe(10);
    });

    it('an empty file downloads as zero bytes', async () => {
      const empty = await upload(Buffer.alloc(0), { filename: 'empty.txt' });
      const { client } = await userSession();
      const res = await bytes(empty.id, client).expect(200);
      expect(res.body.length).toBe(0);
      expect(res.headers['x-file-sha256']).toBe(sha256(Buffer.alloc(0)));
      expect((await bytes(empty.id, client).set('range', 'bytes=0-').expect(416)).headers['content-range']).toBe('bytes */0');
    });

    it('refuses: no API key, no token, logged out, banned, expired, another subscription, another app’s file', async () => {
      const { user, client } = await userSession({ subscription: 'premium' });
      await bytes(file.id, client).expect(200);

      const noKey = await t.http.get(`/v1/client/files/${file.id}/bytes`).set('authorization', `Bearer ${client.token}`).expect(401);
      expect(noKey.body.error.code).toBe('INVALID_KEY');
      for (const path of [`/v1/client/files/${file.id}`, `/v1/client/files/${file.id}/bytes`]) {
        const noToken = await t.http.get(path).set('x-api-key', s.app.apiKey).expect(401);
        expect(noToken.body.error.code).toBe('UNAUTHORIZED');
      }

      const basic = await userSession(); // no subscription
      const gold = await userSession({ subscription: 'gold' });
      for (const c of [basic.client, gold.client]) {
        expect((await meta(file.id, c).expect(403)).body.error.code).toBe('FORBIDDEN');
        expect(json(await bytes(file.id, c).expect(403)).error.code).toBe('FORBIDDEN');
      }

      // Another app of the same seller, and another seller's app: the id is simply not found.
      const otherApp = await s.client.apps.create({ name: 'Second' });
      const sameSeller = { ...s, app: otherApp };
      const other = await sellerWithApp(t.url, 'Other');
      for (const seller of [sameSeller, other]) {
        const { client: foreign } = await userSession({ subscription: 'premium', seller });
        expect((await meta(file.id, foreign, seller).expect(404)).body.error.code).toBe('NOT_FOUND');
        expect(json(await bytes(file.id, foreign, seller).expect(404)).error.code).toBe('NOT_FOUND');
      }
      expect((await meta('file_nope', client).expect(404)).body.error.code).toBe('NOT_FOUND');

      const loggedOut = await userSession({ subscription: 'premium' });
      await loggedOut.client.files.get(file.id);
      const token = loggedOut.client.token as string;
      await loggedOut.client.logout();
      const afterLogout = await t.http
        .get(`/v1/client/files/${file.id}/bytes`)
        .set('x-api-key', s.app.apiKey)
        .set('authorization', `Bearer ${token}`)
        .expect(401);
      expect(afterLogout.body.error.code).toBe('UNAUTHORIZED');

      await s.client.users.update(user.id, { banned: true });
      expect((await meta(file.id, client).expect(401)).body.error.code).toBe('UNAUTHORIZED');

      const expiring = await userSession({ subscription: 'premium' });
      await expiring.client.files.get(file.id);
      await s.client.users.update(expiring.user.id, { expiresAt: PAST });
      expect(json(await bytes(file.id, expiring.client).expect(401)).error.code).toBe('UNAUTHORIZED');
      await expect(expiring.client.files.download(file.id, join(work, 'never.bin'))).rejects.toMatchObject({
        status: 401,
        code: 'UNAUTHORIZED',
      });
      expect(existsSync(join(work, 'never.bin'))).toBe(false);
    });

    it('a license session downloads with the license’s subscription', async () => {
      const [premiumKey] = await keys(s, 1, 30, 'premium');
      const [basicKey] = await keys(s, 1, 30, 'basic');
      const licensed = endUser(t.url, s);
      await licensed.licenseLogin({ licenseKey: premiumKey, hwid: 'LIC-HW' });
      expect((await bytes(file.id, licensed).expect(200)).body.equals(data)).toBe(true);
      const basic = endUser(t.url, s);
      await basic.licenseLogin({ licenseKey: basicKey });
      expect(json(await bytes(file.id, basic).expect(403)).error.code).toBe('FORBIDDEN');

      const [event] = await downloadEvents(t, s.app.id, 1);
      const license = (await s.client.licenses.list({ appId: s.app.id, q: premiumKey })).data[0];
      expect(event.data).toEqual({ fileId: file.id, fileName: file.name, licenseId: license.id, ip: '127.0.0.1', hwid: 'LIC-HW' });
    });

    it('records file.download once per completed download, with the seed’s fields', async () => {
      const { user, client } = await userSession({ subscription: 'premium' });
      const download = {
        name: 'file.download',
        data: { fileId: file.id, fileName: file.name, userId: user.id, username: user.username, ip: '127.0.0.1', hwid: 'HWID-1' },
      };
      await bytes(file.id, client).expect(200);
      expect(await downloadEvents(t, s.app.id, 1)).toEqual([download]);
      // Metadata, HEAD, a refused call and a range short of the end are not downloads...
      await meta(file.id, client).expect(200);
      await t.http
        .head(`/v1/client/files/${file.id}/bytes`)
        .set('x-api-key', s.app.apiKey)
        .set('authorization', `Bearer ${client.token}`)
        .expect(200);
      await bytes(file.id, client).set('range', 'bytes=0-99').expect(206);
      await bytes(file.id, client).set('range', `bytes=${data.length}-`).expect(416);
      // ...the range that completes a download is, and so is the SDK's download.
      await bytes(file.id, client).set('range', 'bytes=100-').expect(206);
      expect(await downloadEvents(t, s.app.id, 2)).toEqual([download, download]);
      expect(await client.files.download(file.id, join(work, 'again.bin'))).toMatchObject({ size: data.length });
      expect(await downloadEvents(t, s.app.id, 3)).toEqual([download, download, download]);
      await new Promise((r) => setTimeout(r, 200));
      expect(await eventsOf(t, s.app.id, 'file.download')).toHaveLength(3);
    });
  });
});
