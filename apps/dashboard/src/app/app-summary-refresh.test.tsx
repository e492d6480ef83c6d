import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appKeys } from '@/features/apps/api/app-keys';
import { useDeleteLicense, useExportLicenses, useGenerateLicenses } from '@/features/licenses/api/license-mutations';
import { licenseKeys } from '@/features/licenses/api/license-keys';
import { useUpdateLicense } from '@/features/licenses/api/license-mutations';
import { userKeys } from '@/features/users/api/user-keys';
import { useCreateUser, useUpdateUser } from '@/features/users/api/user-mutations';
import { app, license, user } from '@/testing/fixtures';
import { sdk } from '@/testing/sdk-mock';
import { createQueryClient } from './query-client';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const OTHER_APP = 'app_ffffffffffffffffffffffffffffffff';

/** A query client holding the apps feature's summaries (the list, this app, another app). */
function setup<T>(useHook: () => T) {
  const queryClient = createQueryClient({ onSessionExpired: () => {} });
  queryClient.setQueryData(appKeys.list(), [app]);
  queryClient.setQueryData(appKeys.detail(app.id), app);
  queryClient.setQueryData(appKeys.stats(app.id), {});
  queryClient.setQueryData(appKeys.detail(OTHER_APP), { ...app, id: OTHER_APP });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return { queryClient, ...renderHook(useHook, { wrapper }) };
}

const invalidated = (queryClient: QueryClient, queryKey: readonly unknown[]) => queryClient.getQueryState(queryKey)?.isInvalidated;

async function expectAppSummaryRefreshed(queryClient: QueryClient) {
  await waitFor(() => expect(invalidated(queryClient, appKeys.list())).toBe(true));
  expect(invalidated(queryClient, appKeys.detail(app.id))).toBe(true);
  expect(invalidated(queryClient, appKeys.stats(app.id))).toBe(true);
  expect(invalidated(queryClient, appKeys.detail(OTHER_APP))).toBe(false);
}

beforeEach(() => {
  sdk.licenses.generate.mockReset().mockResolvedValue({ count: 1, keys: ['AAAA-BBBB-CCCC-DDDD'] });
  sdk.licenses.remove.mockReset().mockResolvedValue({ id: 'lic_1', deleted: true });
  sdk.licenses.exportCsv.mockReset().mockResolvedValue('key\r\n');
  sdk.users.create.mockReset().mockResolvedValue(user());
  sdk.users.update.mockReset().mockResolvedValue(user());
  sdk.licenses.update.mockReset().mockResolvedValue(license());
});

describe("a license or user change refreshes the app's summary (apps list, the app's counts)", () => {
  it('after generating or deleting keys', async () => {
    const generate = setup(() => useGenerateLicenses(app.id));
    await act(() =>
      generate.result.current.mutateAsync({ count: 1, durationDays: 30, subscription: 'default', mask: 'XXXX-XXXX-XXXX-XXXX' }),
    );
    await expectAppSummaryRefreshed(generate.queryClient);

    const remove = setup(() => useDeleteLicense(app.id));
    await act(() => remove.result.current.mutateAsync('lic_1'));
    await expectAppSummaryRefreshed(remove.queryClient);
  });

  it('after creating or updating a user', async () => {
    const create = setup(() => useCreateUser(app.id));
    await act(() => create.result.current.mutateAsync({ username: 'tanish', password: 'secret' }));
    await expectAppSummaryRefreshed(create.queryClient);

    const update = setup(() => useUpdateUser(app.id));
    await act(() => update.result.current.mutateAsync({ id: 'usr_1', body: { banned: true } }));
    await expectAppSummaryRefreshed(update.queryClient);
  });

  it("refreshes the key lists after a user's device reset, and the user lists after a key's", async () => {
    const userReset = setup(() => useUpdateUser(app.id));
    const keyList = licenseKeys.list({ appId: app.id, page: 1 });
    const otherAppKeys = licenseKeys.list({ appId: OTHER_APP, page: 1 });
    userReset.queryClient.setQueryData(keyList, { data: [] });
    userReset.queryClient.setQueryData(otherAppKeys, { data: [] });
    await act(() => userReset.result.current.mutateAsync({ id: 'usr_1', body: { resetHwid: true } }));
    await waitFor(() => expect(invalidated(userReset.queryClient, keyList)).toBe(true));
    expect(invalidated(userReset.queryClient, otherAppKeys)).toBe(false);

    const keyReset = setup(() => useUpdateLicense(app.id));
    const userList = userKeys.list({ appId: app.id, page: 1 });
    keyReset.queryClient.setQueryData(userList, { data: [] });
    await act(() => keyReset.result.current.mutateAsync({ id: 'lic_1', body: { resetHwid: true } }));
    await waitFor(() => expect(invalidated(keyReset.queryClient, userList)).toBe(true));
  });

  it('not after a read (CSV export) or a failed change', async () => {
    const exported = setup(() => useExportLicenses(app.id));
    await act(() => exported.result.current.mutateAsync({}));
    expect(invalidated(exported.queryClient, appKeys.list())).toBe(false);

    sdk.users.update.mockRejectedValue(new Error('down'));
    const failed = setup(() => useUpdateUser(app.id));
    await act(() => failed.result.current.mutateAsync({ id: 'usr_1', body: { banned: true } }).catch(() => undefined));
    expect(invalidated(failed.queryClient, appKeys.list())).toBe(false);
  });
});
