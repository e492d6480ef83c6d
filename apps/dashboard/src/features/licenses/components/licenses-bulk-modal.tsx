import type { BulkAction, LicenseStatus } from '@keyhold/contracts';
import { BulkActionModal } from '@/components/bulk-action-modal';
import type { RowSelection } from '@/hooks/use-row-selection';
import { useBulkLicenseCount, useBulkLicenses } from '../api/license-mutations';

const COPY = {
  ban: {
    verb: 'Ban',
    done: 'banned',
    color: 'red',
    what: 'They stop working at once: their sessions end, and users who registered with them cannot sign in until unbanned.',
  },
  unban: { verb: 'Unban', done: 'unbanned', what: 'They work again.' },
  extend: {
    verb: 'Extend',
    done: 'extended',
    what: 'Days are added to each expiry date (from today when it has passed), or to the duration of a key not used yet. Lifetime keys stay so.',
  },
  delete: {
    verb: 'Delete',
    done: 'deleted',
    color: 'red',
    what: 'They are deleted for good, with the users who registered with them. This cannot be undone.',
  },
} as const;

interface LicensesBulkModalProps {
  appId: string;
  action: BulkAction | null;
  selection: RowSelection;
  /** the list's filters, for "every key matching" */
  filters: { q?: string; status?: LicenseStatus; resellerId?: string };
  onClose: () => void;
}

/** A bulk action on license keys (POST /v1/admin/licenses/bulk), confirmed with its count. */
export function LicensesBulkModal({ appId, action, selection, filters, onClose }: LicensesBulkModalProps) {
  const run = useBulkLicenses(appId);
  const count = useBulkLicenseCount(appId);
  return (
    <BulkActionModal
      action={action}
      selection={selection}
      filters={filters}
      noun="key"
      copy={COPY}
      run={run}
      count={count}
      onClose={onClose}
    />
  );
}
