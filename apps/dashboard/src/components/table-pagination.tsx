import type { PageMeta } from '@keyhold/contracts';
import { Group, Pagination, Text } from '@mantine/core';
import { formatNumber } from '@/lib/format';

interface TablePaginationProps {
  meta: PageMeta;
  onPageChange: (page: number) => void;
  /** what is counted: "keys", "users" */
  noun: string;
}

/** "Showing 51–100 of 230 keys" and the page buttons under a table. */
export function TablePagination({ meta, onPageChange, noun }: TablePaginationProps) {
  const pages = Math.max(1, Math.ceil(meta.total / meta.limit));
  const first = meta.total === 0 ? 0 : (meta.page - 1) * meta.limit + 1;
  const last = Math.min(meta.total, meta.page * meta.limit);
  return (
    <Group justify="space-between" px="md" py="sm" gap="sm" className="kh-table-footer">
      <Text size="sm" c="dimmed" data-testid="page-summary">
        {meta.total === 0 ? `No ${noun}` : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(meta.total)} ${noun}`}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={Math.min(meta.page, pages)}
          onChange={onPageChange}
          size="sm"
          siblings={0}
          boundaries={1}
          getControlProps={(control) => ({ 'aria-label': `${control} page` })}
        />
      )}
    </Group>
  );
}
