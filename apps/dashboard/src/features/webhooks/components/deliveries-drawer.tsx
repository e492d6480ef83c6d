import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryResponse,
  type WebhookDeliveryStatus,
  type WebhookEndpointResponse,
} from '@keyhold/contracts';
import {
  ActionIcon,
  Button,
  Code,
  Collapse,
  Drawer,
  EmptyState,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconInbox, IconRepeat, IconSend } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { TablePagination } from '@/components/table-pagination';
import { formatDateTime } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useDeliveries, useRedeliver, useSendTestEvent } from '../api/webhooks';
import { DeliveryStatusBadge } from './delivery-status-badge';

const PAGE_SIZE = 20;

function lastLatency(delivery: WebhookDeliveryResponse): string {
  const last = delivery.attemptLog.at(-1);
  return last ? `${last.latencyMs} ms` : '—';
}

function AttemptLog({ delivery }: { delivery: WebhookDeliveryResponse }) {
  if (delivery.attemptLog.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Not attempted yet{delivery.nextAttemptAt ? `; due ${formatDateTime(delivery.nextAttemptAt)}` : ''}.
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed">
        Event id <Code>{delivery.eventId}</Code>
        {delivery.nextAttemptAt && <> · next attempt {formatDateTime(delivery.nextAttemptAt)}</>}
      </Text>
      {delivery.attemptLog.map((attempt, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <Text size="xs" w={150} style={{ flexShrink: 0 }}>
            {formatDateTime(attempt.attemptedAt)}
          </Text>
          <Text size="xs" fw={600} w={64} c={attempt.statusCode && attempt.statusCode < 300 ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
            {attempt.statusCode ?? 'no answer'}
          </Text>
          <Text size="xs" w={64} style={{ flexShrink: 0 }}>
            {attempt.latencyMs} ms
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {attempt.error ?? attempt.responseExcerpt ?? ''}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function DeliveryRows({ webhookId, deliveries }: { webhookId: string; deliveries: WebhookDeliveryResponse[] }) {
  const redeliver = useRedeliver();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      {deliveries.map((d) => (
        <Fragment key={d.id}>
          <Table.Tr data-testid="delivery-row">
            <Table.Td>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                onClick={() => setOpen(open === d.id ? null : d.id)}
                aria-label={open === d.id ? 'Hide attempts' : 'Show attempts'}
                aria-expanded={open === d.id}
              >
                {open === d.id ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
              </ActionIcon>
            </Table.Td>
            <Table.Td>
              <Text size="sm" className="kh-mono">
                {d.event}
              </Text>
            </Table.Td>
            <Table.Td>
              <DeliveryStatusBadge status={d.status} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{d.lastStatusCode ?? '—'}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{lastLatency(d)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{d.attempts}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(d.createdAt)}</Text>
            </Table.Td>
            <Table.Td>
              <Tooltip label="Send this event again">
                <ActionIcon
                  variant="subtle"
                  aria-label={`Redeliver ${d.event}`}
                  loading={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
                  onClick={() =>
                    redeliver.mutate(
                      { webhookId, deliveryId: d.id },
                      {
                        onSuccess: () => notifySuccess(`${d.event} is queued again`, 'Redelivery queued'),
                        onError: (error) => notifyError(error, 'Could not redeliver'),
                      },
                    )
                  }
                >
                  <IconRepeat size={16} />
                </ActionIcon>
              </Tooltip>
            </Table.Td>
          </Table.Tr>
          <Table.Tr style={{ display: open === d.id ? undefined : 'none' }}>
            <Table.Td colSpan={8} className="kh-wrap">
              <Collapse expanded={open === d.id}>
                <AttemptLog delivery={d} />
              </Collapse>
            </Table.Td>
          </Table.Tr>
        </Fragment>
      ))}
    </>
  );
}

interface DeliveriesDrawerProps {
  endpoint: WebhookEndpointResponse | null;
  onClose: () => void;
}

/** An endpoint's delivery log: status, response code and latency of each event, with redelivery. */
export function DeliveriesDrawer({ endpoint, onClose }: DeliveriesDrawerProps) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const webhookId = endpoint?.id ?? '';
  const deliveries = useDeliveries(webhookId, { status: status === 'all' ? undefined : status, page, limit: PAGE_SIZE }, Boolean(endpoint));
  const sendTest = useSendTestEvent();

  let content: React.ReactNode;
  if (deliveries.isPending) {
    content = <Skeleton h={160} radius="md" />;
  } else if (deliveries.isError) {
    content = (
      <QueryErrorAlert
        title="Could not load the deliveries"
        error={deliveries.error}
        onRetry={() => void deliveries.refetch()}
        retrying={deliveries.isFetching}
      />
    );
  } else if (deliveries.data.data.length === 0) {
    content = (
      <EmptyState
        py={40}
        px="md"
        icon={<IconInbox size={28} />}
        title="No deliveries yet"
        description={status === 'all' ? 'Send a test event, or wait for the events you picked.' : 'None with this status.'}
      />
    );
  } else {
    content = (
      <>
        <Table.ScrollContainer minWidth={720} type="native">
          <Table className="kh-table" verticalSpacing="xs" horizontalSpacing="sm" aria-label="Deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <VisuallyHidden>Attempts</VisuallyHidden>
                </Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Response</Table.Th>
                <Table.Th>Latency</Table.Th>
                <Table.Th>Tries</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th w={48}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <DeliveryRows webhookId={webhookId} deliveries={deliveries.data.data} />
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <TablePagination meta={deliveries.data.meta} noun="deliveries" onPageChange={setPage} />
      </>
    );
  }

  return (
    <Drawer
      opened={Boolean(endpoint)}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        <Stack gap={0}>
          <Text fw={650}>Deliveries</Text>
          <Text size="xs" c="dimmed" className="kh-mono" style={{ overflowWrap: 'anywhere' }}>
            {endpoint?.url}
          </Text>
        </Stack>
      }
    >
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <SegmentedControl
            size="xs"
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            data={[
              { value: 'all', label: 'All' },
              ...WEBHOOK_DELIVERY_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })),
            ]}
            aria-label="Delivery status"
          />
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} />}
            disabled={!endpoint?.enabled}
            loading={sendTest.isPending}
            onClick={() =>
              endpoint &&
              sendTest.mutate(endpoint.id, {
                onSuccess: () => notifySuccess('A webhook.test event is on its way', 'Test event sent'),
                onError: (error) => notifyError(error, 'Could not send a test event'),
              })
            }
          >
            Send test event
          </Button>
        </Group>
        {content}
      </Stack>
    </Drawer>
  );
}
