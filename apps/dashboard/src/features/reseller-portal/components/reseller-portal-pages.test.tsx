import type { CreditLedgerEntry, ResellerKeyResponse, ResellerProfile, ResellerStatsResponse } from '@keyhold/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from '@/testing/fixtures';
import { renderRoutes, renderWithApp } from '@/testing/render';
import { reseller } from '@/testing/sdk-mock';
import { ResellerCreditsPage } from './reseller-credits-page';
import { ResellerHomePage } from './reseller-home-page';
import { ResellerKeysPage } from './reseller-keys-page';
import { ResellerLayout } from './reseller-layout';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockResellerSdk(importOriginal));

const APP = { id: 'app_0f6c1d2e3b4a59687766554433221100', name: 'Acme Desktop' };

const profile: ResellerProfile = {
  id: 'rsl_1',
  username: 'bob',
  status: 'ACTIVE',
  credits: 1,
  appIds: [APP.id],
  subscriptions: ['premium'],
  prices: [
    { durationDays: 30, credits: 1 },
    { durationDays: null, credits: 40 },
  ],
  createdAt: '2026-11-25T12:00:00.000Z',
  sellerId: 'sel_1',
  apps: [APP],
};

const days = (n: number, busy?: { generated: number; used: number }) =>
  Array.from({ length: n }, (_, i) => ({
    date: `2026-11-${String(i + 1).padStart(2, '0')}`,
    generated: busy && i === n - 1 ? busy.generated : 0,
    used: busy && i === n - 1 ? busy.used : 0,
  }));

const stats = (overrides: Partial<ResellerStatsResponse> = {}): ResellerStatsResponse => ({
  credits: 1,
  keysGenerated: 0,
  keysUsed: 0,
  keysActive: 0,
  perDay: days(30),
  ...overrides,
});

const key = (overrides: Partial<ResellerKeyResponse> = {}): ResellerKeyResponse => ({
  id: 'lic_1',
  appId: APP.id,
  key: 'RSLR-AAAA-BBBB-CCCC',
  status: 'unused',
  subscription: 'premium',
  durationDays: 30,
  note: null,
  usedBy: null,
  activatedAt: null,
  expiresAt: null,
  createdAt: '2026-11-25T12:00:00.000Z',
  ...overrides,
});

beforeEach(() => {
  reseller.me.mockReset().mockResolvedValue(profile);
  reseller.stats.mockReset().mockResolvedValue(stats());
  reseller.ledger.mockReset().mockResolvedValue(page([]));
  reseller.keys.list.mockReset().mockResolvedValue(page([key()]));
  reseller.keys.exportCsv.mockReset().mockResolvedValue('key,app\n');
});

describe('the portal header', () => {
  it('says "1 credit", and on a phone keeps the number (the word, hidden there, stays in the tooltip)', async () => {
    renderRoutes([{ path: '/reseller', element: <ResellerLayout />, children: [{ index: true, element: <p>home</p> }] }], '/reseller');
    const badge = await screen.findByTestId('header-balance');
    await waitFor(() => expect(badge).toHaveTextContent(/^1 credit$/));
    // The word is its own element, which Mantine hides below the xs breakpoint; the number is not in it.
    const word = within(badge).getByText('credit');
    expect(word).not.toHaveTextContent('1');
    expect(screen.getByRole('link', { name: 'Credit history' })).toHaveAttribute('href', '/reseller/credits');
  });
});

