import { EmptyState, Group, Select, Skeleton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconKey } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { KeysTable } from '@/components/keys-table';
import { LicenseStatusBadge } from '@/components/license-status-badge';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { TablePagination } from '@/components/table-pagination';
import { DEFAULT_PAGE_SIZE } from '@/hooks/use-list-params';
import { licensesQueryOptions } from '../api/get-licenses';

interface ResellerKeysTabProps {
  resellerId: string;
  /** the apps the reseller sells, as Select options (the route passes the apps feature's list in) */
  apps: Array<{ value: string; label: string }>;
}

/** The keys a reseller made, one app at a time: the seller's license list, filtered by reseller. */
export function ResellerKeysTab({ resellerId, apps: options }: ResellerKeysTabProps) {
  const [appId, setAppId] = useState<string | null>(null);
  // The page, and the cursor it was asked for by past the counted pages (TablePagination's onPageChange).
  const [position, setPosition] = useState<{ page: number; cursor?: string }>({ page: 1 });
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const selected = appId ?? options[0]?.value ?? null;
  // The licenses feature's own list query: its ban, delete and generate mutations refresh it.
  const keys = useQuery({
    ...licensesQueryOptions({ appId: selected ?? '', resellerId, ...position, limit }),
    enabled: Boolean(selected),
  });

  let content: ReactNode;
  if (!selected) {
    content = (
      <EmptyState py={40} px="md" icon={<IconKey size={28} />} title="No apps" description="This reseller may not sell any of your apps." />
    );
  } else if (keys.isPending) {
    content = <Skeleton h={160} m="md" radius="md" />;
  } else if (keys.isError) {
    content = (
      <QueryErrorAlert title="Could not load the keys" error={keys.error} onRetry={() => void keys.refetch()} retrying={keys.isFetching} />
    );
  } else if (keys.data.data.length === 0) {
    content = (
      <EmptyState
        py={40}
        px="md"
        icon={<IconKey size={28} />}
        title="No keys yet"
        description="Keys this reseller generates for this app appear here."
      />
    );
  } else {
    content = (
      <>
        <KeysTable
          keys={keys.data.data}
          label="Keys made by the reseller"
          minWidth={680}
          rowTestId="reseller-key-row"
          status={(key) => <LicenseStatusBadge status={key.status} />}
        />
        <TablePagination
          meta={keys.data.meta}
          rows={keys.data.data.length}
          noun="keys"
          onPageChange={(page, cursor) => setPosition({ page, cursor })}
          onPageSizeChange={(next) => {
            setLimit(next);
            setPosition({ page: 1 });
          }}
        />
      </>
    );
  }
  return (
    <>
      {options.length > 1 && (
        <Group className="kh-toolbar">
          <Select
            aria-label="App"
            data={options}
            value={selected}
            onChange={(value) => {
              setAppId(value);
              setPosition({ page: 1 });
            }}
            allowDeselect={false}
            w={{ base: '100%', xs: 240 }}
          />
        </Group>
      )}
      {content}
    </>
  );
}
