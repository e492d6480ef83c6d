import '@mantine/charts/styles.css';

import { AreaChart } from '@mantine/charts';
import { formatNumber } from '@/lib/format';

interface DailyActivityChartProps {
  /** one row per day: `day` is the axis label, the series names are the counts */
  data: Array<Record<string, string | number>>;
  /** exactly two series, drawn indigo and teal */
  series: readonly [{ name: string; label: string }, { name: string; label: string }];
  h: number;
  'aria-label'?: string;
}

/** The 30-day area chart of the app overview and the reseller portal, drawn one way. */
export function DailyActivityChart({ data, series, h, 'aria-label': ariaLabel }: DailyActivityChartProps) {
  return (
    <AreaChart
      h={h}
      data={data}
      dataKey="day"
      series={[
        { ...series[0], color: 'indigo.6' },
        { ...series[1], color: 'teal.6' },
      ]}
      curveType="monotone"
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: 40 }}
      tickLine="none"
      gridAxis="y"
      withDots={false}
      yAxisProps={{ allowDecimals: false, width: 36 }}
      xAxisProps={{ minTickGap: 24 }}
      valueFormatter={formatNumber}
      aria-label={ariaLabel}
    />
  );
}
