import type { UserStatus } from '@keyhold/contracts';
import { Badge } from '@mantine/core';

export const USER_STATUS_LOOK: Record<UserStatus, { color: string; label: string }> = {
  active: { color: 'teal', label: 'Active' },
  expired: { color: 'orange', label: 'Expired' },
  banned: { color: 'red', label: 'Banned' },
};

export function UserStatusBadge({ status }: { status: UserStatus }) {
  const { color, label } = USER_STATUS_LOOK[status];
  return (
    <Badge color={color} variant="light" radius="sm">
      {label}
    </Badge>
  );
}
