import type { AppResponse, LicenseResponse, PageMeta, SellerResponse, SigningKeyResponse, UserResponse } from '@keyhold/contracts';

/** Answers as the API gives them, for component tests. */

export function seller(overrides: Partial<SellerResponse> = {}): SellerResponse {
  return {
    id: 'sel_0123456789abcdef0123456789abcdef',
    email: 'ada@example.com',
    name: 'Ada Software',
    twoFactorEnabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export const app: AppResponse = {
  id: 'app_0f6c1d2e3b4a59687766554433221100',
  name: 'Acme Desktop',
  apiKey: 'ak_Zm9vYmFyYmF6cXV4cXV1eA',
  version: '2.1.0',
  status: 'ACTIVE',
  _count: { appUsers: 1, licenses: 2 },
  enforceVersion: false,
  hwidLock: false,
  registrationEnabled: true,
  offlineEnabled: false,
  offlineTtlHours: 168,
  endpoint: 'aSJpwdxP8n90xbFv1Rs2',
  createdAt: '2026-11-25T12:00:00.000Z',
};

export function license(overrides: Partial<LicenseResponse> = {}): LicenseResponse {
  return {
    id: 'lic_00000000000000000000000000000001',
    appId: app.id,
    key: 'AAAA-BBBB-CCCC-DDDD',
    status: 'unused',
    subscription: 'default',
    durationDays: 30,
    note: null,
    hwid: null,
    usedBy: null,
    activatedAt: null,
    expiresAt: null,
    banned: false,
    banReason: null,
    resellerId: null,
    resellerUsername: null,
    createdAt: '2026-11-25T12:00:00.000Z',
    ...overrides,
  };
}

export function user(overrides: Partial<UserResponse> = {}): UserResponse {
  return {
    id: 'usr_00000000000000000000000000000001',
    appId: app.id,
    username: 'tanish',
    status: 'active',
    hwid: 'HWID-1234',
    subscription: 'default',
    expiresAt: null,
    banned: false,
    banReason: null,
    lastLoginAt: '2026-11-25T13:00:00.000Z',
    lastLoginIp: '203.0.113.9',
    createdAt: '2026-11-25T12:00:00.000Z',
    ...overrides,
  };
}

/** A signing key as GET /v1/admin/apps/:id/signing-keys lists it; `n` makes its kid, key and date its own. */
export function signingKey(n: number, overrides: Partial<SigningKeyResponse> = {}): SigningKeyResponse {
  const kid = `key_${String(n).padStart(32, '0')}`;
  const x = String(n).padStart(43, 'A'); // 32 bytes of base64url, like an Ed25519 key
  return {
    kid,
    status: 'active',
    createdAt: `2026-12-0${Math.min(n, 9)}T12:00:00.000Z`,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA' },
    publicPem: `-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA${x}\n-----END PUBLIC KEY-----\n`,
    ...overrides,
  };
}

/** A list answer; `meta` as a paged list gives it (`totalCapped`, `nextCursor`) or as the ledger does (without). */
export function page<T>(data: T[], meta: Partial<PageMeta> = {}): { data: T[]; meta: PageMeta } {
  return { data, meta: { total: data.length, page: 1, limit: 25, ...meta } };
}
