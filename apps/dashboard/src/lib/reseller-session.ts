import type { ResellerAuthResponse, ResellerProfile } from '@keyhold/contracts';
import { useSyncExternalStore } from 'react';

/**
 * The signed-in reseller of the portal (/reseller), kept apart from the seller's session: a
 * seller and one of their resellers may use the same browser.
 */
export interface ResellerSession {
  token: string;
  reseller: ResellerProfile;
}

const STORAGE_KEY = 'keyhold.reseller-session';
/** The seller of the last reseller who signed in here, kept after sign-out to prefill the sign-in page. */
const SELLER_KEY = 'keyhold.reseller-seller';
const listeners = new Set<() => void>();
let current: ResellerSession | null | undefined;
let expired = false;

function isSession(value: unknown): value is ResellerSession {
  if (typeof value !== 'object' || value === null) return false;
  const { token, reseller } = value as Partial<ResellerSession>;
  return typeof token === 'string' && token.length > 0 && typeof reseller?.id === 'string' && typeof reseller.username === 'string';
}

function read(): ResellerSession | null {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null');
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

export function getResellerSession(): ResellerSession | null {
  if (current === undefined) current = read();
  return current;
}

export function setResellerSession(auth: ResellerAuthResponse): void {
  current = { token: auth.token, reseller: auth.reseller };
  expired = false;
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
    window.localStorage.setItem(SELLER_KEY, auth.reseller.sellerId);
  } catch {
    // the session still lasts for this page
  }
  emit();
}

/** `wasExpired`: the API refused the token (the sign-in page says so). */
export function clearResellerSession(wasExpired = false): void {
  current = null;
  expired = wasExpired;
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
  emit();
}

/** The seller id (`sel_...`) a reseller last signed in to on this browser, if any. */
export function lastResellerSellerId(): string | null {
  try {
    return getResellerSession()?.reseller.sellerId ?? window.localStorage.getItem(SELLER_KEY);
  } catch {
    return null;
  }
}

export function resellerSessionExpired(): boolean {
  return expired;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== null && event.key !== STORAGE_KEY) return;
    current = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function resetResellerSessionCache(): void {
  current = undefined;
  expired = false;
}

export function useResellerSession(): ResellerSession | null {
  return useSyncExternalStore(subscribe, getResellerSession, () => null);
}
