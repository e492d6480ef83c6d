/// <reference types="node" />
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- jest's types, by path: see structured-fields.spec.ts
/// <reference path="../../../apps/api/node_modules/@types/jest/index.d.ts" />
import { NONCE_PATTERN } from '@keyhold/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyholdSignatureError, VerifiedAnswer } from './answer-signatures';
import { digestField, jwksOf, signTestAnswer, TestSigningKey, testSigningKey } from './answer-signer.testing';
import { createEndUserClient, EndUserClientOptions } from './client';
import { KeyholdError } from './errors';

/** What the fake server answers: status, headers, body. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
/** The request as the fake server received it. */
interface Received {
  method: string;
  path: string;
  nonce?: string;
  range?: string;
}
type Handler = (req: Received) => Answer;

const pinned = testSigningKey('key_pinned');
const stranger = testSigningKey('key_stranger');
const FILE = randomBytes(200_000);
const LOGIN_OK = {
  success: true,
  data: { token: 'tok', user: { id: 'usr_1', username: 'u', hwid: null, subscription: null, expiresAt: null } },
};

const json = (status: number, value: unknown): Omit<Answer, 'headers'> & { headers: Record<string, string> } => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(value)),
});

/** The answer signed as Keyhold signs it, for the request received (or for `as`, to forge). */
function signed(req: Received, a: Answer, key: TestSigningKey = pinned, as: Partial<Received & { status: number }> = {}): Answer {
  const contentDigest = digestField(a.body);
  const signature = signTestAnswer(
    {
      status: as.status ?? a.status,
      method: as.method ?? req.method,
      path: as.path ?? req.path,
      nonce: 'nonce' in as ? as.nonce : req.nonce,
      contentDigest,
    },
    key,
  );
  return { ...a, headers: { ...a.headers, 'content-digest': contentDigest, ...signature } };
}

/** A file answer as the API makes it: whole (signed over Content-Digest) or ranged (over Repr-Digest and Content-Range). */
function fileAnswer(req: Received, key: TestSigningKey = pinned): Answer {
  const sha = createHash('sha256').update(FILE).digest();
  const base = {
    'content-type': 'application/octet-stream',
    'x-file-sha256': sha.toString('hex'),
    'repr-digest': `sha-256=:${sha.toString('base64')}:`,
  };
  const m = req.range && /^bytes=(\d+)-(\d+)$/.exec(req.range);
  if (m) {
    const [start, end] = [Number(m[1]), Number(m[2])];
    const contentRange = `bytes ${start}-${end}/${FILE.length}`;
    const signature = signTestAnswer(
      { status: 206, method: req.method, path: req.path, nonce: req.nonce, reprDigest: base['repr-digest'], contentRange },
      key,
    );
    return { status: 206, headers: { ...base, 'content-range': contentRange, ...signature }, body: FILE.subarray(start, end + 1) };
  }
  const contentDigest = `sha-256=:${sha.toString('base64')}:`;
  const signature = signTestAnswer({ status: 200, method: req.method, path: req.path, nonce: req.nonce, contentDigest }, key);
  return { status: 200, headers: { ...base, 'content-digest': contentDigest, ...signature }, body: FILE };
}

