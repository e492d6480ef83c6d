import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export interface ListParams<S extends string> {
  q: string;
  status: S | undefined;
  page: number;
  /**
   * The `meta.nextCursor` the page was asked for by (`page` is then its number, for the URL and
   * the pager): set only with `page`, and dropped by any other page, search or filter.
   */
  cursor: string | undefined;
  /** Rows per page: one of PAGE_SIZES (DEFAULT_PAGE_SIZE unless chosen). */
  limit: number;
}

/** The page sizes a list offers (every list API accepts up to 500). */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 25;

/**
 * A list's search, status filter and page, kept in the URL (`?q=&status=&page=&cursor=`) so that
 * a reload, a shared link or the back button shows the same rows. Unknown statuses are ignored.
 * Each page, filter, and search started or cleared is a history entry of its own, so Back returns
 * to it; refining a search that is already there (the search box updates as one types) replaces
 * the entry instead of leaving one per word.
 */
export function useListParams<S extends string>(statuses: readonly S[]) {
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = statuses.find((s) => s === rawStatus);
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const chosen = Number(params.get('limit'));
  const limit = (PAGE_SIZES as readonly number[]).includes(chosen) ? chosen : DEFAULT_PAGE_SIZE;
  const value: ListParams<S> = { q: params.get('q') ?? '', status, page, cursor: params.get('cursor') || undefined, limit };

  const update = useCallback(
    (next: Partial<ListParams<S>>) => {
      const refining = Object.keys(next).every((key) => key === 'q') && Boolean(next.q) && Boolean(params.get('q'));
      setParams(
        (current) => {
          const merged = new URLSearchParams(current);
          const put = (key: string, v: string | number | undefined) => {
            if (v === undefined || v === '' || (key === 'page' && v === 1)) merged.delete(key);
            else merged.set(key, String(v));
          };
          if ('q' in next) put('q', next.q);
          if ('status' in next) put('status', next.status);
          if ('limit' in next) put('limit', next.limit === DEFAULT_PAGE_SIZE ? undefined : next.limit);
          // A new search, filter or page size starts again at the first page; a cursor belongs to one page of one list.
          if ('page' in next || 'q' in next || 'status' in next || 'limit' in next) {
            put('page', 'page' in next ? next.page : 1);
            put('cursor', 'page' in next ? next.cursor : undefined);
          }
          return merged;
        },
        { replace: refining },
      );
    },
    [params, setParams],
  );

  return [value, update] as const;
}

/** The list query these params ask for (`q` left out when empty), for a list hook to spread. */
export function listQuery<S extends string>(params: ListParams<S>) {
  return { q: params.q || undefined, status: params.status, page: params.page, cursor: params.cursor, limit: params.limit };
}
