import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface AccountSectionProps {
  /** for the heading's id, which names the section */
  id: string;
  title: ReactNode;
  description?: ReactNode;
  /** next to the title: a status badge */
  badge?: ReactNode;
  children: ReactNode;
}

/** One card of the account page, named by its heading. */
export function AccountSection({ id, title, description, badge, children }: AccountSectionProps) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Stack gap="md">
        <div>
          <Title order={4} id={id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            {title}
            {badge}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
