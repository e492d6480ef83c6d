import { Button, Center, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** A page that failed to render: say so plainly and offer a way out, instead of a blank screen. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : undefined;
  return (
    <Center mih="60dvh" p="md">
      <Paper withBorder radius="md" p="xl" maw={520} w="100%">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <IconAlertTriangle size={28} color="var(--mantine-color-orange-6)" aria-hidden />
            <Title order={3}>This page ran into a problem</Title>
          </Group>
          <Text size="sm" c="dimmed">
            Reloading usually helps. If it keeps happening, the details below help us find the cause.
          </Text>
          {detail && <Code block>{detail}</Code>}
          <Group gap="sm">
            <Button leftSection={<IconRefresh size={16} />} onClick={() => window.location.reload()}>
              Reload
            </Button>
            <Button variant="default" component={Link} to="/apps" reloadDocument>
              Go to applications
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
