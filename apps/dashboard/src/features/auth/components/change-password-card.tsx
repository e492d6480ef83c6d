import { KeyholdError } from '@keyhold/sdk';
import { Button, Group, PasswordInput, SimpleGrid, Stack } from '@mantine/core';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { plural } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useChangePassword } from '../api/change-password';
import { changePasswordSchema, PASSWORD_MIN } from '../schemas';
import { AccountSection } from './account-section';

const WRONG_PASSWORD = 'This is not your current password';

/** Whether the refusal is a wrong current password: said on its field, and the seller stays signed in. */
const isWrongPassword = (error: unknown) => error instanceof KeyholdError && error.code === 'INVALID_CREDENTIALS';

/** The sentence of the confirmation: the API ends every other session of the seller. */
export function otherSessionsEnded(count: number): string {
  return count === 0 ? 'No other session was signed in.' : `${plural(count, 'other session')} signed out.`;
}

/** A new password for the seller: this session stays, the others end. */
export function ChangePasswordCard() {
  const change = useChangePassword();
  const form = useSchemaForm(changePasswordSchema, { currentPassword: '', newPassword: '', confirmPassword: '' });

  const submit = form.onSubmit((body) =>
    change.mutate(body, {
      onSuccess: ({ sessionsEnded }) => {
        form.reset();
        notifySuccess(otherSessionsEnded(sessionsEnded), 'Password changed');
      },
      onError: (error) => {
        setApiErrors(form, error);
        if (isWrongPassword(error)) form.setFieldError('currentPassword', WRONG_PASSWORD);
      },
    }),
  );

  return (
    <AccountSection
      id="account-password"
      title="Change password"
      description="Your other sessions are signed out; this one stays signed in."
    >
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack gap="md">
          <MutationErrorAlert
            title="Could not change the password"
            error={isWrongPassword(change.error) ? null : change.error}
            details={formError(form)}
          />
          <PasswordInput label="Current password" autoComplete="current-password" maw={360} {...form.getInputProps('currentPassword')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" maw={736}>
            <PasswordInput
              label="New password"
              description={`At least ${PASSWORD_MIN} characters`}
              autoComplete="new-password"
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label="Confirm new password"
              description="Type it again"
              autoComplete="new-password"
              {...form.getInputProps('confirmPassword')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </AccountSection>
  );
}
