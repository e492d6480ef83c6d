import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, page, user as makeUser } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { UsersPage } from './users-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const tanish = makeUser();

beforeEach(() => {
  sdk.users.list.mockReset().mockResolvedValue(page([tanish]));
  sdk.users.update.mockReset();
  sdk.apps.get.mockReset().mockResolvedValue(app);
  sdk.apps.list.mockReset().mockResolvedValue([app]);
});

async function openRowAction(username: string, action: string) {
  const user = userEvent.setup();
  renderAppPage(<UsersPage />, { app, section: 'users' });
  await user.click(await screen.findByRole('button', { name: `Actions for ${username}` }));
  await user.click(await screen.findByRole('menuitem', { name: action }));
  return user;
}

describe('Ban with a reason', () => {
  it('asks for a reason, sends it trimmed, confirms and refreshes the list', async () => {
    sdk.users.update.mockResolvedValue({ ...tanish, banned: true, status: 'banned', banReason: 'Chargeback' });
    const user = await openRowAction('tanish', 'Ban…');
    const dialog = await screen.findByRole('dialog', { name: 'Ban tanish?' });

    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));
    expect(await within(dialog).findByText('Give a reason for the ban')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Reason')).toHaveAttribute('aria-invalid', 'true');
    expect(sdk.users.update).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText('Reason'), '  Chargeback  ');
    expect(within(dialog).queryByText('Give a reason for the ban')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(sdk.users.update).toHaveBeenCalledWith(tanish.id, { banned: true, banReason: 'Chargeback' });
    expect(screen.getByText('User banned')).toBeInTheDocument();
    await waitFor(() => expect(sdk.users.list).toHaveBeenCalledTimes(2));
  });

  it('refuses a reason longer than the API accepts', async () => {
    const user = await openRowAction('tanish', 'Ban…');
    const dialog = await screen.findByRole('dialog');
    const reason = within(dialog).getByLabelText('Reason');
    await user.click(reason);
    await user.paste('x'.repeat(501));
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));
    expect(await within(dialog).findByText('Use at most 500 characters')).toBeInTheDocument();
    expect(sdk.users.update).not.toHaveBeenCalled();
  });

  it("keeps the dialog open with the API's message when the ban fails", async () => {
    sdk.users.update.mockRejectedValue(new KeyholdError(404, 'NOT_FOUND', 'User not found'));
    const user = await openRowAction('tanish', 'Ban…');
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Reason'), 'Abuse');
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('User not found');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(sdk.users.list).toHaveBeenCalledTimes(1);
  });

  it('unbans at once, and resets the hardware id', async () => {
    const banned = makeUser({ banned: true, status: 'banned', banReason: 'Abuse' });
    sdk.users.list.mockResolvedValue(page([banned]));
    sdk.users.update.mockResolvedValue(tanish);
    const user = await openRowAction('tanish', 'Unban');
    await waitFor(() => expect(sdk.users.update).toHaveBeenCalledWith(banned.id, { banned: false, banReason: null }));
    expect(await screen.findByText('User unbanned')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Actions for tanish' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Reset hardware id' }));
    await waitFor(() => expect(sdk.users.update).toHaveBeenLastCalledWith(banned.id, { resetHwid: true }));
    expect(await screen.findByText('Hardware id reset')).toBeInTheDocument();
  });

  it('shows an empty state, and an error state with a retry', async () => {
    sdk.users.list
      .mockReset()
      .mockRejectedValueOnce(new KeyholdError(400, 'VALIDATION_FAILED', 'appId is invalid'))
      .mockResolvedValue(page([]));
    const user = userEvent.setup();
    renderAppPage(<UsersPage />, { app, section: 'users' });
    const alert = await screen.findByRole('alert', { name: /Could not load the users/ });
    expect(alert).toHaveTextContent('appId is invalid');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No users yet')).toBeInTheDocument();
  });
});
