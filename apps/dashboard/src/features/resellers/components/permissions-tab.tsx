import type { ResellerResponse } from '@keyhold/contracts';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useUpdateReseller } from '../api/resellers';
import { fromPrices, permissionsSchema } from '../schemas';
import { PermissionsFields, type AppChoices } from './permissions-fields';

/**
 * The reseller detail page's "What they sell" tab. The form starts from the reseller once, when it
 * mounts: a refetch of the reseller (a top-up, a window refocus) leaves unsaved edits alone. Mount
 * it keyed by the reseller's id, so another reseller gets a form of its own.
 */
export function PermissionsTab({ reseller, apps }: { reseller: ResellerResponse; apps: AppChoices }) {
  const update = useUpdateReseller(reseller.id);
  const form = useSchemaForm(permissionsSchema, {
    appIds: reseller.appIds,
    subscriptions: reseller.subscriptions,
    prices: fromPrices(reseller.prices),
  });

  const submit = form.onSubmit((body) =>
    update.mutate(body, {
      onSuccess: () => notifySuccess('Apps, subscriptions and prices saved', 'Permissions saved'),
      onError: (error) => setApiErrors(form, error),
    }),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Reseller permissions">
      <Stack gap="md" p="md">
        <MutationErrorAlert title="Could not save the permissions" error={update.error} details={formError(form)} />
        {reseller.appIds.length === 0 && (
          <Alert variant="light" color="orange" icon={<IconAlertTriangle />} title="No apps left" data-testid="no-apps-left">
            {reseller.username} cannot generate keys: they may sell none of your apps (an app they sold may have been deleted). Pick one
            below to let them sell again.
          </Alert>
        )}
        <PermissionsFields form={form} apps={apps} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            Save permissions
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
