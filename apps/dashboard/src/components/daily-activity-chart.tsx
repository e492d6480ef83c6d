import '@mantine/charts/styles.css';

import { BarChart } from '@mantine/charts';
import { formatNumber } from '@/lib/format';

interface DailyActivityChartProps {
  /** one row per day: `day` is the axis label, the series names are the counts */
  data: Array<Record<string, string | number>>;
  /** exactly two series, drawn indigo and teal */
  series: readonly [{ name: string; label: string }, { name: string; label: string }];
  h: number;
  'aria-label'?: string;
}

/**
 * The 30-day chart of the app overview and the reseller portal, drawn one way: bars, one per day,
 * since a day's count is a count of that day (a smoothed curve turned one day's logins into a ramp
 * across its neighbours).
 */
export function DailyActivityChart({ data, series, h, 'aria-label': ariaLabel }: DailyActivityChartProps) {
  return (
    <BarChart
      h={h}
      data={data}
      dataKey="day"
      series={[
        { ...series[0], color: 'indigo.6' },
        { ...series[1], color: 'teal.6' },
      ]}
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: 40 }}
      tickLine="none"
      gridAxis="y"
      yAxisProps={{ allowDecimals: false, width: 36 }}
      xAxisProps={{ minTickGap: 24 }}
      valueFormatter={formatNumber}
      aria-label={ariaLabel}
    />
  );
}
