export type BlacklistType = 'ip' | 'hwid';

export interface CreateBlacklistEntryRequest {
  appId: string;
  type: BlacklistType;
  /** An IPv4 or IPv6 address, a CIDR range (`10.0.0.0/8`), or a hardware id */
  value: string;
  reason?: string | null;
}

export interface BlacklistEntryResponse {
  id: string;
  appId: string;
  type: BlacklistType;
  value: string;
  reason: string | null;
  createdAt: string;
}
