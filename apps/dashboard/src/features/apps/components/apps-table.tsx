import type { AppResponse } from '@keyhold/contracts';
import { Anchor, Code, Group, Skeleton, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CopyIconButton } from '@/components/copy-icon-button';
import { formatDate } from '@/lib/format';
import { AppStatusBadge } from './app-status-badge';

const numberFormat = new Intl.NumberFormat();

function Head() {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>Name</Table.Th>
        <Table.Th>Status</Table.Th>
        <Table.Th>Version</Table.Th>
        <Table.Th ta="right">Users</Table.Th>
        <Table.Th ta="right">Licenses</Table.Th>
        <Table.Th>API key</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

function Frame({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table className="kh-table" verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={label}>
        <Head />
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

export function AppsTable({ apps }: { apps: AppResponse[] }) {
  return (
    <Frame label="Applications">
      <Table.Tbody>
        {apps.map((app) => (
          <Table.Tr key={app.id} data-testid="app-row">
            <Table.Td className="kh-wrap">
              <Anchor component={Link} to={`/apps/${encodeURIComponent(app.id)}/overview`} fw={600} size="sm">
                {app.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                Created {formatDate(app.createdAt)}
              </Text>
            </Table.Td>
            <Table.Td>
              <AppStatusBadge status={app.status} />
            </Table.Td>
            <Table.Td>
              <Code>{app.version}</Code>
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm">{numberFormat.format(app._count.appUsers)}</Text>
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm">{numberFormat.format(app._count.licenses)}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Code className="kh-mono" data-testid="app-api-key">
                  {app.apiKey}
                </Code>
                <CopyIconButton value={app.apiKey} label="API key" />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Frame>
  );
}

export function AppsTableSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <Frame label="Loading applications">
      <Table.Tbody aria-busy>
        {Array.from({ length: rows }, (_, i) => (
          <Table.Tr key={i}>
            <Table.Td>
              <Skeleton h={14} w={140} mb={6} />
              <Skeleton h={10} w={90} />
            </Table.Td>
            <Table.Td>
              <Skeleton h={18} w={64} />
            </Table.Td>
            <Table.Td>
              <Skeleton h={14} w={48} />
            </Table.Td>
            <Table.Td>
              <Skeleton h={14} w={24} ml="auto" />
            </Table.Td>
            <Table.Td>
              <Skeleton h={14} w={24} ml="auto" />
            </Table.Td>
            <Table.Td>
              <Skeleton h={14} w={220} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Frame>
  );
}
