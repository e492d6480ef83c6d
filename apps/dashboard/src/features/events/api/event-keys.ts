import type { ListEventsQuery } from '@keyhold/contracts';

/** Query keys of the events feature: `['events', 'list', appId, {name, q, cursor, limit}]`. */
export const eventKeys = {
  all: ['events'] as const,
  lists: () => [...eventKeys.all, 'list'] as const,
  appLists: (appId: string) => [...eventKeys.lists(), appId] as const,
  list: ({ appId, ...filters }: ListEventsQuery) => [...eventKeys.appLists(appId), filters] as const,
};
