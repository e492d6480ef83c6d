import type { WebhookEventName } from '@keyhold/contracts';
import { Badge, Tooltip } from '@mantine/core';

/** How each event looks in the log: its colour, and what it means in words (the badge shows the name webhooks use). */
export const EVENT_LOOK: Record<WebhookEventName, { color: string; description: string }> = {
  'user.login': { color: 'teal', description: 'A user signed in' },
  'user.register': { color: 'indigo', description: 'A user registered with a key' },
  'user.ban': { color: 'red', description: 'A user was banned' },
  'license.activate': { color: 'blue', description: 'A key was used for the first time' },
  'license.expire': { color: 'orange', description: 'A key expired' },
  'license.delete': { color: 'gray', description: 'A key was deleted' },
  'file.download': { color: 'cyan', description: 'A file was downloaded' },
  'session.create': { color: 'grape', description: 'A session started' },
  'auth.denied': { color: 'red', description: 'A sign-in or registration was refused' },
};

export function EventNameBadge({ name }: { name: WebhookEventName }) {
  const look = EVENT_LOOK[name] ?? { color: 'gray', description: name };
  return (
    <Tooltip label={look.description} withArrow openDelay={300}>
      <Badge color={look.color} variant={name === 'auth.denied' ? 'filled' : 'light'} radius="sm" tt="none" className="kh-mono">
        {name}
      </Badge>
    </Tooltip>
  );
}
