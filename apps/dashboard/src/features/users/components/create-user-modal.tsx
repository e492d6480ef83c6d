import { PASSWORD_MAX_BYTES } from '@keyhold/contracts';
import { Button, Group, Modal, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState, type FormEvent } from 'react';
import { endOfDayIso } from '@/components/expiry-modal';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { getFieldErrors } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useCreateUser } from '../api/user-mutations';
import { validateOptionalSubscription, validateUsername, validateUserPassword } from '../validation';

interface Values {
  username: string;
  password: string;
  subscription: string;
  expires: 'never' | 'date';
  expiryDay: string | null;
}
type Field = 'username' | 'password' | 'subscription' | 'expiresAt';
type Errors = Partial<Record<Field, string>>;

const INITIAL: Values = { username: '', password: '', subscription: '', expires: 'never', expiryDay: null };

function validate(values: Values): Errors {
  const errors: Errors = {};
  const username = validateUsername(values.username);
  const password = validateUserPassword(values.password);
  const subscription = validateOptionalSubscription(values.subscription);
  if (username) errors.username = username;
  if (password) errors.password = password;
  if (subscription) errors.subscription = subscription;
  if (values.expires === 'date') {
    if (!values.expiryDay) errors.expiresAt = 'Pick a date';
    else if (dayjs(values.expiryDay).endOf('day').isBefore(dayjs())) errors.expiresAt = 'Pick today or a later date';
  }
  return errors;
}

interface CreateUserModalProps {
  appId: string;
  opened: boolean;
  onClose: () => void;
}

/** A credential for one person, made by the seller: no license key needed. */
export function CreateUserModal({ appId, opened, onClose }: CreateUserModalProps) {
  const create = useCreateUser(appId);
  const [values, setValues] = useState<Values>(INITIAL);
  const [errors, setErrors] = useState<Errors>({});

  const close = () => {
    create.reset();
    setValues(INITIAL);
    setErrors({});
    onClose();
  };

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field === 'expiryDay' || field === 'expires' ? 'expiresAt' : field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const subscription = values.subscription.trim();
    create.mutate(
      {
        username: values.username.trim(),
        password: values.password,
        subscription: subscription || null,
        expiresAt: values.expires === 'date' && values.expiryDay ? endOfDayIso(values.expiryDay) : null,
      },
      {
        onSuccess: (user) => {
          notifySuccess(`${user.username} can sign in now`, 'User created');
          close();
        },
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={650} size="lg">Create a user</Text>} centered>
      <form onSubmit={submit} noValidate aria-label="Create user">
        <Stack gap="md">
          <MutationErrorAlert title="Could not create the user" error={create.error} />
          <TextInput
            label="Username"
            autoComplete="off"
            value={values.username}
            onChange={(e) => set('username', e.currentTarget.value)}
            error={errors.username}
            data-autofocus
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            description="At least 4 characters; give it to the user yourself"
            value={values.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.password}
            maxLength={PASSWORD_MAX_BYTES + 1}
          />
          <TextInput
            label="Subscription"
            description="Optional: the level this user gets, e.g. premium"
            value={values.subscription}
            onChange={(e) => set('subscription', e.currentTarget.value)}
            error={errors.subscription}
          />
          <Stack gap={6}>
            <Text size="sm" fw={500} id="create-user-expiry">
              Access
            </Text>
            <SegmentedControl
              value={values.expires}
              onChange={(value) => set('expires', value as Values['expires'])}
              data={[
                { value: 'never', label: 'Never expires' },
                { value: 'date', label: 'Until a date' },
              ]}
              aria-labelledby="create-user-expiry"
            />
            {values.expires === 'date' && (
              <DatePickerInput
                label="Expires on"
                placeholder="Pick a date"
                leftSection={<IconCalendar size={16} />}
                value={values.expiryDay}
                onChange={(value) => set('expiryDay', value ? dayjs(value).format('YYYY-MM-DD') : null)}
                minDate={dayjs().format('YYYY-MM-DD')}
                valueFormat="D MMM YYYY"
                error={errors.expiresAt}
              />
            )}
            {values.expires === 'never' && errors.expiresAt && (
              <Text size="xs" c="red">
                {errors.expiresAt}
              </Text>
            )}
          </Stack>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
