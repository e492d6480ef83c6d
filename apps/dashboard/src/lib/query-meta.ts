/**
 * The `meta` a mutation may declare, typed for every `useMutation` through react-query's `Register`.
 * Reactions that cross features are read from it by the app's query client (app/query-client.ts),
 * so that no feature imports another's query keys.
 */
export type AppMutationMeta = {
  /** The id of the app whose summary (apps list, overview counts) and key and user lists the mutation changes. */
  refreshesAppSummary?: string;
};

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: AppMutationMeta;
  }
}