/** A stand-in for a Keyhold server on 127.0.0.1: what it answers is up to each test. */
class FakeServer {
  handler: Handler = () => json(500, {});
  readonly received: Received[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      req.resume();
      req.on('end', () => {
        const r: Received = {
          method: req.method ?? 'GET',
          path: (req.url ?? '/').split('?')[0],
          nonce: req.headers['keyhold-nonce'] as string | undefined,
          range: req.headers.range,
        };
        this.received.push(r);
        const a = this.handler(r);
        res.writeHead(a.status, { ...a.headers, 'content-length': String(a.body.length) });
        res.end(a.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

describe('the end-user client verifies every answer against the pinned JWK Set', () => {
  const server = new FakeServer();
  const work = mkdtempSync(join(tmpdir(), 'keyhold-sdk-verify-'));
  const verified: VerifiedAnswer[] = [];
  const client = (extra: Partial<EndUserClientOptions> = {}) =>
    createEndUserClient({ baseUrl: server.url, apiKey: 'ak_test', jwks: jwksOf(pinned), onVerified: (v) => verified.push(v), ...extra });
  const login = (c = client()) => c.login({ username: 'u', password: 'p' });
  const reasonOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'accepted';
    } catch (e) {
      if (!(e instanceof KeyholdSignatureError)) throw e;
      expect(e).toBeInstanceOf(KeyholdError);
      expect(e.code).toBe('UNVERIFIED_ANSWER');
      return e.reason;
    }
  };

  beforeAll(() => server.start());
  afterAll(async () => {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.received.length = 0;
    verified.length = 0;
    server.handler = (req) => signed(req, json(200, LOGIN_OK));
  });

  it('accepts a genuine answer, sending a fresh random nonce each call', async () => {
    const c = client();
    expect(c.verifying).toBe(true);
    expect((await login(c)).user.username).toBe('u');
    await login(c);
    const [a, b] = server.received.map((r) => r.nonce);
    expect(a).toMatch(NONCE_PATTERN);
    expect(a!.length).toBeGreaterThanOrEqual(16);
    expect(b).not.toBe(a);
    expect(verified).toHaveLength(2);
    expect(verified[0]).toMatchObject({ kid: 'key_pinned', method: 'POST', path: '/v1/client/login', nonce: a, covers: 'body' });
  });

  it('asks for a fresh answer each time (no HTTP cache: a cached answer carries an old nonce)', async () => {
    const inits: RequestInit[] = [];
    const spy: typeof fetch = (input, init) => {
      inits.push(init ?? {});
      return fetch(input, init);
    };
    await login(client({ fetch: spy }));
    await login(client({ fetch: spy, verify: false }));
    expect(inits.map((i) => i.cache)).toEqual(['no-store', undefined]);
  });

  it('refuses the emulator: a success answered unsigned', async () => {
    server.handler = () => json(200, LOGIN_OK);
    expect(await reasonOf(login())).toBe('unsigned');
  });

  it('refuses a recorded genuine answer replayed to another nonce', async () => {
    let recorded: Answer | undefined;
    server.handler = (req) => (recorded ??= signed(req, json(200, LOGIN_OK)));
    await login(); // recorded, genuine for its own nonce
    expect(await reasonOf(login())).toBe('nonce-mismatch');
  });

  it('refuses an answer with one body byte altered', async () => {
    server.handler = (req) => {
      const a = signed(req, json(200, LOGIN_OK));
      const body = Buffer.from(a.body);
      body[body.indexOf('"u"') + 1] = 'v'.charCodeAt(0);
      return { ...a, body };
    };
    expect(await reasonOf(login())).toBe('digest-mismatch');
  });

  it('refuses an answer signed with a key that is not pinned', async () => {
    server.handler = (req) => signed(req, json(200, LOGIN_OK), stranger);
    expect(await reasonOf(login())).toBe('unknown-key');
    // ... and one that claims a pinned kid but is signed with another key.
    server.handler = (req) => signed(req, json(200, LOGIN_OK), { ...stranger, kid: 'key_pinned' });
    expect(await reasonOf(login())).toBe('bad-signature');
  });

  it('refuses a genuine answer for another path, another method or another status', async () => {
    server.handler = (req) => signed(req, json(200, LOGIN_OK), pinned, { path: '/v1/client/license' });
    await expect(login()).rejects.toMatchObject({ reason: 'path-mismatch', message: expect.stringContaining('/v1/client/license') });
    server.handler = (req) => signed(req, json(200, LOGIN_OK), pinned, { method: 'GET' });
    expect(await reasonOf(login())).toBe('path-mismatch');
    server.handler = (req) => signed(req, json(200, LOGIN_OK), pinned, { status: 201 });
    expect(await reasonOf(login())).toBe('status-mismatch');
    // A genuine 401 passed off as a success.
    server.handler = (req) => ({
      ...signed(req, json(401, { success: false, error: { code: 'INVALID_CREDENTIALS', message: 'no' } })),
      status: 200,
    });
    expect(await reasonOf(login())).toBe('status-mismatch');
  });

  it('notices a proxy that strips the base URL path before the server signs', async () => {
    server.handler = (req) => signed(req, json(200, LOGIN_OK), pinned, { path: req.path.replace(/^\/keyhold/, '') });
    const c = client({ baseUrl: `${server.url}/keyhold` });
    await expect(login(c)).rejects.toMatchObject({
      reason: 'path-mismatch',
      message: expect.stringContaining('not for POST /keyhold/v1/client/login'),
    });
  });

  it('turns a verified error answer into the usual KeyholdError, and refuses an unverifiable one', async () => {
    const refused = json(401, { success: false, error: { code: 'INVALID_CREDENTIALS', message: 'Username or password is incorrect' } });
    server.handler = (req) => signed(req, refused);
    await expect(login()).rejects.toMatchObject({ name: 'KeyholdError', status: 401, code: 'INVALID_CREDENTIALS' });
    expect(verified).toHaveLength(1);
    server.handler = () => refused;
    expect(await reasonOf(login())).toBe('unsigned');
    server.handler = (req) => signed(req, refused, stranger);
    expect(await reasonOf(login())).toBe('unknown-key');
  });

  it('verifies nothing and sends no nonce with verify: false, and needs jwks for verify: true', async () => {
    server.handler = () => json(200, LOGIN_OK);
    const c = client({ verify: false });
    expect(c.verifying).toBe(false);
    await expect(login(c)).resolves.toMatchObject({ token: 'tok' });
    expect(server.received[0].nonce).toBeUndefined();
    await expect(login(createEndUserClient({ baseUrl: server.url, apiKey: 'ak' }))).resolves.toMatchObject({ token: 'tok' });
    expect(() => createEndUserClient({ baseUrl: server.url, apiKey: 'ak', verify: true })).toThrow(TypeError);
  });

  describe('file downloads', () => {
    beforeEach(() => {
      server.handler = (req) => fileAnswer(req);
    });

    it('checks a whole file as it streams (bytes)', async () => {
      const res = await client().files.bytes('file_1');
      expect(Buffer.from(await res.arrayBuffer()).equals(FILE)).toBe(true);
      expect(verified[0]).toMatchObject({ covers: 'body', sha256: createHash('sha256').update(FILE).digest('hex') });
    });

    it('errors the stream at its end when a byte was altered (bytes)', async () => {
      server.handler = (req) => {
        const a = fileAnswer(req);
        const body = Buffer.from(a.body);
        body[150_000] ^= 1;
        return { ...a, body };
      };
      const res = await client().files.bytes('file_1');
      expect(await reasonOf(res.arrayBuffer())).toBe('digest-mismatch');
    });

    it('saves a genuine file, and deletes an altered one (download)', async () => {
      const dest = join(work, 'good.bin');
      await expect(client().files.download('file_1', dest)).resolves.toMatchObject({ size: FILE.length });
      expect(readFileSync(dest).equals(FILE)).toBe(true);

      server.handler = (req) => {
        const a = fileAnswer(req);
        const body = Buffer.from(a.body);
        body[199_999] ^= 0x80;
        return { ...a, body };
      };
      const bad = join(work, 'bad.bin');
      expect(await reasonOf(client().files.download('file_1', bad))).toBe('digest-mismatch');
      expect(existsSync(bad)).toBe(false);
      expect(readdirSync(work)).toEqual(['good.bin']);
    });

    it('refuses an unsigned or foreign-signed file, leaving no file', async () => {
      server.handler = (req) => {
        const a = fileAnswer(req);
        return { ...a, headers: { 'content-type': 'application/octet-stream', 'x-file-sha256': a.headers['x-file-sha256'] } };
      };
      expect(await reasonOf(client().files.download('file_1', join(work, 'unsigned.bin')))).toBe('unsigned');
      server.handler = (req) => fileAnswer(req, stranger);
      expect(await reasonOf(client().files.bytes('file_1'))).toBe('unknown-key');
      expect(existsSync(join(work, 'unsigned.bin'))).toBe(false);
    });

    it('verifies a ranged answer over repr-digest and content-range, and the assembled file against it', async () => {
      const c = client();
      const parts: Buffer[] = [];
      for (const range of ['bytes=0-99999', 'bytes=100000-199999']) {
        const res = await c.files.bytes('file_1', range);
        expect(res.status).toBe(206);
        parts.push(Buffer.from(await res.arrayBuffer()));
      }
      expect(verified.map((v) => [v.covers, v.contentRange])).toEqual([
        ['range', 'bytes 0-99999/200000'],
        ['range', 'bytes 100000-199999/200000'],
      ]);
      // The ranges are proven to belong to the file whose SHA-256 is Repr-Digest; the bytes, once assembled.
      expect(createHash('sha256').update(Buffer.concat(parts)).digest('hex')).toBe(verified[0].sha256);
    });

    it('refuses a ranged answer whose Content-Range was changed, and a ranged answer to a whole-file request', async () => {
      server.handler = (req) => {
        const a = fileAnswer(req);
        return { ...a, headers: { ...a.headers, 'content-range': 'bytes 5-99999/200000' } };
      };
      expect(await reasonOf(client().files.bytes('file_1', 'bytes=0-99999'))).toBe('bad-signature');
      // A genuine ranged answer (someone added a Range header on the way) where the whole file was asked for.
      server.handler = (req) => fileAnswer({ ...req, range: 'bytes=0-9' });
      expect(await reasonOf(client().files.download('file_1', join(work, 'ranged.bin')))).toBe('malformed');
      expect(await reasonOf(client().files.bytes('file_1'))).toBe('malformed');
    });

    it('verifies an error answer of the download route before throwing it', async () => {
      server.handler = (req) =>
        signed(req, json(403, { success: false, error: { code: 'FORBIDDEN', message: 'Not for your subscription' } }));
      await expect(client().files.download('file_1', join(work, 'x.bin'))).rejects.toMatchObject({
        name: 'KeyholdError',
        code: 'FORBIDDEN',
      });
      server.handler = () => json(403, { success: false, error: { code: 'FORBIDDEN', message: 'x' } });
      expect(await reasonOf(client().files.bytes('file_1'))).toBe('unsigned');
    });
  });
});
