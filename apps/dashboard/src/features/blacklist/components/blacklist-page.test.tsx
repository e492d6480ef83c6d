import type { BlacklistEntryResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { BlacklistPage } from './blacklist-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const range: BlacklistEntryResponse = {
  id: 'bl_00000000000000000000000000000001',
  appId: app.id,
  type: 'ip',
  value: '10.0.0.0/8',
  reason: 'Data centre',
  createdAt: '2026-11-25T12:00:00.000Z',
};

beforeEach(() => {
  sdk.blacklist.list.mockReset().mockResolvedValueOnce([]).mockResolvedValue([range]);
  sdk.blacklist.add.mockReset();
  sdk.blacklist.remove.mockReset();
});

function renderPage() {
  const user = userEvent.setup();
  renderAppPage(<BlacklistPage />, { app, section: 'blacklist' });
  return user;
}

describe('BlacklistPage', () => {
  it('refuses a malformed IP or CIDR range before sending', async () => {
    const user = renderPage();
    expect(await screen.findByText('Nothing is blocked')).toBeInTheDocument();
    const value = screen.getByLabelText('IP address or CIDR range');
    for (const bad of ['10.0.0.0/33', '300.1.1.1', '2001:db8:::1/64']) {
      await user.clear(value);
      await user.type(value, bad);
      await user.click(screen.getByRole('button', { name: 'Add to blacklist' }));
      expect(await screen.findByText(/Enter an IPv4 or IPv6 address, or a CIDR range/)).toBeInTheDocument();
      expect(value).toHaveAttribute('aria-invalid', 'true');
    }
    expect(sdk.blacklist.add).not.toHaveBeenCalled();
  });

  it('adds a CIDR range with its reason, clears the form and lists it', async () => {
    sdk.blacklist.add.mockResolvedValue(range);
    const user = renderPage();
    await screen.findByText('Nothing is blocked');
    await user.type(screen.getByLabelText('IP address or CIDR range'), ' 10.1.2.3/8 ');
    await user.type(screen.getByLabelText('Reason'), 'Data centre');
    await user.click(screen.getByRole('button', { name: 'Add to blacklist' }));

    await waitFor(() =>
      expect(sdk.blacklist.add).toHaveBeenCalledWith({ appId: app.id, type: 'ip', value: '10.1.2.3/8', reason: 'Data centre' }),
    );
    // The server stores the network: the list (refetched through blacklistKeys) shows 10.0.0.0/8.
    const row = await screen.findByRole('row', { name: /10\.0\.0\.0\/8/ });
    expect(within(row).getByText('IP range')).toBeInTheDocument();
    expect(within(row).getByText('Data centre')).toBeInTheDocument();
    expect(screen.getByLabelText('IP address or CIDR range')).toHaveValue('');
    expect(screen.getByText('Added to the blacklist')).toBeInTheDocument();
  });

  it('adds a hardware id (any text) and removes an entry', async () => {
    sdk.blacklist.list.mockReset().mockResolvedValue([range]);
    sdk.blacklist.add.mockResolvedValue({ ...range, id: 'bl_2', type: 'hwid', value: 'ABCD 1234', reason: null });
    sdk.blacklist.remove.mockResolvedValue({ id: range.id, deleted: true });
    const user = renderPage();
    await screen.findByRole('row', { name: /10\.0\.0\.0\/8/ });
    await user.click(screen.getByRole('radio', { name: 'Hardware id' }));
    await user.type(screen.getByRole('textbox', { name: 'Hardware id' }), 'ABCD 1234');
    await user.click(screen.getByRole('button', { name: 'Add to blacklist' }));
    await waitFor(() => expect(sdk.blacklist.add).toHaveBeenCalledWith({ appId: app.id, type: 'hwid', value: 'ABCD 1234' }));

    await user.click(screen.getByRole('button', { name: 'Remove 10.0.0.0/8' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Remove this entry?' })).getByRole('button', { name: 'Remove entry' }),
    );
    await waitFor(() => expect(sdk.blacklist.remove).toHaveBeenCalledWith(range.id));
    expect(await screen.findByText('Removed from the blacklist')).toBeInTheDocument();
  });

  it('asks before removing an entry, and Cancel keeps it', async () => {
    sdk.blacklist.list.mockReset().mockResolvedValue([range]);
    sdk.blacklist.remove.mockResolvedValue({ id: range.id, deleted: true });
    const user = renderPage();
    await screen.findByRole('row', { name: /10\.0\.0\.0\/8/ });

    await user.click(screen.getByRole('button', { name: 'Remove 10.0.0.0/8' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this entry?' });
    expect(dialog).toHaveTextContent('10.0.0.0/8 will no longer be blocked.');
    expect(sdk.blacklist.remove).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Remove this entry?' })).not.toBeInTheDocument());
    expect(sdk.blacklist.remove).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove 10.0.0.0/8' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Remove this entry?' })).getByRole('button', { name: 'Remove entry' }),
    );
    await waitFor(() => expect(sdk.blacklist.remove).toHaveBeenCalledWith(range.id));
    expect(await screen.findByText('Removed from the blacklist')).toBeInTheDocument();
  });

  it('keeps the dialog open with the error when the removal fails', async () => {
    sdk.blacklist.list.mockReset().mockResolvedValue([range]);
    sdk.blacklist.remove.mockRejectedValue(new KeyholdError(404, 'NOT_FOUND', 'Blacklist entry not found'));
    const user = renderPage();
    await screen.findByRole('row', { name: /10\.0\.0\.0\/8/ });
    await user.click(screen.getByRole('button', { name: 'Remove 10.0.0.0/8' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this entry?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove entry' }));
    expect(await within(dialog).findByText('Blacklist entry not found')).toBeInTheDocument();
  });

  it("says so when the entry is already there (the API's 409)", async () => {
    sdk.blacklist.add.mockRejectedValue(new KeyholdError(409, 'CONFLICT', '10.0.0.0/8 is already blacklisted'));
    const user = renderPage();
    await screen.findByText('Nothing is blocked');
    await user.type(screen.getByLabelText('IP address or CIDR range'), '10.0.0.0/8');
    await user.click(screen.getByRole('button', { name: 'Add to blacklist' }));
    expect(await screen.findByRole('alert', { name: /Could not add the entry/ })).toHaveTextContent('10.0.0.0/8 is already blacklisted');
  });

  it('empties the value when the type changes, so an IP is never saved as a hardware id', async () => {
    sdk.blacklist.add.mockResolvedValue({ ...range, id: 'bl_2', type: 'hwid', value: 'HW-1', reason: null });
    const user = renderPage();
    await screen.findByText('Nothing is blocked');
    await user.type(screen.getByLabelText('IP address or CIDR range'), '203.0.113.7');
    await user.click(screen.getByRole('radio', { name: 'Hardware id' }));
    const hwid = screen.getByRole('textbox', { name: 'Hardware id' });
    expect(hwid).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Add to blacklist' }));
    expect(sdk.blacklist.add).not.toHaveBeenCalled();
    await user.type(hwid, 'HW-1');
    await user.click(screen.getByRole('button', { name: 'Add to blacklist' }));
    await waitFor(() => expect(sdk.blacklist.add).toHaveBeenCalledWith({ appId: app.id, type: 'hwid', value: 'HW-1' }));
    expect(sdk.blacklist.add).toHaveBeenCalledTimes(1);
  });
});
