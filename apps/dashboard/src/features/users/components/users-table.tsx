import type { UserResponse } from '@keyhold/contracts';
import { Anchor, Menu, Table, Text } from '@mantine/core';
import { IconCalendarPlus, IconLock, IconStar } from '@tabler/icons-react';
import { Link } from 'react-router';
import { DataTableFrame, SelectCell, TableSkeletonBody } from '@/components/data-table';
import type { RowSelection } from '@/hooks/use-row-selection';
import { BanReasonTooltip, RowActionsMenu, type ModerationAction } from '@/components/row-actions-menu';
import { formatDate, formatDateTime } from '@/lib/format';
import { UserStatusBadge } from './user-status-badge';

export type UserAction = ModerationAction | 'expiry' | 'subscription' | 'password';

const COLUMNS = ['Username', 'Status', 'Subscription', 'Expires', 'Last login', 'Created'];

function Frame({ children, label, dim, selection }: { children: React.ReactNode; label: string; dim?: boolean; selection?: RowSelection }) {
  return (
    <DataTableFrame label={label} minWidth={860} columns={COLUMNS} actions dim={dim} selection={selection}>
      {children}
    </DataTableFrame>
  );
}

function RowMenu({ user, onAction }: { user: UserResponse; onAction: (action: UserAction) => void }) {
  return (
    <RowActionsMenu name={user.username} width={220} banned={user.banned} hasHwid={Boolean(user.hwid)} onAction={onAction}>
      <Menu.Item leftSection={<IconCalendarPlus size={16} />} onClick={() => onAction('expiry')}>
        Set expiry…
      </Menu.Item>
      <Menu.Item leftSection={<IconStar size={16} />} onClick={() => onAction('subscription')}>
        Set subscription…
      </Menu.Item>
      <Menu.Item leftSection={<IconLock size={16} />} onClick={() => onAction('password')}>
        Change password…
      </Menu.Item>
    </RowActionsMenu>
  );
}

interface UsersTableProps {
  users: UserResponse[];
  onAction: (action: UserAction, user: UserResponse) => void;
  stale?: boolean;
  /** ticked rows for a bulk action */
  selection?: RowSelection;
}

export function UsersTable({ users, onAction, stale, selection }: UsersTableProps) {
  return (
    <Frame label="Users" dim={stale} selection={selection}>
      <Table.Tbody>
        {users.map((user) => (
          <Table.Tr key={user.id} data-testid="user-row">
            {selection && <SelectCell selection={selection} id={user.id} name={user.username} />}
            <Table.Td className="kh-wrap">
              <Anchor component={Link} to={user.id} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {user.username}
              </Anchor>
              <Text
                size="xs"
                c="dimmed"
                className={user.hwid ? 'kh-mono' : undefined}
                truncate="end"
                maw={220}
                title={user.hwid ? `Hardware id: ${user.hwid}` : undefined}
                data-testid="user-hwid"
              >
                {user.hwid ?? 'No device yet'}
              </Text>
            </Table.Td>
            <Table.Td>
              <BanReasonTooltip reason={user.banned && user.banReason}>
                <UserStatusBadge status={user.status} />
              </BanReasonTooltip>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={user.subscription ? undefined : 'dimmed'}>
                {user.subscription ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{user.expiresAt ? formatDate(user.expiresAt) : 'Never'}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}</Text>
              {user.lastLoginIp && (
                <Text size="xs" c="dimmed" className="kh-mono">
                  {user.lastLoginIp}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDate(user.createdAt)}</Text>
            </Table.Td>
            <Table.Td>
              <RowMenu user={user} onAction={(action) => onAction(action, user)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Frame>
  );
}

export function UsersTableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Frame label="Loading users">
      <TableSkeletonBody rows={rows} widths={[140, 60, 80, 80, 110, 80, 24]} />
    </Frame>
  );
}
