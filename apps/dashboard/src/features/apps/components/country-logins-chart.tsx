import '@mantine/charts/styles.css';

import type { CountryLogins } from '@keyhold/contracts';
import { BarChart } from '@mantine/charts';
import { Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { countryName } from '@/lib/countries';
import { formatNumber } from '@/lib/format';
import { COUNTRY_DAYS, useCountryStats } from '../api/get-country-stats';

/** Bars shown; the rest are summed as "Other". */
export const TOP_COUNTRIES = 10;

interface Bar {
  /** the axis label: the country code, "Unknown" or "Other" */
  country: string;
  /** what the tooltip and the list say */
  name: string;
  logins: number;
}

/** The countries with most logins, then "Other" for the rest (unknown addresses stay a bar of their own). */
export function countryBars(rows: CountryLogins[], top = TOP_COUNTRIES): Bar[] {
  const sorted = [...rows].sort((a, b) => b.logins - a.logins);
  const shown = sorted.slice(0, top).map((r) => ({ country: r.country ?? 'Unknown', name: countryName(r.country), logins: r.logins }));
  const rest = sorted.slice(top).reduce((sum, r) => sum + r.logins, 0);
  return rest > 0 ? [...shown, { country: 'Other', name: 'Other countries', logins: rest }] : shown;
}

function percent(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)}%`;
}

/** The overview's "Logins by country": a bar chart of the last 30 days and the same numbers as a list. */
export function CountryLoginsChart({ appId }: { appId: string }) {
  const stats = useCountryStats(appId);

  let body: React.ReactNode;
  if (stats.isPending) {
    body = <Skeleton h={220} radius="md" />;
  } else if (stats.isError) {
    body = (
      <QueryErrorAlert
        title="Could not load the countries"
        error={stats.error}
        onRetry={() => void stats.refetch()}
        retrying={stats.isFetching}
      />
    );
  } else if (stats.data.length === 0) {
    body = (
      <Text size="sm" c="dimmed" ta="center" py="xl" data-testid="countries-empty">
        No logins in the last {COUNTRY_DAYS} days, so no countries yet.
      </Text>
    );
  } else {
    const bars = countryBars(stats.data);
    const total = bars.reduce((sum, b) => sum + b.logins, 0);
    body = (
      <Group align="flex-start" gap="lg" wrap="wrap">
        <BarChart
          h={240}
          style={{ flex: '2 1 20rem' }}
          data={bars}
          dataKey="country"
          series={[{ name: 'logins', label: 'Logins', color: 'indigo.6' }]}
          tickLine="none"
          gridAxis="y"
          yAxisProps={{ allowDecimals: false, width: 36 }}
          valueFormatter={formatNumber}
          aria-label="Logins by country"
        />
        <Table style={{ flex: '1 1 14rem' }} verticalSpacing={4} aria-label="Logins per country" data-testid="countries-list">
          <Table.Tbody>
            {bars.map((b) => (
              <Table.Tr key={b.country}>
                <Table.Td>
                  <Text size="sm" title={b.country}>
                    {b.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600}>
                    {formatNumber(b.logins)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" w={56}>
                  <Text size="sm" c="dimmed">
                    {percent(b.logins, total)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Group>
    );
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={2} mb="md">
        <Title order={4}>Logins by country</Title>
        <Text size="sm" c="dimmed">
          Username and license-key sign-ins, last {COUNTRY_DAYS} days, by the country of the client&apos;s IP (Unknown: private, IPv6 or
          unlisted addresses)
        </Text>
      </Stack>
      {body}
    </Paper>
  );
}
