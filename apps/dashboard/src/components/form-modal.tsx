import { Modal, Stack, Text, type MantineSize, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import type { FormErrorDetails } from '@/lib/form';
import { FormActions, type FormActionsProps } from './form-actions';
import { MutationErrorAlert } from './query-error-alert';

interface FormModalProps extends Omit<ModalProps, 'title' | 'centered'> {
  title: ReactNode;
  /** "lg" for the larger dialogs (creating an app, a reseller...) */
  titleSize?: MantineSize;
}

/** The frame of a dialog: a centred modal with its title in bold. */
export function FormModal({ title, titleSize, children, ...modal }: FormModalProps) {
  return (
    <Modal
      title={
        <Text fw={650} size={titleSize}>
          {title}
        </Text>
      }
      centered
      {...modal}
    >
      {children}
    </Modal>
  );
}

interface ModalFormProps extends FormActionsProps {
  /** the form's accessible name */
  label: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** the alert's title when the API refuses, e.g. "Could not save the file" */
  errorTitle: string;
  error: unknown;
  /** what of the refusal names no field (`formError(form)` from lib/form) */
  errorDetails?: FormErrorDetails;
  /** the fields, between the alert and the buttons */
  children: ReactNode;
}

/** The form inside a dialog: the API's refusal on top, the fields, then Cancel and submit. */
export function ModalForm({ label, onSubmit, errorTitle, error, errorDetails, children, ...actions }: ModalFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="md">
        <MutationErrorAlert title={errorTitle} error={error} details={errorDetails} />
        {children}
        <FormActions {...actions} />
      </Stack>
    </form>
  );
}
