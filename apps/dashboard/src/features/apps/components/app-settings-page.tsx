import { Stack } from '@mantine/core';
import { useCurrentApp } from '@/hooks/use-current-app';
import { AppDangerZone } from './app-danger-zone';
import { AppIntegrationCard } from './app-integration-card';
import { AppOfflineForm } from './app-offline-form';
import { AppSettingsForm } from './app-settings-form';
import { AppSigningKeys } from './app-signing-keys';

/** /apps/:appId/settings */
export function AppSettingsPage() {
  const app = useCurrentApp();
  return (
    <Stack gap="lg">
      <AppSettingsForm key={app.id} app={app} />
      <AppIntegrationCard app={app} />
      <AppSigningKeys app={app} />
      <AppOfflineForm key={`${app.id}:offline`} app={app} />
      <AppDangerZone app={app} />
    </Stack>
  );
}
