import type { AppResponse } from '@keyhold/contracts';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '@/components/confirm-modal';
import { FormModal, ModalForm } from '@/components/form-modal';
import { plural } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useAppResellerCount } from '../api/app-resellers';
import { useDeleteApp, useUpdateApp } from '../api/update-app';

/** Disable or enable the app, and delete it for good (the seller types its name to confirm). */
export function AppDangerZone({ app }: { app: AppResponse }) {
  const navigate = useNavigate();
  const update = useUpdateApp(app.id);
  const remove = useDeleteApp(app.id);
  const [disableOpened, disableModal] = useDisclosure(false);
  const [deleteOpened, deleteModal] = useDisclosure(false);
  const [typed, setTyped] = useState('');
  const disabled = app.status === 'DISABLED';
  const resellers = useAppResellerCount(app.id, deleteOpened);

  const enable = () =>
    update.mutate(
      { status: 'ACTIVE' },
      {
        onSuccess: () => notifySuccess(`${app.name} accepts sign-ins again.`, 'App enabled'),
        onError: (error) => notifyError(error, 'Could not enable the app'),
      },
    );

  const deleteApp = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (typed !== app.name) return;
    remove.mutate(undefined, {
      onSuccess: () => {
        deleteModal.close();
        notifySuccess(`${app.name} and all its data were deleted.`, 'App deleted');
        void navigate('/apps', { replace: true });
      },
    });
  };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="settings-danger"
      style={{ borderColor: 'var(--mantine-color-red-light-color)' }}
    >
      <Stack gap="md">
        <Title order={4} id="settings-danger" c="red">
          Danger zone
        </Title>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <div style={{ maxWidth: 520 }}>
            <Text fw={600} size="sm">
              {disabled ? 'Enable the app' : 'Disable the app'}
            </Text>
            <Text size="sm" c="dimmed">
              {disabled
                ? 'The app is disabled: every sign-in, registration and license check is refused.'
                : 'Refuse every sign-in, registration and license check until you enable it again. Nothing is deleted.'}
            </Text>
          </div>
          {disabled ? (
            <Button variant="default" leftSection={<IconPlayerPlay size={16} />} onClick={enable} loading={update.isPending}>
              Enable app
            </Button>
          ) : (
            <Button
              variant="default"
              color="orange"
              leftSection={<IconPlayerPause size={16} />}
              onClick={() => {
                update.reset();
                disableModal.open();
              }}
            >
              Disable app
            </Button>
          )}
        </Group>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <div style={{ maxWidth: 520 }}>
            <Text fw={600} size="sm">
              Delete the app
            </Text>
            <Text size="sm" c="dimmed">
              Deletes the app with all its users, license keys and blacklist. This cannot be undone.
            </Text>
          </div>
          <Button
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => {
              setTyped('');
              remove.reset();
              deleteModal.open();
            }}
          >
            Delete app
          </Button>
        </Group>
      </Stack>

      <ConfirmModal
        opened={disableOpened}
        onClose={disableModal.close}
        title={`Disable ${app.name}?`}
        confirmLabel="Disable app"
        color="orange"
        loading={update.isPending}
        error={update.error}
        onConfirm={() =>
          update.mutate(
            { status: 'DISABLED' },
            {
              onSuccess: () => {
                disableModal.close();
                notifySuccess(`${app.name} refuses sign-ins until you enable it.`, 'App disabled');
              },
            },
          )
        }
      >
        Your users cannot sign in, register or check a license while the app is disabled.
      </ConfirmModal>

      <FormModal opened={deleteOpened} onClose={deleteModal.close} title={`Delete ${app.name}?`}>
        <ModalForm
          label="Delete application"
          onSubmit={deleteApp}
          errorTitle="Could not delete the app"
          error={remove.error}
          onCancel={deleteModal.close}
          pending={remove.isPending}
          submitLabel="Delete forever"
          submitColor="red"
          submitDisabled={typed !== app.name}
        >
          <Text size="sm">
            This deletes the app, its users, license keys and blacklist for good. Software using its API key stops working at once.
          </Text>
          {resellers.data ? (
            <Text size="sm" c="orange.8" data-testid="delete-app-resellers">
              {plural(resellers.data, 'reseller sells', 'resellers sell')} this app: they lose it and the keys they made of it.
              {resellers.data === 1 ? ' If it is all they sell, they' : ' Those who sell nothing else'} can generate no keys until you give
              them another app.
            </Text>
          ) : null}
          <TextInput
            label={
              <>
                Type <b>{app.name}</b> to confirm
              </>
            }
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
            aria-label="Type the app name to confirm"
          />
        </ModalForm>
      </FormModal>
    </Paper>
  );
}
