import type { ResellerStatus } from '@keyhold/contracts';
import { Badge } from '@mantine/core';

export function ResellerStatusBadge({ status }: { status: ResellerStatus }) {
  return (
    <Badge color={status === 'ACTIVE' ? 'teal' : 'gray'} variant="light" radius="sm">
      {status === 'ACTIVE' ? 'Active' : 'Suspended'}
    </Badge>
  );
}
