import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, license, page } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { LicensesPage } from './licenses-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const first = license({ id: 'lic_00000000000000000000000000000001', key: 'AAAA-1111-BBBB-2222' });
const second = license({ id: 'lic_00000000000000000000000000000002', key: 'CCCC-3333-DDDD-4444' });

beforeEach(() => {
  sdk.apps.get.mockReset().mockResolvedValue(app);
  sdk.licenses.list.mockReset().mockResolvedValue(page([first, second], { total: 300 }));
  sdk.licenses.bulk
    .mockReset()
    .mockImplementation((body) =>
      Promise.resolve({ matched: body.ids?.length ?? 300, changed: body.dryRun ? 0 : (body.ids?.length ?? 300) }),
    );
});

async function renderList(search = '') {
  const user = userEvent.setup();
  const rendered = renderAppPage(<LicensesPage />, { app, section: 'licenses', search });
  await screen.findByRole('checkbox', { name: `Select ${first.key}` });
  return { user, ...rendered };
}

describe('bulk actions on license keys', () => {
  it('bans the ticked keys after a confirmation that states the count', async () => {
    const { user } = await renderList();
    await user.click(screen.getByRole('checkbox', { name: `Select ${first.key}` }));
    await user.click(screen.getByRole('checkbox', { name: `Select ${second.key}` }));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByTestId('bulk-count')).toHaveTextContent('2 keys selected');

    await user.click(within(bar).getByRole('button', { name: 'Ban' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ban 2 keys?' });
    await user.type(within(dialog).getByLabelText('Reason'), 'Refunded');
    await user.click(within(dialog).getByRole('button', { name: 'Ban 2 keys' }));
    await waitFor(() =>
      expect(sdk.licenses.bulk).toHaveBeenCalledWith({ appId: app.id, action: 'ban', ids: [first.id, second.id], banReason: 'Refunded' }),
    );
    expect(await screen.findByText('2 keys banned')).toBeInTheDocument();
  });

  it('takes every key matching the search, status and maker, counted by a dry run first', async () => {
    const { user } = await renderList('?q=promo&status=unused&madeBy=none');
    await user.click(screen.getByRole('checkbox', { name: `Select ${first.key}` }));
    await user.click(screen.getByRole('button', { name: 'Select all 300 matching' }));
    await user.click(within(screen.getByRole('region', { name: 'Bulk actions' })).getByRole('button', { name: 'Extend' }));

    const dialog = await screen.findByRole('dialog', { name: 'Extend 300 keys?' });
    const filters = { appId: app.id, action: 'extend', match: true, q: 'promo', status: 'unused', resellerId: 'none' };
    expect(sdk.licenses.bulk).toHaveBeenCalledWith({ ...filters, dryRun: true });
    await user.click(within(dialog).getByRole('button', { name: 'Extend 300 keys' }));
    await waitFor(() => expect(sdk.licenses.bulk).toHaveBeenLastCalledWith({ ...filters, days: 30 }));
  });

  it('says "more than 10,000" when the dry run counts past the limit, and offers no way to go on', async () => {
    sdk.licenses.list.mockResolvedValue(page([first, second], { total: 10_000, totalCapped: true }));
    sdk.licenses.bulk.mockResolvedValue({ matched: 10_001, changed: 0 });
    const { user } = await renderList();
    await user.click(screen.getByRole('checkbox', { name: `Select ${first.key}` }));
    await user.click(screen.getByRole('button', { name: /^Select all/ }));
    await user.click(within(screen.getByRole('region', { name: 'Bulk actions' })).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete more than 10,000 keys?' });
    expect(within(dialog).getByTestId('bulk-confirm-count')).toHaveTextContent('more than 10,000');
    expect(within(dialog).getByText(/At most 10,000 keys at a time/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /^Delete/ })).toBeDisabled();
    expect(sdk.licenses.bulk).toHaveBeenCalledTimes(1); // the dry run only
  });

  it('offers a rows-per-page choice that asks for that many keys from the first page', async () => {
    const { user, router } = await renderList('?page=3');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rows per page' }), '100');
    await waitFor(() => expect(sdk.licenses.list).toHaveBeenLastCalledWith(expect.objectContaining({ page: 1, limit: 100 })));
    expect(router.state.location.search).toBe('?limit=100');
  });
});
