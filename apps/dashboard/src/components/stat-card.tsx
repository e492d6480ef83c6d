import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { formatNumber } from '@/lib/format';

export interface StatCardProps {
  label: string;
  value: number;
  icon: Icon;
  color: string;
  /** a line under the number ("12% of all") */
  hint?: string;
  testId: string;
}

/** One number on an overview: the label, the number, an optional hint and an icon. */
export function StatCard({ label, value, icon: Icon, color, hint, testId }: StatCardProps) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" truncate="end">
            {label}
          </Text>
          {/* A large number on a phone's half-width card wraps at its separators instead of running out of the card. */}
          <Text fz={{ base: 22, xs: 26 }} fw={700} lh={1.2} style={{ overflowWrap: 'anywhere' }}>
            {formatNumber(value)}
          </Text>
          {hint && (
            <Text size="xs" c="dimmed" truncate="end">
              {hint}
            </Text>
          )}
        </Stack>
        <ThemeIcon variant="light" color={color} size={34} radius="md" visibleFrom="xs">
          <Icon size={18} />
        </ThemeIcon>
      </Group>
    </Paper>
  );
}
