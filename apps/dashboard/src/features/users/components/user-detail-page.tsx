import type { EventResponse, UserSessionResponse } from '@keyhold/contracts';
import { Anchor, Badge, Button, Code, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmModal } from '@/components/confirm-modal';
import { DetailLoadError } from '@/components/detail-load-error';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { useCurrentApp } from '@/hooks/use-current-app';
import { formatDateTime, plural } from '@/lib/format';
import { notifySuccess } from '@/lib/notify';
import { useEndSession, useRedeemedKey, useUser, useUserEvents, useUserSessions } from '../api/user-detail';
import { UserStatusBadge } from './user-status-badge';

/** Where a user has been seen from: each distinct value of the sessions, with its last time and count. */
function seen(sessions: UserSessionResponse[], pick: (s: UserSessionResponse) => string | null) {
  const byValue = new Map<string, { value: string; last: string; logins: number }>();
  for (const s of sessions) {
    const value = pick(s);
    if (!value) continue;
    const entry = byValue.get(value) ?? { value, last: s.createdAt, logins: 0 };
    entry.logins += 1;
    if (s.createdAt > entry.last) entry.last = s.createdAt;
    byValue.set(value, entry);
  }
  return [...byValue.values()].sort((a, b) => (a.last < b.last ? 1 : -1));
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={4}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

function SeenList({ label, rows, mono }: { label: string; rows: ReturnType<typeof seen>; mono?: boolean }) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None recorded
      </Text>
    );
  return (
    <Table aria-label={label} verticalSpacing={6}>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.value}>
            <Table.Td className={mono ? 'kh-mono' : undefined} style={{ overflowWrap: 'anywhere' }}>
              {r.value}
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {plural(r.logins, 'login')}, last {formatDateTime(r.last)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An event in a few words: its name, and for a refusal its reason. */
function EventRow({ event }: { event: EventResponse }) {
  const { reason, ip, country } = event.data as { reason?: string; ip?: string; country?: string | null };
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="xs">{formatDateTime(event.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={event.name === 'auth.denied' ? 'red' : 'gray'} radius="sm">
          {event.name}
        </Badge>
        {reason && (
          <Text size="xs" c="dimmed">
            {reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" className="kh-mono">
          {[ip, country].filter(Boolean).join(' · ') || '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * One end user: status, the key it redeemed, its sessions (with "End session"), the devices and
 * IPs its logins came from, and its latest events.
 */
export function UserDetailPage() {
  const app = useCurrentApp();
  const { userId = '' } = useParams();
  const user = useUser(app.id, userId);
  const sessions = useUserSessions(app.id, userId);
  const key = useRedeemedKey(app.id, user.data);
  const events = useUserEvents(app.id, user.data);
  const end = useEndSession(app.id, userId);
  const [ending, setEnding] = useState<UserSessionResponse | null>(null);
  const back = `/apps/${app.id}/users`;

  if (user.isError) {
    return (
      <DetailLoadError
        query={user}
        errorTitle="Could not load the user"
        notFound={{ title: 'User not found', description: 'It may have been deleted.', backTo: back, backLabel: 'Back to users' }}
      />
    );
  }
  const u = user.data;
  const list = sessions.data ?? [];

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={back} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Users
        </Group>
      </Anchor>
      {u ? (
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={2} style={{ overflowWrap: 'anywhere' }}>
              {u.username}
            </Title>
            <Group gap="xs">
              <UserStatusBadge status={u.status} />
              <Text size="sm" c="dimmed">
                {u.subscription ?? 'no subscription'} · expires {u.expiresAt ? formatDateTime(u.expiresAt) : 'never'} · created{' '}
                {formatDateTime(u.createdAt)}
              </Text>
            </Group>
            {u.banned && u.banReason && (
              <Text size="sm" c="red">
                Banned: {u.banReason}
              </Text>
            )}
          </Stack>
        </Group>
      ) : (
        <Skeleton h={56} />
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title="Key redeemed">
          {key.isPending && u ? (
            <Skeleton h={20} />
          ) : key.data ? (
            <Group gap="xs">
              <Code>{key.data.key}</Code>
              <Text size="xs" c="dimmed">
                {key.data.subscription}, redeemed {formatDateTime(key.data.activatedAt)}
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              None: this user was created by you, not registered with a key
            </Text>
          )}
        </Section>
        <Section title="Device">
          <Text size="sm">
            Bound hardware id:{' '}
            {u?.hwid ? (
              <Code>{u.hwid}</Code>
            ) : (
              <Text span c="dimmed">
                none (the next login binds one)
              </Text>
            )}
          </Text>
          <Text size="sm">
            Last login: {u?.lastLoginAt ? `${formatDateTime(u.lastLoginAt)} from ${u.lastLoginIp ?? 'an unknown IP'}` : 'never'}
          </Text>
        </Section>
      </SimpleGrid>

      <Section title="Sessions">
        {sessions.isError ? (
          <QueryErrorAlert title="Could not load the sessions" error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : sessions.isPending ? (
          <Skeleton h={80} />
        ) : list.length === 0 ? (
          <Text size="sm" c="dimmed">
            No sessions: this user has not logged in (or its sessions were pruned)
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640} type="native">
            <Table aria-label="Sessions" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Started</Table.Th>
                  <Table.Th>IP</Table.Th>
                  <Table.Th>Hardware id</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((s) => (
                  <Table.Tr key={s.id} data-testid="session-row">
                    <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                    <Table.Td className="kh-mono">{s.ip ?? '—'}</Table.Td>
                    <Table.Td className="kh-mono" style={{ overflowWrap: 'anywhere' }}>
                      {s.hwid ?? '—'}
                    </Table.Td>
                    <Table.Td>
                      {s.active ? (
                        <Badge color="teal" variant="light" radius="sm">
                          Active until {formatDateTime(s.expiresAt)}
                        </Badge>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {s.endedAt ? `Ended ${formatDateTime(s.endedAt)}` : `Expired ${formatDateTime(s.expiresAt)}`}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {s.active && (
                        <Button size="compact-xs" variant="light" color="red" onClick={() => setEnding(s)}>
                          End session
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title="Devices seen">
          <SeenList label="Devices seen" rows={seen(list, (s) => s.hwid)} mono />
        </Section>
        <Section title="IPs seen">
          <SeenList label="IPs seen" rows={seen(list, (s) => s.ip)} mono />
        </Section>
      </SimpleGrid>

      <Section title="Latest events">
        {events.isError ? (
          <QueryErrorAlert title="Could not load the events" error={events.error} onRetry={() => void events.refetch()} />
        ) : !events.data ? (
          <Skeleton h={60} />
        ) : events.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No events yet
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480} type="native">
            <Table aria-label="Latest events" verticalSpacing={6}>
              <Table.Tbody>
                {events.data.map((e) => (
                  <EventRow key={e.id} event={e} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <ConfirmModal
        opened={Boolean(ending)}
        onClose={() => {
          setEnding(null);
          end.reset();
        }}
        title="End this session?"
        confirmLabel="End session"
        loading={end.isPending}
        error={end.error}
        onConfirm={() =>
          ending &&
          end.mutate(ending.id, {
            onSuccess: () => {
              notifySuccess('The software is signed out at its next call; the user can log in again.', 'Session ended');
              setEnding(null);
            },
          })
        }
      >
        The software on {ending?.hwid ? <Code>{ending.hwid}</Code> : 'this device'} is refused from its next call on. The user can log in
        again.
      </ConfirmModal>
    </Stack>
  );
}
