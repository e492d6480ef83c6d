import type { WebhookEndpointResponse } from '@keyhold/contracts';
import { ActionIcon, Alert, Badge, Button, EmptyState, Group, Menu, Paper, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconDots,
  IconKey,
  IconList,
  IconPencil,
  IconPlus,
  IconSend,
  IconTrash,
  IconWebhook,
} from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { FormModal } from '@/components/form-modal';
import { PageHeader } from '@/components/page-header';
import { MutationErrorAlert, QueryErrorAlert } from '@/components/query-error-alert';
import { SecretReveal } from '@/components/secret-reveal';
import { useCurrentApp } from '@/hooks/use-current-app';
import { formatDate, plural } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useDeleteWebhook, useRotateWebhookSecret, useSendTestEvent, useUpdateWebhook, useWebhooks } from '../api/webhooks';
import { DeliveriesDrawer } from './deliveries-drawer';
import { WebhookFormModal } from './webhook-form-modal';

interface EndpointCardProps {
  endpoint: WebhookEndpointResponse;
  appId: string;
  onEdit: () => void;
  onDeliveries: () => void;
  onRotate: () => void;
  onDelete: () => void;
}

function EndpointCard({ endpoint, appId, onEdit, onDeliveries, onRotate, onDelete }: EndpointCardProps) {
  const update = useUpdateWebhook(appId);
  const sendTest = useSendTestEvent();
  const toggle = (enabled: boolean) =>
    update.mutate(
      { id: endpoint.id, body: { enabled } },
      {
        onSuccess: () => notifySuccess(endpoint.url, enabled ? 'Endpoint enabled' : 'Endpoint disabled'),
        onError: (error) => notifyError(error, 'Could not change the endpoint'),
      },
    );
  return (
    <Paper withBorder radius="md" p="md" data-testid="webhook-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} className="kh-mono" size="sm" style={{ overflowWrap: 'anywhere' }}>
              {endpoint.url}
            </Text>
            <Text size="xs" c="dimmed">
              Added {formatDate(endpoint.createdAt)} · {plural(endpoint.events.length, 'event')}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Switch
              checked={endpoint.enabled}
              onChange={(e) => toggle(e.currentTarget.checked)}
              disabled={update.isPending}
              label={endpoint.enabled ? 'Enabled' : 'Disabled'}
              aria-label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}
            />
            <Menu position="bottom-end" withinPortal shadow="md" width={200}>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${endpoint.url}`}>
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
                  Edit URL and events…
                </Menu.Item>
                <Menu.Item leftSection={<IconKey size={16} />} onClick={onRotate}>
                  Rotate signing secret…
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={onDelete}>
                  Delete…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        <Group gap={6}>
          {endpoint.events.map((name) => (
            <Badge key={name} variant="default" radius="sm" tt="none" className="kh-mono" fw={500}>
              {name}
            </Badge>
          ))}
        </Group>
        {endpoint.disabledReason && (
          <Alert variant="light" color="orange" icon={<IconAlertTriangle />} p="xs">
            <Text size="sm">Disabled by Keyhold: {endpoint.disabledReason}</Text>
          </Alert>
        )}
        {endpoint.consecutiveFailures > 0 && !endpoint.disabledReason && (
          <Text size="xs" c="orange">
            {plural(endpoint.consecutiveFailures, 'failed attempt')} in a row
          </Text>
        )}
        <Group gap="sm">
          <Button size="xs" variant="default" leftSection={<IconList size={14} />} onClick={onDeliveries}>
            Deliveries
          </Button>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} />}
            disabled={!endpoint.enabled}
            loading={sendTest.isPending}
            onClick={() =>
              sendTest.mutate(endpoint.id, {
                onSuccess: () => notifySuccess('A webhook.test event is on its way; see Deliveries', 'Test event sent'),
                onError: (error) => notifyError(error, 'Could not send a test event'),
              })
            }
          >
            Send test event
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

type Dialog = { action: 'edit' | 'rotate' | 'delete'; endpoint: WebhookEndpointResponse } | null;

/** /apps/:appId/webhooks: endpoints that get a signed POST for the app's events. */
export function WebhooksPage() {
  const { id: appId } = useCurrentApp();
  const webhooks = useWebhooks(appId);
  const remove = useDeleteWebhook(appId);
  const rotate = useRotateWebhookSecret(appId);
  const [addOpened, addModal] = useDisclosure(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<string | null>(null);
  const target = dialog?.endpoint;
  const deliveriesEndpoint = webhooks.data?.find((w) => w.id === deliveriesOf) ?? null;

  const open = (action: 'edit' | 'rotate' | 'delete', endpoint: WebhookEndpointResponse) => {
    remove.reset();
    rotate.reset();
    setDialog({ action, endpoint });
  };

  let content: React.ReactNode;
  if (webhooks.isPending) {
    content = (
      <Stack gap="md" aria-busy aria-label="Loading the endpoints">
        <Skeleton h={120} radius="md" />
        <Skeleton h={120} radius="md" />
      </Stack>
    );
  } else if (webhooks.isError) {
    content = (
      <Paper withBorder radius="md">
        <QueryErrorAlert
          title="Could not load the endpoints"
          error={webhooks.error}
          onRetry={() => void webhooks.refetch()}
          retrying={webhooks.isFetching}
        />
      </Paper>
    );
  } else if (webhooks.data.length === 0) {
    content = (
      <Paper withBorder radius="md">
        <EmptyState
          py={48}
          px="md"
          icon={<IconWebhook size={28} />}
          title="No webhook endpoints"
          description="Get a signed HTTP POST when users sign in or register, keys are used or expire, files are downloaded…"
        >
          <EmptyState.Actions>
            <Button leftSection={<IconPlus size={16} />} onClick={addModal.open}>
              Add an endpoint
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Paper>
    );
  } else {
    content = (
      <Stack gap="md">
        {webhooks.data.map((endpoint) => (
          <EndpointCard
            key={endpoint.id}
            endpoint={endpoint}
            appId={appId}
            onEdit={() => open('edit', endpoint)}
            onRotate={() => open('rotate', endpoint)}
            onDelete={() => open('delete', endpoint)}
            onDeliveries={() => setDeliveriesOf(endpoint.id)}
          />
        ))}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Webhooks"
        description="Signed HTTP calls to your server when something happens in this app."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={addModal.open}>
            Add endpoint
          </Button>
        }
      />
      {content}

      <WebhookFormModal appId={appId} opened={addOpened} onClose={addModal.close} />
      <WebhookFormModal
        appId={appId}
        opened={dialog?.action === 'edit'}
        onClose={() => setDialog(null)}
        endpoint={dialog?.action === 'edit' ? target : undefined}
      />
      <DeliveriesDrawer endpoint={deliveriesEndpoint} onClose={() => setDeliveriesOf(null)} />

      <ConfirmModal
        opened={dialog?.action === 'delete'}
        onClose={() => setDialog(null)}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          target &&
          remove.mutate(target.id, {
            onSuccess: () => {
              setDialog(null);
              notifySuccess(target.url, 'Endpoint deleted');
            },
          })
        }
      >
        Keyhold stops calling <b>{target?.url}</b> and forgets its delivery log.
      </ConfirmModal>

      <FormModal
        opened={dialog?.action === 'rotate'}
        onClose={() => setDialog(null)}
        title={rotate.data ? 'New signing secret' : 'Rotate the signing secret?'}
        size="lg"
        closeOnClickOutside={!rotate.data}
        closeOnEscape={!rotate.data}
      >
        {rotate.data ? (
          <SecretReveal
            label="Signing secret"
            secret={rotate.data.secret}
            onDone={() => {
              rotate.reset();
              setDialog(null);
            }}
          />
        ) : (
          <Stack gap="md">
            <MutationErrorAlert title="Could not rotate the secret" error={rotate.error} />
            <Text size="sm">Deliveries are signed with a new secret from now on; your server must use it to verify them.</Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDialog(null)} disabled={rotate.isPending}>
                Cancel
              </Button>
              <Button color="red" loading={rotate.isPending} onClick={() => target && rotate.mutate(target.id)}>
                Rotate secret
              </Button>
            </Group>
          </Stack>
        )}
      </FormModal>
    </Stack>
  );
}
