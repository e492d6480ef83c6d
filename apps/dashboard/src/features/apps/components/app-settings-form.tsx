import type { AppResponse, UpdateAppRequest } from '@keyhold/contracts';
import { Button, Divider, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { getFieldErrors } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useUpdateApp } from '../api/update-app';
import { APP_NAME_MAX, validateAppName, validateVersion } from '../validation';

interface Values {
  name: string;
  version: string;
  enforceVersion: boolean;
  hwidLock: boolean;
  registrationEnabled: boolean;
}
type TextField = 'name' | 'version';

function valuesOf(app: AppResponse): Values {
  return {
    name: app.name,
    version: app.version,
    enforceVersion: app.enforceVersion,
    hwidLock: app.hwidLock,
    registrationEnabled: app.registrationEnabled,
  };
}

/** Only what the seller changed is sent. */
export function changedSettings(app: AppResponse, values: Values): UpdateAppRequest {
  const body: UpdateAppRequest = {};
  const name = values.name.trim();
  const version = values.version.trim();
  if (name !== app.name) body.name = name;
  if (version !== app.version) body.version = version;
  if (values.enforceVersion !== app.enforceVersion) body.enforceVersion = values.enforceVersion;
  if (values.hwidLock !== app.hwidLock) body.hwidLock = values.hwidLock;
  if (values.registrationEnabled !== app.registrationEnabled) body.registrationEnabled = values.registrationEnabled;
  return body;
}

/** Name, version and the switches that change how the app's users sign in. */
export function AppSettingsForm({ app }: { app: AppResponse }) {
  const update = useUpdateApp(app.id);
  const [values, setValues] = useState<Values>(() => valuesOf(app));
  const [errors, setErrors] = useState<Partial<Record<TextField, string>>>({});
  const changes = changedSettings(app, values);
  const dirty = Object.keys(changes).length > 0;

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (field === 'name' || field === 'version') setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = { name: validateAppName(values.name), version: validateVersion(values.version, true) };
    setErrors(found);
    if (found.name || found.version || !dirty) return;
    update.mutate(changes, {
      onSuccess: (saved) => {
        setValues(valuesOf(saved));
        notifySuccess('Settings saved');
      },
      onError: (error) => setErrors(getFieldErrors(error)),
    });
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="settings-general">
      <form onSubmit={submit} noValidate aria-label="Application settings">
        <Stack gap="md">
          <div>
            <Title order={4} id="settings-general">
              General
            </Title>
            <Text size="sm" c="dimmed">
              How the app is named and how its users may sign in.
            </Text>
          </div>
          <MutationErrorAlert title="Could not save the settings" error={update.error} />
          <Group grow align="flex-start" wrap="wrap" gap="md" preventGrowOverflow={false}>
            <TextInput
              label="Name"
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              maxLength={APP_NAME_MAX}
              miw={200}
            />
            <TextInput
              label="Version"
              description="The current release of your software"
              value={values.version}
              onChange={(e) => set('version', e.currentTarget.value)}
              error={errors.version}
              miw={200}
            />
          </Group>
          <Divider />
          <Switch
            label="Enforce version"
            description={`Refuse sign-ins from software that reports a version other than ${values.version.trim() || 'the one above'}.`}
            checked={values.enforceVersion}
            onChange={(e) => set('enforceVersion', e.currentTarget.checked)}
          />
          <Switch
            label="Device lock"
            description="Restrict login access to a single device per user account (the first hardware id is kept)."
            checked={values.hwidLock}
            onChange={(e) => set('hwidLock', e.currentTarget.checked)}
          />
          <Switch
            label="Registration"
            description="Let new users register with a license key from your software."
            checked={values.registrationEnabled}
            onChange={(e) => set('registrationEnabled', e.currentTarget.checked)}
          />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              disabled={!dirty || update.isPending}
              onClick={() => {
                setValues(valuesOf(app));
                setErrors({});
                update.reset();
              }}
            >
              Discard changes
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!dirty}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
