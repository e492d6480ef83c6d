import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sellerWithApp, SellerFixture } from '../factories/sellers';
import { createTestApp, TestApp } from '../utils/test-app';

const run = promisify(execFile);
const EXAMPLES = join(__dirname, '../../../../examples/verify-answers');
const PYTHON = process.env.VERIFY_PYTHON ?? 'python3';

/**
 * The README's verification examples, run against real answers: the Python one (cryptography)
 * calls the server itself; the C++ one (libsodium) checks an answer fetched here, genuine and bent.
 */
describe("the README's answer-verification examples", () => {
  let t: TestApp;
  let s: SellerFixture;
  let dir: string;
  let jwks: { keys: Array<{ kid: string; x: string }> };
  beforeAll(async () => {
    t = await createTestApp();
    s = await sellerWithApp(t.url);
    dir = mkdtempSync(join(tmpdir(), 'keyhold-verify-'));
    jwks = (await t.http.get('/v1/client/jwks').set('x-api-key', s.app.apiKey).expect(200)).body;
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('Python: verifies a genuine answer, and refuses one pinned to another app', async () => {
    const ok = await run(PYTHON, [join(EXAMPLES, 'verify_answer.py'), t.url, s.app.apiKey, join(dir, 'jwks.json')]);
    expect(ok.stdout.trim()).toBe('verified: 401 INVALID_CREDENTIALS');

    const other = await sellerWithApp(t.url, 'Other');
    const otherKeys = (await t.http.get('/v1/client/jwks').set('x-api-key', other.app.apiKey).expect(200)).body;
    writeFileSync(join(dir, 'other.json'), JSON.stringify(otherKeys));
    await expect(run(PYTHON, [join(EXAMPLES, 'verify_answer.py'), t.url, s.app.apiKey, join(dir, 'other.json')])).rejects.toMatchObject({
      stderr: expect.stringContaining('signed by a key this build does not pin'),
    });
  });

  it('C++: verifies a genuine answer; an altered body, status or nonce, or another key, is refused', async () => {
    const binary = join(dir, 'verify_answer');
    await run('g++', ['-std=c++17', join(EXAMPLES, 'verify_answer.cpp'), '-lsodium', '-o', binary]);
    const nonce = 'cpp-nonce-12345678';
    const res = await fetch(`${t.url}/v1/client/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': s.app.apiKey, 'keyhold-nonce': nonce },
      body: JSON.stringify({ username: 'nobody', password: 'wrong', hwid: 'HW' }),
    });
    const body = Buffer.from(await res.arrayBuffer());
    writeFileSync(join(dir, 'body'), body);
    writeFileSync(join(dir, 'altered'), Buffer.concat([body, Buffer.from(' ')]));
    const [key] = jwks.keys;
    const args = (o: { status?: number; nonce?: string; bodyFile?: string; x?: string } = {}) => [
      String(o.status ?? res.status),
      'POST',
      '/v1/client/login',
      o.nonce ?? nonce,
      join(dir, o.bodyFile ?? 'body'),
      res.headers.get('content-digest') ?? '',
      res.headers.get('signature-input') ?? '',
      res.headers.get('signature') ?? '',
      key.kid,
      o.x ?? key.x,
    ];
    expect((await run(binary, args())).stdout.trim()).toBe('verified');
    const refusal = async (a: string[]) =>
      run(binary, a).then(
        () => 'verified',
        (e: { stderr: string }) => e.stderr.trim(),
      );
    expect(await refusal(args({ bodyFile: 'altered' }))).toBe('refused: the body is not the one signed');
    expect(await refusal(args({ status: 200 }))).toBe('refused: forged signature');
    expect(await refusal(args({ nonce: 'another-nonce-1234' }))).toBe('refused: an answer to another request (replayed)');
    const other = await sellerWithApp(t.url, 'Other C++');
    const [otherKey] = (await t.http.get('/v1/client/jwks').set('x-api-key', other.app.apiKey).expect(200)).body.keys;
    expect(await refusal(args({ x: otherKey.x }))).toBe('refused: forged signature');
  });
});