describe('ResellerHomePage', () => {
  it('says so over an empty chart, and prices in correct plurals', async () => {
    renderWithApp(<ResellerHomePage />, { path: '/reseller' });
    expect(await screen.findByTestId('chart-empty')).toHaveTextContent('No keys generated or used in the last 30 days');
    expect(screen.getByText(/30 days 1 credit · Lifetime 40 credits/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Generate keys' })).toBeEnabled();
    expect(screen.queryByTestId('no-apps-alert')).not.toBeInTheDocument();
  });

  it('draws the chart without the note once there is activity', async () => {
    reseller.stats.mockResolvedValue(stats({ keysGenerated: 3, perDay: days(30, { generated: 3, used: 1 }) }));
    renderWithApp(<ResellerHomePage />, { path: '/reseller' });
    expect(await screen.findByTestId('stat-generated')).toHaveTextContent('3');
    expect(screen.queryByTestId('chart-empty')).not.toBeInTheDocument();
  });

  it('tells a reseller left with no app that its seller offers none, instead of a generate form', async () => {
    reseller.me.mockResolvedValue({ ...profile, appIds: [], apps: [] });
    renderWithApp(<ResellerHomePage />, { path: '/reseller' });
    expect(await screen.findByTestId('no-apps-alert')).toHaveTextContent('Your seller no longer offers you any app to sell');
    expect(screen.queryByRole('button', { name: 'Generate keys' })).not.toBeInTheDocument();
  });
});

describe('ResellerKeysPage', () => {
  it('shows the status as the license list does, and exports what the filters keep as CSV', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => 'blob:keys');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    renderWithApp(<ResellerKeysPage />, { path: '/reseller/keys', initialEntries: ['/reseller/keys?status=unused&q=RSLR'] });
    const row = await screen.findByTestId('portal-key-row');
    expect(within(row).getByText('Unused')).toBeInTheDocument();
    expect(reseller.keys.list).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'unused', q: 'RSLR' }));

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(reseller.keys.exportCsv).toHaveBeenCalledWith({ status: 'unused', q: 'RSLR' }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
  });

  it('offers no generating to a reseller with no app left', async () => {
    reseller.me.mockResolvedValue({ ...profile, appIds: [], apps: [] });
    reseller.keys.list.mockResolvedValue(page([]));
    renderWithApp(<ResellerKeysPage />, { path: '/reseller/keys' });
    expect(await screen.findByTestId('no-apps-alert')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Generate keys' })).not.toBeInTheDocument();
  });
});

describe('ResellerCreditsPage', () => {
  it("lists the reseller's own credit history, a spend's app by name (its id in the tooltip), and pages", async () => {
    const spend: CreditLedgerEntry = {
      id: 'cle_2',
      amount: -10,
      balanceAfter: 90,
      note: `Generated 2 keys (30 days, premium) for ${APP.id}`,
      app: APP,
      createdAt: '2026-11-25T13:00:00.000Z',
    };
    const topUp: CreditLedgerEntry = {
      id: 'cle_1',
      amount: 100,
      balanceAfter: 100,
      note: 'Invoice 42',
      app: null,
      createdAt: '2026-11-25T12:00:00.000Z',
    };
    reseller.ledger.mockResolvedValue(page([spend, topUp], { total: 30, limit: 25 }));
    const user = userEvent.setup();
    renderWithApp(<ResellerCreditsPage />, { path: '/reseller/credits' });
    const rows = await screen.findAllByTestId('ledger-row');
    expect(rows[0]).toHaveTextContent('-10');
    expect(rows[0]).toHaveTextContent('Generated 2 keys (30 days, premium) for Acme Desktop');
    expect(rows[0]).not.toHaveTextContent('app_');
    await user.hover(within(rows[0]).getByTestId('ledger-app'));
    expect(await screen.findByText(APP.id)).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('+100');
    expect(rows[1]).toHaveTextContent('Invoice 42');
    expect(reseller.ledger).toHaveBeenLastCalledWith({ page: 1, limit: 25 });

    await user.click(screen.getByRole('button', { name: 'next page' }));
    await waitFor(() => expect(reseller.ledger).toHaveBeenLastCalledWith({ page: 2, limit: 25 }));
  });

  it('says when there is nothing yet', async () => {
    renderWithApp(<ResellerCreditsPage />, { path: '/reseller/credits' });
    expect(await screen.findByText('No credit movements yet')).toBeInTheDocument();
  });
});
