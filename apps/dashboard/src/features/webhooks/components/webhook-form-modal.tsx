import { WEBHOOK_EVENTS, type WebhookEndpointResponse, type WebhookEventName } from '@keyhold/contracts';
import { Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { SecretReveal } from '@/components/secret-reveal';
import { getFieldErrors } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useCreateWebhook, useUpdateWebhook } from '../api/webhooks';
import { validateEvents, validateWebhookUrl } from '../validation';

export const EVENT_DESCRIPTIONS: Record<WebhookEventName, string> = {
  'user.login': 'A user signed in',
  'user.register': 'A user registered with a key',
  'user.ban': 'A user was banned',
  'license.activate': 'A key was used for the first time',
  'license.expire': 'A key expired',
  'license.delete': 'A key was deleted',
  'file.download': 'A file was downloaded',
  'session.create': 'A session started',
};

interface WebhookFormModalProps {
  appId: string;
  opened: boolean;
  onClose: () => void;
  /** editing: the endpoint; adding: undefined */
  endpoint?: WebhookEndpointResponse;
}

type Errors = Partial<Record<'url' | 'events', string>>;

/** Add an endpoint (its signing secret is shown once), or change an endpoint's URL and events. */
export function WebhookFormModal({ appId, opened, onClose, endpoint }: WebhookFormModalProps) {
  const create = useCreateWebhook(appId);
  const update = useUpdateWebhook(appId);
  const mutation = endpoint ? update : create;
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventName[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const created = create.data;

  useEffect(() => {
    if (!opened) return;
    setUrl(endpoint?.url ?? '');
    setEvents(endpoint?.events ?? [...WEBHOOK_EVENTS]);
    setErrors({});
  }, [opened, endpoint]);

  const close = () => {
    create.reset(); // forget the secret
    update.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = { url: validateWebhookUrl(url), events: validateEvents(events) };
    setErrors(found);
    if (found.url || found.events) return;
    const body = { url: url.trim(), events };
    const onError = (error: unknown) => setErrors(getFieldErrors(error));
    if (endpoint) {
      update.mutate(
        { id: endpoint.id, body },
        {
          onSuccess: () => {
            notifySuccess('Endpoint saved');
            close();
          },
          onError,
        },
      );
    } else {
      create.mutate(body, { onSuccess: () => notifySuccess('Endpoint added'), onError });
    }
  };

  const allChecked = events.length === WEBHOOK_EVENTS.length;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={650} size="lg">{created ? 'Endpoint added' : endpoint ? 'Edit endpoint' : 'Add a webhook endpoint'}</Text>}
      size="lg"
      centered
      closeOnClickOutside={!created}
      closeOnEscape={!created}
    >
      {created ? (
        <SecretReveal
          label="Signing secret"
          secret={created.secret}
          description="Verify each delivery's webhook-signature header with it (Standard Webhooks)"
          onDone={close}
        />
      ) : (
        <form onSubmit={submit} noValidate aria-label={endpoint ? 'Edit endpoint' : 'Add endpoint'}>
          <Stack gap="md">
            <MutationErrorAlert title="Could not save the endpoint" error={mutation.error} />
            <TextInput
              label="Endpoint URL"
              placeholder="https://example.com/keyhold/webhooks"
              description="Keyhold sends a signed POST here for every event you pick"
              value={url}
              onChange={(e) => {
                setUrl(e.currentTarget.value);
                setErrors((x) => ({ ...x, url: undefined }));
              }}
              error={errors.url}
              classNames={{ input: 'kh-mono' }}
              data-autofocus
            />
            <Checkbox
              label="Select all events"
              checked={allChecked}
              indeterminate={events.length > 0 && !allChecked}
              onChange={() => {
                setEvents(allChecked ? [] : [...WEBHOOK_EVENTS]);
                setErrors((x) => ({ ...x, events: undefined }));
              }}
            />
            <Checkbox.Group
              label="Events"
              description="What should be sent to this endpoint"
              value={events}
              onChange={(value) => {
                setEvents(value as WebhookEventName[]);
                setErrors((x) => ({ ...x, events: undefined }));
              }}
              error={errors.events}
            >
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
                {WEBHOOK_EVENTS.map((name) => (
                  <Checkbox key={name} value={name} label={<Text size="sm" className="kh-mono">{name}</Text>} description={EVENT_DESCRIPTIONS[name]} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} disabled={mutation.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {endpoint ? 'Save endpoint' : 'Add endpoint'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
