import { Alert, Button, EmptyState, Paper, Stack } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconApps, IconPlus, IconRefresh } from '@tabler/icons-react';
import { PageHeader } from '@/components/page-header';
import { getErrorMessage } from '@/lib/errors';
import { useApps } from '../api/get-apps';
import { AppsTable, AppsTableSkeleton } from './apps-table';
import { CreateAppModal } from './create-app-modal';

export function AppsPage() {
  useDocumentTitle('Applications · Keyhold');
  const apps = useApps();
  const [createOpened, create] = useDisclosure(false);

  let content: React.ReactNode;
  if (apps.isPending) {
    content = <AppsTableSkeleton />;
  } else if (apps.isError) {
    content = (
      <Alert m="md" variant="light" color="red" icon={<IconAlertCircle />} title="Could not load your applications" role="alert">
        <Stack gap="sm" align="flex-start">
          {getErrorMessage(apps.error)}
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={() => void apps.refetch()}
            loading={apps.isFetching}
          >
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  } else if (apps.data.length === 0) {
    content = (
      <EmptyState
        py={56}
        px="md"
        variant="light"
        icon={<IconApps size={28} />}
        title="No applications yet"
        description="Create an app to get the API key your software uses to sign users in and check licenses."
      >
        <EmptyState.Actions>
          <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
            Create your first app
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else {
    content = <AppsTable apps={apps.data} />;
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="Applications"
        description="Each application has its own API key, users and licenses."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
            New app
          </Button>
        }
      />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        {content}
      </Paper>
      <CreateAppModal opened={createOpened} onClose={create.close} />
    </Stack>
  );
}
