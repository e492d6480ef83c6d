import { LICENSE_STATUSES, type LicenseStatus } from '@keyhold/contracts';
import { Button, EmptyState, Group, Paper, Skeleton, Stack } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconDownload, IconKey, IconPlus } from '@tabler/icons-react';
import { KeysTable } from '@/components/keys-table';
import { LICENSE_STATUS_OPTIONS, LicenseStatusBadge } from '@/components/license-status-badge';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { NoMatchState } from '@/components/list-states';
import { SearchToolbar, StatusFilter } from '@/components/search-toolbar';
import { TablePagination } from '@/components/table-pagination';
import { listQuery, useListParams } from '@/hooks/use-list-params';
import { csvFilename, downloadText } from '@/lib/download';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useResellerExport, useResellerKeys, useResellerMe } from '../api/portal';
import { NoAppsAlert } from './no-apps-alert';
import { ResellerGenerateModal } from './reseller-generate-modal';

/** /reseller/keys: every key this reseller generated, with its status; search, filter and export them. */
export function ResellerKeysPage() {
  useDocumentTitle('My keys · Reseller portal · Keyhold');
  const me = useResellerMe();
  const [params, setParams] = useListParams<LicenseStatus>(LICENSE_STATUSES);
  const keys = useResellerKeys({
    ...listQuery(params),
  });
  const [generateOpened, generateModal] = useDisclosure(false);
  const exportCsv = useResellerExport();
  const appName = (id: string) => me.data?.apps.find((a) => a.id === id)?.name ?? id;
  const noApps = me.data?.apps.length === 0;

  const download = () =>
    exportCsv.mutate(
      { status: params.status, q: params.q || undefined },
      {
        onSuccess: (csv) => {
          downloadText(
            csvFilename(me.data?.username ?? 'my', 'keys', params.status ?? 'all', ...(params.q ? ['matching', params.q] : [])),
            csv,
          );
          notifySuccess('The CSV file is downloading', 'Keys exported');
        },
        onError: (error) => notifyError(error, 'Could not export the keys'),
      },
    );

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
          status={(k) => <LicenseStatusBadge status={k.status} />}
        />
        <TablePagination
          meta={keys.data.meta}
          rows={keys.data.data.length}
          noun="keys"
          onPageChange={(page, cursor) => setParams({ page, cursor })}
          onPageSizeChange={(limit) => setParams({ limit })}
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
          <Group gap="sm">
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={download} loading={exportCsv.isPending}>
              Export CSV
            </Button>
            {me.data && !noApps && (
              <Button leftSection={<IconPlus size={16} />} onClick={generateModal.open}>
                Generate keys
              </Button>
            )}
          </Group>
        }
      />
      {noApps && <NoAppsAlert />}
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        <SearchToolbar label="Search keys" placeholder="Search key, note or username" value={params.q} onChange={(q) => setParams({ q })}>
          <StatusFilter<LicenseStatus>
            options={LICENSE_STATUS_OPTIONS}
            value={params.status}
            onChange={(status) => setParams({ status })}
          />
        </SearchToolbar>
        {content}
      </Paper>
      {me.data && !noApps && <ResellerGenerateModal profile={me.data} opened={generateOpened} onClose={generateModal.close} />}
    </Stack>
  );
}
