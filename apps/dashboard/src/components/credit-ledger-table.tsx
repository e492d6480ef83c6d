import type { CreditLedgerEntry } from '@keyhold/contracts';
import { Table, Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatNumber } from '@/lib/format';

/**
 * An entry's note, with the app a spend bought keys of shown by its name (its id in a tooltip)
 * where the note names it by id (`Generated 3 keys (30 days, premium) for app_...`).
 */
export function LedgerNote({ entry }: { entry: Pick<CreditLedgerEntry, 'note' | 'app'> }) {
  const { note, app } = entry;
  if (!note) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const at = app ? note.indexOf(app.id) : -1;
  if (!app || at < 0) return <Text size="sm">{note}</Text>;
  return (
    <Text size="sm">
      {note.slice(0, at)}
      <Tooltip label={app.id} withArrow>
        <Text span size="sm" fw={600} data-testid="ledger-app" style={{ cursor: 'help' }}>
          {app.name}
        </Text>
      </Tooltip>
      {note.slice(at + app.id.length)}
    </Text>
  );
}

/** A reseller's credit movements, newest first: when, amount (+ top-up, − spend or take-back), balance after, note. */
export function CreditLedgerTable({ entries, label }: { entries: CreditLedgerEntry[]; label: string }) {
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table className="kh-table" verticalSpacing="sm" horizontalSpacing="md" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th ta="right">Balance after</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="ledger-row">
              <Table.Td>
                <Text size="sm">{formatDateTime(entry.createdAt)}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={600} c={entry.amount > 0 ? 'teal' : 'red'}>
                  {entry.amount > 0 ? '+' : ''}
                  {formatNumber(entry.amount)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{formatNumber(entry.balanceAfter)}</Text>
              </Table.Td>
              <Table.Td className="kh-wrap">
                <LedgerNote entry={entry} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
