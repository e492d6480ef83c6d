import {
  LICENSE_STATUSES,
  OWN_KEYS_FILTER,
  type BulkAction,
  type LicenseResponse,
  type LicenseStatus,
  type UpdateLicenseRequest,
} from '@keyhold/contracts';
import { Button, Code, EmptyState, Group, Paper, Select, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { BanModal } from '@/components/ban-modal';
import { BULK_BAR_ACTIONS, BulkBar } from '@/components/bulk-bar';
import { ConfirmModal } from '@/components/confirm-modal';
import { ExpiryModal } from '@/components/expiry-modal';
import { LICENSE_STATUS_OPTIONS } from '@/components/license-status-badge';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { NoMatchState } from '@/components/list-states';
import { SearchToolbar, StatusFilter } from '@/components/search-toolbar';
import { TablePagination } from '@/components/table-pagination';
import { useCurrentApp } from '@/hooks/use-current-app';
import { listQuery, useListParams } from '@/hooks/use-list-params';
import { useRowSelection } from '@/hooks/use-row-selection';
import { csvFilename, downloadText } from '@/lib/download';
import { formatDate } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useLicenses } from '../api/get-licenses';
import { useDeleteLicense, useExportLicenses, useUpdateLicense } from '../api/license-mutations';
import { GenerateLicensesModal } from './generate-licenses-modal';
import { LicensesBulkModal } from './licenses-bulk-modal';
import { expiry, LicensesTable, LicensesTableSkeleton, type LicenseAction } from './licenses-table';

const NO_IDS: string[] = [];

type Dialog = { action: Exclude<LicenseAction, 'unban' | 'reset-hwid'>; license: LicenseResponse } | null;

/** A reseller the "Made by" filter offers (the route passes the resellers feature's list in). */
export interface ResellerChoice {
  value: string;
  label: string;
}

const ALL_MAKERS = 'all';

/**
 * The "Made by" filter, kept in the URL as `?madeBy=` (`none`: the seller's own keys; `rsl_...`: one
 * reseller's). Like a search, a new choice starts again at the first page.
 */
function useMadeBy() {
  const [search, setSearch] = useSearchParams();
  const raw = search.get('madeBy') ?? '';
  const madeBy = raw === OWN_KEYS_FILTER || /^rsl_[0-9a-f]{32}$/.test(raw) ? raw : undefined;
  /** One URL update (two in a row would each start from the same URL, the second undoing the first). */
  const update = (change: (params: URLSearchParams) => void) =>
    setSearch(
      (current) => {
        const merged = new URLSearchParams(current);
        change(merged);
        merged.delete('page');
        merged.delete('cursor');
        return merged;
      },
      { replace: true },
    );
  const setMadeBy = (next: string | undefined) => update((p) => (next ? p.set('madeBy', next) : p.delete('madeBy')));
  /** Drops every filter at once: search, status and maker. */
  const clearFilters = () => update((p) => ['madeBy', 'q', 'status'].forEach((key) => p.delete(key)));
  return [madeBy, setMadeBy, clearFilters] as const;
}

/**
 * /apps/:appId/licenses: generate, find and manage the app's license keys. `resellers`: who the
 * "Made by" filter offers besides "You" (the resellers of the app).
 */
