import type { LicenseResponse } from '@keyhold/contracts';
import { Anchor, Code, Group, Menu, Table, Text } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCalendarPlus, IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CopyIconButton } from '@/components/copy-icon-button';
import { DataTableFrame, SelectCell, TableSkeletonBody } from '@/components/data-table';
import { LicenseStatusBadge } from '@/components/license-status-badge';
import type { RowSelection } from '@/hooks/use-row-selection';
import { BanReasonTooltip, RowActionsMenu, type ModerationAction } from '@/components/row-actions-menu';
import { formatDate, formatDuration } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';

export type LicenseAction = ModerationAction | 'expiry';

const COLUMNS = ['Key', 'Status', 'Subscription', 'Used by', 'Made by', 'Expires', 'Created'];

function Frame({ children, label, dim, selection }: { children: React.ReactNode; label: string; dim?: boolean; selection?: RowSelection }) {
  return (
    <DataTableFrame label={label} minWidth={940} columns={COLUMNS} actions dim={dim} selection={selection}>
      {children}
    </DataTableFrame>
  );
}

/** When the key stops working, in words (the row and the expiry dialog say it alike). */
export function expiry(license: LicenseResponse): string {
  if (license.expiresAt) return formatDate(license.expiresAt);
  if (license.durationDays === null) return 'Never';
  return `${formatDuration(license.durationDays)} after first use`;
}

/** Who made the key: the reseller (a link to its page), or "You" for the seller's own. */
function MadeBy({ license }: { license: LicenseResponse }) {
  if (!license.resellerId) {
    return (
      <Text size="sm" c="dimmed">
        You
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/resellers/${encodeURIComponent(license.resellerId)}`} size="sm" title="Made by this reseller">
      {license.resellerUsername ?? license.resellerId}
    </Anchor>
  );
}

function RowMenu({ license, onAction }: { license: LicenseResponse; onAction: (action: LicenseAction) => void }) {
  const clipboard = useClipboard();
  return (
    <RowActionsMenu name={license.key} width={210} banned={license.banned} hasHwid={Boolean(license.hwid)} onAction={onAction}>
      <Menu.Item
        leftSection={<IconCopy size={16} />}
        onClick={() => {
          clipboard.copy(license.key);
          notifySuccess(`${license.key} copied`);
        }}
      >
        Copy key
      </Menu.Item>
      <Menu.Item leftSection={<IconCalendarPlus size={16} />} onClick={() => onAction('expiry')}>
        Extend or set expiry…
      </Menu.Item>
    </RowActionsMenu>
  );
}

interface LicensesTableProps {
  licenses: LicenseResponse[];
  onAction: (action: LicenseAction, license: LicenseResponse) => void;
  /** the rows are the previous page's while the next loads */
  stale?: boolean;
  /** ticked rows for a bulk action */
  selection?: RowSelection;
}

export function LicensesTable({ licenses, onAction, stale, selection }: LicensesTableProps) {
  return (
    <Frame label="License keys" dim={stale} selection={selection}>
      <Table.Tbody>
        {licenses.map((license) => (
          <Table.Tr key={license.id} data-testid="license-row">
            {selection && <SelectCell selection={selection} id={license.id} name={license.key} />}
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Code className="kh-mono">{license.key}</Code>
                <CopyIconButton value={license.key} label="key" />
              </Group>
              {license.note && (
                <Text size="xs" c="dimmed" truncate="end" maw={260} title={license.note}>
                  {license.note}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <BanReasonTooltip reason={license.banned && license.banReason}>
                <LicenseStatusBadge status={license.status} />
              </BanReasonTooltip>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{license.subscription}</Text>
              {/* A date set before first use replaces the duration: the row says one thing, the date. */}
              {!(license.status === 'unused' && license.expiresAt) && (
                <Text size="xs" c="dimmed">
                  {formatDuration(license.durationDays)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={license.usedBy ? undefined : 'dimmed'}>
                {license.usedBy?.username ?? '—'}
              </Text>
              {license.hwid && (
                <Text size="xs" c="dimmed" className="kh-mono" truncate="end" maw={180} title={`Hardware id: ${license.hwid}`}>
                  {license.hwid}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <MadeBy license={license} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{expiry(license)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDate(license.createdAt)}</Text>
            </Table.Td>
            <Table.Td>
              <RowMenu license={license} onAction={(action) => onAction(action, license)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Frame>
  );
}

export function LicensesTableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Frame label="Loading license keys">
      <TableSkeletonBody rows={rows} widths={[180, 60, 80, 100, 80, 120, 80, 24]} />
    </Frame>
  );
}
