import { KEY_ALPHABETS, keysFromMask, maskProblem } from './license-key';

describe('license keys from a mask', () => {
  it('fills each X with A-Z0-9 and keeps other characters', () => {
    const keys = keysFromMask('PRO-XXXX-XXXX', 500);
    expect(keys).toHaveLength(500);
    for (const k of keys) expect(k).toMatch(/^PRO-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(new Set(keys).size).toBe(500);
  });

  it('uses the whole alphabet (no character is missing from 20,000 draws)', () => {
    const seen = new Set(keysFromMask('XXXXXXXXXX', 2000).join(''));
    expect(seen.size).toBe(36);
  });

  it('leaves the look-alikes 0, O, 1 and I out of readable keys, and uses every other character', () => {
    const drawn = keysFromMask('XXXXXXXXXX', 2000, KEY_ALPHABETS.readable).join('');
    expect(drawn).not.toMatch(/[0O1I]/);
    expect(new Set(drawn).size).toBe(32);
    // The full alphabet does draw them.
    expect(keysFromMask('XXXXXXXXXX', 2000).join('')).toMatch(/[0O1I]/);
  });

  it('refuses masks with too little randomness or odd characters', () => {
    expect(maskProblem('XXXX-XXXX-XXXX-XXXX')).toBeNull();
    expect(maskProblem('XXXX')).toMatch(/at least 8/);
    expect(maskProblem('XXXX XXXX XXXX')).toMatch(/letters, digits/);
    expect(maskProblem('X'.repeat(65))).toMatch(/1-64/);
  });
});
