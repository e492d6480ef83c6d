import { KeyholdError } from '@keyhold/sdk';
import type { ResellerResponse } from '@keyhold/contracts';
import {
  Anchor,
  Breadcrumbs,
  Button,
  EmptyState,
  Group,
  Menu,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconArrowLeft, IconChevronDown, IconCoins, IconKey, IconLock, IconPlayerPause, IconPlayerPlay, IconQuestionMark, IconReceipt, IconSettings, IconTrash } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmModal } from '@/components/confirm-modal';
import { KeysTable } from '@/components/keys-table';
import { MutationErrorAlert, QueryErrorAlert } from '@/components/query-error-alert';
import { TablePagination } from '@/components/table-pagination';
import { appsQueryOptions } from '@/features/apps/api/get-apps';
import { getFieldErrors } from '@/lib/errors';
import { formatDate, formatDateTime, formatNumber } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useDeleteReseller, useLedger, useReseller, useResellerLicenses, useUpdateReseller } from '../api/resellers';
import { fromPrices, toPrices, validateResellerPassword } from '../validation';
import { CreditsModal } from './credits-modal';
import { checkPermissions, hasPermissionErrors, PermissionsFields, type PermissionErrors, type Permissions } from './permissions-fields';
import { ResellerStatusBadge } from './reseller-status-badge';

