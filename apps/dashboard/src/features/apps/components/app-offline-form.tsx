import { OFFLINE_TTL_HOURS, type AppResponse, type UpdateAppRequest } from '@keyhold/contracts';
import { Code, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { WholeNumberInput } from '@/components/whole-number-input';
import { FormActions } from '@/components/form-actions';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useUpdateApp } from '../api/update-app';
import { offlineSettingsSchema, type OfflineSettingsValues as Values } from '../schemas';

const { min, max, default: usual } = OFFLINE_TTL_HOURS;
const TTL_DESCRIPTION = `In hours, ${min} to ${max.toLocaleString('en')} (${max / 24} days); ${usual} is ${usual / 24} days`;

function valuesOf(app: AppResponse): Values {
  return { offlineEnabled: app.offlineEnabled, offlineTtlHours: app.offlineTtlHours };
}

/** Only what the seller changed is sent (the form's values once checked: the hours a number). */
export function changedOfflineSettings(app: AppResponse, values: Values): UpdateAppRequest {
  const body: UpdateAppRequest = {};
  if (values.offlineEnabled !== app.offlineEnabled) body.offlineEnabled = values.offlineEnabled;
  if (values.offlineTtlHours !== app.offlineTtlHours) body.offlineTtlHours = values.offlineTtlHours as number;
  return body;
}

/** Whether the app hands out offline licenses, and for how long; saved like the general settings. */
export function AppOfflineForm({ app }: { app: AppResponse }) {
  const update = useUpdateApp(app.id);
  // Mounted once per app (the page keys it by app id), so it starts from that app without a reset.
  const form = useSchemaForm(offlineSettingsSchema, valuesOf(app));
  const values = form.values;
  const dirty = Object.keys(changedOfflineSettings(app, values)).length > 0;

  const submit = form.onSubmit((checked) => {
    const changes = changedOfflineSettings(app, checked);
    if (Object.keys(changes).length === 0) return;
    update.mutate(changes, {
      onSuccess: (saved) => {
        form.setValues(valuesOf(saved));
        notifySuccess(
          saved.offlineEnabled ? `Offline licenses last ${saved.offlineTtlHours} hours.` : 'No offline licenses are handed out.',
          'Settings saved',
        );
      },
      onError: (error) => setApiErrors(form, error),
    });
  });

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="settings-offline">
      <form onSubmit={submit} noValidate aria-label="Offline licenses">
        <Stack gap="md">
          <div>
            <Title order={4} id="settings-offline">
              Offline licenses
            </Title>
            <Text size="sm" c="dimmed">
              A license your software checks without reaching Keyhold: <Code>POST /v1/client/offline</Code> hands a signed session a JWS,
              verified with the JWK Set above.
            </Text>
          </div>
          <MutationErrorAlert title="Could not save the settings" error={update.error} details={formError(form)} />
          <Switch
            label="Hand out offline licenses"
            description="Off: the software's requests for one are refused (403)."
            {...form.getInputProps('offlineEnabled', { type: 'checkbox' })}
          />
          <WholeNumberInput
            label="Offline license lifetime"
            description={TTL_DESCRIPTION}
            {...form.getInputProps('offlineTtlHours')}
            min={OFFLINE_TTL_HOURS.min}
            max={OFFLINE_TTL_HOURS.max}
            maw={260}
          />
          <Text size="sm" c="dimmed">
            An offline license never outlives the license itself: it ends with the license key&apos;s (or user&apos;s) own expiry if that
            comes first.
          </Text>
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
