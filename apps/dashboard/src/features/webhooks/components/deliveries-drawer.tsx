import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryResponse,
  type WebhookDeliveryStatus,
  type WebhookEndpointResponse,
} from '@keyhold/contracts';
import {
  ActionIcon,
  Box,
  Button,
  Code,
  Collapse,
  Drawer,
  EmptyState,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconInbox, IconRepeat, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { TablePagination } from '@/components/table-pagination';
import { formatDateTime, plural } from '@/lib/format';
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
        // The message goes under the figures when the drawer is narrow.
        <Group key={i} gap="xs" wrap="wrap" align="flex-start">
          <Text size="xs" w={150} style={{ flexShrink: 0 }}>
            {formatDateTime(attempt.attemptedAt)}
          </Text>
          <Text size="xs" fw={600} w={64} c={attempt.statusCode && attempt.statusCode < 300 ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
            {attempt.statusCode ?? 'no answer'}
          </Text>
          <Text size="xs" w={64} style={{ flexShrink: 0 }}>
            {attempt.latencyMs} ms
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere', flex: '1 1 12rem' }}>
            {attempt.error ?? attempt.responseExcerpt ?? ''}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** What the endpoint last answered, in words: "HTTP 200 · 34 ms · 1 try". */
function lastAnswer(delivery: WebhookDeliveryResponse): string {
  const code = delivery.lastStatusCode === null ? 'No answer' : `HTTP ${delivery.lastStatusCode}`;
  const latency = lastLatency(delivery);
  return [
    delivery.attempts === 0 ? 'Not tried yet' : code,
    ...(latency === '—' ? [] : [latency]),
    plural(delivery.attempts, 'try', 'tries'),
  ].join(' · ');
}

/**
 * One delivery per row: event, status and the attempts toggle on the left; what the endpoint
 * answered, when, and Redeliver on the right. The two halves wrap onto two lines when the drawer is
 * narrow (a phone), so Redeliver is never pushed out of sight.
 */
function DeliveryRows({ webhookId, deliveries }: { webhookId: string; deliveries: WebhookDeliveryResponse[] }) {
  const redeliver = useRedeliver();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack gap={0} role="list" aria-label="Deliveries">
      {deliveries.map((d) => (
        <Box
          key={d.id}
          role="listitem"
          data-testid="delivery-row"
          py="xs"
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        >
          <Group justify="space-between" gap="xs" wrap="wrap" align="center">
            <Group gap="xs" wrap="nowrap" miw={0} style={{ flex: '1 1 14rem' }}>
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
              <Text size="sm" className="kh-mono" truncate="end" miw={0} title={d.event}>
                {d.event}
              </Text>
              <Box style={{ flexShrink: 0 }}>
                <DeliveryStatusBadge status={d.status} />
              </Box>
            </Group>
            <Group gap="sm" wrap="nowrap" justify="flex-end" style={{ flex: '1 1 auto', marginLeft: 'auto' }}>
              <Stack gap={0} align="flex-end">
                <Text size="sm" data-testid="delivery-answer">
                  {lastAnswer(d)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(d.createdAt)}
                </Text>
              </Stack>
              <Tooltip label="Send this event again">
                <ActionIcon
                  variant="subtle"
                  aria-label={`Redeliver ${d.event}`}
                  loading={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
                  style={{ flexShrink: 0 }}
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
            </Group>
          </Group>
          <Collapse expanded={open === d.id}>
            <Box pt="xs" pl={{ base: 0, xs: 32 }}>
              <AttemptLog delivery={d} />
            </Box>
          </Collapse>
        </Box>
      ))}
    </Stack>
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
        <DeliveryRows webhookId={webhookId} deliveries={deliveries.data.data} />
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
