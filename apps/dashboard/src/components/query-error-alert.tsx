import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { getErrorMessage } from '@/lib/errors';

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
  /** what of the refusal names no field of the form (`formError(form)` from lib/form) */
  details?: ReactNode;
}

/** An API error inside a dialog or form (the message; field errors go on the fields). */
export function MutationErrorAlert({ title, error, details }: MutationErrorAlertProps) {
  if (!error) return null;
  return (
    <Alert variant="light" color="red" icon={<IconAlertCircle />} title={title} role="alert">
      {getErrorMessage(error)}
      {details && <div>{details}</div>}
    </Alert>
  );
}
