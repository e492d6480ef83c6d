import type { ResellerStatus } from '@keyhold/contracts';
import { Badge, Tooltip } from '@mantine/core';

export function ResellerStatusBadge({ status }: { status: ResellerStatus }) {
  return (
    <Badge color={status === 'ACTIVE' ? 'teal' : 'gray'} variant="light" radius="sm">
      {status === 'ACTIVE' ? 'Active' : 'Suspended'}
    </Badge>
  );
}

/** A reseller who may sell none of the seller's apps (the last one deleted, or none given): it can generate nothing. */
export function NoAppsLeftBadge() {
  return (
    <Tooltip label="They cannot generate keys until you give them an app">
      <Badge color="orange" variant="light" radius="sm">
        No apps left
      </Badge>
    </Tooltip>
  );
}
