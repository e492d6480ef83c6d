import type { KeyholdRequest } from './request';
import { bearerTokenOf } from './bearer-token';

const withAuthorization = (authorization?: string) => ({ headers: { authorization } }) as unknown as KeyholdRequest;

describe('bearerTokenOf', () => {
  it('reads the token of a Bearer header, the scheme in any case', () => {
    expect(bearerTokenOf(withAuthorization('Bearer abc.def.ghi'))).toBe('abc.def.ghi');
    expect(bearerTokenOf(withAuthorization('bearer   abc'))).toBe('abc');
    expect(bearerTokenOf(withAuthorization('BEARER abc trailing'))).toBe('abc');
  });

  it('is null without a header, for another scheme, and for a scheme without a value', () => {
    expect(bearerTokenOf(withAuthorization())).toBeNull();
    expect(bearerTokenOf(withAuthorization(''))).toBeNull();
    expect(bearerTokenOf(withAuthorization('Basic abc'))).toBeNull();
    expect(bearerTokenOf(withAuthorization('Bearer'))).toBeNull();
    expect(bearerTokenOf(withAuthorization('abc'))).toBeNull();
  });
});
