import type { ListUsersQuery } from '@keyhold/contracts';

/** Query keys of the users feature: `['users', 'list', appId, {status, q, page, limit, cursor}]`. */
export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  appLists: (appId: string) => [...userKeys.lists(), appId] as const,
  list: ({ appId, ...filters }: ListUsersQuery) => [...userKeys.appLists(appId), filters] as const,
};
