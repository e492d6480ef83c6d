import type { BulkAction, PageMeta } from '@keyhold/contracts';
import { Anchor, Button, Group, Text } from '@mantine/core';
import type { RowSelection } from '@/hooks/use-row-selection';
import { formatNumber, plural } from '@/lib/format';

export interface BulkActionButton<A extends string> {
  action: A;
  label: string;
  color?: string;
}

interface BulkBarProps<A extends string> {
  selection: RowSelection;
  /** the list's page meta: how many rows match the filters */
  meta: PageMeta;
  /** "user": the bar says "3 users selected" */
  noun: string;
  actions: readonly BulkActionButton<A>[];
  onAction: (action: A) => void;
}

/**
 * Above a list with ticked rows: how many are selected, the offer to take every row matching the
 * filters instead, and the bulk actions. Nothing shows while no row is ticked.
 */
/** The buttons of every bulk route (users and keys take the same four actions, BULK_ACTIONS). */
export const BULK_BAR_ACTIONS = [
  { action: 'ban', label: 'Ban', color: 'red' },
  { action: 'unban', label: 'Unban' },
  { action: 'extend', label: 'Extend' },
  { action: 'delete', label: 'Delete', color: 'red' },
] as const satisfies readonly BulkActionButton<BulkAction>[];

export function BulkBar<A extends string>({ selection, meta, noun, actions, onAction }: BulkBarProps<A>) {
  if (!selection.allMatching && selection.ids.length === 0) return null;
  const matching = `${formatNumber(meta.total)}${meta.totalCapped ? '+' : ''}`;
  return (
    <Group justify="space-between" px="md" py="xs" gap="sm" bg="var(--mantine-color-default-hover)" role="region" aria-label="Bulk actions">
      <Group gap="sm">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {selection.allMatching ? `Every ${noun} matching (${matching})` : `${plural(selection.ids.length, noun)} selected`}
        </Text>
        {!selection.allMatching && meta.total > selection.ids.length && (
          <Anchor component="button" type="button" size="sm" onClick={selection.selectAllMatching}>
            Select all {matching} matching
          </Anchor>
        )}
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={selection.clear}>
          Clear
        </Anchor>
      </Group>
      <Group gap="xs">
        {actions.map((a) => (
          <Button key={a.action} size="compact-sm" variant="light" color={a.color} onClick={() => onAction(a.action)}>
            {a.label}
          </Button>
        ))}
      </Group>
    </Group>
  );
}
