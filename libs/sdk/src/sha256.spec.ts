/// <reference types="node" />
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- jest's types, by path: see structured-fields.spec.ts
/// <reference path="../../../apps/api/node_modules/@types/jest/index.d.ts" />
import { createHash, randomBytes } from 'node:crypto';
import { toHex } from './answer-signatures';
import { Sha256 } from './sha256';

const reference = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('SHA-256 fed chunk by chunk (downloads checked as they stream)', () => {
  it('gives the FIPS 180-4 digests of "" and "abc"', () => {
    expect(toHex(new Sha256().digest())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(new Sha256().update(new TextEncoder().encode('abc')).digest())).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it.each([1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_003])('agrees with node:crypto on %i bytes, however they are split', (n) => {
    const data = randomBytes(n);
    expect(toHex(new Sha256().update(data).digest())).toBe(reference(data));
    const chunked = new Sha256();
    for (let at = 0, step = 1; at < n; at += step, step = (step * 7 + 3) % 97 || 1) chunked.update(data.subarray(at, at + step));
    expect(toHex(chunked.digest())).toBe(reference(data));
  });

  it('takes no input after its digest', () => {
    const h = new Sha256();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow();
  });
});
