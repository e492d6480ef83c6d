import type { BulkAction, UserStatus } from '@keyhold/contracts';
import { BulkActionModal } from '@/components/bulk-action-modal';
import type { RowSelection } from '@/hooks/use-row-selection';
import { useBulkCount, useBulkUsers } from '../api/user-mutations';

const COPY = {
  ban: { verb: 'Ban', done: 'banned', color: 'red', what: 'They are signed out at once and cannot sign in until unbanned.' },
  unban: { verb: 'Unban', done: 'unbanned', what: 'They can sign in again.' },
  extend: {
    verb: 'Extend',
    done: 'extended',
    what: 'Days are added to each expiry (from today when it has passed). Users that never expire stay so.',
  },
  delete: { verb: 'Delete', done: 'deleted', color: 'red', what: 'Their accounts and sessions are deleted. This cannot be undone.' },
} as const;

interface UsersBulkModalProps {
  appId: string;
  action: BulkAction | null;
  selection: RowSelection;
  /** the list's filters, for "every user matching" */
  filters: { q?: string; status?: UserStatus };
  onClose: () => void;
}

/** A bulk action on users (POST /v1/admin/users/bulk), confirmed with its count. */
export function UsersBulkModal({ appId, action, selection, filters, onClose }: UsersBulkModalProps) {
  const run = useBulkUsers(appId);
  const count = useBulkCount(appId);
  return (
    <BulkActionModal
      action={action}
      selection={selection}
      filters={filters}
      noun="user"
      copy={COPY}
      run={run}
      count={count}
      onClose={onClose}
    />
  );
}
