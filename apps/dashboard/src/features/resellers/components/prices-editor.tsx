import { ActionIcon, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { WholeNumberInput } from '@/components/whole-number-input';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { PriceRow } from '../schemas';

interface PricesEditorProps {
  value: PriceRow[];
  onChange: (rows: PriceRow[]) => void;
  rowErrors: ReactNode[];
  error?: ReactNode;
}

/** The durations a reseller may sell, each with its price per key in credits. */
export function PricesEditor({ value, onChange, rowErrors, error }: PricesEditorProps) {
  const set = (index: number, patch: Partial<PriceRow>) => onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap={6} role="group" aria-labelledby="prices-label">
      <div>
        <Text size="sm" fw={500} id="prices-label">
          Durations and prices
        </Text>
        <Text size="xs" c="dimmed">
          Credits per key. A duration without a price cannot be sold.
        </Text>
      </div>
      {value.map((row, index) => (
        <Stack key={index} gap={2} data-testid="price-row">
          <Group gap="sm" wrap="nowrap" align="center">
            <WholeNumberInput
              aria-label={`Days of duration ${index + 1}`}
              placeholder="Days"
              value={row.lifetime ? '' : row.days}
              disabled={row.lifetime}
              onChange={(days) => set(index, { days })}
              min={1}
              max={36_500}
              suffix=" days"
              w={120}
              error={Boolean(rowErrors[index])}
            />
            <Checkbox label="Lifetime" checked={row.lifetime} onChange={(e) => set(index, { lifetime: e.currentTarget.checked })} />
            <WholeNumberInput
              aria-label={`Credits per key of duration ${index + 1}`}
              placeholder="Credits"
              value={row.credits}
              onChange={(credits) => set(index, { credits })}
              min={0}
              thousandSeparator=","
              suffix=" cr"
              style={{ flex: 1, minWidth: 90 }}
              error={Boolean(rowErrors[index])}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove duration ${index + 1}`}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          {rowErrors[index] && (
            <Text size="xs" c="red">
              {rowErrors[index]}
            </Text>
          )}
        </Stack>
      ))}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange([...value, { lifetime: false, days: '', credits: '' }])}
      >
        Add a duration
      </Button>
    </Stack>
  );
}
