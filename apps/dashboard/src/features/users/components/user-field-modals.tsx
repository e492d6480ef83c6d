import { PASSWORD_MAX_BYTES, type UserResponse } from '@keyhold/contracts';
import { Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { getFieldErrors } from '@/lib/errors';
import { validateOptionalSubscription, validateUserPassword } from '../validation';

interface FieldModalProps<T> {
  user: UserResponse | undefined;
  opened: boolean;
  onClose: () => void;
  onConfirm: (value: T) => void;
  loading?: boolean;
  error?: unknown;
}

/** Set or clear a user's subscription. */
export function SubscriptionModal({ user, opened, onClose, onConfirm, loading, error }: FieldModalProps<string | null>) {
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string>();

  useEffect(() => {
    if (opened) {
      setValue(user?.subscription ?? '');
      setFieldError(undefined);
    }
  }, [opened, user]);
  useEffect(() => setFieldError(getFieldErrors(error).subscription), [error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = validateOptionalSubscription(value);
    if (problem) return setFieldError(problem);
    onConfirm(value.trim() || null);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>Subscription of {user?.username}</Text>} centered>
      <form onSubmit={submit} noValidate aria-label="Set subscription">
        <Stack gap="md">
          <MutationErrorAlert title="Could not change the subscription" error={error} />
          <TextInput
            label="Subscription"
            description="Leave empty for none"
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setFieldError(undefined);
            }}
            error={fieldError}
            data-autofocus
          />
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
    </Modal>
  );
}

/** Give a user a new password (the seller tells them). */
export function PasswordModal({ user, opened, onClose, onConfirm, loading, error }: FieldModalProps<string>) {
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string>();

  useEffect(() => {
    if (opened) {
      setValue('');
      setFieldError(undefined);
    }
  }, [opened]);
  useEffect(() => setFieldError(getFieldErrors(error).password), [error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = validateUserPassword(value);
    if (problem) return setFieldError(problem);
    onConfirm(value);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>New password for {user?.username}</Text>} centered>
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack gap="md">
          <MutationErrorAlert title="Could not change the password" error={error} />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            description="At least 4 characters. The user is signed out everywhere at once."
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setFieldError(undefined);
            }}
            error={fieldError}
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
    </Modal>
  );
}
