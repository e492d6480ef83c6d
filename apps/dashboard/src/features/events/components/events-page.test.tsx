import type { EventResponse, ListEventsQuery } from '@keyhold/contracts';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '@/lib/format';
import { app, page } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { EventsPage } from './events-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

function event(n: number, name: EventResponse['name'], data: EventResponse['data'], createdAt = '2026-11-25T12:00:00.000Z'): EventResponse {
  return { id: `evt_${String(n).padStart(32, '0')}`, name, createdAt, data };
}

const denied = event(3, 'auth.denied', {
  reason: 'HWID_MISMATCH',
  username: 'tanish',
  ip: '81.2.69.142',
  hwid: 'HW-OTHER-PC',
  country: 'GB',
});
const login = event(2, 'user.login', { userId: 'usr_1', username: 'ada', ip: '8.8.8.8', hwid: 'HW-ADA', country: 'US' });
const keyDenied = event(1, 'auth.denied', { reason: 'LICENSE_EXPIRED', keyLast4: 'ZZ99', ip: '127.0.0.1', hwid: null, country: null });

const lastQuery = (): ListEventsQuery | undefined => sdk.events.list.mock.lastCall?.[0];
const rows = () => screen.getAllByTestId('event-row');

beforeEach(() => {
  sdk.events.list.mockReset().mockResolvedValue(page([denied, login, keyDenied], { limit: 50, totalCapped: false, nextCursor: null }));
  sdk.events.exportCsv.mockReset();
  sdk.apps.get.mockReset().mockResolvedValue(app);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('EventsPage', () => {
  it('shows each event: time, name, user or key, ip, country, hardware id and the reason of a refusal', async () => {
    renderAppPage(<EventsPage />, { app, section: 'events' });
    await screen.findAllByTestId('event-row');
    expect(lastQuery()).toEqual({ appId: app.id, limit: 50 });

    const [first, second, third] = rows();
    expect(first).toHaveAttribute('data-event', 'auth.denied');
    for (const text of [formatDateTime(denied.createdAt), 'auth.denied', 'tanish', '81.2.69.142', 'GB', 'HW-OTHER-PC', 'HWID_MISMATCH']) {
      expect(within(first).getByText(text)).toBeInTheDocument();
    }
    // The country's name is at hand for a code.
    expect(within(first).getByTestId('event-country')).toHaveAttribute('title', 'United Kingdom');
    for (const text of ['user.login', 'ada', '8.8.8.8', 'US', 'HW-ADA']) expect(within(second).getByText(text)).toBeInTheDocument();
    // A login is not a refusal: no reason.
    expect(within(second).queryByText(/HWID_MISMATCH|LICENSE_EXPIRED/)).not.toBeInTheDocument();
    // A refused key shows its last 4 characters only; an unknown country a dash.
    expect(within(third).getByText('…ZZ99')).toBeInTheDocument();
    expect(within(third).getByText('LICENSE_EXPIRED')).toBeInTheDocument();
    expect(within(third).queryByTestId('event-country')).not.toBeInTheDocument();
    expect(screen.getByTestId('page-summary')).toHaveTextContent('Showing 1–3 of 3 events');
  });

  it('filters by event name and searches, through the URL, and exports what the list shows', async () => {
    sdk.events.exportCsv.mockResolvedValue('id,createdAt,event\n');
    URL.createObjectURL = vi.fn(() => 'blob:test');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const user = userEvent.setup();
    const { router } = renderAppPage(<EventsPage />, { app, section: 'events' });
    await screen.findAllByTestId('event-row');

    await user.click(screen.getByRole('combobox', { name: 'Event' }));
    await user.click(await screen.findByRole('option', { name: /^auth\.denied/ }));
    await waitFor(() => expect(lastQuery()).toEqual({ appId: app.id, name: 'auth.denied', limit: 50 }));
    expect(new URLSearchParams(router.state.location.search).get('name')).toBe('auth.denied');

    await user.type(screen.getByLabelText('Search events'), 'tanish');
    await waitFor(() => expect(lastQuery()).toEqual({ appId: app.id, name: 'auth.denied', q: 'tanish', limit: 50 }));
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('tanish');

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(sdk.events.exportCsv).toHaveBeenCalledWith({ appId: app.id, name: 'auth.denied', q: 'tanish' }));
    expect(await screen.findByText('Events exported')).toBeInTheDocument();
    expect(click).toHaveBeenCalled();
  });

  it('pages to older events by cursor and back to the newer ones', async () => {
    sdk.events.list.mockImplementation((query: ListEventsQuery) =>
      Promise.resolve(
        query.cursor === 'after-page-1'
          ? page([keyDenied], { total: 51, page: 2, limit: 50, totalCapped: false, nextCursor: null })
          : page([denied, login], { total: 51, page: 1, limit: 50, totalCapped: false, nextCursor: 'after-page-1' }),
      ),
    );
    const user = userEvent.setup();
    renderAppPage(<EventsPage />, { app, section: 'events' });
    expect(await screen.findByText('tanish')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('…ZZ99')).toBeInTheDocument();
    expect(lastQuery()).toEqual({ appId: app.id, cursor: 'after-page-1', limit: 50 });
    expect(screen.getByTestId('page-summary')).toHaveTextContent('Showing 51–51 of 51 events');
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Newer' }));
    // The newest page again (from the cache, refreshed in the background).
    expect(await screen.findByText('tanish')).toBeInTheDocument();
    expect(screen.getByTestId('page-summary')).toHaveTextContent('Showing 1–2 of 51 events');
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
  });

  it('shows new events as they come in, every 5 seconds, until live updates are turned off', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderAppPage(<EventsPage />, { app, section: 'events' });
    await screen.findAllByTestId('event-row');
    expect(rows()).toHaveLength(3);

    const newer = event(4, 'session.create', { sessionId: 'ses_1', userId: 'usr_1', ip: '8.8.4.4', hwid: null, country: 'US' });
    sdk.events.list.mockResolvedValue(page([newer, denied, login, keyDenied], { limit: 50, totalCapped: false, nextCursor: null }));
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(within(rows()[0]).getByText('8.8.4.4')).toBeInTheDocument();

    await user.click(screen.getByRole('switch', { name: 'Live updates' }));
    const calls = sdk.events.list.mock.calls.length;
    await act(() => vi.advanceTimersByTimeAsync(15_000));
    expect(sdk.events.list.mock.calls.length).toBe(calls);
  });

  it('says so when the app has no events yet, and when a filter matches none', async () => {
    sdk.events.list.mockResolvedValue(page([], { limit: 50, totalCapped: false, nextCursor: null }));
    const user = userEvent.setup();
    const { router } = renderAppPage(<EventsPage />, { app, section: 'events' });
    expect(await screen.findByText('No events yet')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Search events'), 'nobody');
    expect(await screen.findByText('No events match')).toBeInTheDocument();
    expect(lastQuery()).toEqual({ appId: app.id, q: 'nobody', limit: 50 });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('No events yet')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });
});
