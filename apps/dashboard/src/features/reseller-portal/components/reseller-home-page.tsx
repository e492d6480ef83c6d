import { Box, Button, Center, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconCoins, IconKey, IconPlus, IconUserCheck } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { PageHeader } from '@/components/page-header';
import { DailyActivityChart } from '@/components/daily-activity-chart';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { StatCard } from '@/components/stat-card';
import { formatDuration, plural } from '@/lib/format';
import { useResellerMe, useResellerStats } from '../api/portal';
import { NoAppsAlert } from './no-apps-alert';
import { ResellerGenerateModal } from './reseller-generate-modal';

/** /reseller: balance, numbers, activity, and what the reseller may sell. */
export function ResellerHomePage() {
  useDocumentTitle('Overview · Reseller portal · Keyhold');
  const me = useResellerMe();
  const stats = useResellerStats();
  const [generateOpened, generateModal] = useDisclosure(false);

  if (stats.isPending || me.isPending) {
    return (
      <Stack gap="lg" aria-busy aria-label="Loading">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={88} radius="md" />
          ))}
        </SimpleGrid>
        <Skeleton h={300} radius="md" />
      </Stack>
    );
  }
  if (stats.isError || me.isError) {
    const error = stats.error ?? me.error;
    return (
      <Paper withBorder radius="md">
        <QueryErrorAlert
          title="Could not load your account"
          error={error}
          onRetry={() => void Promise.all([stats.refetch(), me.refetch()])}
          retrying={stats.isFetching || me.isFetching}
        />
      </Paper>
    );
  }
  const s = stats.data;
  const profile = me.data;
  const data = s.perDay.map((d) => ({ ...d, day: dayjs(d.date).format('D MMM') }));
  const quiet = s.perDay.every((d) => d.generated === 0 && d.used === 0);
  const noApps = profile.apps.length === 0;
  return (
    <Stack gap="lg">
      <PageHeader
        title={`Hello, ${profile.username}`}
        description="Generate keys for your customers; each key costs credits from your balance."
        actions={
          noApps ? undefined : (
            <Button leftSection={<IconPlus size={16} />} onClick={generateModal.open}>
              Generate keys
            </Button>
          )
        }
      />
      {noApps && <NoAppsAlert />}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <StatCard label="Balance" value={s.credits} icon={IconCoins} color="teal" testId="stat-balance" />
        <StatCard label="Keys generated" value={s.keysGenerated} icon={IconKey} color="indigo" testId="stat-generated" />
        <StatCard label="Keys used" value={s.keysUsed} icon={IconCircleCheck} color="violet" testId="stat-used" />
        <StatCard label="Active keys" value={s.keysActive} icon={IconUserCheck} color="cyan" testId="stat-active" />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Stack gap={2} mb="md">
          <Title order={4}>Activity</Title>
          <Text size="sm" c="dimmed">
            Keys generated and keys first used per day, last 30 days (UTC)
          </Text>
        </Stack>
        {/* An empty period keeps its (empty) axes, with a word over them instead of bare lines. */}
        <Box pos="relative">
          <DailyActivityChart
            h={240}
            data={data}
            series={[
              { name: 'generated', label: 'Generated' },
              { name: 'used', label: 'Used' },
            ]}
          />
          {quiet && (
            <Center pos="absolute" inset={0} pb={40} style={{ pointerEvents: 'none' }}>
              <Paper withBorder radius="md" px="md" py="xs" shadow="xs" data-testid="chart-empty">
                <Text size="sm" c="dimmed">
                  No keys generated or used in the last 30 days
                </Text>
              </Paper>
            </Center>
          )}
        </Box>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="xs">
          What you can sell
        </Title>
        <Stack gap={6}>
          <Text size="sm">
            <Text span c="dimmed">
              Apps:{' '}
            </Text>
            {profile.apps.map((a) => a.name).join(', ') || 'none: ask your seller for one'}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              Subscriptions:{' '}
            </Text>
            {profile.subscriptions.join(', ') || '—'}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              Prices:{' '}
            </Text>
            {profile.prices.map((p) => `${formatDuration(p.durationDays)} ${plural(p.credits, 'credit')}`).join(' · ') || '—'}
          </Text>
        </Stack>
      </Paper>
      {!noApps && <ResellerGenerateModal profile={profile} opened={generateOpened} onClose={generateModal.close} />}
    </Stack>
  );
}
