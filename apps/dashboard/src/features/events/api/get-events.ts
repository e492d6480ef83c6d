import type { ListEventsQuery } from '@keyhold/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { eventKeys } from './event-keys';

/** How often the newest page of the log refreshes itself while it is on screen. */
export const EVENTS_REFRESH_MS = 5_000;

export function getEvents(query: ListEventsQuery) {
  return sdk.events.list(query);
}

/**
 * One page of the app's event log. `live`: refreshed every EVENTS_REFRESH_MS while the tab is
 * visible (react-query pauses the interval in a hidden tab); a refresh that fails stops it (the
 * query cache's toast says why) until the seller changes page or filter, rather than failing again
 * every few seconds.
 */
export function eventsQueryOptions(query: ListEventsQuery, { live }: { live: boolean }) {
  return queryOptions({
    queryKey: eventKeys.list(query),
    queryFn: () => getEvents(query),
    // Paging or filtering keeps the previous rows on screen until the next page arrives.
    placeholderData: keepPreviousData,
    refetchInterval: live ? (q) => (q.state.status === 'error' ? false : EVENTS_REFRESH_MS) : false,
    refetchIntervalInBackground: false,
  });
}

export function useEvents(query: ListEventsQuery, options: { live: boolean }) {
  return useQuery(eventsQueryOptions(query, options));
}
