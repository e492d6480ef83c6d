import { PASSWORD_MAX_BYTES, type UserResponse } from '@keyhold/contracts';
import { PasswordInput, TextInput } from '@mantine/core';
import { FormModal, ModalForm } from '@/components/form-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { subscriptionSchema, userPasswordSchema } from '../schemas';

interface FieldModalProps<T> {
  user: UserResponse | undefined;
  opened: boolean;
  onClose: () => void;
  /** Called with the checked value; a refusal it throws lands on the form. */
  onConfirm: (value: T) => Promise<unknown>;
  loading?: boolean;
  error?: unknown;
}

// Each form lives inside its modal: it mounts at each opening, from the user as it is then.

/** Set or clear a user's subscription. */
export function SubscriptionModal({ user, opened, onClose, ...props }: FieldModalProps<string | null>) {
  return (
    <FormModal opened={opened} onClose={onClose} title={<>Subscription of {user?.username}</>}>
      <SubscriptionForm user={user} onClose={onClose} {...props} />
    </FormModal>
  );
}

function SubscriptionForm({ user, onClose, onConfirm, loading, error }: Omit<FieldModalProps<string | null>, 'opened'>) {
  const form = useSchemaForm(subscriptionSchema, { subscription: user?.subscription ?? '' });
  const submit = form.onSubmit(({ subscription }) => onConfirm(subscription).catch((refusal: unknown) => setApiErrors(form, refusal)));
  return (
    <ModalForm
      label="Set subscription"
      onSubmit={submit}
      errorTitle="Could not change the subscription"
      error={error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={loading}
      submitLabel="Save subscription"
    >
      <TextInput label="Subscription" description="Leave empty for none" {...form.getInputProps('subscription')} data-autofocus />
    </ModalForm>
  );
}

/** Give a user a new password (the seller tells them). */
export function PasswordModal({ user, opened, onClose, ...props }: FieldModalProps<string>) {
  return (
    <FormModal opened={opened} onClose={onClose} title={<>New password for {user?.username}</>}>
      <PasswordForm onClose={onClose} {...props} />
    </FormModal>
  );
}

function PasswordForm({ onClose, onConfirm, loading, error }: Omit<FieldModalProps<string>, 'opened' | 'user'>) {
  const form = useSchemaForm(userPasswordSchema, { password: '' });
  const submit = form.onSubmit(({ password }) => onConfirm(password).catch((refusal: unknown) => setApiErrors(form, refusal)));
  return (
    <ModalForm
      label="Change password"
      onSubmit={submit}
      errorTitle="Could not change the password"
      error={error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={loading}
      submitLabel="Change password"
    >
      <PasswordInput
        label="New password"
        autoComplete="new-password"
        description="At least 4 characters. The user is signed out everywhere at once."
        {...form.getInputProps('password')}
        maxLength={PASSWORD_MAX_BYTES + 1}
        data-autofocus
      />
    </ModalForm>
  );
}
