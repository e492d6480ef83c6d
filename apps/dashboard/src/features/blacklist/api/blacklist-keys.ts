/** Query keys of the blacklist feature: `['blacklist', 'list', appId]`. */
export const blacklistKeys = {
  all: ['blacklist'] as const,
  lists: () => [...blacklistKeys.all, 'list'] as const,
  list: (appId: string) => [...blacklistKeys.lists(), appId] as const,
};
