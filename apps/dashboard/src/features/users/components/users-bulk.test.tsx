import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, page, user as makeUser } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { UsersPage } from './users-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const ana = makeUser({ id: 'usr_00000000000000000000000000000001', username: 'ana' });
const ben = makeUser({ id: 'usr_00000000000000000000000000000002', username: 'ben' });

beforeEach(() => {
  sdk.users.list.mockReset().mockResolvedValue(page([ana, ben], { total: 120 }));
  sdk.users.bulk
    .mockReset()
    .mockImplementation((body) =>
      Promise.resolve({ matched: body.ids?.length ?? 120, changed: body.dryRun ? 0 : (body.ids?.length ?? 120) }),
    );
});

async function renderList(search = '') {
  const user = userEvent.setup();
  renderAppPage(<UsersPage />, { app, section: 'users', search });
  await screen.findByRole('checkbox', { name: 'Select ana' });
  return user;
}

describe('bulk actions on users', () => {
  it('bans the ticked users after a confirmation that states the count', async () => {
    const user = await renderList();
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select ana' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select ben' }));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByTestId('bulk-count')).toHaveTextContent('2 users selected');
    expect(screen.getByRole('checkbox', { name: 'Select every row of this page' })).toBeChecked();

    await user.click(within(bar).getByRole('button', { name: 'Ban' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ban 2 users?' });
    await user.type(within(dialog).getByLabelText('Reason'), ' Chargeback ');
    await user.click(within(dialog).getByRole('button', { name: 'Ban 2 users' }));
    await waitFor(() =>
      expect(sdk.users.bulk).toHaveBeenCalledWith({ appId: app.id, action: 'ban', ids: [ana.id, ben.id], banReason: 'Chargeback' }),
    );
    expect(await screen.findByText('2 users banned')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument());
  });

  it('takes every user matching the search, counting them with a dry run first', async () => {
    const user = await renderList('?q=trial');
    await user.click(screen.getByRole('checkbox', { name: 'Select ana' }));
    await user.click(screen.getByRole('button', { name: 'Select all 120 matching' }));
    expect(screen.getByTestId('bulk-count')).toHaveTextContent('Every user matching (120)');
    await user.click(within(screen.getByRole('region', { name: 'Bulk actions' })).getByRole('button', { name: 'Delete' }));

    const dialog = await screen.findByRole('dialog', { name: 'Delete 120 users?' });
    expect(sdk.users.bulk).toHaveBeenCalledWith({ appId: app.id, action: 'delete', match: true, q: 'trial', dryRun: true });
    await user.click(within(dialog).getByRole('button', { name: 'Delete 120 users' }));
    await waitFor(() => expect(sdk.users.bulk).toHaveBeenLastCalledWith({ appId: app.id, action: 'delete', match: true, q: 'trial' }));
  });

  it('refuses a number of days out of range for Extend, and sends the days', async () => {
    const user = await renderList();
    await user.click(screen.getByRole('checkbox', { name: 'Select ana' }));
    await user.click(within(screen.getByRole('region', { name: 'Bulk actions' })).getByRole('button', { name: 'Extend' }));
    const dialog = await screen.findByRole('dialog', { name: 'Extend 1 user?' });
    const days = within(dialog).getByLabelText('Days to add');
    await user.clear(days);
    await user.type(days, '0');
    expect(within(dialog).getByText('Between 1 and 36,500 days')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Extend 1 user' })).toBeDisabled();
    await user.clear(days);
    await user.type(days, '7');
    await user.click(within(dialog).getByRole('button', { name: 'Extend 1 user' }));
    await waitFor(() => expect(sdk.users.bulk).toHaveBeenCalledWith({ appId: app.id, action: 'extend', ids: [ana.id], days: 7 }));
  });

  it('empties the selection when the search changes', async () => {
    const user = await renderList();
    await user.click(screen.getByRole('checkbox', { name: 'Select ana' }));
    expect(screen.getByRole('region', { name: 'Bulk actions' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Search users'), 'zz');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument());
  });
});
