import type { AppResponse } from '@keyhold/contracts';
import { Alert, Button, Code, Divider, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconKey, IconRefresh, IconRotateClockwise2 } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { CopyIconButton } from '@/components/copy-icon-button';
import { FormModal } from '@/components/form-modal';
import { env } from '@/config/env';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useRegenerateEndpoint, useRotateAppKey, useRotateAppSecret } from '../api/update-app';

/** Where the API answers: the configured origin, or this page's own (the API serves the dashboard). */
function apiOrigin(): string {
  return env.apiBaseUrl || window.location.origin;
}

/** The Axora authentication URL with placeholders, as the seller's software must call it. */
export function exampleAuthUrl(app: Pick<AppResponse, 'endpoint' | 'version' | 'hwidLock'>, origin = apiOrigin()): string {
  const hwid = app.hwidLock ? '+HARDWARE_ID' : '';
  return `${origin}/app/auth/${app.endpoint}+USERNAME+PASSWORD+${app.version}${hwid}`;
}

/** What a web shop runs after a payment: one key of this app, with the store integration key. */
export function exampleShopCall(app: Pick<AppResponse, 'id'>, origin = apiOrigin()): string {
  const body = JSON.stringify({ appId: app.id, count: 1, durationDays: 30, subscription: 'default', note: 'order 1001' });
  return `curl -X POST ${origin}/v1/admin/licenses/generate -H "Authorization: Bearer $KEYHOLD_APP_SECRET" -H "Content-Type: application/json" -d '${body}'`;
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
  const rotateSecret = useRotateAppSecret(app.id);
  const [rotateSecretOpened, rotateSecretModal] = useDisclosure(false);
  // The new secret, shown once in its dialog and gone when that closes.
  const [newSecret, setNewSecret] = useState<string | null>(null);
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

        <div>
          <Text fw={600} size="sm">
            Store integration key
          </Text>
          <Text size="sm" c="dimmed">
            Your web shop or payment webhook calls the admin API for this app with the app secret (<Code>as_…</Code>, shown once when the
            app was made) as <Code>Authorization: Bearer</Code>: it can generate keys, manage the app&apos;s users, licenses and blacklist,
            and read its files; never another app or your account. Keyhold keeps only a hash of it. Never ship it in your software.
          </Text>
        </div>
        <CopyField
          label="After a payment"
          copyLabel="shop example"
          value={exampleShopCall(app)}
          description="Generates one key for the buyer; the answer's data.keys holds it"
        />
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" c="dimmed" maw={520}>
            Rotating makes a new secret, shown once; the old one is refused at once.
          </Text>
          <Button
            variant="default"
            color="red"
            leftSection={<IconKey size={16} />}
            onClick={() => {
              rotateSecret.reset();
              rotateSecretModal.open();
            }}
          >
            Rotate secret
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
        opened={rotateSecretOpened}
        onClose={rotateSecretModal.close}
        title="Rotate the app secret?"
        confirmLabel="Rotate secret"
        loading={rotateSecret.isPending}
        error={rotateSecret.error}
        onConfirm={() =>
          rotateSecret.mutate(undefined, {
            onSuccess: ({ apiSecret }) => {
              rotateSecretModal.close();
              setNewSecret(apiSecret);
            },
          })
        }
      >
        Your web shop&apos;s calls with the current secret will be refused from now on, until it has the new one.
      </ConfirmModal>
      <FormModal opened={newSecret !== null} onClose={() => setNewSecret(null)} title="New app secret">
        <Stack gap="md">
          <Alert variant="light" color="orange" icon={<IconAlertTriangle />} title="Copy the new secret now" role="alert">
            This is the only time it is shown. Put it in your web shop&apos;s settings; the old secret no longer works.
          </Alert>
          <CopyField
            label="App secret"
            copyLabel="app secret"
            value={newSecret ?? ''}
            description="Authorization: Bearer for this app's admin API"
          />
          <Group justify="flex-end">
            <Button onClick={() => setNewSecret(null)}>I have saved the secret</Button>
          </Group>
        </Stack>
      </FormModal>
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
