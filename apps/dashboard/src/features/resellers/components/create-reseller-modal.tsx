import { PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import { WholeNumberInput } from '@/components/whole-number-input';
import { FormModal, ModalForm } from '@/components/form-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { notifySuccess } from '@/lib/notify';
import { useCreateReseller } from '../api/resellers';
import { createResellerSchema } from '../schemas';
import { PermissionsFields, type AppChoices } from './permissions-fields';

interface CreateResellerModalProps {
  opened: boolean;
  onClose: () => void;
  apps: AppChoices;
}

/** A reseller account: sign-in, what it may sell and at which price, and an opening balance. */
export function CreateResellerModal({ opened, onClose, apps }: CreateResellerModalProps) {
  // The form (and its mutation) live inside the modal: each opening mounts a fresh one.
  return (
    <FormModal opened={opened} onClose={onClose} title="New reseller" titleSize="lg" size="lg">
      <CreateResellerForm onClose={onClose} apps={apps} />
    </FormModal>
  );
}

function CreateResellerForm({ onClose, apps }: Omit<CreateResellerModalProps, 'opened'>) {
  const create = useCreateReseller();
  const navigate = useNavigate();
  const form = useSchemaForm(createResellerSchema, {
    username: '',
    password: '',
    credits: 0,
    appIds: [],
    subscriptions: [],
    prices: [{ lifetime: false, days: 30, credits: 1 }],
  });

  const submit = form.onSubmit((body) =>
    create.mutate(body, {
      onSuccess: (reseller) => {
        notifySuccess(`${reseller.username} signs in with your reseller portal link (on the Resellers page)`, 'Reseller created');
        onClose();
        void navigate(`/resellers/${encodeURIComponent(reseller.id)}`);
      },
      onError: (error) => setApiErrors(form, error),
    }),
  );

  return (
    <ModalForm
      label="Create reseller"
      onSubmit={submit}
      errorTitle="Could not create the reseller"
      error={create.error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={create.isPending}
      submitLabel="Create reseller"
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <TextInput
          label="Username"
          description="They sign in with it"
          autoComplete="off"
          {...form.getInputProps('username')}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          description="At least 8 characters"
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
      </SimpleGrid>
      <PermissionsFields form={form} apps={apps} />
      <WholeNumberInput
        label="Opening balance"
        description="Credits they start with (recorded in the ledger)"
        {...form.getInputProps('credits')}
        min={0}
        thousandSeparator=","
      />
    </ModalForm>
  );
}
