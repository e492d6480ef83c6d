import { Button, Group, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FormActionsProps {
  onCancel: () => void;
  /** "Cancel" in a dialog; "Discard changes" on a settings form */
  cancelLabel?: ReactNode;
  /** e.g. nothing to discard yet */
  cancelDisabled?: boolean;
  /** the request is on its way: Cancel is disabled and the submit button spins */
  pending?: boolean;
  submitLabel: ReactNode;
  /** red or orange for what cannot be undone */
  submitColor?: MantineColor;
  submitDisabled?: boolean;
}

/** The end of a form: Cancel (or Discard changes), then the submit button. */
export function FormActions({
  onCancel,
  cancelLabel = 'Cancel',
  cancelDisabled,
  pending,
  submitLabel,
  submitColor,
  submitDisabled,
}: FormActionsProps) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={pending || cancelDisabled}>
        {cancelLabel}
      </Button>
      <Button type="submit" color={submitColor} loading={pending} disabled={submitDisabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
