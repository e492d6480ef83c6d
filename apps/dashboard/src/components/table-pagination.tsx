import type { PageMeta } from '@keyhold/contracts';
import { Group, NativeSelect, Pagination, Text } from '@mantine/core';
import { PAGE_SIZES } from '@/hooks/use-list-params';
import { useState } from 'react';
import { formatNumber } from '@/lib/format';

interface TablePaginationProps {
  meta: PageMeta;
  /**
   * Go to `page`. With `cursor` (a `meta.nextCursor`), ask for the page by that cursor (the page
   * after the one that gave it) rather than by number: a numbered page reads every row before it,
   * which past the counted pages of a capped list is slow. Only lists that answer `nextCursor` and
   * `totalCapped` are ever given a cursor; a list keeps it where it keeps its page.
   */
  onPageChange: (page: number, cursor?: string) => void;
  /** what is counted: "keys", "users" */
  noun: string;
  /** The rows this page shows; only past the counted total (see `totalCapped`) is it needed for the range. */
  rows?: number;
  /** With it, a "rows per page" choice (PAGE_SIZES); the list goes back to its first page. */
  onPageSizeChange?: (limit: number) => void;
}

function PageSize({ limit, onChange }: { limit: number; onChange: (limit: number) => void }) {
  return (
    <NativeSelect
      size="xs"
      aria-label="Rows per page"
      value={String(limit)}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
      data={PAGE_SIZES.map((n) => ({ value: String(n), label: `${n} per page` }))}
      w={120}
    />
  );
}

const controlLabel = (control: string) => ({ 'aria-label': `${control} page` });

/**
 * "Showing 51–100 of 230 keys" and the page buttons under a table. A list counted only up to
 * PAGE_COUNT_CAP (`meta.totalCapped`) shows "of 10,000+": the numbered pages cover the counted
 * rows, and at the last of them the next-page arrow goes on by `meta.nextCursor`, one page at a
 * time; the pages past the count join the pager as they are reached.
 */
export function TablePagination({ meta, onPageChange, noun, rows, onPageSizeChange }: TablePaginationProps) {
  // The cursor that starts each page past the counted ones, as Next reached it: the way back. A new
  // search or filter goes back to page 1, and every page past the count is then reached again by
  // Next, which writes its entry anew, so an entry of an earlier filter is never used.
  const [cursors, setCursors] = useState<Readonly<Record<number, string>>>({});
  const counted = Math.max(1, Math.ceil(meta.total / meta.limit));
  const first = meta.total === 0 ? 0 : (meta.page - 1) * meta.limit + 1;

  if (!meta.totalCapped) {
    const last = Math.min(meta.total, meta.page * meta.limit);
    return (
      <Group justify="space-between" px="md" py="sm" gap="sm" className="kh-table-footer">
        <Text size="sm" c="dimmed" data-testid="page-summary">
          {meta.total === 0 ? `No ${noun}` : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(meta.total)} ${noun}`}
        </Text>
        <Group gap="sm">
          {onPageSizeChange && meta.total > PAGE_SIZES[0] && <PageSize limit={meta.limit} onChange={onPageSizeChange} />}
          {counted > 1 && (
            <Pagination
              total={counted}
              value={Math.min(meta.page, counted)}
              onChange={onPageChange}
              size="sm"
              siblings={0}
              boundaries={1}
              getControlProps={controlLabel}
            />
          )}
        </Group>
      </Group>
    );
  }

  // "10,000 or more": the pages so far are the counted ones, or up to this one once past them.
  const pages = Math.max(counted, meta.page);
  const last = meta.page > counted ? first + (rows ?? meta.limit) - 1 : meta.page * meta.limit;
  const nextCursor = meta.nextCursor ?? null;
  /** Within the count a numbered page costs at most what the count does; past it, by cursor if we have one. */
  const go = (page: number) => {
    const cursor = page > counted ? cursors[page] : undefined;
    if (cursor) onPageChange(page, cursor);
    else onPageChange(page);
  };
  const next = () => {
    const page = meta.page + 1;
    if (page <= counted || !nextCursor) return go(page);
    setCursors((known) => ({ ...known, [page]: nextCursor }));
    onPageChange(page, nextCursor);
  };
  return (
    <Group justify="space-between" px="md" py="sm" gap="sm" className="kh-table-footer">
      <Text size="sm" c="dimmed" data-testid="page-summary">
        {`Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(meta.total)}+ ${noun}`}
      </Text>
      <Pagination.Root total={pages} value={meta.page} onChange={go} size="sm" siblings={0} boundaries={1}>
        <Group gap={8}>
          {onPageSizeChange && <PageSize limit={meta.limit} onChange={onPageSizeChange} />}
          <Pagination.Previous {...controlLabel('previous')} />
          <Pagination.Items />
          {/* Its own disabled and onClick win over the pager's (Mantine spreads them last): enabled at the last page while there are more. */}
          <Pagination.Next {...controlLabel('next')} disabled={meta.page >= pages && !nextCursor} onClick={next} />
        </Group>
      </Pagination.Root>
    </Group>
  );
}
