import { ActionIcon, AppShell, Badge, Burger, Button, Container, Group, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { IconChartBar, IconCoins, IconKey, IconLogout, IconReceipt } from '@tabler/icons-react';
import { Link, Navigate, Outlet, useLocation, useMatch, useNavigate, useSearchParams } from 'react-router';
import { BrandLogo } from '@/components/brand-logo';
import { formatNumber, plural } from '@/lib/format';
import { clearResellerSession, lastResellerSellerId, resellerSessionExpired, useResellerSession } from '@/lib/reseller-session';
import { portalKeys } from '../api/portal-keys';
import { resellerLogout, useResellerMe } from '../api/portal';
import { resellerSignInPath } from '../sign-in-path';

export const RESELLER_SESSION_EXPIRED = 'Your reseller session has ended, please sign in again';

/**
 * Portal pages need a signed-in reseller; anyone else goes to the portal's sign-in, for the seller
 * of the link they came with (`?seller=`) or else of their last sign-in here.
 */
export function RequireResellerSession() {
  const session = useResellerSession();
  const location = useLocation();
  const [params] = useSearchParams();
  if (!session) {
    return (
      <Navigate
        to={resellerSignInPath(params.get('seller') ?? lastResellerSellerId())}
        replace
        state={{ from: location.pathname, notice: resellerSessionExpired() ? RESELLER_SESSION_EXPIRED : undefined }}
      />
    );
  }
  return <Outlet />;
}

export function ResellerGuestOnly() {
  const session = useResellerSession();
  if (session) return <Navigate to="/reseller" replace />;
  return <Outlet />;
}

/** The portal's frame: the reseller, the balance, and its pages. */
export function ResellerLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const session = useResellerSession();
  const me = useResellerMe(); // also notices a token the API no longer accepts
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const profile = me.data ?? session?.reseller;
  const onOverview = useMatch('/reseller');
  const onKeys = useMatch('/reseller/keys');
  const onCredits = useMatch('/reseller/credits');

  // Ends the token on the server first; whatever it answers, the portal forgets the session.
  const signOut = async () => {
    const sellerId = profile?.sellerId;
    await resellerLogout();
    clearResellerSession();
    queryClient.removeQueries({ queryKey: portalKeys.all });
    void navigate(resellerSignInPath(sellerId), { replace: true });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <BrandLogo />
            <Badge variant="light" color="violet" radius="sm" visibleFrom="xs">
              Reseller
            </Badge>
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            {profile && (
              <Tooltip label={`Your balance: ${plural(profile.credits, 'credit')}`}>
                {/* On a phone the word goes (the tooltip still says it): a long balance must not push the badge out of the header. */}
                <Badge
                  size="lg"
                  variant="light"
                  color="teal"
                  leftSection={<IconCoins size={14} />}
                  radius="sm"
                  data-testid="header-balance"
                  style={{ flexShrink: 0 }}
                >
                  {formatNumber(profile.credits)}
                  <Text span inherit visibleFrom="xs">
                    {' '}
                    {profile.credits === 1 ? 'credit' : 'credits'}
                  </Text>
                </Badge>
              </Tooltip>
            )}
            {profile && (
              <Stack gap={0} visibleFrom="sm" maw={180}>
                <Text size="sm" fw={600} truncate="end" data-testid="current-reseller">
                  {profile.username}
                </Text>
              </Stack>
            )}
            <Button variant="default" size="sm" onClick={() => void signOut()} leftSection={<IconLogout size={16} />} visibleFrom="xs">
              Sign out
            </Button>
            <ActionIcon variant="default" size="lg" onClick={() => void signOut()} aria-label="Sign out" hiddenFrom="xs">
              <IconLogout size={18} />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Portal navigation">
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" py={6}>
          Portal
        </Text>
        <NavLink
          component={Link}
          to="/reseller"
          label="Overview"
          leftSection={<IconChartBar size={18} />}
          active={Boolean(onOverview)}
          onClick={nav.close}
          variant="light"
        />
        <NavLink
          component={Link}
          to="/reseller/keys"
          label="My keys"
          leftSection={<IconKey size={18} />}
          active={Boolean(onKeys)}
          onClick={nav.close}
          variant="light"
        />
        <NavLink
          component={Link}
          to="/reseller/credits"
          label="Credit history"
          leftSection={<IconReceipt size={18} />}
          active={Boolean(onCredits)}
          onClick={nav.close}
          variant="light"
        />
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
