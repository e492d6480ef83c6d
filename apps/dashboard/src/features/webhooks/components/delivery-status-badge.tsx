import type { WebhookDeliveryStatus } from '@keyhold/contracts';
import { Badge } from '@mantine/core';

const LOOK: Record<WebhookDeliveryStatus, { color: string; label: string }> = {
  pending: { color: 'yellow', label: 'Pending' },
  succeeded: { color: 'teal', label: 'Succeeded' },
  failed: { color: 'red', label: 'Failed' },
};

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  const { color, label } = LOOK[status];
  return (
    <Badge color={color} variant="light" radius="sm">
      {label}
    </Badge>
  );
}
