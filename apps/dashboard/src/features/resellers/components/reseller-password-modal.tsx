import type { ResellerResponse } from '@keyhold/contracts';
import { PasswordInput } from '@mantine/core';
import { FormModal, ModalForm } from '@/components/form-modal';
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
    <FormModal opened={opened} onClose={onClose} title={`New password for ${reseller.username}`}>
      <PasswordForm reseller={reseller} onClose={onClose} />
    </FormModal>
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
    <ModalForm
      label="Set reseller password"
      onSubmit={submit}
      errorTitle="Could not change the password"
      error={update.error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={update.isPending}
      submitLabel="Change password"
    >
      <PasswordInput
        label="New password"
        description="At least 8 characters; their current sessions end"
        autoComplete="new-password"
        {...form.getInputProps('password')}
        data-autofocus
      />
    </ModalForm>
  );
}
