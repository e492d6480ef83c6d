import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

jest.setTimeout(60_000);

const MAX = 100_000;

/** Every file under the storage directory, unfinished writes included. */
function storedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile());
}

/** A multipart upload written by hand, the file streamed in pieces (chunked: no Content-Length). */
function streamedUpload(url: string, token: string, appId: string, fileBytes: number) {
  const boundary = `----keyhold${randomBytes(8).toString('hex')}`;
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      `${url}/v1/admin/files/upload`,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="appId"\r\n\r\n${appId}\r\n`);
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    let sent = 0;
    const piece = randomBytes(16 * 1024);
    const pump = () => {
      while (sent < fileBytes) {
        const n = Math.min(piece.length, fileBytes - sent);
        sent += n;
        if (!req.write(piece.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

describe('files: the size limit and interrupted uploads leave nothing behind', () => {
  let t: TestApp;
  let config: AppConfig;
  let s: SellerFixture;

  beforeAll(async () => {
    t = await createTestApp({ FILES_MAX_BYTES: String(MAX) });
    config = t.app.get<AppConfig>(APP_CONFIG);
    s = await sellerWithApp(t.url);
  });
  afterAll(() => t.close());

  const rows = async () => Number((await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM files'))[0].n);

  async function expectNothingLeft(expectedRows: number, expectedObjects: number) {
    expect(await rows()).toBe(expectedRows);
    // Only finished objects of accepted files: no stray ciphertext and no unfinished write.
    expect(storedFiles(config.filesDir)).toHaveLength(expectedObjects);
    expect(storedFiles(config.filesDir).filter((p) => p.startsWith('.incomplete'))).toEqual([]);
  }

  it('takes a file of exactly FILES_MAX_BYTES', async () => {
    const file = await s.client.files.upload({ appId: s.app.id, file: new Blob([randomBytes(MAX)]), filename: 'max.bin' });
    expect(file.size).toBe(MAX);
    await expectNothingLeft(1, 1);
  });

  it('one byte more is 413 PAYLOAD_TOO_LARGE in the envelope, the fields before or after the file', async () => {
    const post = () => t.http.post('/v1/admin/files/upload').set('authorization', `Bearer ${s.token}`);
    const before = await post()
      .field('appId', s.app.id)
      .attach('file', randomBytes(MAX + 1), 'over.bin')
      .expect(413);
    expect(before.body).toEqual({ success: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `A file may be at most ${MAX} bytes` } });
    const after = await post()
      .attach('file', randomBytes(MAX + 1), 'over.bin')
      .field('appId', s.app.id)
      .expect(413);
    expect(after.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    await expect(s.client.files.upload({ appId: s.app.id, file: new Blob([randomBytes(2 * MAX)]) })).rejects.toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    await expectNothingLeft(1, 1);
  });

  it('a declared body far over the limit is refused before it is read', async () => {
    // 10 GB announced, a few bytes sent: the answer comes without waiting for the rest.
    const boundary = 'keyhold-boundary';
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${t.url}/v1/admin/files/upload`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${s.token}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(10 * 1024 ** 3),
          },
        },
        (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => {
            req.destroy();
            resolve({ status: r.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.bin"\r\n\r\n`);
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    await expectNothingLeft(1, 1);
  });

  it('a streamed (chunked) upload is cut off at the limit; the connection still gets its answer', async () => {
    const { status, body } = await streamedUpload(t.url, s.token, s.app.id, 3 * 1024 * 1024);
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe('PAYLOAD_TOO_LARGE');
    await expectNothingLeft(1, 1);
    // The same server keeps taking uploads.
    const ok = await streamedUpload(t.url, s.token, s.app.id, 50_000);
    expect(ok).toMatchObject({ status: 201 });
    await expectNothingLeft(2, 2);
  });

  it('an upload the client abandons midway leaves no row, no object and no unfinished write', async () => {
    const boundary = 'keyhold-boundary';
    const req = httpRequest(`${t.url}/v1/admin/files/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="appId"\r\n\r\n${s.app.id}\r\n`);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`);
    req.write(randomBytes(80_000));
    const incomplete = () => storedFiles(config.filesDir).filter((p) => p.startsWith('.incomplete'));
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(ok()).toBe(true);
    };
    await until(() => incomplete().length === 1); // the upload is being written
    req.destroy();
    await until(() => incomplete().length === 0);
    await expectNothingLeft(2, 2);
  });

  it('replacing the contents with too much is 413 and keeps the old contents', async () => {
    const file = await s.client.files.upload({ appId: s.app.id, file: new Blob([Buffer.from('keep me')]) });
    const res = await t.http
      .put(`/v1/admin/files/${file.id}/content`)
      .set('authorization', `Bearer ${s.token}`)
      .attach('file', randomBytes(MAX + 1), 'over.bin')
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await s.client.files.get(file.id)).toEqual(file);
    await expectNothingLeft(3, 3);
  });
});
