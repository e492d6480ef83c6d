import type { ResellerClient, SellerClient } from '@keyhold/sdk';
import { vi, type Mock } from 'vitest';

type Fn = (...args: never[]) => unknown;
/** Each method a `vi.fn()` typed like it; a nested namespace (`auth.twoFactor`) the same, one level down. */
type Mocked<T> = { [K in keyof T]: T[K] extends Fn ? Mock<T[K]> : T[K] extends object ? Mocked<T[K]> : never };
type Namespace = keyof SellerClient;

/**
 * A stand-in for every seller SDK call (`sdk.apps.create`, `sdk.auth.twoFactor.setup`...); tests choose the answers.
 * `sdk.http.request` too: a route the SDK has no typed method for yet goes through it.
 */
export type SellerClientMock = { [N in Namespace]: Mocked<SellerClient[N]> };

/**
 * A real client, once `mockSellerSdk` (or `mockResellerSdk`) has loaded the SDK: it tells a nested
 * namespace from a method. Without it, the top level holds namespaces and everything below is a method.
 */
let realClient: object | undefined;
let realResellerClient: object | undefined;

function realAt(root: object | undefined, path: string[]): unknown {
  let node: unknown = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function isNamespaceOf(root: object | undefined, path: string[]): boolean {
  if (!root) return path.length === 1;
  const real = realAt(root, path);
  return real !== null && typeof real === 'object';
}

/**
 * Every `namespace.method` is a `vi.fn()` made on first use, so the stand-in keeps up with the
 * SDK as it grows; the type still follows the real client, so a renamed call fails to compile.
 */
export function createSellerClientMock(): SellerClientMock {
  return autoMockOf(() => realClient) as SellerClientMock;
}

/** The reseller client's stand-in, made the same way (`reseller.keys.exportCsv`, `reseller.ledger`...). */
export function createResellerClientMock(): ResellerClientMock {
  return autoMockOf(() => realResellerClient) as ResellerClientMock;
}

function autoMockOf(root: () => object | undefined): unknown {
  const isNamespace = (path: string[]) => isNamespaceOf(root(), path);
  const autoMock = (path: string[]): unknown => {
    const made = new Map<string, unknown>();
    return new Proxy(
      {},
      {
        get: (_target, key) => {
          if (typeof key !== 'string' || key === 'then') return undefined; // not a thenable
          if (!made.has(key)) made.set(key, isNamespace([...path, key]) ? autoMock([...path, key]) : vi.fn());
          return made.get(key);
        },
      },
    );
  };
  return autoMock([]);
}

/** This test file's stand-in for the seller SDK (each test file has its own modules, so its own). */
export const sdk: SellerClientMock = createSellerClientMock();

/**
 * The `@keyhold/sdk` a component test sees: the real module, but `createSellerClient()` answers
 * `sdk`. `vi.mock` is hoisted above the imports, so a test file loads this helper in its factory:
 * `vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));`
 */
export async function mockSellerSdk(importOriginal: <M>() => Promise<M>) {
  const actual = await importOriginal<typeof import('@keyhold/sdk')>();
  realClient = actual.createSellerClient({ baseUrl: '' });
  return { ...actual, createSellerClient: () => sdk };
}

/** Each reseller client method a `vi.fn()` typed like it (`token` and `http` are not mocked). */
export type ResellerClientMock = Mocked<Omit<ResellerClient, 'token' | 'http'>>;

/** This test file's stand-in for the reseller SDK (the portal's `resellerSdk()`). */
export const reseller: ResellerClientMock = createResellerClientMock();

/**
 * The `@keyhold/sdk` a reseller portal test sees: the real module, but `createResellerClient()`
 * answers `reseller` (and `createSellerClient()` answers `sdk`):
 * `vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockResellerSdk(importOriginal));`
 */
export async function mockResellerSdk(importOriginal: <M>() => Promise<M>) {
  const actual = await importOriginal<typeof import('@keyhold/sdk')>();
  realClient = actual.createSellerClient({ baseUrl: '' });
  realResellerClient = actual.createResellerClient({ baseUrl: '' });
  return { ...actual, createSellerClient: () => sdk, createResellerClient: () => reseller };
}
