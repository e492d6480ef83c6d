import type { UserResponse } from '@keyhold/contracts';
import { ActionIcon, Menu, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import {
  IconBan,
  IconCalendarPlus,
  IconCircleCheck,
  IconDeviceDesktopOff,
  IconDots,
  IconLock,
  IconStar,
  IconTrash,
} from '@tabler/icons-react';
import { DataTableFrame, TableSkeletonBody } from '@/components/data-table';
import { formatDate, formatDateTime } from '@/lib/format';
import { UserStatusBadge } from './user-status-badge';

export type UserAction = 'ban' | 'unban' | 'reset-hwid' | 'expiry' | 'subscription' | 'password' | 'delete';

function Head() {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>Username</Table.Th>
        <Table.Th>Status</Table.Th>
        <Table.Th>Subscription</Table.Th>
        <Table.Th>Expires</Table.Th>
        <Table.Th>Last login</Table.Th>
        <Table.Th>Created</Table.Th>
        <Table.Th w={48}>
          <VisuallyHidden>Actions</VisuallyHidden>
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

function Frame({ children, label, dim }: { children: React.ReactNode; label: string; dim?: boolean }) {
  return (
    <DataTableFrame label={label} minWidth={820} head={<Head />} dim={dim}>
      {children}
    </DataTableFrame>
  );
}

function RowMenu({ user, onAction }: { user: UserResponse; onAction: (action: UserAction) => void }) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={220}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.username}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconCalendarPlus size={16} />} onClick={() => onAction('expiry')}>
          Set expiry…
        </Menu.Item>
        <Menu.Item leftSection={<IconStar size={16} />} onClick={() => onAction('subscription')}>
          Set subscription…
        </Menu.Item>
        <Menu.Item leftSection={<IconLock size={16} />} onClick={() => onAction('password')}>
          Change password…
        </Menu.Item>
        <Menu.Item leftSection={<IconDeviceDesktopOff size={16} />} onClick={() => onAction('reset-hwid')} disabled={!user.hwid}>
          Reset hardware id
        </Menu.Item>
        {user.banned ? (
          <Menu.Item leftSection={<IconCircleCheck size={16} />} onClick={() => onAction('unban')}>
            Unban
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconBan size={16} />} color="red" onClick={() => onAction('ban')}>
            Ban…
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => onAction('delete')}>
          Delete…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

interface UsersTableProps {
  users: UserResponse[];
  onAction: (action: UserAction, user: UserResponse) => void;
  stale?: boolean;
}

export function UsersTable({ users, onAction, stale }: UsersTableProps) {
  return (
    <Frame label="Users" dim={stale}>
      <Table.Tbody>
        {users.map((user) => (
          <Table.Tr key={user.id} data-testid="user-row">
            <Table.Td className="kh-wrap">
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {user.username}
              </Text>
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
              {user.banned && user.banReason ? (
                <Tooltip label={`Banned: ${user.banReason}`} multiline maw={280}>
                  <span>
                    <UserStatusBadge status={user.status} />
                  </span>
                </Tooltip>
              ) : (
                <UserStatusBadge status={user.status} />
              )}
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
