import type { EventResponse } from '@keyhold/contracts';
import { Badge, Table, Text } from '@mantine/core';
import { DataTableFrame, TableSkeletonBody } from '@/components/data-table';
import { countryName } from '@/lib/countries';
import { formatDateTime } from '@/lib/format';
import { EventNameBadge } from './event-name-badge';

const COLUMNS = ['Time', 'Event', 'User / key', 'IP', 'Country', 'Hardware id', 'Reason'];

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Who the event is about: the username, the key (a refused key: its last 4 characters), or the id. */
function subjectOf(data: EventResponse['data']): { label: string; title?: string; mono?: boolean; id?: boolean } | null {
  const username = text(data.username);
  if (username) return { label: username };
  const key = text(data.key);
  if (key) return { label: key, mono: true };
  const last4 = text(data.keyLast4);
  if (last4) return { label: `…${last4}`, title: `A key ending in ${last4}`, mono: true };
  // A session or download of a user or key: its id (shortened on screen, whole in the tooltip).
  const id = text(data.userId) ?? text(data.licenseId) ?? text(data.webhookId);
  return id ? { label: id, title: id, mono: true, id: true } : null;
}

function Dash() {
  return (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}

function EventRow({ event }: { event: EventResponse }) {
  const { data } = event;
  const subject = subjectOf(data);
  const ip = text(data.ip);
  const country = text(data.country);
  const hwid = text(data.hwid);
  const reason = event.name === 'auth.denied' ? text(data.reason) : null;
  return (
    <Table.Tr data-testid="event-row" data-event={event.name}>
      <Table.Td>
        <Text size="sm" title={event.createdAt} style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(event.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <EventNameBadge name={event.name} />
      </Table.Td>
      <Table.Td>
        {subject ? (
          <Text
            size="sm"
            fw={subject.id ? undefined : 600}
            c={subject.id ? 'dimmed' : undefined}
            className={subject.mono ? 'kh-mono' : undefined}
            title={subject.title ?? subject.label}
            truncate="end"
            maw={subject.id ? 110 : 150}
          >
            {subject.label}
          </Text>
        ) : (
          <Dash />
        )}
      </Table.Td>
      <Table.Td>
        {ip ? (
          <Text size="sm" className="kh-mono">
            {ip}
          </Text>
        ) : (
          <Dash />
        )}
      </Table.Td>
      <Table.Td>
        {country ? (
          <Text size="sm" title={countryName(country)} data-testid="event-country">
            {country}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" title="Private, loopback, IPv6 or unknown address">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {hwid ? (
          <Text size="sm" className="kh-mono" truncate="end" maw={110} title={hwid}>
            {hwid}
          </Text>
        ) : (
          <Dash />
        )}
      </Table.Td>
      <Table.Td>
        {reason ? (
          <Badge color="red" variant="light" radius="sm" size="sm" tt="none" className="kh-mono">
            {reason}
          </Badge>
        ) : (
          <Dash />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function EventsTable({ events, stale }: { events: EventResponse[]; stale?: boolean }) {
  return (
    <DataTableFrame label="Events" minWidth={940} columns={COLUMNS} dim={stale}>
      <Table.Tbody>
        {events.map((event) => (
          <EventRow key={event.id} event={event} />
        ))}
      </Table.Tbody>
    </DataTableFrame>
  );
}

export function EventsTableSkeleton() {
  return (
    <DataTableFrame label="Loading events" minWidth={940} columns={COLUMNS}>
      <TableSkeletonBody widths={[120, 90, 110, 90, 30, 100, 110]} />
    </DataTableFrame>
  );
}
