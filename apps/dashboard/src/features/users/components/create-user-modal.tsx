import { PASSWORD_MAX_BYTES } from '@keyhold/contracts';
import { PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { FormModal, ModalForm } from '@/components/form-modal';
import { DATE_FORMAT } from '@/lib/format';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useCreateUser } from '../api/user-mutations';
import { createUserSchema } from '../schemas';

interface CreateUserModalProps {
  appId: string;
  opened: boolean;
  onClose: () => void;
}

/** A credential for one person, made by the seller: no license key needed. */
export function CreateUserModal({ appId, opened, onClose }: CreateUserModalProps) {
  // The form (and its mutation) live inside the modal: each opening mounts a fresh one.
  return (
    <FormModal opened={opened} onClose={onClose} title="Create a user" titleSize="lg">
      <CreateUserForm appId={appId} onClose={onClose} />
    </FormModal>
  );
}

function CreateUserForm({ appId, onClose }: { appId: string; onClose: () => void }) {
  const create = useCreateUser(appId);
  const form = useSchemaForm(createUserSchema, { username: '', password: '', subscription: '', expires: 'never', expiryDay: null });
  const { expires, expiryDay } = form.values;

  const submit = form.onSubmit((body) =>
    create.mutate(body, {
      onSuccess: (user) => {
        notifySuccess(`${user.username} can sign in now`, 'User created');
        onClose();
      },
      onError: (error) => setApiErrors(form, error, { expiresAt: 'expiryDay' }),
    }),
  );

  return (
    <ModalForm
      label="Create user"
      onSubmit={submit}
      errorTitle="Could not create the user"
      error={create.error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={create.isPending}
      submitLabel="Create user"
    >
      <TextInput label="Username" autoComplete="off" {...form.getInputProps('username')} data-autofocus />
      <PasswordInput
        label="Password"
        autoComplete="new-password"
        description="At least 4 characters; give it to the user yourself"
        {...form.getInputProps('password')}
        maxLength={PASSWORD_MAX_BYTES + 1}
      />
      <TextInput
        label="Subscription"
        description="Optional: the level this user gets, e.g. premium"
        {...form.getInputProps('subscription')}
      />
      <Stack gap={6}>
        <Text size="sm" fw={500} id="create-user-expiry">
          Access
        </Text>
        <SegmentedControl
          value={expires}
          onChange={(value) => {
            form.setFieldValue('expires', value);
            form.clearFieldError('expiryDay');
          }}
          data={[
            { value: 'never', label: 'Never expires' },
            { value: 'date', label: 'Until a date' },
          ]}
          aria-labelledby="create-user-expiry"
        />
        {expires === 'date' && (
          <DatePickerInput
            label="Expires on"
            placeholder="Pick a date"
            leftSection={<IconCalendar size={16} />}
            value={expiryDay}
            onChange={(value) => form.setFieldValue('expiryDay', value ? dayjs(value).format('YYYY-MM-DD') : null)}
            minDate={dayjs().format('YYYY-MM-DD')}
            valueFormat={DATE_FORMAT}
            error={form.errors.expiryDay}
          />
        )}
        {expires === 'never' && form.errors.expiryDay && (
          <Text size="xs" c="red">
            {form.errors.expiryDay}
          </Text>
        )}
      </Stack>
    </ModalForm>
  );
}
