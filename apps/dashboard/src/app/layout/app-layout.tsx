import {
  ActionIcon,
  AppShell,
  Avatar,
  Burger,
  Button,
  Container,
  Group,
  Menu,
  NavLink,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconApps,
  IconBook2,
  IconChevronDown,
  IconExternalLink,
  IconLogout,
  IconMoon,
  IconSun,
  IconUserCircle,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, Outlet, useMatch } from 'react-router';
import { BrandLogo } from '@/components/brand-logo';
import { useMe } from '@/features/auth/api/get-me';
import { useSignOut } from '@/features/auth/hooks/use-sign-out';
import { useSession } from '@/lib/session';

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon variant="default" size="lg" onClick={() => setColorScheme(next)} aria-label={`Switch to ${next} theme`}>
        {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}

/** The signed-in frame: header with the seller's menu and sign-out, a navbar that folds behind a burger. */
export function AppLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const session = useSession();
  const me = useMe(); // also notices, on load, a token the API no longer accepts
  const signOutNow = useSignOut();
  const signOut = () => void signOutNow();
  const seller = me.data?.seller ?? session?.seller;
  const onApps = useMatch('/apps/*');
  const onResellers = useMatch('/resellers/*');
  const onAccount = useMatch('/account');

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <BrandLogo />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ColorSchemeToggle />
            {seller && (
              <Menu position="bottom-end" withinPortal shadow="md" width={220}>
                <Menu.Target>
                  <UnstyledButton aria-label={`Account menu of ${seller.name}`} data-testid="current-seller">
                    <Group gap={8} wrap="nowrap">
                      <Avatar name={seller.name} color="initials" radius="xl" size={32} />
                      <Stack gap={0} visibleFrom="xs" maw={200}>
                        <Text size="sm" fw={600} truncate="end">
                          {seller.name}
                        </Text>
                        <Text size="xs" c="dimmed" truncate="end">
                          {seller.email}
                        </Text>
                      </Stack>
                      <IconChevronDown size={14} />
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{seller.email}</Menu.Label>
                  <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
                    Account
                  </Menu.Item>
                  <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
                    Sign out
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            <Button variant="default" size="sm" onClick={signOut} leftSection={<IconLogout size={16} />} visibleFrom="xs">
              Sign out
            </Button>
            <Tooltip label="Sign out">
              <ActionIcon variant="default" size="lg" onClick={signOut} aria-label="Sign out" hiddenFrom="xs">
                <IconLogout size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        {seller && (
          <AppShell.Section hiddenFrom="xs" px="sm" pb="sm" mb="sm" style={{ borderBottom: '1px solid var(--app-shell-border-color)' }}>
            <Text size="sm" fw={600} truncate="end">
              {seller.name}
            </Text>
            <Text size="xs" c="dimmed" truncate="end">
              {seller.email}
            </Text>
          </AppShell.Section>
        )}
        <AppShell.Section grow>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" py={6}>
            Manage
          </Text>
          <NavLink
            component={Link}
            to="/apps"
            label="Applications"
            leftSection={<IconApps size={18} />}
            active={Boolean(onApps)}
            onClick={nav.close}
            variant="light"
          />
          <NavLink
            component={Link}
            to="/resellers"
            label="Resellers"
            leftSection={<IconUsersGroup size={18} />}
            active={Boolean(onResellers)}
            onClick={nav.close}
            variant="light"
          />
        </AppShell.Section>
        <AppShell.Section>
          <NavLink
            component={Link}
            to="/account"
            label="Account"
            leftSection={<IconUserCircle size={18} />}
            active={Boolean(onAccount)}
            onClick={nav.close}
            variant="light"
          />
          <NavLink
            href="/docs"
            target="_blank"
            rel="noreferrer"
            label="API reference"
            leftSection={<IconBook2 size={18} />}
            rightSection={<IconExternalLink size={14} />}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
