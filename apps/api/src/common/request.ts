import { isIP } from 'node:net';
import type { Request } from 'express';

/**
 * Who is calling: the principals the AccessGuard authenticates and the caller's IP. The one place
 * for them; the parameter decorators (decorators/principal.decorators.ts) only read what is here.
 */

export interface SellerPrincipal {
  kind: 'seller';
  sellerId: string;
  /** The account session of the token used (logout ends it; a password change keeps it). */
  sessionId: string;
}

export interface ResellerPrincipal {
  kind: 'reseller';
  resellerId: string;
  sellerId: string;
  sessionId: string;
}

/**
 * What the AccessGuard loaded for a client session: the session and its user or license. Empty
 * here because common/ knows no domain; client/ declares its members by declaration merging
 * (`declare module '../common/request'` beside `ActiveSession` in client/), as express leaves `Express.User`
 * to the application.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by client/
export interface ClientSession {}

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
  session?: ClientSession;
}

export type Principal = SellerPrincipal | ResellerPrincipal | ClientPrincipal;

/**
 * Authenticates end-user software (its app by X-Api-Key; on session routes also its client token
 * and session). The AccessGuard injects it by CLIENT_AUTHENTICATOR; client/ provides it. The
 * token is the seam that keeps auth/ from importing the client API (and sessions/) it guards.
 */
export interface ClientAuthenticator {
  authenticate(req: KeyholdRequest, withSession: boolean): Promise<ClientPrincipal>;
}
export const CLIENT_AUTHENTICATOR = Symbol('CLIENT_AUTHENTICATOR');

export interface KeyholdRequest extends Request {
  /** Set once by the AccessGuard on every authenticated route; nothing else writes it. */
  principal?: Principal;
}

/**
 * The caller's IP: req.ip (the socket's address, or X-Forwarded-For when TRUST_PROXY sets express's
 * `trust proxy`) when it is an address (a forged X-Forwarded-For may hold anything), else the
 * socket's.
 */
export function clientIpOf(req: KeyholdRequest): string {
  const ip = normaliseIp(req.ip ?? '');
  return isIP(ip) ? ip : normaliseIp(req.socket.remoteAddress ?? '0.0.0.0');
}

export function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
