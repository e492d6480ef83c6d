import { NOTE_MAX_LENGTH } from '@keyhold/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { MutationErrorAlert } from './query-error-alert';

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
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>{title}</Text>} centered>
      <BanForm title={title} onClose={onClose} {...form} />
    </Modal>
  );
}

function BanForm({ title, onClose, onConfirm, description, loading, error }: Omit<BanModalProps, 'opened'>) {
  const form = useSchemaForm(banSchema, { banReason: '' });
  const submit = form.onSubmit(({ banReason }) => onConfirm(banReason).catch((refusal: unknown) => setApiErrors(form, refusal)));

  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="md">
        <MutationErrorAlert title="Could not ban" error={error} details={formError(form)} />
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
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={loading}>
            Ban
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
