import type { AppResponse } from '@keyhold/contracts';
import { Button, Code, Divider, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconRefresh, IconRotateClockwise2 } from '@tabler/icons-react';
import { ConfirmModal } from '@/components/confirm-modal';
import { CopyIconButton } from '@/components/copy-icon-button';
import { env } from '@/config/env';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useRegenerateEndpoint, useRotateAppKey } from '../api/update-app';

/** Where the API answers: the configured origin, or this page's own (the API serves the dashboard). */
function apiOrigin(): string {
  return env.apiBaseUrl || window.location.origin;
}

/** The Axora authentication URL with placeholders, as the seller's software must call it. */
export function exampleAuthUrl(app: Pick<AppResponse, 'endpoint' | 'version' | 'hwidLock'>, origin = apiOrigin()): string {
  const hwid = app.hwidLock ? '+HARDWARE_ID' : '';
  return `${origin}/app/auth/${app.endpoint}+USERNAME+PASSWORD+${app.version}${hwid}`;
}

function CopyField({
  label,
  value,
  description,
  copyLabel = label,
}: {
  label: string;
  value: string;
  description?: string;
  copyLabel?: string;
}) {
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      readOnly
      classNames={{ input: 'kh-mono' }}
      onFocus={(e) => e.currentTarget.select()}
      rightSection={<CopyIconButton value={value} label={copyLabel} />}
    />
  );
}

/** The API key and the Axora endpoint, with ways to replace both. */
export function AppIntegrationCard({ app }: { app: AppResponse }) {
  const rotate = useRotateAppKey(app.id);
  const regenerate = useRegenerateEndpoint(app.id);
  const [rotateOpened, rotateModal] = useDisclosure(false);
  const [regenerateOpened, regenerateModal] = useDisclosure(false);
  const url = exampleAuthUrl(app);

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="settings-integration">
      <Stack gap="md">
        <div>
          <Title order={4} id="settings-integration">
            Integration
          </Title>
          <Text size="sm" c="dimmed">
            What your software needs to talk to Keyhold.
          </Text>
        </div>

        <CopyField label="API key" value={app.apiKey} description="Sent as the X-Api-Key header on every /v1/client call" />
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" c="dimmed" maw={520}>
            Rotating gives the app a new key; software still sending the old one is refused at once.
          </Text>
          <Button
            variant="default"
            color="red"
            leftSection={<IconRotateClockwise2 size={16} />}
            onClick={() => {
              rotate.reset();
              rotateModal.open();
            }}
          >
            Rotate API key
          </Button>
        </Group>

        <Divider />

        <CopyField label="Axora endpoint id" copyLabel="endpoint id" value={app.endpoint} />
        <CopyField
          label="Example authentication URL"
          copyLabel="example URL"
          value={url}
          description={
            app.hwidLock
              ? 'Replace USERNAME, PASSWORD and HARDWARE_ID (device lock is on); percent-encode a + inside them as %2B.'
              : 'Replace USERNAME and PASSWORD; percent-encode a + inside them as %2B.'
          }
        />
        <CopyField label="curl" copyLabel="curl command" value={`curl "${url}"`} />
        <Text size="sm" c="dimmed">
          A successful answer is <Code>{'{"authenticated": true, …}'}</Code> with status 200.
        </Text>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" c="dimmed" maw={520}>
            A new endpoint id makes every URL built with the old one stop working.
          </Text>
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            onClick={() => {
              regenerate.reset();
              regenerateModal.open();
            }}
          >
            Regenerate endpoint
          </Button>
        </Group>
      </Stack>

      <ConfirmModal
        opened={rotateOpened}
        onClose={rotateModal.close}
        title="Rotate the API key?"
        confirmLabel="Rotate key"
        loading={rotate.isPending}
        error={rotate.error}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: () => {
              rotateModal.close();
              notifySuccess('Update your software with the new API key.', 'API key rotated');
            },
          })
        }
      >
        Software using <Code>{app.apiKey}</Code> will be refused from now on. You will need to ship the new key to your users.
      </ConfirmModal>
      <ConfirmModal
        opened={regenerateOpened}
        onClose={regenerateModal.close}
        title="Regenerate the Axora endpoint?"
        confirmLabel="Regenerate"
        loading={regenerate.isPending}
        error={regenerate.error}
        onConfirm={() =>
          regenerate.mutate(undefined, {
            onSuccess: () => {
              regenerateModal.close();
              notifySuccess('Authentication URLs with the old endpoint id no longer work.', 'Endpoint regenerated');
            },
            onError: (error) => notifyError(error, 'Could not regenerate the endpoint'),
          })
        }
      >
        URLs built with <Code>{app.endpoint}</Code> will stop working at once.
      </ConfirmModal>
    </Paper>
  );
}
