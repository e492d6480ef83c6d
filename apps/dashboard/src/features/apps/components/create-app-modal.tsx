import type { CreatedAppResponse } from '@keyhold/contracts';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { CopyIconButton } from '@/components/copy-icon-button';
import { getErrorMessage, getFieldErrors } from '@/lib/errors';
import { useCreateApp } from '../api/create-app';
import { APP_NAME_MAX, validateAppName, validateVersion } from '../validation';

type Field = 'name' | 'version';
type Errors = Partial<Record<Field, string>>;

function validate(values: Record<Field, string>): Errors {
  const errors: Errors = {};
  const name = validateAppName(values.name);
  if (name) errors.name = name;
  const version = validateVersion(values.version, false);
  if (version) errors.version = version;
  return errors;
}

interface CreateAppModalProps {
  opened: boolean;
  onClose: () => void;
}

export function CreateAppModal({ opened, onClose }: CreateAppModalProps) {
  const createApp = useCreateApp();
  const [values, setValues] = useState<Record<Field, string>>({ name: '', version: '' });
  const [errors, setErrors] = useState<Errors>({});
  const created = createApp.data;

  const close = () => {
    createApp.reset(); // forget the secret: it is not shown again
    setValues({ name: '', version: '' });
    setErrors({});
    onClose();
  };

  const change = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const version = values.version.trim();
    createApp.mutate(
      { name: values.name.trim(), ...(version ? { version } : {}) },
      { onError: (error) => setErrors(getFieldErrors(error)) },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={
        <Text fw={650} size="lg">
          {created ? 'Application created' : 'Create an application'}
        </Text>
      }
      size="lg"
      centered
      // Once the secret is on screen, only a deliberate click may close the modal.
      closeOnClickOutside={!created}
      closeOnEscape={!created}
    >
      {created ? (
        <CreatedAppSecrets app={created} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Create application">
          <Stack gap="md">
            {createApp.isError && (
              <Alert variant="light" color="red" icon={<IconAlertCircle />} title="Could not create the app" role="alert">
                {getErrorMessage(createApp.error)}
              </Alert>
            )}
            <TextInput
              label="Name"
              placeholder="My Desktop App"
              description="Shown to you only; your customers never see it"
              value={values.name}
              onChange={(e) => change('name')(e.currentTarget.value)}
              error={errors.name}
              maxLength={APP_NAME_MAX}
              data-autofocus
            />
            <TextInput
              label="Version"
              placeholder="1.0.0"
              description="The current release of your software. Defaults to 1.0.0"
              value={values.version}
              onChange={(e) => change('version')(e.currentTarget.value)}
              error={errors.version}
            />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={close} disabled={createApp.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={createApp.isPending}>
                Create app
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
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
        This is the only time the API secret is shown. It will not be shown again: Keyhold stores it encrypted
        and cannot display it later. Keep it somewhere safe, such as a password manager.
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
        description="Keep it private: do not share it or commit it to a repository"
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
