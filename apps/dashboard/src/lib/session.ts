import type { SellerAuthResponse, SellerResponse } from '@keyhold/contracts';
import { useSyncExternalStore } from 'react';

/** The signed-in seller, kept in localStorage so that it survives a reload. */
export interface Session {
  token: string;
  seller: SellerResponse;
}

/**
 * Why the last session ended, for the sign-in page: the API refused the token (`expired`), or the
 * seller ended every session at once (`signed-out-everywhere`). A plain sign-out has none.
 */
export type SessionEndReason = 'expired' | 'signed-out-everywhere';

const STORAGE_KEY = 'keyhold.session';
const listeners = new Set<() => void>();
let current: Session | null | undefined;
let endReason: SessionEndReason | null = null;

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const { token, seller } = value as Partial<Session>;
  return (
    typeof token === 'string' &&
    token.length > 0 &&
    typeof seller === 'object' &&
    seller !== null &&
    typeof seller.id === 'string' &&
    typeof seller.email === 'string' &&
    typeof seller.name === 'string'
  );
}

function readStorage(): Session | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  if (current === undefined) current = readStorage();
  return current;
}

export function setSession(auth: SellerAuthResponse): void {
  current = { token: auth.token, seller: auth.seller };
  endReason = null;
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Storage may be full or blocked; the session still lasts for this page.
  }
  emit();
}

/** Forgets the session; `reason` says why, when the sign-in page should tell (not on a plain sign-out). */
export function clearSession(reason: SessionEndReason | null = null): void {
  current = null;
  endReason = reason;
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
  emit();
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  // Signing in or out in another tab changes this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== null && event.key !== STORAGE_KEY) return;
    current = readStorage();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function getSessionEndReason(): SessionEndReason | null {
  return endReason;
}

/** Forget the cached value so the next read comes from storage (tests). */
export function resetSessionCache(): void {
  current = undefined;
  endReason = null;
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, () => null);
}
