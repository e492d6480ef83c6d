import type { AppStatsResponse } from '@keyhold/contracts';
import { Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBan, IconCircleCheck, IconClockX, IconKey, IconKeyOff, IconUserCheck, IconUsers } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { DailyActivityChart } from '@/components/daily-activity-chart';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { StatCard, type StatCardProps } from '@/components/stat-card';
import { useAppId } from '@/hooks/use-app-id';
import { formatNumber } from '@/lib/format';
import { useAppStats } from '../api/get-app';
import { CountryLoginsChart } from './country-logins-chart';

/** The card of one count, with its test id from the label ("Used keys" → `stat-used-keys`). */
function Stat(props: Omit<StatCardProps, 'testId'>) {
  return <StatCard {...props} testId={`stat-${props.label.toLowerCase().replace(/\s+/g, '-')}`} />;
}

function percent(part: number, whole: number): string | undefined {
  return whole > 0 ? `${Math.round((part / whole) * 100)}% of all` : undefined;
}

function StatsSkeleton() {
  return (
    <Stack gap="lg" aria-busy aria-label="Loading the overview">
      {[0, 1].map((row) => (
        <SimpleGrid key={row} cols={{ base: 2, sm: 4 }} spacing="md">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={88} radius="md" />
          ))}
        </SimpleGrid>
      ))}
      <Skeleton h={320} radius="md" />
    </Stack>
  );
}

function ActivityChart({ perDay }: { perDay: AppStatsResponse['perDay'] }) {
  const data = perDay.map((d) => ({ ...d, day: dayjs(d.date).format('D MMM') }));
  const logins = perDay.reduce((sum, d) => sum + d.logins, 0);
  const registrations = perDay.reduce((sum, d) => sum + d.registrations, 0);
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-end" mb="md" gap="xs">
        <Stack gap={2}>
          <Title order={4}>Activity</Title>
          <Text size="sm" c="dimmed">
            Logins and registrations per day, last 30 days (UTC)
          </Text>
        </Stack>
        <Text size="sm" c="dimmed" data-testid="activity-totals">
          <Text span fw={600} c="var(--mantine-color-text)">
            {formatNumber(logins)}
          </Text>{' '}
          logins ·{' '}
          <Text span fw={600} c="var(--mantine-color-text)">
            {formatNumber(registrations)}
          </Text>{' '}
          registrations
        </Text>
      </Group>
      <DailyActivityChart
        h={260}
        data={data}
        series={[
          { name: 'logins', label: 'Logins' },
          { name: 'registrations', label: 'Registrations' },
        ]}
        aria-label="Logins and registrations per day"
      />
      {logins + registrations === 0 && (
        <Text size="sm" c="dimmed" ta="center" mt="xs">
          No logins or registrations in the last 30 days.
        </Text>
      )}
    </Paper>
  );
}

/** /apps/:appId/overview: the app's users and keys at a glance, and its activity. */
export function AppOverviewPage() {
  const appId = useAppId();
  const stats = useAppStats(appId);

  if (stats.isPending) return <StatsSkeleton />;
  if (stats.isError) {
    return (
      <Paper withBorder radius="md">
        <QueryErrorAlert
          title="Could not load the overview"
          error={stats.error}
          onRetry={() => void stats.refetch()}
          retrying={stats.isFetching}
        />
      </Paper>
    );
  }
  const { users, licenses, perDay } = stats.data;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Text fw={600}>Users</Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Stat label="Users" value={users.total} icon={IconUsers} color="indigo" />
          <Stat label="Active" value={users.active} icon={IconUserCheck} color="teal" hint={percent(users.active, users.total)} />
          <Stat label="Expired" value={users.expired} icon={IconClockX} color="orange" hint={percent(users.expired, users.total)} />
          <Stat label="Banned" value={users.banned} icon={IconBan} color="red" hint={percent(users.banned, users.total)} />
        </SimpleGrid>
      </Stack>
      <Stack gap="xs">
        <Text fw={600}>License keys</Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Stat
            label="Unused keys"
            value={licenses.unused}
            icon={IconKey}
            color="indigo"
            hint={`${formatNumber(licenses.total)} keys in all`}
          />
          <Stat label="Used keys" value={licenses.used} icon={IconCircleCheck} color="teal" hint={percent(licenses.used, licenses.total)} />
          <Stat
            label="Expired keys"
            value={licenses.expired}
            icon={IconClockX}
            color="orange"
            hint={percent(licenses.expired, licenses.total)}
          />
          <Stat label="Banned keys" value={licenses.banned} icon={IconKeyOff} color="red" hint={percent(licenses.banned, licenses.total)} />
        </SimpleGrid>
      </Stack>
      <ActivityChart perDay={perDay} />
      <CountryLoginsChart appId={appId} />
    </Stack>
  );
}