export function LicensesPage({ resellers = [] }: { resellers?: ResellerChoice[] }) {
  const { id: appId, name: appName } = useCurrentApp();
  const [params, setParams] = useListParams<LicenseStatus>(LICENSE_STATUSES);
  const [madeBy, setMadeBy, clearFilters] = useMadeBy();
  const licenses = useLicenses({
    appId,
    ...listQuery(params),
    resellerId: madeBy,
  });
  const update = useUpdateLicense(appId);
  const remove = useDeleteLicense(appId);
  const exportCsv = useExportLicenses(appId);
  const [generateOpened, generateModal] = useDisclosure(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const filtered = Boolean(params.q || params.status || madeBy);
  // A new search or filter is a new selection: the ticks and "every match" start again.
  const selection = useRowSelection(licenses.data?.data.map((l) => l.id) ?? NO_IDS, `${params.q}\n${params.status ?? ''}\n${madeBy ?? ''}`);
  const [bulkAction, setBulkAction] = useState<BulkAction | null>(null);
  // A reseller named by the URL but no longer among the app's still shows, by its username when a row has it.
  const makerOptions = [...resellers];
  if (madeBy && madeBy !== OWN_KEYS_FILTER && !makerOptions.some((r) => r.value === madeBy)) {
    const row = licenses.data?.data.find((l) => l.resellerId === madeBy);
    makerOptions.push({ value: madeBy, label: row?.resellerUsername ?? madeBy });
  }
  const makerName = madeBy === OWN_KEYS_FILTER ? 'mine' : makerOptions.find((r) => r.value === madeBy)?.label;

  const closeDialog = () => setDialog(null);

  const onAction = (action: LicenseAction, license: LicenseResponse) => {
    if (action === 'unban') {
      update.mutate(
        { id: license.id, body: { banned: false, banReason: null } },
        {
          onSuccess: () => notifySuccess(`${license.key} works again`, 'Key unbanned'),
          onError: (error) => notifyError(error, 'Could not unban the key'),
        },
      );
    } else if (action === 'reset-hwid') {
      update.mutate(
        { id: license.id, body: { resetHwid: true } },
        {
          onSuccess: () => notifySuccess(`${license.key} can be used on a new device`, 'Hardware id reset'),
          onError: (error) => notifyError(error, 'Could not reset the hardware id'),
        },
      );
    } else {
      update.reset();
      remove.reset();
      setDialog({ action, license });
    }
  };

  const download = () =>
    exportCsv.mutate(
      { status: params.status, q: params.q || undefined, resellerId: madeBy },
      {
        onSuccess: (csv) => {
          downloadText(
            csvFilename(
              appName,
              'licenses',
              params.status ?? 'all',
              ...(makerName ? ['by', makerName] : []),
              ...(params.q ? ['matching', params.q] : []),
            ),
            csv,
          );
          notifySuccess('The CSV file is downloading', 'Keys exported');
        },
        onError: (error) => notifyError(error, 'Could not export the keys'),
      },
    );

  let content: React.ReactNode;
  if (licenses.isPending) {
    content = <LicensesTableSkeleton />;
  } else if (licenses.isError) {
    content = (
      <QueryErrorAlert
        title="Could not load the license keys"
        error={licenses.error}
        onRetry={() => void licenses.refetch()}
        retrying={licenses.isFetching}
      />
    );
  } else if (licenses.data.data.length === 0) {
    content = filtered ? (
      <NoMatchState title="No keys match" description="Try another search, status or maker." onClear={clearFilters} />
    ) : (
      <EmptyState
        py={48}
        px="md"
        icon={<IconKey size={28} />}
        title="No license keys yet"
        description="Generate keys to sell or give to your customers; they register or sign in with them."
      >
        <EmptyState.Actions>
          <Button leftSection={<IconPlus size={16} />} onClick={generateModal.open}>
            Generate keys
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else {
    content = (
      <>
        <BulkBar selection={selection} meta={licenses.data.meta} noun="key" actions={BULK_BAR_ACTIONS} onAction={setBulkAction} />
        <LicensesTable licenses={licenses.data.data} onAction={onAction} stale={licenses.isPlaceholderData} selection={selection} />
        <TablePagination
          meta={licenses.data.meta}
          rows={licenses.data.data.length}
          noun="keys"
          onPageChange={(page, cursor) => setParams({ page, cursor })}
          onPageSizeChange={(limit) => setParams({ limit })}
        />
      </>
    );
  }

  const target = dialog?.license;
  /** One PATCH from a dialog: closes it and confirms on success; a refusal stays in the dialog (its form shows it). */
  const patch = async (body: UpdateLicenseRequest, done: (key: string) => void) => {
    if (!target) return;
    await update.mutateAsync({ id: target.id, body });
    closeDialog();
    done(target.key);
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Licenses"
        description="Keys your customers register or sign in with."
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={download} loading={exportCsv.isPending}>
              Export CSV
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={generateModal.open}>
              Generate keys
            </Button>
          </Group>
        }
      />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        <SearchToolbar
          label="Search keys"
          placeholder="Search key, note, username or hardware id"
          value={params.q}
          onChange={(q) => setParams({ q })}
        >
          <StatusFilter<LicenseStatus>
            options={LICENSE_STATUS_OPTIONS}
            value={params.status}
            onChange={(status) => setParams({ status })}
          />
          <Select
            aria-label="Made by"
            data={[
              { value: ALL_MAKERS, label: 'Made by anyone' },
              { value: OWN_KEYS_FILTER, label: 'Made by you' },
              ...(makerOptions.length > 0 ? [{ group: 'Made by a reseller', items: makerOptions }] : []),
            ]}
            value={madeBy ?? ALL_MAKERS}
            onChange={(next) => setMadeBy(next && next !== ALL_MAKERS ? next : undefined)}
            allowDeselect={false}
            searchable={makerOptions.length > 8}
            w={{ base: '100%', xs: 200 }}
            comboboxProps={{ withinPortal: true }}
          />
        </SearchToolbar>
        {content}
      </Paper>

      <GenerateLicensesModal appId={appId} appName={appName} opened={generateOpened} onClose={generateModal.close} />
      <LicensesBulkModal
        appId={appId}
        action={bulkAction}
        selection={selection}
        filters={{ q: params.q || undefined, status: params.status, resellerId: madeBy }}
        onClose={() => setBulkAction(null)}
      />

      <BanModal
        opened={dialog?.action === 'ban'}
        onClose={closeDialog}
        title="Ban this key?"
        description={
          <>
            <Code>{target?.key}</Code> stops working at once{target?.usedBy ? `, and ${target.usedBy.username} cannot sign in with it` : ''}
            . You can unban it later.
          </>
        }
        loading={update.isPending}
        error={update.error}
        onConfirm={(reason) =>
          patch({ banned: true, banReason: reason }, (key) => {
            notifySuccess(`${key} is banned`, 'Key banned');
          })
        }
      />
      <ExpiryModal
        opened={dialog?.action === 'expiry'}
        onClose={closeDialog}
        title="Extend or set expiry"
        description={<Code>{target?.key}</Code>}
        current={target?.expiresAt ?? null}
        currentLabel={target ? expiry(target) : undefined}
        loading={update.isPending}
        error={update.error}
        onConfirm={(expiresAt) =>
          patch({ expiresAt }, (key) => {
            notifySuccess(expiresAt ? `${key} now expires on ${formatDate(expiresAt)}` : `${key} never expires`, 'Expiry saved');
          })
        }
      />
      <ConfirmModal
        opened={dialog?.action === 'delete'}
        onClose={closeDialog}
        title="Delete this key?"
        confirmLabel="Delete key"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          target &&
          remove.mutate(target.id, {
            onSuccess: () => {
              closeDialog();
              notifySuccess(`${target.key} was deleted`, 'Key deleted');
            },
          })
        }
      >
        <Code>{target?.key}</Code> will be deleted for good
        {target?.usedBy
          ? `, and with it the user ${target.usedBy.username}, who registered with it: their account is deleted and their sessions end`
          : ''}
        . This cannot be undone.
      </ConfirmModal>
    </Stack>
  );
}
