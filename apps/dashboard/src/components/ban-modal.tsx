import { NOTE_MAX_LENGTH } from '@keyhold/contracts';
import { Text, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { FormModal, ModalForm } from './form-modal';

export const BAN_REASON_MAX = NOTE_MAX_LENGTH;

/** `banReason` of PATCH /v1/admin/licenses/:id and /v1/admin/users/:id. */
const banSchema = z.object({
  banReason: z.string().trim().min(1, 'Give a reason for the ban').max(BAN_REASON_MAX, `Use at most ${BAN_REASON_MAX} characters`),
});

interface BanModalProps {
  opened: boolean;
  onClose: () => void;
  /** Called with the trimmed reason once it is valid; a refusal it throws lands on the form. */
  onConfirm: (reason: string) => Promise<unknown>;
  title: string;
  /** What is banned and what it means, e.g. "The key stops working at once." */
  description: ReactNode;
  loading?: boolean;
  error?: unknown;
}

/** Ban with a reason: the reason is required, kept with the record and shown to the seller later. */
export function BanModal({ opened, onClose, title, ...form }: BanModalProps) {
  // The form lives inside the modal: it mounts at each opening, so it starts empty without a reset.
  return (
    <FormModal opened={opened} onClose={onClose} title={title}>
      <BanForm title={title} onClose={onClose} {...form} />
    </FormModal>
  );
}

function BanForm({ title, onClose, onConfirm, description, loading, error }: Omit<BanModalProps, 'opened'>) {
  const form = useSchemaForm(banSchema, { banReason: '' });
  const submit = form.onSubmit(({ banReason }) => onConfirm(banReason).catch((refusal: unknown) => setApiErrors(form, refusal)));

  return (
    <ModalForm
      label={title}
      onSubmit={submit}
      errorTitle="Could not ban"
      error={error}
      errorDetails={formError(form)}
      onCancel={onClose}
      pending={loading}
      submitLabel="Ban"
      submitColor="red"
    >
      <Text size="sm" c="dimmed" component="div">
        {description}
      </Text>
      <Textarea
        label="Reason"
        placeholder="Chargeback, key shared publicly, abuse…"
        description="Kept with the record so you remember why"
        autosize
        minRows={2}
        maxRows={5}
        {...form.getInputProps('banReason')}
        data-autofocus
      />
    </ModalForm>
  );
}
