import type { ListUsersQuery } from '@keyhold/contracts';

/** Query keys of the users feature: `['users', 'list', appId, {status, q, page, limit, cursor}]`. */
export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  appLists: (appId: string) => [...userKeys.lists(), appId] as const,
  list: ({ appId, ...filters }: ListUsersQuery) => [...userKeys.appLists(appId), filters] as const,
  /** Under `appLists(appId)`: whatever refreshes the app's user lists refreshes its user pages too. */
  detail: (appId: string, id: string) => [...userKeys.appLists(appId), 'detail', id] as const,
  sessions: (appId: string, id: string) => [...userKeys.detail(appId, id), 'sessions'] as const,
  key: (appId: string, id: string) => [...userKeys.detail(appId, id), 'key'] as const,
  events: (appId: string, id: string) => [...userKeys.detail(appId, id), 'events'] as const,
};
