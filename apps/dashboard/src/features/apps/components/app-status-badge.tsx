import type { AppStatus } from '@keyhold/contracts';
import { Badge } from '@mantine/core';

const LOOK: Record<AppStatus, { color: string; label: string }> = {
  ACTIVE: { color: 'teal', label: 'Active' },
  DISABLED: { color: 'gray', label: 'Disabled' },
};

export function AppStatusBadge({ status }: { status: AppStatus }) {
  const { color, label } = LOOK[status];
  return (
    <Badge color={color} variant="light" radius="sm" leftSection={<span aria-hidden>●</span>}>
      {label}
    </Badge>
  );
}
