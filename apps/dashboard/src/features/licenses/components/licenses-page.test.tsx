import type { ListLicensesQuery } from '@keyhold/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, license, page } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { LicensesPage } from './licenses-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

/** An app with more keys than the API counts: every page says "10,000 or more" and where the next one starts. */
function capped(query: ListLicensesQuery) {
  const at = query.cursor ? Number(query.cursor.replace('after-', '')) + 1 : (query.page ?? 1);
  const key = license({ id: `lic_${at}`, key: `PAGE-${String(at).padStart(4, '0')}-AAAA-BBBB` });
  return Promise.resolve(page([key], { total: 10_000, totalCapped: true, page: at, limit: 25, nextCursor: `after-${at}` }));
}

beforeEach(() => {
  sdk.licenses.list.mockReset().mockImplementation(capped);
  sdk.apps.get.mockReset().mockResolvedValue(app);
  sdk.apps.list.mockReset().mockResolvedValue([app]);
});

const lastQuery = () => sdk.licenses.list.mock.lastCall?.[0];

describe('LicensesPage paging', () => {
  it('asks for the page after the counted ones by cursor, keeps it in the URL, and drops it for a new search', async () => {
    const user = userEvent.setup();
    const { router } = renderAppPage(<LicensesPage />, { app, section: 'licenses', search: '?page=400' });
    expect(await screen.findByText('PAGE-0400-AAAA-BBBB')).toBeInTheDocument();
    expect(screen.getByTestId('page-summary')).toHaveTextContent('Showing 9,976–10,000 of 10,000+ keys');
    expect(lastQuery()).toEqual({ appId: app.id, page: 400, limit: 25 });

    await user.click(screen.getByRole('button', { name: 'next page' }));
    expect(await screen.findByText('PAGE-0401-AAAA-BBBB')).toBeInTheDocument();
    expect(lastQuery()).toEqual({ appId: app.id, page: 401, cursor: 'after-400', limit: 25 });
    expect(new URLSearchParams(router.state.location.search).get('cursor')).toBe('after-400');
    expect(screen.getByTestId('page-summary')).toHaveTextContent('Showing 10,001–10,001 of 10,000+ keys');

    // A cursor is a place in one list: a search starts again at its first page, by number.
    await user.type(screen.getByLabelText('Search keys'), 'PAGE');
    await waitFor(() => expect(lastQuery()).toEqual({ appId: app.id, q: 'PAGE', page: 1, limit: 25 }));
    expect(lastQuery()?.cursor).toBeUndefined();
    expect(router.state.location.search).toBe('?q=PAGE');
  });
});

describe('LicensesPage "Made by"', () => {
  const BOB = 'rsl_0123456789abcdef0123456789abcdef';
  const own = license({ id: 'lic_own', key: 'OWNN-KEYS-AAAA-BBBB' });
  const made = license({ id: 'lic_made', key: 'RSLR-MADE-AAAA-BBBB', resellerId: BOB, resellerUsername: 'bob' });

  beforeEach(() => {
    sdk.licenses.list.mockReset().mockResolvedValue(page([made, own]));
    sdk.licenses.exportCsv.mockReset().mockResolvedValue('key\n');
  });

  async function pick(user: ReturnType<typeof userEvent.setup>, option: string) {
    await user.click(screen.getByRole('combobox', { name: 'Made by' }));
    await user.click(await screen.findByRole('option', { name: option }));
  }

  it('shows who made each key: the reseller (a link to it) or you', async () => {
    renderAppPage(<LicensesPage resellers={[{ value: BOB, label: 'bob' }]} />, { app, section: 'licenses' });
    const [madeRow, ownRow] = await screen.findAllByTestId('license-row');
    expect(within(madeRow).getByRole('link', { name: 'bob' })).toHaveAttribute('href', `/resellers/${BOB}`);
    expect(within(ownRow).getByText('You')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Made by' })).toBeInTheDocument();
  });

  it('filters by all, mine or one reseller through the URL, and exports what it shows', async () => {
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:keys'), revokeObjectURL: vi.fn() });
    const user = userEvent.setup();
    const { router } = renderAppPage(<LicensesPage resellers={[{ value: BOB, label: 'bob' }]} />, {
      app,
      section: 'licenses',
      search: '?page=3',
    });
    await screen.findAllByTestId('license-row');

    await pick(user, 'Made by you');
    await waitFor(() => expect(lastQuery()).toEqual({ appId: app.id, resellerId: 'none', page: 1, limit: 25 }));
    // A new maker starts again at the first page.
    expect(router.state.location.search).toBe('?madeBy=none');

    await pick(user, 'bob');
    await waitFor(() => expect(lastQuery()).toEqual({ appId: app.id, resellerId: BOB, page: 1, limit: 25 }));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(sdk.licenses.exportCsv).toHaveBeenCalledWith({ appId: app.id, resellerId: BOB }));

    await pick(user, 'Made by anyone');
    await waitFor(() => expect(lastQuery()).toEqual({ appId: app.id, page: 1, limit: 25 }));
    expect(router.state.location.search).toBe('');
  });

  it('clears the maker with the other filters when nothing matches', async () => {
    sdk.licenses.list.mockResolvedValue(page([]));
    const user = userEvent.setup();
    const { router } = renderAppPage(<LicensesPage />, { app, section: 'licenses', search: '?madeBy=none&status=used&q=zz' });
    await user.click(await screen.findByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(lastQuery()).toEqual({ appId: app.id, page: 1, limit: 25 });
  });
});
