/// <reference types="node" />
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- jest's types, by path: see structured-fields.spec.ts
/// <reference path="../../../apps/api/node_modules/@types/jest/index.d.ts" />
import { NONCE_PATTERN } from '@keyhold/contracts';
import { sign } from 'node:crypto';
import {
  createNonce,
  KeyholdSignatureError,
  PinnedKeys,
  SignedExchange,
  signatureBase,
  verifyAnswerBody,
  verifyAnswerSignature,
  verifyEd25519,
} from './answer-signatures';
import { digestField, jwksOf, signTestAnswer, testSigningKey } from './answer-signer.testing';
import { KeyholdError } from './errors';
import { isInnerList, Item, parseDictionary, serializeItem } from './structured-fields';

/** RFC 9421 Appendix B.1.4: test-key-ed25519 (the JWK form of its PEM keys). */
const RFC_TEST_KEY = { kty: 'OKP', crv: 'Ed25519', kid: 'test-key-ed25519', x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs' } as const;
const RFC_TEST_PRIVATE_D = 'n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU';

describe('RFC 9421 Appendix B.2.6: signing a request using ed25519', () => {
  // The test request of Appendix B.2 (the parts B.2.6 covers).
  const request: Record<string, string> = {
    date: 'Tue, 20 Apr 2021 02:07:55 GMT',
    '@method': 'POST',
    '@path': '/foo',
    '@authority': 'example.com',
    'content-type': 'application/json',
    'content-length': '18',
  };
  const signatureInput =
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
  const signatureField = 'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:';
  const expectedBase = [
    '"date": Tue, 20 Apr 2021 02:07:55 GMT',
    '"@method": POST',
    '"@path": /foo',
    '"@authority": example.com',
    '"content-type": application/json',
    '"content-length": 18',
    '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
  ].join('\n');

  const parsed = () => {
    const input = parseDictionary(signatureInput).get('sig-b26');
    const signature = parseDictionary(signatureField).get('sig-b26');
    if (!input || !isInnerList(input) || !signature || isInnerList(signature) || !(signature.value instanceof Uint8Array))
      throw new Error();
    return { input, signature: signature.value };
  };
  const valueOf = (c: Item) => request[c.value as string] ?? null;

  it('builds the signature base the RFC gives', () => {
    expect(signatureBase(parsed().input, valueOf)).toBe(expectedBase);
  });

  it("verifies the RFC's signature with test-key-ed25519 (Web Crypto, key imported from the JWK)", async () => {
    const { input, signature } = parsed();
    const key = await new PinnedKeys({ keys: [{ ...RFC_TEST_KEY, use: 'sig', alg: 'EdDSA' }] }).key('test-key-ed25519')!;
    expect(signature).toHaveLength(64);
    expect(await verifyEd25519(key, signature, signatureBase(input, valueOf))).toBe(true);
    expect(
      await verifyEd25519(
        key,
        signature,
        signatureBase(input, (c) => (c.value === '@path' ? '/fo0' : valueOf(c))),
      ),
    ).toBe(false);
  });

  it('reproduces the signature value itself (Ed25519 is deterministic)', async () => {
    const { createPrivateKey } = await import('node:crypto');
    const privateKey = createPrivateKey({ key: { ...RFC_TEST_KEY, d: RFC_TEST_PRIVATE_D }, format: 'jwk' });
    const ours = sign(null, Buffer.from(signatureBase(parsed().input, valueOf), 'utf8'), privateKey).toString('base64');
    expect(`sig-b26=:${ours}:`).toBe(signatureField);
  });

  it('refuses a base whose component is missing from the message or covered twice', () => {
    expect(() => signatureBase(parsed().input, (c) => (c.value === 'date' ? null : valueOf(c)))).toThrow(/no component "date"/);
    const twice = parseDictionary('s=("date" "date")').get('s');
    expect(() => signatureBase(twice as never, valueOf)).toThrow(/twice/);
  });
});

describe("Keyhold's answer profile", () => {
  const key = testSigningKey('key_test1');
  const keys = new PinnedKeys(jwksOf(key));
  const body = '{"success":true,"data":{"ok":1}}';
  const nonce = 'n0nce-0123456789abcdef';
  const answer = (headers: Record<string, string>, over: Partial<SignedExchange> = {}): SignedExchange => ({
    method: 'POST',
    path: '/v1/client/license',
    nonce,
    status: 200,
    headers: new Headers(headers),
    ...over,
  });
  const genuine = (over: Partial<Parameters<typeof signTestAnswer>[0]> = {}): Record<string, string> => {
    const signed = { status: 200, method: 'POST', path: '/v1/client/license', nonce, contentDigest: digestField(body), ...over };
    return { 'content-digest': digestField(body), ...signTestAnswer(signed, key) };
  };
  const reasonOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(KeyholdSignatureError);
      expect(e).toBeInstanceOf(KeyholdError);
      expect(e).toMatchObject({ status: 0, code: 'UNVERIFIED_ANSWER' });
      return (e as KeyholdSignatureError).reason;
    }
    return 'verified';
  };

  it("verifies the contract's example layout and reports what it proves", async () => {
    const v = await verifyAnswerSignature(answer(genuine({ created: 1796153142 })), keys);
    expect(v).toMatchObject({ kid: 'key_test1', created: 1796153142, nonce, covers: 'body', status: 200, path: '/v1/client/license' });
    await expect(verifyAnswerBody(v, new TextEncoder().encode(body))).resolves.toBeUndefined();
    expect(await reasonOf(verifyAnswerBody(v, new TextEncoder().encode(body.replace('1', '2'))))).toBe('digest-mismatch');
  });

  describe('Signature-Input edge cases', () => {
    const withInput = (f: (input: string, signature: string) => Record<string, string>) => {
      const g = genuine();
      return { 'content-digest': g['content-digest'], ...f(g['signature-input'], g.signature) };
    };

    it('finds keyhold among other signatures, on either field, in any order', async () => {
      const h = withInput((i, s) => ({
        'signature-input': `proxy=("@status");created=1;keyid="x", ${i}`,
        signature: `${s}, proxy=:${Buffer.alloc(64).toString('base64')}:`,
      }));
      expect(await reasonOf(verifyAnswerSignature(answer(h), keys))).toBe('verified');
    });

    it('reads the fields combined from several lines (as fetch joins them)', async () => {
      const headers = new Headers();
      const g = genuine();
      headers.append('content-digest', g['content-digest']);
      headers.append('signature-input', 'other=("@status");keyid="o"');
      headers.append('signature-input', g['signature-input']);
      headers.append('signature', g.signature);
      expect(await reasonOf(verifyAnswerSignature({ ...answer({}), headers }, keys))).toBe('verified');
    });

    it('checks the parameters in the order they were sent (they are part of the base)', async () => {
      // A signer that puts keyid first: the base is built from the parameters as they arrived.
      const params = `("@status" "content-digest" "@method";req "@path";req);keyid="key_test1";nonce="${nonce}";created=7`;
      const base = [
        '"@status": 200',
        `"content-digest": ${digestField(body)}`,
        '"@method";req: POST',
        '"@path";req: /v1/client/license',
        `"@signature-params": ${params}`,
      ].join('\n');
      const sig = sign(null, Buffer.from(base), key.privateKey).toString('base64');
      const h = { 'content-digest': digestField(body), 'signature-input': `keyhold=${params}`, signature: `keyhold=:${sig}:` };
      expect(await reasonOf(verifyAnswerSignature(answer(h), keys))).toBe('verified');
    });

    it.each<[string, (i: string, s: string) => Record<string, string>, string]>([
      ['no signature fields', () => ({}), 'unsigned'],
      ['only another label', () => ({ 'signature-input': 'sig1=("@status");keyid="x"', signature: 'sig1=:AAAA:' }), 'unsigned'],
      ['Signature-Input without Signature', (i) => ({ 'signature-input': i }), 'malformed'],
      ['Signature without Signature-Input', (_i, s) => ({ signature: s }), 'malformed'],
      ['unparsable Signature-Input', (i, s) => ({ 'signature-input': i.replace('(', '(('), signature: s }), 'malformed'],
      ['a Signature that is not a byte sequence', (i) => ({ 'signature-input': i, signature: 'keyhold="abc"' }), 'malformed'],
      [
        'a 63-byte signature',
        (i) => ({ 'signature-input': i, signature: `keyhold=:${Buffer.alloc(63).toString('base64')}:` }),
        'malformed',
      ],
      ['Signature-Input as an item', (_i, s) => ({ 'signature-input': 'keyhold="x"', signature: s }), 'malformed'],
      [
        'components in another order',
        (i, s) => ({ 'signature-input': i.replace('"@status" "content-digest"', '"content-digest" "@status"'), signature: s }),
        'malformed',
      ],
      ['@path without ;req', (i, s) => ({ 'signature-input': i.replace('"@path";req', '"@path"'), signature: s }), 'malformed'],
      ['fewer components', (i, s) => ({ 'signature-input': i.replace(' "@method";req', ''), signature: s }), 'malformed'],
      ['no keyid', (i, s) => ({ 'signature-input': i.replace(/;keyid="[^"]*"/, ''), signature: s }), 'malformed'],
      ['keyid as a token', (i, s) => ({ 'signature-input': i.replace('keyid="key_test1"', 'keyid=key_test1'), signature: s }), 'malformed'],
      ['no created', (i, s) => ({ 'signature-input': i.replace(/;created=\d+/, ''), signature: s }), 'malformed'],
      ['another alg', (i, s) => ({ 'signature-input': i.replace('alg="ed25519"', 'alg="rsa-pss-sha512"'), signature: s }), 'malformed'],
      ['a keyid not pinned', (i, s) => ({ 'signature-input': i.replace('key_test1', 'key_other'), signature: s }), 'unknown-key'],
      ['no nonce', (i, s) => ({ 'signature-input': i.replace(/;nonce="[^"]*"/, ''), signature: s }), 'nonce-mismatch'],
      ['a nonce as a token', (i, s) => ({ 'signature-input': i.replace(`nonce="${nonce}"`, 'nonce=abc'), signature: s }), 'nonce-mismatch'],
      ['an added parameter', (i, s) => ({ 'signature-input': `${i};tag="x"`, signature: s }), 'bad-signature'],
    ])('%s: %s', async (_name, build, reason) => {
      expect(await reasonOf(verifyAnswerSignature(answer(withInput(build)), keys))).toBe(reason);
    });

    it('refuses a signed digest field with no sha-256 in it', async () => {
      const contentDigest = 'sha-512=:AAAA:';
      const h = {
        'content-digest': contentDigest,
        ...signTestAnswer({ status: 200, method: 'POST', path: '/v1/client/license', nonce, contentDigest }, key),
      };
      expect(await reasonOf(verifyAnswerSignature(answer(h), keys))).toBe('malformed');
    });

    it('refuses a ranged signature unless a 206 file answer may be ranged', async () => {
      const ranged = {
        'repr-digest': digestField('whole file'),
        'content-range': 'bytes 0-3/10',
        ...signTestAnswer(
          {
            status: 206,
            method: 'GET',
            path: '/v1/client/files/f/bytes',
            nonce,
            reprDigest: digestField('whole file'),
            contentRange: 'bytes 0-3/10',
          },
          key,
        ),
      };
      const x = answer(ranged, { status: 206, method: 'GET', path: '/v1/client/files/f/bytes' });
      expect(await reasonOf(verifyAnswerSignature(x, keys))).toBe('malformed');
      await expect(verifyAnswerSignature(x, keys, { allowRange: true })).resolves.toMatchObject({
        covers: 'range',
        contentRange: 'bytes 0-3/10',
      });
      expect(await reasonOf(verifyAnswerSignature({ ...x, status: 200 }, keys, { allowRange: true }))).toBe('malformed');
    });
  });

  describe('the diagnosis of a signature that does not verify', () => {
    it('names another status', async () => {
      expect(await reasonOf(verifyAnswerSignature(answer(genuine({ status: 401 })), keys))).toBe('status-mismatch');
    });
    it('names another path or method, and the one it was signed for', async () => {
      await expect(verifyAnswerSignature(answer(genuine({ path: '/v1/client/login' })), keys)).rejects.toMatchObject({
        reason: 'path-mismatch',
        message: expect.stringContaining('POST /v1/client/login'),
      });
      expect(await reasonOf(verifyAnswerSignature(answer(genuine({ method: 'GET' })), keys))).toBe('path-mismatch');
    });
    it('tries the path without the base URL prefix (a proxy that strips it)', async () => {
      const x = answer(genuine({ path: '/v1/client/files/f1' }), { path: '/keyhold/v1/client/files/f1', method: 'POST' });
      expect(await reasonOf(verifyAnswerSignature(x, keys))).toBe('bad-signature');
      expect(await reasonOf(verifyAnswerSignature(x, keys, { otherPaths: ['/v1/client/files/f1'] }))).toBe('path-mismatch');
    });
    it('says bad-signature when nothing explains it (a path it cannot guess, another key under a pinned kid, altered digest)', async () => {
      expect(await reasonOf(verifyAnswerSignature(answer(genuine({ path: '/v1/client/files/secret/bytes' })), keys))).toBe('bad-signature');
      const impostor = { ...testSigningKey('key_test1') };
      const forged = signTestAnswer(
        { status: 200, method: 'POST', path: '/v1/client/license', nonce, contentDigest: digestField(body) },
        impostor,
      );
      expect(await reasonOf(verifyAnswerSignature(answer({ 'content-digest': digestField(body), ...forged }), keys))).toBe('bad-signature');
      expect(await reasonOf(verifyAnswerSignature(answer({ ...genuine(), 'content-digest': digestField('other') }), keys))).toBe(
        'bad-signature',
      );
    });
  });
});

describe('pinned keys and nonces', () => {
  it('makes fresh nonces of 32 unreserved characters', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) {
      expect(n).toMatch(NONCE_PATTERN);
      expect(n).toHaveLength(32);
    }
  });

  it.each<[string, unknown]>([
    ['no keys', { keys: [] }],
    ['not a set', [{ kty: 'OKP' }]],
    ['a key without kid', { keys: [{ kty: 'OKP', crv: 'Ed25519', x: RFC_TEST_KEY.x }] }],
    ['a private key', { keys: [{ ...RFC_TEST_KEY, d: RFC_TEST_PRIVATE_D }] }],
    ['another curve', { keys: [{ ...RFC_TEST_KEY, crv: 'X25519' }] }],
    ['an EC key', { keys: [{ kty: 'EC', crv: 'P-256', kid: 'k', x: 'a', y: 'b' }] }],
    ['a short x', { keys: [{ ...RFC_TEST_KEY, x: 'AAAA' }] }],
    ['an encryption key', { keys: [{ ...RFC_TEST_KEY, use: 'enc' }] }],
    ['two keys with one kid', { keys: [RFC_TEST_KEY, RFC_TEST_KEY] }],
  ])('refuses a JWK Set with %s', (_name, jwks) => {
    expect(() => new PinnedKeys(jwks as never)).toThrow(TypeError);
  });

  it('serialises a component identifier with its parameters', () => {
    const list = parseDictionary('k=("@path";req)').get('k');
    expect(isInnerList(list!) && serializeItem(list.items[0])).toBe('"@path";req');
  });
});
