import { useCallback, useMemo, useState } from 'react';

/**
 * Rows ticked on a list page for a bulk action, or "every row matching the filters" (`allMatching`).
 * The selection belongs to one search and filter: it is emptied when `scope` (the filters) changes.
 */
export interface RowSelection {
  /** the ticked ids (of any page seen under this scope) */
  ids: string[];
  /** every row matching the filters, beyond the ticked ones */
  allMatching: boolean;
  /** the header checkbox: none, some or all of this page's rows ticked */
  pageState: 'none' | 'some' | 'all';
  isSelected: (id: string) => boolean;
  toggle: (id: string) => void;
  togglePage: () => void;
  selectAllMatching: () => void;
  clear: () => void;
}

export function useRowSelection(pageIds: readonly string[], scope: string): RowSelection {
  const [state, setState] = useState<{ scope: string; ids: Set<string>; allMatching: boolean }>({
    scope,
    ids: new Set(),
    allMatching: false,
  });
  // A new search or filter starts an empty selection (derived while rendering, no effect needed).
  const current = useMemo(() => (state.scope === scope ? state : { scope, ids: new Set<string>(), allMatching: false }), [state, scope]);
  const update = useCallback(
    (change: (ids: Set<string>) => void, allMatching = false) =>
      setState((prev) => {
        const ids = new Set(prev.scope === scope ? prev.ids : []);
        change(ids);
        return { scope, ids, allMatching };
      }),
    [scope],
  );

  return useMemo(() => {
    const ticked = pageIds.filter((id) => current.allMatching || current.ids.has(id)).length;
    const pageState = ticked === 0 ? 'none' : ticked === pageIds.length ? 'all' : 'some';
    return {
      ids: [...current.ids],
      allMatching: current.allMatching,
      pageState,
      isSelected: (id: string) => current.allMatching || current.ids.has(id),
      toggle: (id: string) =>
        update((ids) => {
          // Unticking a row of "every match" leaves this page's other rows ticked.
          if (current.allMatching) for (const pageId of pageIds) ids.add(pageId);
          if (ids.has(id)) ids.delete(id);
          else ids.add(id);
        }),
      togglePage: () =>
        update((ids) => {
          const on = pageState !== 'all';
          for (const id of pageIds) {
            if (on) ids.add(id);
            else ids.delete(id);
          }
        }),
      selectAllMatching: () => update(() => undefined, true),
      clear: () => update((ids) => ids.clear()),
    } satisfies RowSelection;
  }, [current, pageIds, update]);
}
