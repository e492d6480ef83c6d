import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { GeneratedKeys } from './generated-keys';
import { MutationErrorAlert } from './query-error-alert';

interface GeneratedResult {
  /** what was made, in a sentence, next to a check mark */
  summary: ReactNode;
  keys: string[];
  /** extra CSV columns, the same for every key */
  columns: Record<string, string | number>;
  filenameParts: string[];
  /** back to the form for another batch */
  onGenerateMore: () => void;
}

interface KeyGenerationModalProps {
  opened: boolean;
  onClose: () => void;
  /** the title while the form shows; "Keys generated" once there is a result */
  title: string;
  /** the new keys, shown once instead of the form */
  result: GeneratedResult | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  error: unknown;
  /** what of the refusal names no field (`formError(form)` from lib/form) */
  errorDetails?: ReactNode;
  pending: boolean;
  submitLabel: string;
  submitDisabled?: boolean;
  /** the form's fields, between the error and the buttons */
  children: ReactNode;
}

/**
 * The frame of a "generate keys" dialog: a form (its title is the form's accessible name), then
 * the new keys once, to copy or download as CSV, with "Generate more" and "Done".
 */
export function KeyGenerationModal({ opened, onClose, title, result, onSubmit, error, errorDetails, pending, submitLabel, submitDisabled, children }: KeyGenerationModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={650} size="lg">{result ? 'Keys generated' : title}</Text>}
      size="lg"
      centered
      closeOnClickOutside={!result}
    >
      {result ? (
        <Stack gap="md">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconCircleCheck size={20} color="var(--mantine-color-teal-6)" aria-hidden style={{ flexShrink: 0 }} />
            {result.summary}
          </Group>
          <GeneratedKeys
            keys={result.keys}
            columns={result.columns}
            filenameParts={result.filenameParts}
            actions={
              <>
                <Button variant="default" onClick={result.onGenerateMore}>
                  Generate more
                </Button>
                <Button onClick={onClose}>Done</Button>
              </>
            }
          />
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label={title}>
          <Stack gap="md">
            <MutationErrorAlert title="Could not generate the keys" error={error} details={errorDetails} />
            {children}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" loading={pending} disabled={submitDisabled}>
                {submitLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
