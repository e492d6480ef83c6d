import type { ResellerPrice } from '@keyhold/contracts';
import { Badge, Group } from '@mantine/core';
import { formatDuration, formatNumber } from '@/lib/format';

export function priceLabel(price: ResellerPrice): string {
  return `${formatDuration(price.durationDays)} · ${formatNumber(price.credits)} cr`;
}

export function PricesSummary({ prices }: { prices: ResellerPrice[] }) {
  return (
    <Group gap={4}>
      {prices.map((p) => (
        <Badge key={p.durationDays ?? 'lifetime'} variant="default" radius="sm" tt="none" fw={500}>
          {priceLabel(p)}
        </Badge>
      ))}
    </Group>
  );
}
