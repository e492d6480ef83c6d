import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconBan, IconCircleCheck, IconDeviceDesktopOff, IconDots, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** The actions every bannable, device-locked record (a license key, a user) has in its row menu. */
export type ModerationAction = 'reset-hwid' | 'ban' | 'unban' | 'delete';

interface RowActionsMenuProps {
  /** the record's name in "Actions for …" */
  name: string;
  width: number;
  banned: boolean;
  /** without a hardware id, there is nothing to reset */
  hasHwid: boolean;
  onAction: (action: ModerationAction) => void;
  /** the record's own items, above "Reset hardware id" */
  children: ReactNode;
}

/** The "…" menu at the end of a row: the record's own items, then reset hwid, ban or unban, delete. */
export function RowActionsMenu({ name, width, banned, hasHwid, onAction, children }: RowActionsMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={width}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {children}
        <Menu.Item leftSection={<IconDeviceDesktopOff size={16} />} onClick={() => onAction('reset-hwid')} disabled={!hasHwid}>
          Reset hardware id
        </Menu.Item>
        {banned ? (
          <Menu.Item leftSection={<IconCircleCheck size={16} />} onClick={() => onAction('unban')}>
            Unban
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconBan size={16} />} color="red" onClick={() => onAction('ban')}>
            Ban…
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => onAction('delete')}>
          Delete…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** A status badge that, for a banned record with a reason, tells the reason on hover. */
export function BanReasonTooltip({ reason, children }: { reason: string | null | false | undefined; children: ReactNode }) {
  if (!reason) return children;
  return (
    <Tooltip label={`Banned: ${reason}`} multiline maw={280}>
      <span>{children}</span>
    </Tooltip>
  );
}
