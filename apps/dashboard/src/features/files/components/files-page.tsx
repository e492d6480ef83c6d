import type { FileResponse } from '@keyhold/contracts';
import { ActionIcon, Badge, Code, EmptyState, Group, Menu, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDots, IconFileOff, IconPencil, IconReplace, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { DataTableFrame, TableSkeletonBody } from '@/components/data-table';
import { CopyIconButton } from '@/components/copy-icon-button';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { NoMatchState } from '@/components/list-states';
import { SearchToolbar } from '@/components/search-toolbar';
import { TablePagination } from '@/components/table-pagination';
import { useCurrentApp } from '@/hooks/use-current-app';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate, formatDateTime } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useDeleteFile, useFiles } from '../api/files';
import { formatBytes } from '@/lib/format';
import { EditFileModal } from './edit-file-modal';
import { ReplaceFileModal } from './replace-file-modal';
import { UploadFileCard } from './upload-file-card';

const NO_STATUSES: readonly never[] = [];

function Frame({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <DataTableFrame label={label} minWidth={760} columns={['Name', 'Size', 'Allowed', 'SHA-256', 'Updated']} actions>
      {children}
    </DataTableFrame>
  );
}

function FileRow({
  file,
  onEdit,
  onReplace,
  onDelete,
}: {
  file: FileResponse;
  onEdit: () => void;
  onReplace: () => void;
  onDelete: () => void;
}) {
  return (
    <Table.Tr data-testid="file-row">
      <Table.Td className="kh-wrap">
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {file.name}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed" className="kh-mono">
            {file.id}
          </Text>
          <CopyIconButton value={file.id} label="file id" />
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatBytes(file.size)}</Text>
      </Table.Td>
      <Table.Td className="kh-wrap">
        {file.subscriptions.length === 0 ? (
          <Text size="sm" c="dimmed">
            Every active user
          </Text>
        ) : (
          <Group gap={4}>
            {file.subscriptions.map((s) => (
              <Badge key={s} variant="light" radius="sm" tt="none">
                {s}
              </Badge>
            ))}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Tooltip label={file.sha256} maw={360} multiline style={{ wordBreak: 'break-all' }}>
          <Code className="kh-mono">{file.sha256.slice(0, 12)}…</Code>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={formatDateTime(file.updatedAt)}>
          {formatDate(file.updatedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal shadow="md" width={220}>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${file.name}`}>
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
              Rename or change access…
            </Menu.Item>
            <Menu.Item leftSection={<IconReplace size={16} />} onClick={onReplace}>
              Replace the file…
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={onDelete}>
              Delete…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

/** /apps/:appId/files: files the app's users may download. */
export function FilesPage() {
  const { id: appId } = useCurrentApp();
  const [params, setParams] = useListParams(NO_STATUSES);
  const files = useFiles({ appId, q: params.q || undefined, page: params.page, cursor: params.cursor, limit: params.limit });
  const remove = useDeleteFile(appId);
  const [editing, setEditing] = useState<FileResponse | null>(null);
  const [replacing, setReplacing] = useState<FileResponse | null>(null);
  const [deleting, setDeleting] = useState<FileResponse | null>(null);

  let content: React.ReactNode;
  if (files.isPending) {
    content = (
      <Frame label="Loading files">
        <TableSkeletonBody widths={[180, 60, 120, 100, 120, 24]} />
      </Frame>
    );
  } else if (files.isError) {
    content = (
      <QueryErrorAlert
        title="Could not load the files"
        error={files.error}
        onRetry={() => void files.refetch()}
        retrying={files.isFetching}
      />
    );
  } else if (files.data.data.length === 0) {
    content = params.q ? (
      <NoMatchState title="No files match" description="Try another name." onClear={() => setParams({ q: '' })} clearLabel="Clear search" />
    ) : (
      <EmptyState
        py={48}
        px="md"
        icon={<IconFileOff size={28} />}
        title="No files yet"
        description="Upload a file above: an update, a loader, a config…"
      />
    );
  } else {
    content = (
      <>
        <Frame label="Files">
          <Table.Tbody>
            {files.data.data.map((file) => (
              <FileRow
                key={file.id}
                file={file}
                onEdit={() => setEditing(file)}
                onReplace={() => setReplacing(file)}
                onDelete={() => {
                  remove.reset();
                  setDeleting(file);
                }}
              />
            ))}
          </Table.Tbody>
        </Frame>
        <TablePagination
          meta={files.data.meta}
          rows={files.data.data.length}
          noun="files"
          onPageChange={(page, cursor) => setParams({ page, cursor })}
          onPageSizeChange={(limit) => setParams({ limit })}
        />
      </>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title="Files" description="Downloads for your signed-in users, limited by subscription if you like." />
      <UploadFileCard appId={appId} />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        <SearchToolbar label="Search files" placeholder="Search by name" value={params.q} onChange={(q) => setParams({ q })} />
        {content}
      </Paper>
      <EditFileModal appId={appId} file={editing} onClose={() => setEditing(null)} />
      <ReplaceFileModal appId={appId} file={replacing} onClose={() => setReplacing(null)} />
      <ConfirmModal
        opened={Boolean(deleting)}
        onClose={() => setDeleting(null)}
        title="Delete this file?"
        confirmLabel="Delete file"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(deleting.name, 'File deleted');
              setDeleting(null);
            },
          })
        }
      >
        <b>{deleting?.name}</b> is deleted for good; software asking for it gets 404.
      </ConfirmModal>
    </Stack>
  );
}
