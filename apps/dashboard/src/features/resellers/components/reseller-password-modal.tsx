import type { ResellerResponse } from '@keyhold/contracts';
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useUpdateReseller } from '../api/resellers';
import { resellerPasswordSchema } from '../schemas';

interface ResellerPasswordModalProps {
  reseller: ResellerResponse;
  opened: boolean;
  onClose: () => void;
}

/** A new password for a reseller; their sessions end. */
export function ResellerPasswordModal({ reseller, opened, onClose }: ResellerPasswordModalProps) {
  // The form (and its mutation) live inside the modal: each opening mounts a fresh one.
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>New password for {reseller.username}</Text>} centered>
      <PasswordForm reseller={reseller} onClose={onClose} />
    </Modal>
  );
}

function PasswordForm({ reseller, onClose }: Omit<ResellerPasswordModalProps, 'opened'>) {
  const update = useUpdateReseller(reseller.id);
  const form = useSchemaForm(resellerPasswordSchema, { password: '' });

  const submit = form.onSubmit((body) =>
    update.mutate(body, {
      onSuccess: () => {
        notifySuccess(`${reseller.username} is signed out everywhere`, 'Password changed');
        onClose();
      },
      onError: (error) => setApiErrors(form, error),
    }),
  );

  return (
    <form noValidate aria-label="Set reseller password" onSubmit={submit}>
      <Stack gap="md">
        <MutationErrorAlert title="Could not change the password" error={update.error} details={formError(form)} />
        <PasswordInput
          label="New password"
          description="At least 8 characters; their current sessions end"
          autoComplete="new-password"
          {...form.getInputProps('password')}
          data-autofocus
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
