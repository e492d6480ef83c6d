import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useRetryCountdown } from '@/hooks/use-retry-countdown';
import type { FormErrorDetails } from '@/lib/form';
import { errorAlertBody } from './query-error-alert';

interface AuthFormProps {
  /** the form's accessible name ("Sign in") */
  label: string;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  /** the mutation's state: its error shows above the fields, its pending state on the button */
  status: { isError: boolean; isPending: boolean; error: unknown };
  /** title of the error alert ("Could not sign in") */
  errorTitle: string;
  /** what of the refusal names no field (`formError(form)` from lib/form) */
  errorDetails?: FormErrorDetails;
  submitLabel: string;
  /** why the user landed here (signed out, session expired); hidden while submitting or failing */
  notice?: React.ReactNode;
  /** the fields */
  children: React.ReactNode;
  /** under the submit button */
  after?: React.ReactNode;
}

/**
 * The form inside `AuthLayout`: notice, API error, fields and a full-width submit button. After a
 * refusal with Retry-After (too many attempts) the button waits out the delay with a countdown.
 */
export function AuthForm({ label, onSubmit, status, errorTitle, errorDetails, submitLabel, notice, children, after }: AuthFormProps) {
  const waitSeconds = useRetryCountdown(status.isError ? status.error : undefined);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="md">
        {notice && !status.isError && !status.isPending && (
          <Alert variant="light" color="yellow" icon={<IconInfoCircle />} role="status">
            {notice}
          </Alert>
        )}
        {status.isError && errorAlertBody(status.error, errorDetails) !== null && (
          <Alert variant="light" color="red" icon={<IconAlertCircle />} title={errorTitle} role="alert">
            {errorAlertBody(status.error, errorDetails)}
          </Alert>
        )}
        {children}
        <Button type="submit" fullWidth mt="xs" loading={status.isPending} disabled={waitSeconds > 0}>
          {waitSeconds > 0 ? `Try again in ${waitSeconds} s` : submitLabel}
        </Button>
        {after}
      </Stack>
    </form>
  );
}
