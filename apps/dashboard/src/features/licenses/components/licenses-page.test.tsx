import type { ListLicensesQuery } from '@keyhold/contracts';
import { screen, waitFor } from '@testing-library/react';
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
