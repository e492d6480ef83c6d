/** Prefixes of public ids and secrets (see the API contract). */
export const ID_PREFIX = {
  seller: 'sel',
  app: 'app',
  user: 'usr',
  license: 'lic',
  file: 'file',
  webhook: 'wh',
  delivery: 'whd',
  reseller: 'rsl',
  session: 'ses',
  event: 'evt',
  blacklist: 'bl',
  /** a reseller's credit ledger entry */
  ledgerEntry: 'cle',
  /** an app's signing key: its `kid` */
  signingKey: 'key',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

export const SECRET_PREFIX = {
  apiKey: 'ak',
  appSecret: 'as',
  webhookSecret: 'whsec',
} as const;
