import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/**
 * What the portal says instead of a generate form when the seller offers the reseller no app (the
 * last one it sold was deleted or taken away, or none was given yet).
 */
export function NoAppsAlert() {
  return (
    <Alert variant="light" color="orange" icon={<IconAlertTriangle />} title="Nothing to sell right now" data-testid="no-apps-alert">
      Your seller no longer offers you any app to sell, so you cannot generate keys. Your balance and your credit history stay; ask your
      seller to give you an app again.
    </Alert>
  );
}
