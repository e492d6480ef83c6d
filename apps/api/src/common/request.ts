import type { Request } from 'express';

export interface SellerPrincipal {
  kind: 'seller';
  sellerId: string;
}

export interface ResellerPrincipal {
  kind: 'reseller';
  resellerId: string;
  sellerId: string;
}

/** The app an end-user program identified itself as, and (on session routes) its session. */
export interface ClientPrincipal {
  kind: 'client';
  appId: string;
  sellerId: string;
  app: {
    id: string;
    name: string;
    version: string;
    enforceVersion: boolean;
    hwidLock: boolean;
    registrationEnabled: boolean;
  };
  session?: { id: string; userId: string | null; licenseId: string | null };
}

export type Principal = SellerPrincipal | ResellerPrincipal | ClientPrincipal;

export interface KeyholdRequest extends Request {
  principal?: Principal;
}
