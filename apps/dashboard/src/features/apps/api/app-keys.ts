/** Query keys of the apps feature; mutations invalidate through these, never by hand-written arrays. */
export const appKeys = {
  all: ['apps'] as const,
  lists: () => [...appKeys.all, 'list'] as const,
  list: () => [...appKeys.lists()] as const,
  details: () => [...appKeys.all, 'detail'] as const,
  detail: (id: string) => [...appKeys.details(), id] as const,
};
