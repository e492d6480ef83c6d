import type { ActiveSession } from '../sessions/sessions.service';
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
  /** On @ClientSessionAuth() routes: the session and its user or license, as the guard loaded them. */
  session?: ActiveSession;
}

export type Principal = SellerPrincipal | ResellerPrincipal | ClientPrincipal;

export interface KeyholdRequest extends Request {
  principal?: Principal;
}
