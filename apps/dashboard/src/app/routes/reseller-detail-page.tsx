import { Paper, Skeleton, Stack, Tabs } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconKey, IconReceipt, IconSettings } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { DetailLoadError } from '@/components/detail-load-error';
import { ResellerKeysTab } from '@/features/licenses/components/reseller-keys-tab';
import { useReseller } from '@/features/resellers/api/resellers';
import { LedgerTab } from '@/features/resellers/components/ledger-tab';
import { PermissionsTab } from '@/features/resellers/components/permissions-tab';
import { ResellerHeader } from '@/features/resellers/components/reseller-header';
import { useAppChoices } from './app-choices';

/**
 * /resellers/:resellerId: balance, ledger, keys made and permissions of one reseller. It combines
 * features (resellers, licenses for the keys, apps for the app names), so it lives here.
 */
export function ResellerDetailPage() {
  const { resellerId = '' } = useParams();
  const reseller = useReseller(resellerId);
  const apps = useAppChoices();
  useDocumentTitle(reseller.data ? `${reseller.data.username} · Resellers · Keyhold` : 'Keyhold');

  if (reseller.isPending) return <Skeleton h={300} radius="md" />;
  if (reseller.isError) {
    return (
      <DetailLoadError
        query={reseller}
        errorTitle="Could not load the reseller"
        notFound={{
          title: 'Reseller not found',
          description: 'It may have been deleted.',
          backTo: '/resellers',
          backLabel: 'Back to resellers',
        }}
      />
    );
  }

  const r = reseller.data;
  return (
    <Stack gap="lg">
      <ResellerHeader reseller={r} />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        <Tabs defaultValue="ledger" keepMounted={false}>
          <Tabs.List className="kh-tabs-list" px="sm">
            <Tabs.Tab value="ledger" leftSection={<IconReceipt size={16} />}>
              Credit ledger
            </Tabs.Tab>
            <Tabs.Tab value="keys" leftSection={<IconKey size={16} />}>
              Keys made
            </Tabs.Tab>
            <Tabs.Tab value="permissions" leftSection={<IconSettings size={16} />}>
              What they sell
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="ledger">
            <LedgerTab resellerId={r.id} />
          </Tabs.Panel>
          <Tabs.Panel value="keys">
            <ResellerKeysTab resellerId={r.id} apps={apps.options.filter((app) => r.appIds.includes(app.value))} />
          </Tabs.Panel>
          <Tabs.Panel value="permissions">
            {/* Keyed by id: the form starts from this reseller once; refetches leave unsaved edits alone. */}
            <PermissionsTab key={r.id} reseller={r} apps={apps} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}
