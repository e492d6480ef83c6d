import { USER_STATUSES, type UpdateUserRequest, type UserBulkAction, type UserResponse, type UserStatus } from '@keyhold/contracts';
import { Button, EmptyState, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { BanModal } from '@/components/ban-modal';
import { ConfirmModal } from '@/components/confirm-modal';
import { ExpiryModal } from '@/components/expiry-modal';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { NoMatchState } from '@/components/list-states';
import { SearchToolbar, StatusFilter } from '@/components/search-toolbar';
import { BULK_BAR_ACTIONS, BulkBar } from '@/components/bulk-bar';
import { TablePagination } from '@/components/table-pagination';
import { useCurrentApp } from '@/hooks/use-current-app';
import { listQuery, useListParams } from '@/hooks/use-list-params';
import { useRowSelection } from '@/hooks/use-row-selection';
import { formatDate } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useUsers } from '../api/get-users';
import { useDeleteUser, useUpdateUser } from '../api/user-mutations';
import { CreateUserModal } from './create-user-modal';
import { PasswordModal, SubscriptionModal } from './user-field-modals';
import { USER_STATUS_LOOK } from './user-status-badge';
import { UsersBulkModal } from './users-bulk-modal';
import { UsersTable, UsersTableSkeleton, type UserAction } from './users-table';

const NO_IDS: string[] = [];
const STATUS_OPTIONS = USER_STATUSES.map((s) => ({ value: s, label: USER_STATUS_LOOK[s].label }));

type Dialog = { action: Exclude<UserAction, 'unban' | 'reset-hwid'>; user: UserResponse } | null;

