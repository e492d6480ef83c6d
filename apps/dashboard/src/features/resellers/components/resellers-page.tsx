import { RESELLER_STATUSES, type ResellerStatus } from '@keyhold/contracts';
import { Anchor, Button, EmptyState, Paper, Stack, Table, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { Link } from 'react-router';
import { DataTableFrame, TableSkeletonBody } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { NoMatchState } from '@/components/list-states';
import { SearchToolbar, StatusFilter } from '@/components/search-toolbar';
import { TablePagination } from '@/components/table-pagination';
import { listQuery, useListParams } from '@/hooks/use-list-params';
import { formatDate, formatNumber } from '@/lib/format';
import { useResellers } from '../api/resellers';
import { CreateResellerModal } from './create-reseller-modal';
import type { AppChoices } from './permissions-fields';
import { PricesSummary } from './prices-summary';
import { ResellerPortalLink } from './reseller-portal-link';
import { NoAppsLeftBadge, ResellerStatusBadge } from './reseller-status-badge';

const STATUS_OPTIONS: { value: ResellerStatus; label: string }[] = [
  { value: 'ACTIVE', label: 'Active' },
  { value: 'SUSPENDED', label: 'Suspended' },
];

function Frame({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <DataTableFrame
      label={label}
      minWidth={860}
      columns={['Reseller', 'Status', { label: 'Credits', align: 'right' }, 'Apps', 'Sells', 'Created']}
    >
      {children}
    </DataTableFrame>
  );
}

/** /resellers: the people who sell this seller's keys for credits; `apps` come from the route. */
export function ResellersPage({ apps }: { apps: AppChoices }) {
  useDocumentTitle('Resellers · Keyhold');
  const [params, setParams] = useListParams<ResellerStatus>(RESELLER_STATUSES);
  const resellers = useResellers({
    ...listQuery(params),
  });
  const appName = (id: string) => apps.options.find((app) => app.value === id)?.label ?? id;
  const [createOpened, createModal] = useDisclosure(false);

  let content: React.ReactNode;
  if (resellers.isPending) {
    content = (
      <Frame label="Loading resellers">
        <TableSkeletonBody widths={[120, 60, 50, 120, 160, 80]} />
      </Frame>
    );
  } else if (resellers.isError) {
    content = (
      <QueryErrorAlert
        title="Could not load the resellers"
        error={resellers.error}
        onRetry={() => void resellers.refetch()}
        retrying={resellers.isFetching}
      />
    );
  } else if (resellers.data.data.length === 0) {
    content =
      params.q || params.status ? (
        <NoMatchState
          title="No resellers match"
          description="Try another search or status."
          onClear={() => setParams({ q: '', status: undefined })}
        />
      ) : (
        <EmptyState
          py={48}
          px="md"
          icon={<IconUsersGroup size={28} />}
          title="No resellers yet"
          description="A reseller signs in to their own portal and generates keys of your apps, paying with credits you top up."
        >
          <EmptyState.Actions>
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
              Add a reseller
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
  } else {
    content = (
      <>
        <Frame label="Resellers">
          <Table.Tbody>
            {resellers.data.data.map((r) => (
              <Table.Tr key={r.id} data-testid="reseller-row">
                <Table.Td>
                  <Anchor component={Link} to={`/resellers/${encodeURIComponent(r.id)}`} fw={600} size="sm">
                    {r.username}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <ResellerStatusBadge status={r.status} />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600}>
                    {formatNumber(r.credits)}
                  </Text>
                </Table.Td>
                <Table.Td className="kh-wrap">
                  {r.appIds.length > 0 ? <Text size="sm">{r.appIds.map(appName).join(', ')}</Text> : <NoAppsLeftBadge />}
                </Table.Td>
                <Table.Td className="kh-wrap">
                  <Text size="xs" c="dimmed" mb={4}>
                    {r.subscriptions.join(', ')}
                  </Text>
                  <PricesSummary prices={r.prices} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(r.createdAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Frame>
        <TablePagination
          meta={resellers.data.meta}
          rows={resellers.data.data.length}
          noun="resellers"
          onPageChange={(page, cursor) => setParams({ page, cursor })}
          onPageSizeChange={(limit) => setParams({ limit })}
        />
      </>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="Resellers"
        description="They sell your keys from their own portal, paying in credits you top up."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            New reseller
          </Button>
        }
      />
      <Paper withBorder radius="md" shadow="xs" p="md">
        <ResellerPortalLink />
      </Paper>
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        <SearchToolbar label="Search resellers" placeholder="Search username" value={params.q} onChange={(q) => setParams({ q })}>
          <StatusFilter<ResellerStatus> options={STATUS_OPTIONS} value={params.status} onChange={(status) => setParams({ status })} />
        </SearchToolbar>
        {content}
      </Paper>
      <CreateResellerModal opened={createOpened} onClose={createModal.close} apps={apps} />
    </Stack>
  );
}
