import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { getFieldErrors } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useAdjustCredits } from '../api/resellers';
import { validateCredits } from '../validation';

interface CreditsModalProps {
  resellerId: string;
  username: string;
  balance: number;
  opened: boolean;
  onClose: () => void;
}

/** Top up a reseller's balance, or take credits back (never below zero). */
export function CreditsModal({ resellerId, username, balance, opened, onClose }: CreditsModalProps) {
  const adjust = useAdjustCredits(resellerId);
  const [mode, setMode] = useState<'add' | 'remove'>('add');
  const [amount, setAmount] = useState<number | string>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'amount' | 'note', string>>>({});

  useEffect(() => {
    if (!opened) return;
    setMode('add');
    setAmount('');
    setNote('');
    setErrors({});
    adjust.reset();
    // A fresh form at each opening.
  }, [opened]);

  const signed = typeof amount === 'number' ? (mode === 'add' ? amount : -amount) : 0;
  const after = balance + signed;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      amount: validateCredits(amount, { allowZero: false }) ?? (mode === 'remove' && after < 0 ? `They have only ${formatNumber(balance)} credits` : undefined),
      note: note.trim().length > 500 ? 'Use at most 500 characters' : undefined,
    };
    setErrors(found);
    if (found.amount || found.note) return;
    adjust.mutate(
      { amount: signed, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (answer) => {
          notifySuccess(`${username} now has ${formatNumber(answer.credits)} credits`, mode === 'add' ? 'Credits added' : 'Credits taken back');
          onClose();
        },
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>Credits of {username}</Text>} centered>
      <form onSubmit={submit} noValidate aria-label="Adjust credits">
        <Stack gap="md">
          <MutationErrorAlert title="Could not change the balance" error={adjust.error} />
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value as 'add' | 'remove')}
            data={[
              { value: 'add', label: 'Top up' },
              { value: 'remove', label: 'Take back' },
            ]}
            aria-label="Top up or take back"
          />
          <NumberInput
            label="Credits"
            value={amount}
            onChange={(value) => {
              setAmount(value);
              setErrors((x) => ({ ...x, amount: undefined }));
            }}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            error={errors.amount}
            data-autofocus
          />
          <TextInput
            label="Note"
            placeholder="Optional: invoice #42, refund…"
            description="Shown in the ledger"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Text size="sm" c="dimmed" data-testid="balance-after">
            Balance: {formatNumber(balance)} → <b>{formatNumber(after)}</b> credits
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={adjust.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={adjust.isPending} color={mode === 'remove' ? 'orange' : undefined}>
              {mode === 'add' ? 'Add credits' : 'Take back credits'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
