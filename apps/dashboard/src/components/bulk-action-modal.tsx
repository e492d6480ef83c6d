import { BULK_MAX, BULK_MAX_IDS, MAX_DURATION_DAYS, NOTE_MAX_LENGTH, type BulkAction, type BulkResponse } from '@keyhold/contracts';
import { Alert, Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { RowSelection } from '@/hooks/use-row-selection';
import { formatNumber, plural } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import type { NumberValue } from '@/lib/schemas';
import { FormModal } from './form-modal';
import { MutationErrorAlert } from './query-error-alert';
import { WholeNumberInput } from './whole-number-input';

/** What a bulk request carries besides the app: the action, the selection and its settings. */
export interface BulkBody {
  action: BulkAction;
  ids?: string[];
  match?: true;
  days?: number;
  banReason?: string;
  /** the list's filters, with `match` */
  [filter: string]: unknown;
}

/** A react-query mutation of a bulk route, as the modal uses it (a method: each route's own body type fits). */
interface BulkMutation {
  mutate(this: void, body: BulkBody, options?: { onSuccess?: (answer: BulkResponse) => void }): void;
  reset: () => void;
  data?: BulkResponse;
  error: unknown;
  isPending: boolean;
}

interface BulkActionModalProps {
  action: BulkAction | null;
  selection: RowSelection;
  /** the list's filters, sent with "every match" (empty ones left out) */
  filters: Record<string, string | undefined>;
  /** "user", "key" */
  noun: string;
  /** per action: the button's verb, the past tense for the notice, the colour, and what it does */
  copy: Record<BulkAction, { verb: string; done: string; color?: string; what: string }>;
  /** the route's mutation, and the same route as a dry run (it only counts) */
  run: BulkMutation;
  count: BulkMutation;
  onClose: () => void;
}

/**
 * The confirmation of a bulk action, stating the count: the ticked rows, or (for every match of
 * the filters) the count the server finds for this very selection, asked first as a dry run.
 */
export function BulkActionModal({ action, selection, filters, noun, copy: COPY, run, count, onClose }: BulkActionModalProps) {
  const [reason, setReason] = useState('');
  const [days, setDays] = useState<NumberValue>(30);
  const given = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const selected: Omit<BulkBody, 'action'> = selection.allMatching ? { match: true, ...given } : { ids: selection.ids };
  const selectedKey = JSON.stringify(selected);
  const countMutate = count.mutate;

  useEffect(() => {
    if (action && selection.allMatching) countMutate({ action, ...(JSON.parse(selectedKey) as Omit<BulkBody, 'action'>) });
  }, [action, selection.allMatching, selectedKey, countMutate]);

  const matched = selection.allMatching ? count.data?.matched : selection.ids.length;
  // The dry run counts up to one past the limit: "more than 10,000", never a made-up total.
  const tooMany = matched !== undefined && matched > BULK_MAX;
  // Ticks kept across pages can name more rows than one request takes.
  const tooManyTicked = !selection.allMatching && selection.ids.length > BULK_MAX_IDS;
  const countText = matched === undefined ? '' : tooMany ? `more than ${formatNumber(BULK_MAX)}` : formatNumber(matched);
  const daysOk = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_DURATION_DAYS;
  const copy = action ? COPY[action] : null;
  const nouns = (n: number) => plural(n, noun);

  const close = () => {
    run.reset();
    count.reset();
    setReason('');
    onClose();
  };

  const confirm = () => {
    if (!action) return;
    run.mutate(
      {
        action,
        ...selected,
        ...(action === 'ban' && reason.trim() ? { banReason: reason.trim() } : {}),
        ...(action === 'extend' ? { days: days as number } : {}),
      },
      {
        onSuccess: (r) => {
          notifySuccess(`${nouns(r.changed)} ${COPY[action].done}`, `${COPY[action].verb}: done`);
          selection.clear();
          close();
        },
      },
    );
  };

  return (
    <FormModal
      opened={Boolean(action)}
      onClose={close}
      title={copy && matched !== undefined ? `${copy.verb} ${tooMany ? `${countText} ${noun}s` : nouns(matched)}?` : 'Bulk action'}
    >
      <Stack gap="md">
        <MutationErrorAlert title="Could not finish the action" error={run.error ?? count.error} />
        {matched === undefined ? (
          <Skeleton h={20} aria-label={`Counting the ${noun}s`} />
        ) : (
          <Text size="sm" data-testid="bulk-confirm-count">
            {selection.allMatching ? `Every ${noun} matching the search and filters` : `The selected ${noun}s`}: <b>{countText}</b>.{' '}
            {copy?.what}
          </Text>
        )}
        {tooMany && (
          <Alert color="orange" variant="light">
            At most {formatNumber(BULK_MAX)} {noun}s at a time: narrow the search or the filters.
          </Alert>
        )}
        {tooManyTicked && (
          <Alert color="orange" variant="light">
            At most {formatNumber(BULK_MAX_IDS)} ticked {noun}s at a time: untick some, or select every match of a search instead.
          </Alert>
        )}
        {action === 'ban' && (
          <TextInput
            label="Reason"
            placeholder="Optional: shown with each ban"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={NOTE_MAX_LENGTH}
          />
        )}
        {action === 'extend' && (
          <WholeNumberInput
            label="Days to add"
            value={days}
            onChange={setDays}
            min={1}
            max={MAX_DURATION_DAYS}
            error={daysOk ? undefined : `Between 1 and ${formatNumber(MAX_DURATION_DAYS)} days`}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={run.isPending}>
            Cancel
          </Button>
          <Button
            color={copy?.color}
            onClick={confirm}
            loading={run.isPending}
            disabled={matched === undefined || matched === 0 || tooMany || tooManyTicked || (action === 'extend' && !daysOk)}
          >
            {copy && matched !== undefined ? `${copy.verb} ${nouns(matched)}` : 'Confirm'}
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}
