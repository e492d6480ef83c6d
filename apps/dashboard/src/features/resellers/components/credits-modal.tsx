import { SegmentedControl, Text, TextInput } from '@mantine/core';
import { WholeNumberInput } from '@/components/whole-number-input';
import { FormModal, ModalForm } from '@/components/form-modal';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { formatNumber } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useAdjustCredits } from '../api/resellers';
import { adjustCreditsSchema } from '../schemas';

interface CreditsModalProps {
  resellerId: string;
  username: string;
  balance: number;
  opened: boolean;
  onClose: () => void;
}

/** Top up a reseller's balance, or take credits back (never below zero). */
export function CreditsModal({ opened, onClose, username, ...props }: CreditsModalProps) {
  // The form (and its mutation) live inside the modal: each opening mounts a fresh one.
  return (
    <FormModal opened={opened} onClose={onClose} title={`Credits of ${username}`}>
      <CreditsForm username={username} onClose={onClose} {...props} />
    </FormModal>
  );
}

function CreditsForm({ resellerId, username, balance, onClose }: Omit<CreditsModalProps, 'opened'>) {
  const adjust = useAdjustCredits(resellerId);
  // The balance is part of the check (a take-back cannot go below zero): the schema follows it.
  const form = useSchemaForm(adjustCreditsSchema(balance), { mode: 'add', amount: '', note: '' });
  const { mode, amount } = form.values;
  const after = balance + (typeof amount === 'number' ? (mode === 'add' ? amount : -amount) : 0);

  const submit = form.onSubmit((body) =>
    adjust.mutate(body, {
      onSuccess: (answer) => {
        notifySuccess(
          `${username} now has ${formatNumber(answer.credits)} credits`,
          mode === 'add' ? 'Credits added' : 'Credits taken back',
        );
        onClose();
      },
      onError: (error) => setApiErrors(form, error),
    }),
  );

  return (
    <ModalForm
      label="Adjust credits"
      onSubmit={submit}
      errorTitle="Could not change the balance"
      error={adjust.error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={adjust.isPending}
      submitLabel={mode === 'add' ? 'Add credits' : 'Take back credits'}
      submitColor={mode === 'remove' ? 'orange' : undefined}
    >
      <SegmentedControl
        value={mode}
        onChange={(value) => form.setFieldValue('mode', value)}
        data={[
          { value: 'add', label: 'Top up' },
          { value: 'remove', label: 'Take back' },
        ]}
        aria-label="Top up or take back"
      />
      <WholeNumberInput label="Credits" {...form.getInputProps('amount')} min={1} thousandSeparator="," data-autofocus />
      <TextInput
        label="Note"
        placeholder="Optional: invoice #42, refund…"
        description="Shown in the ledger"
        {...form.getInputProps('note')}
      />
      <Text size="sm" c="dimmed" data-testid="balance-after">
        Balance: {formatNumber(balance)} → <b>{formatNumber(after)}</b> credits
      </Text>
    </ModalForm>
  );
}
