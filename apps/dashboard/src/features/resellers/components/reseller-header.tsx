import type { ResellerResponse } from '@keyhold/contracts';
import { Anchor, Breadcrumbs, Button, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconCoins, IconLock, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { ConfirmModal } from '@/components/confirm-modal';
import { formatDate, plural } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useDeleteReseller, useUpdateReseller } from '../api/resellers';
import { CreditsModal } from './credits-modal';
import { ResellerPortalLink } from './reseller-portal-link';
import { ResellerPasswordModal } from './reseller-password-modal';
import { NoAppsLeftBadge, ResellerStatusBadge } from './reseller-status-badge';

/** The top of a reseller's page: who, balance, and the actions (top up, suspend, password, delete). */
export function ResellerHeader({ reseller: r }: { reseller: ResellerResponse }) {
  const navigate = useNavigate();
  const update = useUpdateReseller(r.id);
  const remove = useDeleteReseller(r.id);
  const [creditsOpened, creditsModal] = useDisclosure(false);
  const [passwordOpened, passwordModal] = useDisclosure(false);
  const [deleteOpened, deleteModal] = useDisclosure(false);
  const [suspendOpened, suspendModal] = useDisclosure(false);

  const setStatus = (status: 'ACTIVE' | 'SUSPENDED') =>
    update.mutate(
      { status },
      {
        onSuccess: () => {
          suspendModal.close();
          notifySuccess(
            status === 'ACTIVE' ? `${r.username} can sign in and sell again` : `${r.username} cannot sign in or sell`,
            status === 'ACTIVE' ? 'Reseller activated' : 'Reseller suspended',
          );
        },
        onError: (error) => status === 'ACTIVE' && notifyError(error, 'Could not activate the reseller'),
      },
    );

  return (
    <>
      <Stack gap={6}>
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to="/resellers" size="sm">
            Resellers
          </Anchor>
          <Text size="sm" c="dimmed">
            {r.username}
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-end" gap="md">
          <Stack gap={4} miw={0} maw="100%">
            <Group gap="sm">
              <Title order={2} data-testid="reseller-title">
                {r.username}
              </Title>
              <ResellerStatusBadge status={r.status} />
              {r.appIds.length === 0 && <NoAppsLeftBadge />}
            </Group>
            <Text size="sm" c="dimmed">
              Since {formatDate(r.createdAt)}
            </Text>
            <ResellerPortalLink variant="inline" username={r.username} />
          </Stack>
          <Group gap="sm">
            <Paper withBorder radius="md" px="md" py={6}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Balance
              </Text>
              <Text fz={22} fw={700} data-testid="reseller-balance">
                {plural(r.credits, 'credit')}
              </Text>
            </Paper>
            <Button leftSection={<IconCoins size={16} />} onClick={creditsModal.open}>
              Top up
            </Button>
            <Menu position="bottom-end" withinPortal shadow="md">
              <Menu.Target>
                <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                  More
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {r.status === 'ACTIVE' ? (
                  <Menu.Item
                    leftSection={<IconPlayerPause size={16} />}
                    onClick={() => {
                      update.reset();
                      suspendModal.open();
                    }}
                  >
                    Suspend…
                  </Menu.Item>
                ) : (
                  <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={() => setStatus('ACTIVE')}>
                    Activate
                  </Menu.Item>
                )}
                <Menu.Item leftSection={<IconLock size={16} />} onClick={passwordModal.open}>
                  Set password…
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  leftSection={<IconTrash size={16} />}
                  color="red"
                  onClick={() => {
                    remove.reset();
                    deleteModal.open();
                  }}
                >
                  Delete…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Stack>

      <CreditsModal resellerId={r.id} username={r.username} balance={r.credits} opened={creditsOpened} onClose={creditsModal.close} />
      <ResellerPasswordModal reseller={r} opened={passwordOpened} onClose={passwordModal.close} />
      <ConfirmModal
        opened={suspendOpened}
        onClose={suspendModal.close}
        title={`Suspend ${r.username}?`}
        confirmLabel="Suspend"
        color="orange"
        loading={update.isPending}
        error={update.error}
        onConfirm={() => setStatus('SUSPENDED')}
      >
        They cannot sign in or generate keys until you activate them. Their keys keep working.
      </ConfirmModal>
      <ConfirmModal
        opened={deleteOpened}
        onClose={deleteModal.close}
        title={`Delete ${r.username}?`}
        confirmLabel="Delete reseller"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(`${r.username} was deleted`, 'Reseller deleted');
              void navigate('/resellers', { replace: true });
            },
          })
        }
      >
        The account and its ledger are deleted for good. Keys they generated keep working.
      </ConfirmModal>
    </>
  );
}
