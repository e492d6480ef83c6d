import { Button, EmptyState } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';

interface NoMatchStateProps {
  /** "No keys match" */
  title: string;
  /** "Try another search or status." */
  description: string;
  onClear: () => void;
  clearLabel?: string;
}

/** The empty state of a searched or filtered list, with a way back to everything. */
export function NoMatchState({ title, description, onClear, clearLabel = 'Clear filters' }: NoMatchStateProps) {
  return (
    <EmptyState py={48} px="md" icon={<IconFilterOff size={28} />} title={title} description={description}>
      <EmptyState.Actions>
        <Button variant="default" onClick={onClear}>
          {clearLabel}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
