import type { ListLicensesQuery } from '@keyhold/contracts';

/** Query keys of the licenses feature: `['licenses', 'list', appId, {status, q, page, limit, cursor}]`. */
export const licenseKeys = {
  all: ['licenses'] as const,
  lists: () => [...licenseKeys.all, 'list'] as const,
  appLists: (appId: string) => [...licenseKeys.lists(), appId] as const,
  list: ({ appId, ...filters }: ListLicensesQuery) => [...licenseKeys.appLists(appId), filters] as const,
};
