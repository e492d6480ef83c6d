import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormModal } from './form-modal';
import { MutationErrorAlert } from './query-error-alert';

interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** red for destructive actions */
  color?: string;
  loading?: boolean;
  error?: unknown;
}

/** "Are you sure?" for actions that cannot be undone. */
export function ConfirmModal({
  opened,
  onClose,
  onConfirm,
  title,
  children,
  confirmLabel,
  color = 'red',
  loading,
  error,
}: ConfirmModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={title}>
      <Stack gap="md">
        <MutationErrorAlert title={`Could not ${confirmLabel.toLowerCase()}`} error={error} />
        <Text size="sm" component="div">
          {children}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button color={color} onClick={onConfirm} loading={loading} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}
