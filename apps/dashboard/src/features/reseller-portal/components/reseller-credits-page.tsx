import { EmptyState, Paper, Skeleton, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { CreditLedgerTable } from '@/components/credit-ledger-table';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { TablePagination } from '@/components/table-pagination';
import { useResellerLedger } from '../api/portal';

const PAGE_SIZE = 25;

/** /reseller/credits: the reseller's own credit history, newest first (top-ups, take-backs, key purchases). */
export function ResellerCreditsPage() {
  useDocumentTitle('Credit history · Reseller portal · Keyhold');
  const [page, setPage] = useState(1);
  const ledger = useResellerLedger({ page, limit: PAGE_SIZE });

  let content: React.ReactNode;
  if (ledger.isPending) {
    content = <Skeleton h={200} m="md" radius="md" />;
  } else if (ledger.isError) {
    content = (
      <QueryErrorAlert
        title="Could not load your credit history"
        error={ledger.error}
        onRetry={() => void ledger.refetch()}
        retrying={ledger.isFetching}
      />
    );
  } else if (ledger.data.data.length === 0) {
    content = (
      <EmptyState
        py={48}
        px="md"
        icon={<IconReceipt size={28} />}
        title="No credit movements yet"
        description="Top-ups from your seller and the credits you spend on keys appear here."
      />
    );
  } else {
    content = (
      <>
        <CreditLedgerTable entries={ledger.data.data} label="Credit history" />
        <TablePagination meta={ledger.data.meta} noun="entries" onPageChange={setPage} />
      </>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader title="Credit history" description="Every change of your balance, with the balance after it." />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        {content}
      </Paper>
    </Stack>
  );
}
