import type { BlacklistEntryResponse } from '@keyhold/contracts';
import { ActionIcon, Badge, EmptyState, Paper, Skeleton, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconShieldCheck, IconTrash } from '@tabler/icons-react';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { useCurrentApp } from '@/hooks/use-current-app';
import { formatDate } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useBlacklist, useRemoveBlacklistEntry } from '../api/blacklist';
import { AddBlacklistEntryForm } from './add-blacklist-entry-form';

function Frame({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table className="kh-table" verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Added</Table.Th>
            <Table.Th w={48}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

function EntryRow({ entry, appId }: { entry: BlacklistEntryResponse; appId: string }) {
  const remove = useRemoveBlacklistEntry(appId);
  return (
    <Table.Tr data-testid="blacklist-row">
      <Table.Td>
        <Badge variant="light" color={entry.type === 'ip' ? 'grape' : 'cyan'} radius="sm">
          {entry.type === 'ip' ? (entry.value.includes('/') ? 'IP range' : 'IP') : 'Hardware id'}
        </Badge>
      </Table.Td>
      <Table.Td className="kh-wrap">
        <Text size="sm" className="kh-mono" style={{ overflowWrap: 'anywhere' }}>
          {entry.value}
        </Text>
      </Table.Td>
      <Table.Td className="kh-wrap">
        <Text size="sm" c={entry.reason ? undefined : 'dimmed'}>
          {entry.reason ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(entry.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label="Remove from the blacklist">
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${entry.value}`}
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(entry.id, {
                onSuccess: () => notifySuccess(`${entry.value} is no longer blocked`, 'Removed from the blacklist'),
                onError: (error) => notifyError(error, 'Could not remove the entry'),
              })
            }
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

/** /apps/:appId/blacklist */
export function BlacklistPage() {
  const { id: appId } = useCurrentApp();
  const entries = useBlacklist(appId);

  let content: React.ReactNode;
  if (entries.isPending) {
    content = (
      <Frame label="Loading the blacklist">
        <Table.Tbody aria-busy>
          {[0, 1, 2].map((i) => (
            <Table.Tr key={i}>
              {[60, 160, 140, 80, 24].map((w, j) => (
                <Table.Td key={j}>
                  <Skeleton h={14} w={w} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Frame>
    );
  } else if (entries.isError) {
    content = (
      <QueryErrorAlert title="Could not load the blacklist" error={entries.error} onRetry={() => void entries.refetch()} retrying={entries.isFetching} />
    );
  } else if (entries.data.length === 0) {
    content = (
      <EmptyState
        py={48}
        px="md"
        icon={<IconShieldCheck size={28} />}
        title="Nothing is blocked"
        description="Add an IP, a CIDR range or a hardware id above to refuse it."
      />
    );
  } else {
    content = (
      <Frame label="Blacklist">
        <Table.Tbody>
          {entries.data.map((entry) => (
            <EntryRow key={entry.id} entry={entry} appId={appId} />
          ))}
        </Table.Tbody>
      </Frame>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title="Blacklist" description="IPs, ranges and devices refused by this app." />
      <AddBlacklistEntryForm appId={appId} />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        {content}
      </Paper>
    </Stack>
  );
}
