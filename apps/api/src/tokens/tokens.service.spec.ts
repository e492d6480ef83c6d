import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import { TokensService } from './tokens.service';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const config = { tokenSecret: secret, sellerTokenTtlSeconds: 3600, clientTokenTtlSeconds: 600 } as AppConfig;
const jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256' } });
const tokens = new TokensService(jwt, config);

describe('TokensService.verify', () => {
  it('answers the payload of a token of its audience', () => {
    const payload = tokens.verify('client', tokens.sign('client', 'session-1', { app: 'app-1' }));
    expect(payload).toMatchObject({ sub: 'session-1', aud: 'client', app: 'app-1' });
    expect(typeof payload?.iat).toBe('number');
  });

  it('refuses another audience: a token never crosses principals', () => {
    const seller = tokens.sign('seller', 'seller-1');
    expect(tokens.verify('reseller', seller)).toBeNull();
    expect(tokens.verify('client', seller)).toBeNull();
    expect(tokens.verify('seller', seller)?.sub).toBe('seller-1');
  });

  it('refuses an expired token, another secret, another algorithm, no subject and garbage', () => {
    expect(tokens.verify('seller', tokens.sign('seller', 's', { expiresInSeconds: -10 }))).toBeNull();
    const other = new JwtService({ secret: `${secret}-other` });
    expect(tokens.verify('seller', other.sign({}, { subject: 's', audience: 'seller' }))).toBeNull();
    expect(tokens.verify('seller', jwt.sign({}, { subject: 's', audience: 'seller', algorithm: 'HS512' }))).toBeNull();
    expect(tokens.verify('seller', jwt.sign({}, { audience: 'seller' }))).toBeNull();
    for (const garbage of ['', 'nonsense', 'a.b.c', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGpzb24.c2ln']) {
      expect(tokens.verify('seller', garbage)).toBeNull();
    }
  });
});
