import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandLogo } from '@/components/brand-logo';

interface AuthLayoutProps {
  title: string;
  description: string;
  children: ReactNode;
  footer: ReactNode;
}

/** The centered card of the sign-in pages (sellers and resellers) and sign-up. */
export function AuthLayout({ title, description, children, footer }: AuthLayoutProps) {
  return (
    <Center className="kh-auth-backdrop" px="md" py="xl">
      <Stack w="100%" maw={420} gap="lg">
        <Center>
          <BrandLogo size="lg" />
        </Center>
        <Paper withBorder shadow="md" radius="lg" p={{ base: 'lg', xs: 'xl' }}>
          <Stack gap={4} mb="lg">
            <Title order={2} fz={24}>
              {title}
            </Title>
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          </Stack>
          {children}
        </Paper>
        <Text ta="center" size="sm" c="dimmed">
          {footer}
        </Text>
      </Stack>
    </Center>
  );
}