function LedgerTab({ resellerId }: { resellerId: string }) {
  const [page, setPage] = useState(1);
  const ledger = useLedger(resellerId, { page, limit: 20 });
  if (ledger.isPending) return <Skeleton h={160} m="md" radius="md" />;
  if (ledger.isError) return <QueryErrorAlert title="Could not load the ledger" error={ledger.error} onRetry={() => void ledger.refetch()} retrying={ledger.isFetching} />;
  if (ledger.data.data.length === 0) {
    return <EmptyState py={40} px="md" icon={<IconReceipt size={28} />} title="No credit movements yet" description="Top-ups, take-backs and key purchases appear here." />;
  }
  return (
    <>
      <Table.ScrollContainer minWidth={560} type="native">
        <Table className="kh-table" verticalSpacing="sm" horizontalSpacing="md" aria-label="Credit ledger">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th ta="right">Balance after</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ledger.data.data.map((entry) => (
              <Table.Tr key={entry.id} data-testid="ledger-row">
                <Table.Td>
                  <Text size="sm">{formatDateTime(entry.createdAt)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} c={entry.amount > 0 ? 'teal' : 'red'}>
                    {entry.amount > 0 ? '+' : ''}
                    {formatNumber(entry.amount)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{formatNumber(entry.balanceAfter)}</Text>
                </Table.Td>
                <Table.Td className="kh-wrap">
                  <Text size="sm" c={entry.note ? undefined : 'dimmed'}>
                    {entry.note ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TablePagination meta={ledger.data.meta} noun="entries" onPageChange={setPage} />
    </>
  );
}

function KeysTab({ reseller }: { reseller: ResellerResponse }) {
  const apps = useQuery(appsQueryOptions());
  const options = (apps.data ?? []).filter((a) => reseller.appIds.includes(a.id)).map((a) => ({ value: a.id, label: a.name }));
  const [appId, setAppId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const selected = appId ?? options[0]?.value ?? null;
  const keys = useResellerLicenses(reseller.id, selected, page);

  let content: React.ReactNode;
  if (!selected) {
    content = <EmptyState py={40} px="md" icon={<IconKey size={28} />} title="No apps" description="This reseller may not sell any of your apps." />;
  } else if (keys.isPending) {
    content = <Skeleton h={160} m="md" radius="md" />;
  } else if (keys.isError) {
    content = <QueryErrorAlert title="Could not load the keys" error={keys.error} onRetry={() => void keys.refetch()} retrying={keys.isFetching} />;
  } else if (keys.data.data.length === 0) {
    content = <EmptyState py={40} px="md" icon={<IconKey size={28} />} title="No keys yet" description="Keys this reseller generates for this app appear here." />;
  } else {
    content = (
      <>
        <KeysTable
          keys={keys.data.data}
          label="Keys made by the reseller"
          minWidth={680}
          rowTestId="reseller-key-row"
          status={(key) => (
            <Text size="sm" tt="capitalize">
              {key.status}
            </Text>
          )}
        />
        <TablePagination meta={keys.data.meta} noun="keys" onPageChange={setPage} />
      </>
    );
  }
  return (
    <>
      {options.length > 1 && (
        <Group className="kh-toolbar">
          <Select
            aria-label="App"
            data={options}
            value={selected}
            onChange={(value) => {
              setAppId(value);
              setPage(1);
            }}
            allowDeselect={false}
            w={{ base: '100%', xs: 240 }}
          />
        </Group>
      )}
      {content}
    </>
  );
}

function PermissionsTab({ reseller }: { reseller: ResellerResponse }) {
  const update = useUpdateReseller(reseller.id);
  const initial = (): Permissions => ({ appIds: reseller.appIds, subscriptions: reseller.subscriptions, prices: fromPrices(reseller.prices) });
  const [value, setValue] = useState<Permissions>(initial);
  const [errors, setErrors] = useState<PermissionErrors>({});
  useEffect(() => setValue(initial()), [reseller]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkPermissions(value);
    setErrors(found);
    if (hasPermissionErrors(found)) return;
    update.mutate(
      { appIds: value.appIds, subscriptions: value.subscriptions, prices: toPrices(value.prices) },
      {
        onSuccess: () => notifySuccess('Apps, subscriptions and prices saved', 'Permissions saved'),
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Reseller permissions">
      <Stack gap="md" p="md">
        <MutationErrorAlert title="Could not save the permissions" error={update.error} />
        <PermissionsFields value={value} onChange={setValue} errors={errors} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            Save permissions
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PasswordModal({ reseller, opened, onClose }: { reseller: ResellerResponse; opened: boolean; onClose: () => void }) {
  const update = useUpdateReseller(reseller.id);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (opened) {
      setPassword('');
      setError(undefined);
      update.reset();
    }
  }, [opened]);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>New password for {reseller.username}</Text>} centered>
      <form
        noValidate
        aria-label="Set reseller password"
        onSubmit={(event) => {
          event.preventDefault();
          const problem = validateResellerPassword(password);
          setError(problem);
          if (problem) return;
          update.mutate(
            { password },
            {
              onSuccess: () => {
                notifySuccess(`${reseller.username} is signed out everywhere`, 'Password changed');
                onClose();
              },
              onError: (e) => setError(getFieldErrors(e).password),
            },
          );
        }}
      >
        <Stack gap="md">
          <MutationErrorAlert title="Could not change the password" error={update.error} />
          <PasswordInput
            label="New password"
            description="At least 8 characters; their current sessions end"
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setError(undefined);
            }}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={update.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** /resellers/:resellerId: balance, ledger, keys made and permissions of one reseller. */
export function ResellerDetailPage() {
  const { resellerId = '' } = useParams();
  const navigate = useNavigate();
  const reseller = useReseller(resellerId);
  const update = useUpdateReseller(resellerId);
  const remove = useDeleteReseller(resellerId);
  const [creditsOpened, creditsModal] = useDisclosure(false);
  const [passwordOpened, passwordModal] = useDisclosure(false);
  const [deleteOpened, deleteModal] = useDisclosure(false);
  const [suspendOpened, suspendModal] = useDisclosure(false);
  useDocumentTitle(reseller.data ? `${reseller.data.username} · Resellers · Keyhold` : 'Keyhold');

  if (reseller.isPending) return <Skeleton h={300} radius="md" />;
  if (reseller.isError) {
    if (reseller.error instanceof KeyholdError && reseller.error.status === 404) {
      return (
        <Paper withBorder radius="md">
          <EmptyState py={56} px="md" icon={<IconQuestionMark size={28} />} title="Reseller not found" description="It may have been deleted.">
            <EmptyState.Actions>
              <Button component={Link} to="/resellers" variant="default" leftSection={<IconArrowLeft size={16} />}>
                Back to resellers
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      );
    }
    return (
      <Paper withBorder radius="md">
        <QueryErrorAlert title="Could not load the reseller" error={reseller.error} onRetry={() => void reseller.refetch()} retrying={reseller.isFetching} />
      </Paper>
    );
  }

  const r = reseller.data;
  const setStatus = (status: 'ACTIVE' | 'SUSPENDED') =>
    update.mutate(
      { status },
      {
        onSuccess: () => {
          suspendModal.close();
          notifySuccess(status === 'ACTIVE' ? `${r.username} can sign in and sell again` : `${r.username} cannot sign in or sell`, status === 'ACTIVE' ? 'Reseller activated' : 'Reseller suspended');
        },
        onError: (error) => status === 'ACTIVE' && notifyError(error, 'Could not activate the reseller'),
      },
    );

  return (
    <Stack gap="lg">
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
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} data-testid="reseller-title">
                {r.username}
              </Title>
              <ResellerStatusBadge status={r.status} />
            </Group>
            <Text size="sm" c="dimmed">
              Since {formatDate(r.createdAt)}
            </Text>
          </Stack>
          <Group gap="sm">
            <Paper withBorder radius="md" px="md" py={6}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Balance
              </Text>
              <Text fz={22} fw={700} data-testid="reseller-balance">
                {formatNumber(r.credits)} credits
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
                  <Menu.Item leftSection={<IconPlayerPause size={16} />} onClick={() => { update.reset(); suspendModal.open(); }}>
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
                <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => { remove.reset(); deleteModal.open(); }}>
                  Delete…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Stack>

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
            <KeysTab reseller={r} />
          </Tabs.Panel>
          <Tabs.Panel value="permissions">
            <PermissionsTab reseller={r} />
          </Tabs.Panel>
        </Tabs>
      </Paper>

      <CreditsModal resellerId={r.id} username={r.username} balance={r.credits} opened={creditsOpened} onClose={creditsModal.close} />
      <PasswordModal reseller={r} opened={passwordOpened} onClose={passwordModal.close} />
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
    </Stack>
  );
}
