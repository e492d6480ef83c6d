import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export interface ListParams<S extends string> {
  q: string;
  status: S | undefined;
  page: number;
}

/**
 * A list's search, status filter and page, kept in the URL (`?q=&status=&page=`) so that a reload,
 * a shared link or the back button shows the same rows. Unknown statuses are ignored.
 */
export function useListParams<S extends string>(statuses: readonly S[]) {
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = statuses.find((s) => s === rawStatus);
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const value: ListParams<S> = { q: params.get('q') ?? '', status, page };

  const update = useCallback(
    (next: Partial<ListParams<S>>) => {
      setParams(
        (current) => {
          const merged = new URLSearchParams(current);
          const put = (key: string, v: string | number | undefined) => {
            if (v === undefined || v === '' || (key === 'page' && v === 1)) merged.delete(key);
            else merged.set(key, String(v));
          };
          if ('q' in next) put('q', next.q);
          if ('status' in next) put('status', next.status);
          // A new search or filter starts again at the first page.
          put('page', 'page' in next ? next.page : 'q' in next || 'status' in next ? 1 : Number(merged.get('page') ?? 1));
          return merged;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return [value, update] as const;
}
