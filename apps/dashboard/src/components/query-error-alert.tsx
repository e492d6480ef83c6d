import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { KeyholdError } from '@keyhold/sdk';
import { getErrorMessage } from '@/lib/errors';
import type { FormErrorDetails } from '@/lib/form';

interface QueryErrorAlertProps {
  title: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** The error state of a list or page: the API's message and a way to try again. */
export function QueryErrorAlert({ title, error, onRetry, retrying }: QueryErrorAlertProps) {
  return (
    <Alert m="md" variant="light" color="red" icon={<IconAlertCircle />} title={title} role="alert">
      <Stack gap="sm" align="flex-start">
        {getErrorMessage(error)}
        {onRetry && (
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry} loading={retrying}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

interface MutationErrorAlertProps {
  title: string;
  error: unknown;
  /** from a form that puts the refusal's field errors on its fields (`formError(form)` from lib/form) */
  details?: FormErrorDetails;
}

/** An API error inside a dialog or form (the message; field errors go on the fields). */
export function MutationErrorAlert({ title, error, details }: MutationErrorAlertProps) {
  const body = errorAlertBody(error, details);
  if (body === null) return null;
  return (
    <Alert variant="light" color="red" icon={<IconAlertCircle />} title={title} role="alert">
      {body}
    </Alert>
  );
}

/**
 * What a form's alert says about an error, or null for no alert. A validation refusal whose
 * reasons the form put on its fields needs no banner: "Request validation failed" above the field
 * that says what is wrong adds nothing, and would stay after the field is fixed. Only the reasons
 * that name no field of the form are shown then.
 */
export function errorAlertBody(error: unknown, details?: FormErrorDetails): ReactNode {
  if (!error) return null;
  if (details && error instanceof KeyholdError && error.code === 'VALIDATION_FAILED' && (error.details?.length ?? 0) > 0) {
    return details.unplaced ?? null;
  }
  return (
    <>
      {getErrorMessage(error)}
      {details?.unplaced && <div>{details.unplaced}</div>}
    </>
  );
}
