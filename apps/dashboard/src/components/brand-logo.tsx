import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';

export function BrandLogo({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 36 : 30} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'violet', deg: 135 }}>
        <IconKey size={large ? 20 : 17} stroke={2.2} />
      </ThemeIcon>
      <Text fw={700} fz={large ? 22 : 18} lts={-0.3}>
        Keyhold
      </Text>
    </Group>
  );
}
