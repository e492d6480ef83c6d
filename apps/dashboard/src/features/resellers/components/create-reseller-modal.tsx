import { Button, Group, Modal, NumberInput, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { getFieldErrors } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useCreateReseller } from '../api/resellers';
import { toPrices, validateCredits, validateResellerPassword, validateResellerUsername } from '../validation';
import { checkPermissions, hasPermissionErrors, PermissionsFields, type PermissionErrors, type Permissions } from './permissions-fields';

const INITIAL_PERMISSIONS: Permissions = { appIds: [], subscriptions: [], prices: [{ lifetime: false, days: 30, credits: 1 }] };

type Errors = PermissionErrors & Partial<Record<'username' | 'password' | 'credits', string>>;

/** A reseller account: sign-in, what it may sell and at which price, and an opening balance. */
export function CreateResellerModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateReseller();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [credits, setCredits] = useState<number | string>(0);
  const [permissions, setPermissions] = useState<Permissions>(INITIAL_PERMISSIONS);
  const [errors, setErrors] = useState<Errors>({});

  const close = () => {
    create.reset();
    setUsername('');
    setPassword('');
    setCredits(0);
    setPermissions(INITIAL_PERMISSIONS);
    setErrors({});
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {
      username: validateResellerUsername(username),
      password: validateResellerPassword(password),
      credits: validateCredits(credits),
      ...checkPermissions(permissions),
    };
    setErrors(found);
    if (found.username || found.password || found.credits || hasPermissionErrors(found)) return;
    create.mutate(
      {
        username: username.trim(),
        password,
        appIds: permissions.appIds,
        subscriptions: permissions.subscriptions,
        prices: toPrices(permissions.prices),
        credits: credits as number,
      },
      {
        onSuccess: (reseller) => {
          notifySuccess(`${reseller.username} can sign in at /reseller/sign-in`, 'Reseller created');
          close();
          void navigate(`/resellers/${encodeURIComponent(reseller.id)}`);
        },
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={650} size="lg">New reseller</Text>} size="lg" centered>
      <form onSubmit={submit} noValidate aria-label="Create reseller">
        <Stack gap="md">
          <MutationErrorAlert title="Could not create the reseller" error={create.error} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="Username"
              description="They sign in with it"
              autoComplete="off"
              value={username}
              onChange={(e) => {
                setUsername(e.currentTarget.value);
                setErrors((x) => ({ ...x, username: undefined }));
              }}
              error={errors.username}
              data-autofocus
            />
            <PasswordInput
              label="Password"
              description="At least 8 characters"
              autoComplete="new-password"
              value={password}
              onChange={(e) => {
                setPassword(e.currentTarget.value);
                setErrors((x) => ({ ...x, password: undefined }));
              }}
              error={errors.password}
            />
          </SimpleGrid>
          <PermissionsFields value={permissions} onChange={setPermissions} errors={errors} />
          <NumberInput
            label="Opening balance"
            description="Credits they start with (recorded in the ledger)"
            value={credits}
            onChange={(value) => {
              setCredits(value);
              setErrors((x) => ({ ...x, credits: undefined }));
            }}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            error={errors.credits}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create reseller
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
