import { Alert, Anchor, Breadcrumbs, Code, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  IconBan,
  IconChartBar,
  IconFiles,
  IconHistory,
  IconKey,
  IconPlayerPause,
  IconSettings,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { Link, Outlet, useMatch, useNavigate } from 'react-router';
import { DetailLoadError } from '@/components/detail-load-error';
import { useAppId } from '@/hooks/use-app-id';
import type { AppOutletContext } from '@/hooks/use-current-app';
import { useApp } from '../api/get-app';
import { AppStatusBadge } from './app-status-badge';

export const APP_SECTIONS = [
  { value: 'overview', label: 'Overview', icon: IconChartBar },
  { value: 'licenses', label: 'Licenses', icon: IconKey },
  { value: 'users', label: 'Users', icon: IconUsers },
  { value: 'files', label: 'Files', icon: IconFiles },
  { value: 'events', label: 'Events', icon: IconHistory },
  { value: 'webhooks', label: 'Webhooks', icon: IconWebhook },
  { value: 'blacklist', label: 'Blacklist', icon: IconBan },
  { value: 'settings', label: 'Settings', icon: IconSettings },
] as const;

/** The frame of every /apps/:appId/* page: the app's name, status and the section tabs. */
export function AppDetailLayout() {
  const appId = useAppId();
  const app = useApp(appId);
  const navigate = useNavigate();
  // A section's own pages (a user's page, /apps/:appId/users/:userId) keep its tab selected.
  const section = useMatch('/apps/:appId/:section/*')?.params.section ?? 'overview';
  const sectionLabel = APP_SECTIONS.find((s) => s.value === section)?.label ?? 'Overview';
  useDocumentTitle(app.data ? `${sectionLabel} · ${app.data.name} · Keyhold` : 'Keyhold');

  if (app.isError) {
    return (
      <DetailLoadError
        query={app}
        errorTitle="Could not load the application"
        notFound={{
          title: 'Application not found',
          description: 'It may have been deleted, or it belongs to another account.',
          backTo: '/apps',
          backLabel: 'Back to applications',
        }}
      />
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to="/apps" size="sm">
            Applications
          </Anchor>
          <Text size="sm" c="dimmed" truncate="end" maw={220}>
            {app.data?.name ?? '…'}
          </Text>
        </Breadcrumbs>
        {app.data ? (
          <Group gap="sm" align="center" wrap="wrap">
            <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="app-title">
              {app.data.name}
            </Title>
            <AppStatusBadge status={app.data.status} />
            <Code>v{app.data.version}</Code>
          </Group>
        ) : (
          <Skeleton h={34} w={260} />
        )}
      </Stack>

      {app.data?.status === 'DISABLED' && (
        <Alert variant="light" color="orange" icon={<IconPlayerPause />} title="This app is disabled" role="status">
          Every sign-in, registration and license check is refused until you enable it in{' '}
          <Anchor component={Link} to={`/apps/${encodeURIComponent(appId)}/settings`} size="sm">
            Settings
          </Anchor>
          .
        </Alert>
      )}

      <Tabs
        value={section}
        onChange={(value) => value && void navigate(`/apps/${encodeURIComponent(appId)}/${value}`)}
        keepMounted={false}
        aria-label="Application sections"
      >
        <Tabs.List className="kh-tabs-list">
          {APP_SECTIONS.map(({ value, label, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} />}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      {app.data ? <Outlet context={{ app: app.data } satisfies AppOutletContext} /> : <Skeleton h={240} radius="md" />}
    </Stack>
  );
}
