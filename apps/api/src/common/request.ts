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

/**
 * A store integration key: the app's secret (`as_...`) as a bearer token, for the seller's web
 * shop or payment webhook. It acts as the seller, on the admin routes that accept it
 * (@StoreIntegration) and only on that one app's records.
 */
export interface IntegrationPrincipal {
  kind: 'integration';
  sellerId: string;
  /** The app whose secret it is (uuid): the only app it reaches. */
  appId: string;
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

export type Principal = SellerPrincipal | IntegrationPrincipal | ResellerPrincipal | ClientPrincipal;

/**
 * Authenticates end-user software (its app by X-Api-Key; on session routes also its client token
 * and session). The AccessGuard injects it by CLIENT_AUTHENTICATOR; client/ provides it. The
 * token is the seam that keeps auth/ from importing the client API (and sessions/) it guards.
 */
export interface ClientAuthenticator {
  authenticate(req: KeyholdRequest, withSession: boolean): Promise<ClientPrincipal>;
}
export const CLIENT_AUTHENTICATOR = Symbol('CLIENT_AUTHENTICATOR');

/**
 * Finds the app whose secret a store integration key is (by its hash), or null. apps/ provides it
 * by INTEGRATION_KEYS, so auth/ does not import apps/.
 */
export interface IntegrationKeys {
  authenticate(secret: string): Promise<Omit<IntegrationPrincipal, 'kind'> | null>;
}
export const INTEGRATION_KEYS = Symbol('INTEGRATION_KEYS');

/**
 * Which app one of the seller's records belongs to (its uuid), by the record's public id; null
 * when the seller has no such record. Each domain whose routes accept integration keys provides
 * one, named in @StoreIntegration, for the AccessGuard's scope check.
 */
export interface RecordApps {
  appOfRecord(sellerId: string, publicId: string): Promise<string | null>;
}

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
