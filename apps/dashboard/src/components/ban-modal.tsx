import { NOTE_MAX_LENGTH } from '@keyhold/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { getFieldErrors } from '@/lib/errors';
import { MutationErrorAlert } from './query-error-alert';

export const BAN_REASON_MAX = NOTE_MAX_LENGTH;

interface BanModalProps {
  opened: boolean;
  onClose: () => void;
  /** Called with the trimmed reason once it is valid. */
  onConfirm: (reason: string) => void;
  title: string;
  /** What is banned and what it means, e.g. "The key stops working at once." */
  description: ReactNode;
  loading?: boolean;
  error?: unknown;
}

/** Ban with a reason: the reason is required, kept with the record and shown to the seller later. */
export function BanModal({ opened, onClose, onConfirm, title, description, loading, error }: BanModalProps) {
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();

  useEffect(() => {
    if (opened) {
      setReason('');
      setFieldError(undefined);
    }
  }, [opened]);

  useEffect(() => {
    const fromApi = getFieldErrors(error).banReason;
    if (fromApi) setFieldError(fromApi);
  }, [error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return setFieldError('Give a reason for the ban');
    if (trimmed.length > BAN_REASON_MAX) return setFieldError(`Use at most ${BAN_REASON_MAX} characters`);
    onConfirm(trimmed);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>{title}</Text>} centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <MutationErrorAlert title="Could not ban" error={error} />
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
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setFieldError(undefined);
            }}
            error={fieldError}
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
    </Modal>
  );
}
