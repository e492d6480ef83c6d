import { EmptyState, Skeleton, Table, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { TablePagination } from '@/components/table-pagination';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useLedger } from '../api/resellers';

/** The reseller detail page's "Credit ledger" tab: top-ups, take-backs and key purchases. */
export function LedgerTab({ resellerId }: { resellerId: string }) {
  const [page, setPage] = useState(1);
  const ledger = useLedger(resellerId, { page, limit: 20 });
  if (ledger.isPending) return <Skeleton h={160} m="md" radius="md" />;
  if (ledger.isError)
    return (
      <QueryErrorAlert
        title="Could not load the ledger"
        error={ledger.error}
        onRetry={() => void ledger.refetch()}
        retrying={ledger.isFetching}
      />
    );
  if (ledger.data.data.length === 0) {
    return (
      <EmptyState
        py={40}
        px="md"
        icon={<IconReceipt size={28} />}
        title="No credit movements yet"
        description="Top-ups, take-backs and key purchases appear here."
      />
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={560} type="native">
        <Table className="kh-table" verticalSpacing="sm" horizontalSpacing="md" aria-label="Credit ledger">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th ta="right">Balance after</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ledger.data.data.map((entry) => (
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
                  <Text size="sm" c={entry.note ? undefined : 'dimmed'}>
                    {entry.note ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TablePagination meta={ledger.data.meta} noun="entries" onPageChange={setPage} />
    </>
  );
}
