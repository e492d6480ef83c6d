import { LICENSE_STATUSES, type LicenseStatus } from '@keyhold/contracts';
import { Badge, Button, EmptyState, Paper, Skeleton, Stack } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { KeysTable } from '@/components/keys-table';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { NoMatchState } from '@/components/list-states';
import { SearchToolbar, StatusFilter } from '@/components/search-toolbar';
import { TablePagination } from '@/components/table-pagination';
import { listQuery, useListParams } from '@/hooks/use-list-params';
import { useResellerKeys, useResellerMe } from '../api/portal';
import { ResellerGenerateModal } from './reseller-generate-modal';

const PAGE_SIZE = 25;
const STATUS_OPTIONS = LICENSE_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }));
const STATUS_COLOR: Record<LicenseStatus, string> = { unused: 'blue', used: 'teal', expired: 'orange', banned: 'red' };

/** /reseller/keys: every key this reseller generated, with its status. */
export function ResellerKeysPage() {
  useDocumentTitle('My keys · Reseller portal · Keyhold');
  const me = useResellerMe();
  const [params, setParams] = useListParams<LicenseStatus>(LICENSE_STATUSES);
  const keys = useResellerKeys({
    ...listQuery(params),
    limit: PAGE_SIZE,
  });
  const [generateOpened, generateModal] = useDisclosure(false);
  const appName = (id: string) => me.data?.apps.find((a) => a.id === id)?.name ?? id;

  let content: React.ReactNode;
  if (keys.isPending) {
    content = <Skeleton h={200} m="md" radius="md" />;
  } else if (keys.isError) {
    content = (
      <QueryErrorAlert title="Could not load your keys" error={keys.error} onRetry={() => void keys.refetch()} retrying={keys.isFetching} />
    );
  } else if (keys.data.data.length === 0) {
    content =
      params.q || params.status ? (
        <NoMatchState
          title="No keys match"
          description="Try another search or status."
          onClear={() => setParams({ q: '', status: undefined })}
        />
      ) : (
        <EmptyState
          py={48}
          px="md"
          icon={<IconKey size={28} />}
          title="No keys yet"
          description="Keys you generate appear here with their status."
        />
      );
  } else {
    content = (
      <>
        <KeysTable
          keys={keys.data.data}
          label="My keys"
          minWidth={760}
          rowTestId="portal-key-row"
          copyable
          appName={appName}
          status={(k) => (
            <Badge color={STATUS_COLOR[k.status]} variant="light" radius="sm">
              {k.status}
            </Badge>
          )}
        />
        <TablePagination
          meta={keys.data.meta}
          rows={keys.data.data.length}
          noun="keys"
          onPageChange={(page, cursor) => setParams({ page, cursor })}
        />
      </>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="My keys"
        description="Every key you generated, and whether your customers used it."
        actions={
          me.data && (
            <Button leftSection={<IconPlus size={16} />} onClick={generateModal.open} disabled={me.data.apps.length === 0}>
              Generate keys
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        <SearchToolbar label="Search keys" placeholder="Search key or username" value={params.q} onChange={(q) => setParams({ q })}>
          <StatusFilter<LicenseStatus> options={STATUS_OPTIONS} value={params.status} onChange={(status) => setParams({ status })} />
        </SearchToolbar>
        {content}
      </Paper>
      {me.data && <ResellerGenerateModal profile={me.data} opened={generateOpened} onClose={generateModal.close} />}
    </Stack>
  );
}
