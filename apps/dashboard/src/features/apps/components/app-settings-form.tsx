import type { AppResponse, UpdateAppRequest } from '@keyhold/contracts';
import { Divider, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { FormActions } from '@/components/form-actions';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useUpdateApp } from '../api/update-app';
import { APP_NAME_MAX, appSettingsSchema, type AppSettingsValues as Values } from '../schemas';

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
  // Mounted once per app (the page keys it by app id), so it starts from that app without a reset.
  const form = useSchemaForm(appSettingsSchema, valuesOf(app));
  const values = form.values;
  const dirty = Object.keys(changedSettings(app, values)).length > 0;

  const submit = form.onSubmit((checked) => {
    const changes = changedSettings(app, checked);
    if (Object.keys(changes).length === 0) return;
    update.mutate(changes, {
      onSuccess: (saved) => {
        form.setValues(valuesOf(saved));
        notifySuccess('Settings saved');
      },
      onError: (error) => setApiErrors(form, error),
    });
  });

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
          <MutationErrorAlert title="Could not save the settings" error={update.error} details={formError(form)} />
          <Group grow align="flex-start" wrap="wrap" gap="md" preventGrowOverflow={false}>
            <TextInput label="Name" {...form.getInputProps('name')} maxLength={APP_NAME_MAX} miw={200} />
            <TextInput label="Version" description="The current release of your software" {...form.getInputProps('version')} miw={200} />
          </Group>
          <Divider />
          <Switch
            label="Enforce version"
            description={`Refuse sign-ins from software that reports a version other than ${values.version.trim() || 'the one above'}, or none: client logins, registrations and license logins (their \`version\` field) and the Axora URL answer 426 "Update required".`}
            {...form.getInputProps('enforceVersion', { type: 'checkbox' })}
          />
          <Switch
            label="Device lock"
            description="Restrict login access to a single device per user account (the first hardware id is kept)."
            {...form.getInputProps('hwidLock', { type: 'checkbox' })}
          />
          <Switch
            label="Registration"
            description="Let new users register with a license key from your software."
            {...form.getInputProps('registrationEnabled', { type: 'checkbox' })}
          />
          <FormActions
            cancelLabel="Discard changes"
            cancelDisabled={!dirty}
            onCancel={() => {
              form.setValues(valuesOf(app));
              form.clearErrors();
              update.reset();
            }}
            pending={update.isPending}
            submitLabel="Save changes"
            submitDisabled={!dirty}
          />
        </Stack>
      </form>
    </Paper>
  );
}
