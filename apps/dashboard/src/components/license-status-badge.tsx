import type { LicenseStatus } from '@keyhold/contracts';
import { Badge } from '@mantine/core';

/**
 * How a license key's status looks wherever keys are listed: the seller's license list, the keys a
 * reseller made, and the reseller portal.
 */
export const LICENSE_STATUS_LOOK: Record<LicenseStatus, { color: string; label: string }> = {
  unused: { color: 'blue', label: 'Unused' },
  used: { color: 'teal', label: 'Used' },
  expired: { color: 'orange', label: 'Expired' },
  banned: { color: 'red', label: 'Banned' },
};

/** The status filter's choices, in the order of the statuses. */
export const LICENSE_STATUS_OPTIONS = (Object.keys(LICENSE_STATUS_LOOK) as LicenseStatus[]).map((s) => ({
  value: s,
  label: LICENSE_STATUS_LOOK[s].label,
}));

export function LicenseStatusBadge({ status }: { status: LicenseStatus }) {
  const { color, label } = LICENSE_STATUS_LOOK[status];
  return (
    <Badge color={color} variant="light" radius="sm">
      {label}
    </Badge>
  );
}
