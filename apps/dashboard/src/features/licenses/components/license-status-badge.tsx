import type { LicenseStatus } from '@keyhold/contracts';
import { Badge } from '@mantine/core';

export const LICENSE_STATUS_LOOK: Record<LicenseStatus, { color: string; label: string }> = {
  unused: { color: 'blue', label: 'Unused' },
  used: { color: 'teal', label: 'Used' },
  expired: { color: 'orange', label: 'Expired' },
  banned: { color: 'red', label: 'Banned' },
};

export function LicenseStatusBadge({ status }: { status: LicenseStatus }) {
  const { color, label } = LICENSE_STATUS_LOOK[status];
  return (
    <Badge color={color} variant="light" radius="sm">
      {label}
    </Badge>
  );
}
