import type { BlacklistEntryResponse } from '@keyhold/contracts';
import { ActionIcon, Badge, EmptyState, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconShieldCheck, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { DataTableFrame, TableSkeletonBody } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { useCurrentApp } from '@/hooks/use-current-app';
import { formatDate } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useBlacklist, useRemoveBlacklistEntry } from '../api/blacklist';
import { AddBlacklistEntryForm } from './add-blacklist-entry-form';

function Frame({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <DataTableFrame label={label} minWidth={640} columns={['Type', 'Value', 'Reason', 'Added']} actions>
      {children}
    </DataTableFrame>
  );
}

function EntryRow({ entry, onRemove }: { entry: BlacklistEntryResponse; onRemove: () => void }) {
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
          <ActionIcon variant="subtle" color="red" aria-label={`Remove ${entry.value}`} onClick={onRemove}>
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
  const remove = useRemoveBlacklistEntry(appId);
  const [removing, setRemoving] = useState<BlacklistEntryResponse | null>(null);
  const closeRemove = () => {
    remove.reset();
    setRemoving(null);
  };

  let content: React.ReactNode;
  if (entries.isPending) {
    content = (
      <Frame label="Loading the blacklist">
        <TableSkeletonBody widths={[60, 160, 140, 80, 24]} />
      </Frame>
    );
  } else if (entries.isError) {
    content = (
      <QueryErrorAlert
        title="Could not load the blacklist"
        error={entries.error}
        onRetry={() => void entries.refetch()}
        retrying={entries.isFetching}
      />
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
            <EntryRow key={entry.id} entry={entry} onRemove={() => setRemoving(entry)} />
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
      <ConfirmModal
        opened={Boolean(removing)}
        onClose={closeRemove}
        title="Remove this entry?"
        confirmLabel="Remove entry"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              notifySuccess(`${removing.value} is no longer blocked`, 'Removed from the blacklist');
              closeRemove();
            },
          })
        }
      >
        <Text span className="kh-mono" fw={600}>
          {removing?.value}
        </Text>{' '}
        will no longer be blocked.
      </ConfirmModal>
    </Stack>
  );
}
