import type { CreatedAppResponse } from '@keyhold/contracts';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { CopyIconButton } from '@/components/copy-icon-button';
import { FormModal, ModalForm } from '@/components/form-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { useCreateApp } from '../api/create-app';
import { APP_NAME_MAX, createAppSchema } from '../schemas';

interface CreateAppModalProps {
  opened: boolean;
  onClose: () => void;
}

export function CreateAppModal({ opened, onClose }: CreateAppModalProps) {
  const createApp = useCreateApp();
  const created = createApp.data;

  const close = () => {
    createApp.reset(); // forget the secret: it is not shown again
    onClose();
  };

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={created ? 'Application created' : 'Create an application'}
      titleSize="lg"
      size="lg"
      // Once the secret is on screen, only a deliberate click may close the modal.
      closeOnClickOutside={!created}
      closeOnEscape={!created}
    >
      {/* The form mounts at each opening (and after the secret was shown), so it starts empty. */}
      {created ? <CreatedAppSecrets app={created} onDone={close} /> : <CreateAppForm createApp={createApp} onCancel={close} />}
    </FormModal>
  );
}

function CreateAppForm({ createApp, onCancel }: { createApp: ReturnType<typeof useCreateApp>; onCancel: () => void }) {
  const form = useSchemaForm(createAppSchema, { name: '', version: '' });
  const submit = form.onSubmit((body) => createApp.mutate(body, { onError: (error) => setApiErrors(form, error) }));

  return (
    <ModalForm
      label="Create application"
      onSubmit={submit}
      errorTitle="Could not create the app"
      error={createApp.error}
      errorDetails={formError(form)}
      onCancel={onCancel}
      pending={createApp.isPending}
      submitLabel="Create app"
    >
      <TextInput
        label="Name"
        placeholder="My Desktop App"
        description="Shown to you only; your customers never see it"
        {...form.getInputProps('name')}
        maxLength={APP_NAME_MAX}
        data-autofocus
      />
      <TextInput
        label="Version"
        placeholder="1.0.0"
        description="The current release of your software. Defaults to 1.0.0"
        {...form.getInputProps('version')}
      />
    </ModalForm>
  );
}

function CreatedAppSecrets({ app, onDone }: { app: CreatedAppResponse; onDone: () => void }) {
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="nowrap">
        <IconCircleCheck size={20} color="var(--mantine-color-teal-6)" aria-hidden />
        <Text size="sm">
          <Text span fw={600}>
            {app.name}
          </Text>{' '}
          is ready. Use these credentials in your software.
        </Text>
      </Group>
      <Alert variant="light" color="orange" icon={<IconAlertTriangle />} title="Copy your API secret now" role="alert">
        This is the only time the API secret is shown. It will not be shown again: Keyhold stores only a hash of it and cannot display it
        later (you can rotate it in the app's settings). Keep it somewhere safe, such as a password manager.
      </Alert>
      <TextInput
        label="API key"
        description="Public identifier your software sends as X-Api-Key"
        value={app.apiKey}
        readOnly
        classNames={{ input: 'kh-mono' }}
        onFocus={(e) => e.currentTarget.select()}
        rightSection={<CopyIconButton value={app.apiKey} label="API key" />}
      />
      <TextInput
        label="API secret"
        description="The store integration key: your web shop sends it to generate keys and manage users of this app. Keep it private: never ship it in your software"
        value={app.apiSecret}
        readOnly
        classNames={{ input: 'kh-mono' }}
        onFocus={(e) => e.currentTarget.select()}
        rightSection={<CopyIconButton value={app.apiSecret} label="API secret" />}
      />
      <Group justify="flex-end" mt="sm">
        <Button onClick={onDone}>I have saved the secret</Button>
      </Group>
    </Stack>
  );
}
