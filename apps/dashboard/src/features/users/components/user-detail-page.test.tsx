import type { EventResponse, UserSessionResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, license, page, user } from '@/testing/fixtures';
import { Outlet } from 'react-router';
import { renderRoutes } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { UserDetailPage } from './user-detail-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const tanish = user();
const session = (n: number, overrides: Partial<UserSessionResponse> = {}): UserSessionResponse => ({
  id: `ses_${String(n).padStart(32, '0')}`,
  ip: '203.0.113.9',
  hwid: 'HW-LAPTOP',
  createdAt: `2026-11-2${n}T10:00:00.000Z`,
  expiresAt: '2099-01-01T00:00:00.000Z',
  endedAt: null,
  active: true,
  ...overrides,
});

beforeEach(() => {
  sdk.users.get.mockReset().mockResolvedValue(tanish);
  sdk.users.sessions
    .mockReset()
    .mockResolvedValue([
      session(3, { hwid: 'HW-DESKTOP', ip: '198.51.100.4' }),
      session(2),
      session(1, { active: false, endedAt: '2026-11-21T11:00:00.000Z' }),
    ]);
  sdk.users.endSession.mockReset().mockResolvedValue({ id: session(2).id, ended: true });
  // The server filters by user id: only the user's own key comes back.
  sdk.licenses.list.mockReset().mockImplementation((q) =>
    Promise.resolve(
      page(
        q.userId === tanish.id
          ? [
              license({
                key: 'TANI-SHKE-Y000-0001',
                usedBy: { id: tanish.id, username: 'tanish' },
                activatedAt: '2026-11-20T09:00:00.000Z',
              }),
            ]
          : [],
      ),
    ),
  );
  // The search by id finds this user's events; the one by username, refusals of look-alike names too.
  sdk.events.list.mockReset().mockImplementation((q) =>
    Promise.resolve(
      page<EventResponse>(
        q.name === 'auth.denied'
          ? [
              {
                id: 'evt_1',
                name: 'auth.denied',
                createdAt: '2026-11-23T10:00:00.000Z',
                data: { username: 'tanish', reason: 'HWID_MISMATCH', ip: '198.51.100.4', country: 'DE' },
              },
              {
                id: 'evt_3',
                name: 'auth.denied',
                createdAt: '2026-11-23T11:00:00.000Z',
                data: { username: 'tanish2', reason: 'BLACKLISTED' },
              },
            ]
          : [
              {
                id: 'evt_2',
                name: 'user.register',
                createdAt: '2026-11-20T09:00:00.000Z',
                data: { userId: tanish.id, username: 'tanish' },
              },
              {
                id: 'evt_4',
                name: 'user.login',
                createdAt: '2026-11-22T10:00:00.000Z',
                data: { userId: 'usr_ffffffffffffffffffffffffffffffff' },
              },
            ],
      ),
    ),
  );
});

/** Mounted as the router mounts it: /apps/:appId/users/:userId, the app in the outlet context. */
const renderPage = (userId: string) =>
  renderRoutes(
    [{ path: '/apps/:appId', element: <Outlet context={{ app }} />, children: [{ path: 'users/:userId', element: <UserDetailPage /> }] }],
    `/apps/${app.id}/users/${userId}`,
  );

describe('UserDetailPage', () => {
  it("shows the user's key, sessions, the devices and IPs seen, and its own events only", async () => {
    renderPage(tanish.id);
    expect(await screen.findByRole('heading', { name: 'tanish' })).toBeInTheDocument();
    expect(sdk.users.get).toHaveBeenCalledWith(tanish.id);
    expect(await screen.findByText('TANI-SHKE-Y000-0001')).toBeInTheDocument();
    expect(sdk.licenses.list).toHaveBeenCalledWith({ appId: app.id, userId: tanish.id, limit: 1 });

    expect(await screen.findAllByTestId('session-row')).toHaveLength(3);
    expect(screen.getAllByRole('button', { name: 'End session' })).toHaveLength(2);
    const devices = screen.getByRole('table', { name: 'Devices seen' });
    expect(within(devices).getByText('HW-LAPTOP').closest('tr')).toHaveTextContent('2 logins');
    expect(within(devices).getByText('HW-DESKTOP').closest('tr')).toHaveTextContent('1 login,');
    expect(within(screen.getByRole('table', { name: 'IPs seen' })).getAllByRole('row')).toHaveLength(2);

    const events = await screen.findByRole('table', { name: 'Latest events' });
    expect(within(events).getByText('HWID_MISMATCH')).toBeInTheDocument();
    expect(within(events).getByText('user.register')).toBeInTheDocument();
    expect(within(events).queryByText('BLACKLISTED')).not.toBeInTheDocument();
    expect(within(events).queryByText('user.login')).not.toBeInTheDocument();
    expect(sdk.events.list).toHaveBeenCalledWith({ appId: app.id, q: tanish.id, limit: 100 });
    expect(sdk.events.list).toHaveBeenCalledWith({ appId: app.id, name: 'auth.denied', q: 'tanish', limit: 100 });
  });

  it('ends a session after confirming, and refreshes the list', async () => {
    const u = userEvent.setup();
    renderPage(tanish.id);
    const rows = await screen.findAllByTestId('session-row');
    await u.click(within(rows[1]).getByRole('button', { name: 'End session' }));
    const dialog = await screen.findByRole('dialog', { name: 'End this session?' });
    expect(dialog).toHaveTextContent('HW-LAPTOP');
    await u.click(within(dialog).getByRole('button', { name: 'End session' }));
    await waitFor(() => expect(sdk.users.endSession).toHaveBeenCalledWith(tanish.id, session(2).id));
    await waitFor(() => expect(sdk.users.sessions).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('Session ended')).toBeInTheDocument();
  });

  it('says the user is not found, with the way back', async () => {
    sdk.users.get.mockRejectedValue(new KeyholdError(404, 'NOT_FOUND', 'User not found'));
    renderPage('usr_gone');
    expect(await screen.findByText('User not found')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to users' })).toHaveAttribute('href', `/apps/${app.id}/users`);
  });
});
