import { EmptyState, Skeleton } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { CreditLedgerTable } from '@/components/credit-ledger-table';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { TablePagination } from '@/components/table-pagination';
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
      <CreditLedgerTable entries={ledger.data.data} label="Credit ledger" />
      <TablePagination meta={ledger.data.meta} noun="entries" onPageChange={setPage} />
    </>
  );
}
