import type { ListFilesQuery } from '@keyhold/contracts';

/** Query keys of the files feature: `['files', 'list', appId, {q, page, limit, cursor}]`. */
export const fileKeys = {
  all: ['files'] as const,
  lists: () => [...fileKeys.all, 'list'] as const,
  appLists: (appId: string) => [...fileKeys.lists(), appId] as const,
  list: ({ appId, ...filters }: ListFilesQuery) => [...fileKeys.appLists(appId), filters] as const,
};
