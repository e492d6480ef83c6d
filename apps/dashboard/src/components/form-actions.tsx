import { Button, Group, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FormActionsProps {
  onCancel: () => void;
  /** the request is on its way: Cancel is disabled and the submit button spins */
  pending?: boolean;
  submitLabel: ReactNode;
  /** red or orange for what cannot be undone */
  submitColor?: MantineColor;
  submitDisabled?: boolean;
}

/** The end of a dialog's form: Cancel, then the submit button. */
export function FormActions({ onCancel, pending, submitLabel, submitColor, submitDisabled }: FormActionsProps) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" color={submitColor} loading={pending} disabled={submitDisabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
