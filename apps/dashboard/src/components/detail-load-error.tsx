import { KeyholdError } from '@keyhold/sdk';
import { Button, EmptyState, Paper } from '@mantine/core';
import { IconArrowLeft, IconQuestionMark } from '@tabler/icons-react';
import { Link } from 'react-router';
import { QueryErrorAlert } from './query-error-alert';

interface DetailLoadErrorProps {
  /** the failed query of the page's record */
  query: { error: unknown; isFetching: boolean; refetch: () => unknown };
  /** "Could not load the reseller" */
  errorTitle: string;
  /** what a 404 shows: "Reseller not found", why, and the way back to the list */
  notFound: { title: string; description: string; backTo: string; backLabel: string };
}

/** A detail page whose record did not load: "not found" with a way back on a 404, else the error and a retry. */
export function DetailLoadError({ query, errorTitle, notFound }: DetailLoadErrorProps) {
  if (query.error instanceof KeyholdError && query.error.status === 404) {
    return (
      <Paper withBorder radius="md">
        <EmptyState py={56} px="md" icon={<IconQuestionMark size={28} />} title={notFound.title} description={notFound.description}>
          <EmptyState.Actions>
            <Button component={Link} to={notFound.backTo} variant="default" leftSection={<IconArrowLeft size={16} />}>
              {notFound.backLabel}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md">
      <QueryErrorAlert title={errorTitle} error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    </Paper>
  );
}