/** /apps/:appId/users: the people who signed up or were given a credential. */
export function UsersPage() {
  const { id: appId } = useCurrentApp();
  const [params, setParams] = useListParams<UserStatus>(USER_STATUSES);
  const users = useUsers({ appId, ...listQuery(params) });
  const update = useUpdateUser(appId);
  const remove = useDeleteUser(appId);
  const [createOpened, createModal] = useDisclosure(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const filtered = Boolean(params.q || params.status);
  const selection = useRowSelection(users.data?.data.map((u) => u.id) ?? NO_IDS, `${params.q}\n${params.status ?? ''}`);
  const [bulkAction, setBulkAction] = useState<UserBulkAction | null>(null);
  const target = dialog?.user;

  const closeDialog = () => setDialog(null);

  /** One PATCH from a dialog: closes it and confirms on success; a refusal stays in the dialog (its form shows it). */
  const patch = async (body: UpdateUserRequest, done: string, title: string) => {
    if (!target) return;
    await update.mutateAsync({ id: target.id, body });
    closeDialog();
    notifySuccess(done, title);
  };

  const onAction = (action: UserAction, user: UserResponse) => {
    if (action === 'unban') {
      update.mutate(
        { id: user.id, body: { banned: false, banReason: null } },
        {
          onSuccess: () => notifySuccess(`${user.username} can sign in again`, 'User unbanned'),
          onError: (error) => notifyError(error, 'Could not unban the user'),
        },
      );
    } else if (action === 'reset-hwid') {
      update.mutate(
        { id: user.id, body: { resetHwid: true } },
        {
          onSuccess: () => notifySuccess(`${user.username} can sign in from a new device`, 'Hardware id reset'),
          onError: (error) => notifyError(error, 'Could not reset the hardware id'),
        },
      );
    } else {
      update.reset();
      remove.reset();
      setDialog({ action, user });
    }
  };

  let content: React.ReactNode;
  if (users.isPending) {
    content = <UsersTableSkeleton />;
  } else if (users.isError) {
    content = (
      <QueryErrorAlert
        title="Could not load the users"
        error={users.error}
        onRetry={() => void users.refetch()}
        retrying={users.isFetching}
      />
    );
  } else if (users.data.data.length === 0) {
    content = filtered ? (
      <NoMatchState
        title="No users match"
        description="Try another search or status."
        onClear={() => setParams({ q: '', status: undefined })}
      />
    ) : (
      <EmptyState
        py={48}
        px="md"
        icon={<IconUsers size={28} />}
        title="No users yet"
        description="Users appear here when they register from your software with a license key, or when you create one."
      >
        <EmptyState.Actions>
          <Button leftSection={<IconUserPlus size={16} />} onClick={createModal.open}>
            Create a user
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else {
    content = (
      <>
        <BulkBar selection={selection} meta={users.data.meta} noun="user" actions={BULK_BAR_ACTIONS} onAction={setBulkAction} />
        <UsersTable users={users.data.data} onAction={onAction} stale={users.isPlaceholderData} selection={selection} />
        <TablePagination
          meta={users.data.meta}
          rows={users.data.data.length}
          noun="users"
          onPageChange={(page, cursor) => setParams({ page, cursor })}
          onPageSizeChange={(limit) => setParams({ limit })}
        />
      </>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Users"
        description="Accounts of the people using your software."
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={createModal.open}>
            Create user
          </Button>
        }
      />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        <SearchToolbar
          label="Search users"
          placeholder="Search username, hardware id or IP"
          value={params.q}
          onChange={(q) => setParams({ q })}
        >
          <StatusFilter<UserStatus> options={STATUS_OPTIONS} value={params.status} onChange={(status) => setParams({ status })} />
        </SearchToolbar>
        {content}
      </Paper>

      <CreateUserModal appId={appId} opened={createOpened} onClose={createModal.close} />
      <UsersBulkModal
        appId={appId}
        action={bulkAction}
        selection={selection}
        filters={{ q: params.q || undefined, status: params.status }}
        onClose={() => setBulkAction(null)}
      />

      <BanModal
        opened={dialog?.action === 'ban'}
        onClose={closeDialog}
        title={`Ban ${target?.username ?? 'this user'}?`}
        description="The user is signed out at once and cannot sign in until you unban them."
        loading={update.isPending}
        error={update.error}
        onConfirm={(reason) => patch({ banned: true, banReason: reason }, `${target?.username} is banned`, 'User banned')}
      />
      <ExpiryModal
        opened={dialog?.action === 'expiry'}
        onClose={closeDialog}
        title={`Expiry of ${target?.username ?? 'the user'}`}
        current={target?.expiresAt ?? null}
        loading={update.isPending}
        error={update.error}
        onConfirm={(expiresAt) =>
          patch(
            { expiresAt },
            expiresAt ? `${target?.username} has access until ${formatDate(expiresAt)}` : `${target?.username} never expires`,
            'Expiry saved',
          )
        }
      />
      <SubscriptionModal
        user={target}
        opened={dialog?.action === 'subscription'}
        onClose={closeDialog}
        loading={update.isPending}
        error={update.error}
        onConfirm={(subscription) =>
          patch(
            { subscription },
            subscription ? `${target?.username} is on ${subscription}` : `${target?.username} has no subscription`,
            'Subscription saved',
          )
        }
      />
      <PasswordModal
        user={target}
        opened={dialog?.action === 'password'}
        onClose={closeDialog}
        loading={update.isPending}
        error={update.error}
        onConfirm={(password) => patch({ password }, `${target?.username} has a new password`, 'Password changed')}
      />
      <ConfirmModal
        opened={dialog?.action === 'delete'}
        onClose={closeDialog}
        title={`Delete ${target?.username ?? 'this user'}?`}
        confirmLabel="Delete user"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          target &&
          remove.mutate(target.id, {
            onSuccess: () => {
              closeDialog();
              notifySuccess(`${target.username} was deleted`, 'User deleted');
            },
          })
        }
      >
        <Text size="sm">
          <b>{target?.username}</b> is deleted for good and signed out everywhere. This cannot be undone.
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
