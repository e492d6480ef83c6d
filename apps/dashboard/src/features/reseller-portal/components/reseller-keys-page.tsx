import { LICENSE_STATUSES, type LicenseStatus } from '@keyhold/contracts';
import { Badge, Button, Code, EmptyState, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { DataTableFrame } from '@/components/data-table';
import { CopyIconButton } from '@/components/copy-icon-button';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { NoMatchState } from '@/components/list-states';
import { SearchToolbar, StatusFilter } from '@/components/search-toolbar';
import { TablePagination } from '@/components/table-pagination';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate, formatDuration } from '@/lib/format';
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
  const keys = useResellerKeys({ q: params.q || undefined, status: params.status, page: params.page, limit: PAGE_SIZE });
  const [generateOpened, generateModal] = useDisclosure(false);
  const appName = (id: string) => me.data?.apps.find((a) => a.id === id)?.name ?? id;

  let content: React.ReactNode;
  if (keys.isPending) {
    content = <Skeleton h={200} m="md" radius="md" />;
  } else if (keys.isError) {
    content = <QueryErrorAlert title="Could not load your keys" error={keys.error} onRetry={() => void keys.refetch()} retrying={keys.isFetching} />;
  } else if (keys.data.data.length === 0) {
    content =
      params.q || params.status ? (
        <NoMatchState title="No keys match" description="Try another search or status." onClear={() => setParams({ q: '', status: undefined })} />
      ) : (
        <EmptyState py={48} px="md" icon={<IconKey size={28} />} title="No keys yet" description="Keys you generate appear here with their status." />
      );
  } else {
    content = (
      <>
        <DataTableFrame
          label="My keys"
          minWidth={760}
          head={
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Key</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>App</Table.Th>
                <Table.Th>Subscription</Table.Th>
                <Table.Th>Used by</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
          }
        >
            <Table.Tbody>
              {keys.data.data.map((k) => (
                <Table.Tr key={k.id} data-testid="portal-key-row">
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Code className="kh-mono">{k.key}</Code>
                      <CopyIconButton value={k.key} label="key" />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[k.status]} variant="light" radius="sm">
                      {k.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{appName(k.appId)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{k.subscription}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDuration(k.durationDays)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{k.usedBy?.username ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(k.createdAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
        </DataTableFrame>
        <TablePagination meta={keys.data.meta} noun="keys" onPageChange={(page) => setParams({ page })} />
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
