import { WEBHOOK_EVENTS, type PageMeta, type WebhookEventName } from '@keyhold/contracts';
import { Button, EmptyState, Group, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconDownload, IconHistory } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { NoMatchState } from '@/components/list-states';
import { PageHeader } from '@/components/page-header';
import { QueryErrorAlert } from '@/components/query-error-alert';
import { SearchToolbar } from '@/components/search-toolbar';
import { useCurrentApp } from '@/hooks/use-current-app';
import { csvFilename, downloadText } from '@/lib/download';
import { formatNumber } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { EVENTS_REFRESH_MS, useEvents } from '../api/get-events';
import { useExportEvents } from '../api/export-events';
import { EVENT_LOOK } from './event-name-badge';
import { EventsTable, EventsTableSkeleton } from './events-table';

export const EVENTS_PAGE_SIZE = 50;
const NAME_OPTIONS = [
  { value: 'all', label: 'All events' },
  ...WEBHOOK_EVENTS.map((name) => ({ value: name, label: `${name} · ${EVENT_LOOK[name].description}` })),
];

/**
 * The log's filters, kept in the URL (`?name=&q=`) so a reload or a shared link shows the same
 * events. As on the other lists (hooks/use-list-params.ts), each filter or search started or
 * cleared is a history entry; refining a search already there replaces its entry.
 */
function useEventFilters() {
  const [params, setParams] = useSearchParams();
  const rawName = params.get('name');
  const name = WEBHOOK_EVENTS.find((n) => n === rawName);
  const q = params.get('q') ?? '';
  const update = useCallback(
    (next: { name?: WebhookEventName | undefined; q?: string }) => {
      const refining = Object.keys(next).every((key) => key === 'q') && Boolean(next.q) && Boolean(params.get('q'));
      setParams(
        (current) => {
          const merged = new URLSearchParams(current);
          for (const key of ['name', 'q'] as const) {
            if (!(key in next)) continue;
            const value = next[key];
            if (value) merged.set(key, value);
            else merged.delete(key);
          }
          return merged;
        },
        { replace: refining },
      );
    },
    [params, setParams],
  );
  return [{ name, q }, update] as const;
}

/**
 * Where the pages start, newest first: the first page has no cursor, each older one the
 * `nextCursor` of the page before. Kept per filter: a new name or search starts at the newest
 * events again (adjusted while rendering, not in an effect).
 */
function useCursorTrail(filterKey: string) {
  const [trail, setTrail] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  if (trail.key !== filterKey) setTrail({ key: filterKey, cursors: [] });
  const cursors = trail.key === filterKey ? trail.cursors : [];
  return {
    cursor: cursors.at(-1),
    page: cursors.length + 1,
    older: (cursor: string) => setTrail({ key: filterKey, cursors: [...cursors, cursor] }),
    newer: () => setTrail({ key: filterKey, cursors: cursors.slice(0, -1) }),
    newest: () => setTrail({ key: filterKey, cursors: [] }),
  };
}

interface PagerProps {
  meta: PageMeta;
  rows: number;
  onNewer: () => void;
  onOlder: () => void;
}

/** "Showing 51–100 of 230 events", and Newer / Older by cursor. */
function EventsPager({ meta, rows, onNewer, onOlder }: PagerProps) {
  const first = rows === 0 ? 0 : (meta.page - 1) * meta.limit + 1;
  const last = first + rows - 1;
  const total = `${formatNumber(meta.total)}${meta.totalCapped ? '+' : ''}`;
  return (
    <Group justify="space-between" px="md" py="sm" gap="sm" className="kh-table-footer">
      <Text size="sm" c="dimmed" data-testid="page-summary">
        {rows === 0 ? 'No events' : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${total} events`}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={meta.page <= 1} onClick={onNewer}>
          Newer
        </Button>
        <Button variant="default" size="xs" rightSection={<IconChevronRight size={14} />} disabled={!meta.nextCursor} onClick={onOlder}>
          Older
        </Button>
      </Group>
    </Group>
  );
}

/** /apps/:appId/events: what happened in the app, refused sign-ins included, live. */
export function EventsPage() {
  const { id: appId, name: appName } = useCurrentApp();
  const [filters, setFilters] = useEventFilters();
  const trail = useCursorTrail(`${filters.name ?? ''}\u0000${filters.q}`);
  const [liveWanted, setLiveWanted] = useState(true);
  // Only the newest page changes as events come in; an older page stays put while it is read.
  const live = liveWanted && trail.page === 1;
  const events = useEvents(
    { appId, name: filters.name, q: filters.q || undefined, cursor: trail.cursor, limit: EVENTS_PAGE_SIZE },
    { live },
  );
  const exportCsv = useExportEvents(appId);
  const filtered = Boolean(filters.name || filters.q);

  const download = () =>
    exportCsv.mutate(
      { name: filters.name, q: filters.q || undefined },
      {
        onSuccess: (csv) => {
          downloadText(csvFilename(appName, 'events', filters.name ?? 'all', ...(filters.q ? ['matching', filters.q] : [])), csv);
          notifySuccess('The CSV file is downloading', 'Events exported');
        },
        onError: (error) => notifyError(error, 'Could not export the events'),
      },
    );

  let content: React.ReactNode;
  if (events.isPending) {
    content = <EventsTableSkeleton />;
  } else if (!events.data) {
    content = (
      <QueryErrorAlert
        title="Could not load the events"
        error={events.error}
        onRetry={() => void events.refetch()}
        retrying={events.isFetching}
      />
    );
  } else if (events.data.data.length === 0) {
    content = filtered ? (
      <NoMatchState
        title="No events match"
        description="Try another search or event."
        onClear={() => setFilters({ name: undefined, q: '' })}
      />
    ) : (
      <EmptyState
        py={48}
        px="md"
        icon={<IconHistory size={28} />}
        title="No events yet"
        description="Sign-ins, registrations, refused sign-ins and key activations of your software show up here as they happen."
      />
    );
  } else {
    const { data, meta } = events.data;
    content = (
      <>
        <EventsTable events={data} stale={events.isPlaceholderData} />
        <EventsPager meta={meta} rows={data.length} onNewer={trail.newer} onOlder={() => meta.nextCursor && trail.older(meta.nextCursor)} />
      </>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Events"
        description="What happened in this app, newest first: the events your webhooks receive, refused sign-ins included."
        actions={
          <Group gap="sm">
            <Switch
              label={live ? `Live (every ${EVENTS_REFRESH_MS / 1000} s)` : liveWanted ? 'Live (on the newest page)' : 'Live'}
              checked={liveWanted}
              onChange={(e) => {
                setLiveWanted(e.currentTarget.checked);
                if (e.currentTarget.checked) trail.newest();
              }}
              aria-label="Live updates"
            />
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={download} loading={exportCsv.isPending}>
              Export CSV
            </Button>
          </Group>
        }
      />
      <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
        <SearchToolbar
          label="Search events"
          placeholder="Search username, key, IP, hardware id, country or reason"
          value={filters.q}
          onChange={(q) => setFilters({ q })}
        >
          <Select
            aria-label="Event"
            data={NAME_OPTIONS}
            value={filters.name ?? 'all'}
            onChange={(next) => setFilters({ name: next && next !== 'all' ? (next as WebhookEventName) : undefined })}
            allowDeselect={false}
            w={{ base: '100%', xs: 300 }}
            comboboxProps={{ width: 340, position: 'bottom-end' }}
          />
        </SearchToolbar>
        {content}
      </Paper>
    </Stack>
  );
}
