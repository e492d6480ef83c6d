import type { SellerClient } from '@keyhold/sdk';
import { vi, type Mock } from 'vitest';

type Fn = (...args: never[]) => unknown;
type MockedMethods<T> = { [K in keyof T]: T[K] extends Fn ? Mock<T[K]> : never };
type Namespace = Exclude<keyof SellerClient, 'http'>;

/** A stand-in for every seller SDK call (`sdk.apps.create`...); tests choose the answers. */
export type SellerClientMock = { [N in Namespace]: MockedMethods<SellerClient[N]> };

/**
 * Every `namespace.method` is a `vi.fn()` made on first use, so the stand-in keeps up with the
 * SDK as it grows; the type still follows the real client, so a renamed call fails to compile.
 */
export function createSellerClientMock(): SellerClientMock {
  const autoMock = <T>(make: (key: string) => T) => {
    const made = new Map<string, T>();
    return new Proxy(
      {},
      {
        get: (_target, key) => {
          if (typeof key !== 'string' || key === 'then') return undefined; // not a thenable
          if (!made.has(key)) made.set(key, make(key));
          return made.get(key);
        },
      },
    );
  };
  return autoMock(() => autoMock(() => vi.fn())) as unknown as SellerClientMock;
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
  return { ...actual, createSellerClient: () => sdk };
}
