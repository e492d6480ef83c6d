import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, license, page } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { LicensesPage } from './licenses-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const used = license({
  status: 'used',
  hwid: 'HW-1',
  usedBy: { id: 'usr_1', username: 'tanish' },
  activatedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: dayjs().add(10, 'day').toISOString(),
});

beforeEach(() => {
  sdk.licenses.list.mockReset().mockResolvedValue(page([used]));
  sdk.licenses.update.mockReset().mockResolvedValue(used);
  sdk.licenses.remove.mockReset().mockResolvedValue({ id: used.id, deleted: true });
  sdk.licenses.exportCsv.mockReset();
  sdk.apps.get.mockReset().mockResolvedValue(app);
  sdk.apps.list.mockReset().mockResolvedValue([app]);
});

async function open(action: string) {
  const user = userEvent.setup();
  renderAppPage(<LicensesPage />, { app, section: 'licenses' });
  await user.click(await screen.findByRole('button', { name: `Actions for ${used.key}` }));
  await user.click(await screen.findByRole('menuitem', { name: action }));
  return user;
}

describe('License row actions', () => {
  it('extends the expiry by 30 days from the current one', async () => {
    const user = await open('Extend or set expiry…');
    const dialog = await screen.findByRole('dialog', { name: 'Extend or set expiry' });
    await user.click(within(dialog).getByRole('button', { name: '+30 days' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save expiry' }));

    const expected = dayjs(used.expiresAt).add(30, 'day').endOf('day').toISOString();
    await waitFor(() => expect(sdk.licenses.update).toHaveBeenCalledWith(used.id, { expiresAt: expected }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Expiry saved')).toBeInTheDocument();
  });

  it("says an unused key's expiry in its row's words, and a date set before first use replaces the duration", async () => {
    const unused = license({ status: 'unused', durationDays: 7, expiresAt: null });
    const dated = license({
      id: 'lic_00000000000000000000000000000009',
      key: 'DATE-DKEY-0000-0009',
      status: 'unused',
      durationDays: 7,
      expiresAt: '2026-12-31T22:59:59.000Z',
    });
    sdk.licenses.list.mockReset().mockResolvedValue(page([unused, dated]));
    const user = userEvent.setup();
    renderAppPage(<LicensesPage />, { app, section: 'licenses' });
    const unusedRow = (await screen.findAllByTestId('license-row')).find((r) => r.textContent?.includes(unused.key))!;
    const datedRow = screen.getAllByTestId('license-row').find((r) => r.textContent?.includes(dated.key))!;
    expect(unusedRow).toHaveTextContent('7 days after first use');
    expect(datedRow).not.toHaveTextContent('7 days');
    await user.click(within(unusedRow).getByRole('button', { name: `Actions for ${unused.key}` }));
    await user.click(await screen.findByRole('menuitem', { name: 'Extend or set expiry…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Extend or set expiry' });
    expect(dialog).toHaveTextContent('Currently: 7 days after first use');
    expect(dialog).not.toHaveTextContent('no expiry date');
  });

  it('makes a key lifetime', async () => {
    const user = await open('Extend or set expiry…');
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Never expires' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save expiry' }));
    await waitFor(() => expect(sdk.licenses.update).toHaveBeenCalledWith(used.id, { expiresAt: null }));
  });

  it('deletes a key only after confirmation', async () => {
    const user = await open('Delete…');
    const dialog = await screen.findByRole('dialog', { name: 'Delete this key?' });
    expect(within(dialog).getByText(/with it the user tanish, who registered with it: their account is deleted/)).toBeInTheDocument();
    expect(sdk.licenses.remove).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Delete key' }));
    await waitFor(() => expect(sdk.licenses.remove).toHaveBeenCalledWith(used.id));
    expect(await screen.findByText('Key deleted')).toBeInTheDocument();
    await waitFor(() => expect(sdk.licenses.list).toHaveBeenCalledTimes(2));
  });

  it('searches and filters through the URL, and exports what the list shows', async () => {
    sdk.licenses.exportCsv.mockResolvedValue('key\r\nAAAA\r\n');
    URL.createObjectURL = vi.fn(() => 'blob:test');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const user = userEvent.setup();
    const { router } = renderAppPage(<LicensesPage />, { app, section: 'licenses', search: '?status=used&page=2' });
    await screen.findByRole('row', { name: new RegExp(used.key) });
    expect(sdk.licenses.list).toHaveBeenLastCalledWith({ appId: app.id, q: undefined, status: 'used', page: 2, limit: 25 });

    await user.type(screen.getByLabelText('Search keys'), 'tanish');
    await waitFor(() =>
      expect(sdk.licenses.list).toHaveBeenLastCalledWith({ appId: app.id, q: 'tanish', status: 'used', page: 1, limit: 25 }),
    );
    expect(router.state.location.search).toBe('?status=used&q=tanish');

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    // The export holds what the list shows: the status and the search, all pages.
    await waitFor(() => expect(sdk.licenses.exportCsv).toHaveBeenCalledWith({ appId: app.id, status: 'used', q: 'tanish' }));
    expect(await screen.findByText('Keys exported')).toBeInTheDocument();
  });
});
