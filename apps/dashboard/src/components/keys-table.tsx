import type { ResellerKeyResponse } from '@keyhold/contracts';
import { Code, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate, formatDuration } from '@/lib/format';
import { CopyIconButton } from './copy-icon-button';
import { DataTableFrame } from './data-table';

/** What a row needs: a reseller's key as the portal lists it, or a seller's license made by a reseller. */
type KeyRow = Pick<ResellerKeyResponse, 'id' | 'appId' | 'key' | 'status' | 'subscription' | 'durationDays' | 'usedBy' | 'createdAt'>;

interface KeysTableProps<K extends KeyRow> {
  keys: K[];
  /** the table's accessible name */
  label: string;
  minWidth: number;
  /** `data-testid` of each row */
  rowTestId: string;
  status: (key: K) => ReactNode;
  /** a copy button next to each key */
  copyable?: boolean;
  /** when given, an "App" column with the key's app name */
  appName?: (appId: string) => string;
}

/** The keys a reseller made: key, status, (app,) subscription and duration, who used it, when. */
export function KeysTable<K extends KeyRow>({ keys, label, minWidth, rowTestId, status, copyable, appName }: KeysTableProps<K>) {
  return (
    <DataTableFrame
      label={label}
      minWidth={minWidth}
      columns={['Key', 'Status', ...(appName ? ['App'] : []), 'Subscription', 'Used by', 'Created']}
    >
      <Table.Tbody>
        {keys.map((k) => (
          <Table.Tr key={k.id} data-testid={rowTestId}>
            <Table.Td>
              {copyable ? (
                <Group gap={4} wrap="nowrap">
                  <Code className="kh-mono">{k.key}</Code>
                  <CopyIconButton value={k.key} label="key" />
                </Group>
              ) : (
                <Code className="kh-mono">{k.key}</Code>
              )}
            </Table.Td>
            <Table.Td>{status(k)}</Table.Td>
            {appName && (
              <Table.Td>
                <Text size="sm">{appName(k.appId)}</Text>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm">{k.subscription}</Text>
              <Text size="xs" c="dimmed">
                {formatDuration(k.durationDays)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{k.usedBy?.username ?? '—'}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDate(k.createdAt)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTableFrame>
  );
}
