import {
  BULK_MAX,
  MAX_DURATION_DAYS,
  NOTE_MAX_LENGTH,
  type UserBulkAction,
  type UserBulkRequest,
  type UserStatus,
} from '@keyhold/contracts';
import { Alert, Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { MutationErrorAlert } from '@/components/query-error-alert';
import { WholeNumberInput } from '@/components/whole-number-input';
import type { RowSelection } from '@/hooks/use-row-selection';
import { formatNumber, plural } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import type { NumberValue } from '@/lib/schemas';
import { useBulkCount, useBulkUsers } from '../api/user-mutations';

const COPY: Record<UserBulkAction, { verb: string; done: string; color?: string; what: string }> = {
  ban: { verb: 'Ban', done: 'banned', color: 'red', what: 'They are signed out at once and cannot sign in until unbanned.' },
  unban: { verb: 'Unban', done: 'unbanned', what: 'They can sign in again.' },
  extend: {
    verb: 'Extend',
    done: 'extended',
    what: 'Days are added to each expiry (from today when it has passed). Users that never expire stay so.',
  },
  delete: { verb: 'Delete', done: 'deleted', color: 'red', what: 'Their accounts and sessions are deleted. This cannot be undone.' },
};

interface UsersBulkModalProps {
  appId: string;
  action: UserBulkAction | null;
  selection: RowSelection;
  /** the list's filters, for "every user matching" */
  filters: { q?: string; status?: UserStatus };
  onClose: () => void;
}

/**
 * The confirmation of a bulk action, stating the count: the ticked rows, or (for every match of
 * the filters) the count the server finds for this very selection, asked first as a dry run.
 */
export function UsersBulkModal({ appId, action, selection, filters, onClose }: UsersBulkModalProps) {
  const bulk = useBulkUsers(appId);
  const count = useBulkCount(appId);
  const [reason, setReason] = useState('');
  const [days, setDays] = useState<NumberValue>(30);
  const selected: Omit<UserBulkRequest, 'appId' | 'action'> = selection.allMatching
    ? { match: true, ...(filters.q ? { q: filters.q } : {}), ...(filters.status ? { status: filters.status } : {}) }
    : { ids: selection.ids };
  const countMutate = count.mutate;
  const selectedKey = JSON.stringify(selected);

  useEffect(() => {
    if (action && selection.allMatching) countMutate({ action, ...(JSON.parse(selectedKey) as typeof selected) });
  }, [action, selection.allMatching, selectedKey, countMutate]);

  const matched = selection.allMatching ? count.data?.matched : selection.ids.length;
  const tooMany = matched !== undefined && matched > BULK_MAX;
  const daysOk = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_DURATION_DAYS;
  const copy = action ? COPY[action] : null;

  const close = () => {
    bulk.reset();
    count.reset();
    setReason('');
    onClose();
  };

  const confirm = () => {
    if (!action) return;
    bulk.mutate(
      {
        action,
        ...selected,
        ...(action === 'ban' && reason.trim() ? { banReason: reason.trim() } : {}),
        ...(action === 'extend' ? { days: days as number } : {}),
      },
      {
        onSuccess: (r) => {
          notifySuccess(`${plural(r.changed, 'user')} ${COPY[action].done}`, `${copy?.verb ?? ''} done`);
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
      title={copy && matched !== undefined ? `${copy.verb} ${plural(matched, 'user')}?` : 'Bulk action'}
    >
      <Stack gap="md">
        <MutationErrorAlert title="Could not finish the action" error={bulk.error ?? count.error} />
        {matched === undefined ? (
          <Skeleton h={20} aria-label="Counting the users" />
        ) : (
          <Text size="sm" data-testid="bulk-confirm-count">
            {selection.allMatching ? 'Every user matching the search and filter' : 'The selected users'}: <b>{formatNumber(matched)}</b>.{' '}
            {copy?.what}
          </Text>
        )}
        {tooMany && (
          <Alert color="orange" variant="light">
            At most {formatNumber(BULK_MAX)} users at a time: narrow the search or the filter.
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
          <Button variant="default" onClick={close} disabled={bulk.isPending}>
            Cancel
          </Button>
          <Button
            color={copy?.color}
            onClick={confirm}
            loading={bulk.isPending}
            disabled={matched === undefined || matched === 0 || tooMany || (action === 'extend' && !daysOk)}
          >
            {copy && matched !== undefined ? `${copy.verb} ${plural(matched, 'user')}` : 'Confirm'}
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}
