import { WEBHOOK_EVENTS, type WebhookEndpointResponse, type WebhookEventName } from '@keyhold/contracts';
import { Checkbox, SimpleGrid, Text, TextInput } from '@mantine/core';
import { FormModal, ModalForm } from '@/components/form-modal';
import { SecretReveal } from '@/components/secret-reveal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useCreateWebhook, useUpdateWebhook } from '../api/webhooks';
import { webhookSchema } from '../schemas';

export const EVENT_DESCRIPTIONS: Record<WebhookEventName, string> = {
  'user.login': 'A user signed in',
  'user.register': 'A user registered with a key',
  'user.ban': 'A user was banned',
  'license.activate': 'A key was used for the first time',
  'license.expire': 'A key expired',
  'license.delete': 'A key was deleted',
  'file.download': 'A file was downloaded',
  'session.create': 'A session started',
  'auth.denied': 'A sign-in or registration was refused',
};

interface WebhookFormModalProps {
  appId: string;
  opened: boolean;
  onClose: () => void;
  /** editing: the endpoint; adding: undefined */
  endpoint?: WebhookEndpointResponse;
}

/** Add an endpoint (its signing secret is shown once), or change an endpoint's URL and events. */
export function WebhookFormModal({ appId, opened, onClose, endpoint }: WebhookFormModalProps) {
  const create = useCreateWebhook(appId);
  const update = useUpdateWebhook(appId);
  const mutation = endpoint ? update : create;
  const created = create.data;

  const close = () => {
    create.reset(); // forget the secret
    update.reset();
    onClose();
  };

  const save = (body: WebhookBody, onError: (error: unknown) => void) => {
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

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={created ? 'Endpoint added' : endpoint ? 'Edit endpoint' : 'Add a webhook endpoint'}
      titleSize="lg"
      size="lg"
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
        // The form mounts at each opening, from the endpoint being edited, so it needs no reset.
        <WebhookForm key={endpoint?.id ?? 'new'} endpoint={endpoint} mutation={mutation} onSave={save} onCancel={close} />
      )}
    </FormModal>
  );
}

type WebhookBody = { url: string; events: WebhookEventName[] };

interface WebhookFormProps {
  endpoint?: WebhookEndpointResponse;
  mutation: { error: unknown; isPending: boolean };
  /** sends the checked body; a refusal comes back through `onError` */
  onSave: (body: WebhookBody, onError: (error: unknown) => void) => void;
  onCancel: () => void;
}

function WebhookForm({ endpoint, mutation, onSave, onCancel }: WebhookFormProps) {
  const form = useSchemaForm(webhookSchema, { url: endpoint?.url ?? '', events: endpoint?.events ?? [...WEBHOOK_EVENTS] });
  const { events } = form.values;
  const allChecked = events.length === WEBHOOK_EVENTS.length;
  const submit = form.onSubmit((body) => onSave(body, (error) => setApiErrors(form, error)));

  return (
    <ModalForm
      label={endpoint ? 'Edit endpoint' : 'Add endpoint'}
      onSubmit={submit}
      errorTitle="Could not save the endpoint"
      error={mutation.error}
      errorDetails={formError(form)}
      onCancel={onCancel}
      pending={mutation.isPending}
      submitLabel={endpoint ? 'Save endpoint' : 'Add endpoint'}
    >
      <TextInput
        label="Endpoint URL"
        placeholder="https://example.com/keyhold/webhooks"
        description="Keyhold sends a signed POST here for every event you pick"
        {...form.getInputProps('url')}
        classNames={{ input: 'kh-mono' }}
        data-autofocus
      />
      <Checkbox
        label="Select all events"
        checked={allChecked}
        indeterminate={events.length > 0 && !allChecked}
        onChange={() => form.setFieldValue('events', allChecked ? [] : [...WEBHOOK_EVENTS])}
      />
      <Checkbox.Group label="Events" description="What should be sent to this endpoint" {...form.getInputProps('events')}>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
          {WEBHOOK_EVENTS.map((name) => (
            <Checkbox
              key={name}
              value={name}
              label={
                <Text size="sm" className="kh-mono">
                  {name}
                </Text>
              }
              description={EVENT_DESCRIPTIONS[name]}
            />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </ModalForm>
  );
}
