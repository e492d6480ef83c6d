import { Button, Group, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import type { FormErrorDetails } from '@/lib/form';
import { FormModal, ModalForm } from './form-modal';
import { GeneratedKeys } from './generated-keys';

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
  errorDetails?: FormErrorDetails;
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
export function KeyGenerationModal({
  opened,
  onClose,
  title,
  result,
  onSubmit,
  error,
  errorDetails,
  pending,
  submitLabel,
  submitDisabled,
  children,
}: KeyGenerationModalProps) {
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={result ? 'Keys generated' : title}
      titleSize="lg"
      size="lg"
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
        <ModalForm
          label={title}
          onSubmit={onSubmit}
          errorTitle="Could not generate the keys"
          error={error}
          errorDetails={errorDetails}
          onCancel={onClose}
          pending={pending}
          submitLabel={submitLabel}
          submitDisabled={submitDisabled}
        >
          {children}
        </ModalForm>
      )}
    </FormModal>
  );
}
