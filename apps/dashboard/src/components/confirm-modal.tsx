import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
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
export function ConfirmModal({ opened, onClose, onConfirm, title, children, confirmLabel, color = 'red', loading, error }: ConfirmModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>{title}</Text>} centered>
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
    </Modal>
  );
}
