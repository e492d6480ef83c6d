import { PASSWORD_MAX_BYTES, type UserResponse } from '@keyhold/contracts';
import { Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { MutationErrorAlert } from '@/components/query-error-alert';
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
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>Subscription of {user?.username}</Text>} centered>
      <SubscriptionForm user={user} onClose={onClose} {...props} />
    </Modal>
  );
}

function SubscriptionForm({ user, onClose, onConfirm, loading, error }: Omit<FieldModalProps<string | null>, 'opened'>) {
  const form = useSchemaForm(subscriptionSchema, { subscription: user?.subscription ?? '' });
  const submit = form.onSubmit(({ subscription }) => onConfirm(subscription).catch((refusal: unknown) => setApiErrors(form, refusal)));
  return (
    <form onSubmit={submit} noValidate aria-label="Set subscription">
      <Stack gap="md">
        <MutationErrorAlert title="Could not change the subscription" error={error} details={formError(form)} />
        <TextInput label="Subscription" description="Leave empty for none" {...form.getInputProps('subscription')} data-autofocus />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Save subscription
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Give a user a new password (the seller tells them). */
export function PasswordModal({ user, opened, onClose, ...props }: FieldModalProps<string>) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>New password for {user?.username}</Text>} centered>
      <PasswordForm onClose={onClose} {...props} />
    </Modal>
  );
}

function PasswordForm({ onClose, onConfirm, loading, error }: Omit<FieldModalProps<string>, 'opened' | 'user'>) {
  const form = useSchemaForm(userPasswordSchema, { password: '' });
  const submit = form.onSubmit(({ password }) => onConfirm(password).catch((refusal: unknown) => setApiErrors(form, refusal)));
  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      <Stack gap="md">
        <MutationErrorAlert title="Could not change the password" error={error} details={formError(form)} />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          description="At least 4 characters. The user is signed out everywhere at once."
          {...form.getInputProps('password')}
          maxLength={PASSWORD_MAX_BYTES + 1}
          data-autofocus
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
