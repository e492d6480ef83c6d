import { SUBSCRIPTION_RULE } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, license, page } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { LicensesPage } from './licenses-page';

// The SDK is the module boundary: everything above it (hooks, query client, Mantine) is real.
vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const KEYS = ['K7Q2-9ZPL-M4TX-A81C', 'P0WE-R8UL-LM4S-K999'];

/** Downloads go through a blob URL: keep the blobs to read what was saved. */
const saved: Blob[] = [];
beforeEach(() => {
  saved.length = 0;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push(blob);
    return `blob:test/${saved.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  sdk.licenses.list.mockReset().mockResolvedValue(page([]));
  sdk.licenses.generate.mockReset();
  sdk.apps.get.mockReset().mockResolvedValue(app);
  sdk.apps.list.mockReset().mockResolvedValue([app]);
});
afterEach(() => vi.useRealTimers());

async function openModal() {
  const user = userEvent.setup();
  renderAppPage(<LicensesPage />, { app, section: 'licenses' });
  expect(await screen.findByText('No license keys yet')).toBeInTheDocument();
  await user.click(screen.getAllByRole('button', { name: 'Generate keys' })[0]);
  const dialog = await screen.findByRole('dialog');
  return { user, dialog };
}

describe('GenerateLicensesModal', () => {
  it('sends nothing while a field is invalid, and says why on the field', async () => {
    const { user, dialog } = await openModal();
    const count = within(dialog).getByLabelText('Number of keys');
    await user.clear(count);
    const mask = within(dialog).getByLabelText('Mask');
    await user.clear(mask);
    await user.type(mask, 'KEY-XXXX');
    const subscription = within(dialog).getByLabelText('Subscription');
    await user.clear(subscription);
    await user.type(subscription, 'gold plan');
    await user.click(within(dialog).getByRole('button', { name: 'Generate keys' }));

    expect(await within(dialog).findByText('Enter a whole number of keys')).toBeInTheDocument();
    expect(within(dialog).getByText('Include at least 8 X (each becomes a random character)')).toBeInTheDocument();
    expect(within(dialog).getByText(`Use ${SUBSCRIPTION_RULE}`)).toBeInTheDocument();
    expect(mask).toHaveAttribute('aria-invalid', 'true');
    expect(sdk.licenses.generate).not.toHaveBeenCalled();
  });

  it('generates lifetime keys, shows them once with copy and CSV download, and refreshes the list', async () => {
    sdk.licenses.generate.mockResolvedValue({ count: 2, keys: KEYS });
    const { user, dialog } = await openModal();
    const count = within(dialog).getByLabelText('Number of keys');
    await user.clear(count);
    await user.type(count, '2');
    const subscription = within(dialog).getByLabelText('Subscription');
    await user.clear(subscription);
    await user.type(subscription, 'premium');
    await user.click(within(dialog).getByRole('radio', { name: 'Lifetime' }));
    await user.type(within(dialog).getByLabelText('Note'), '  Order #42 ');
    await user.click(within(dialog).getByRole('button', { name: 'Generate keys' }));

    const keysBox = await within(dialog).findByLabelText('New keys');
    expect(keysBox).toHaveValue(KEYS.join('\n'));
    expect(sdk.licenses.generate).toHaveBeenCalledWith({
      appId: app.id,
      count: 2,
      durationDays: null,
      subscription: 'premium',
      mask: 'XXXX-XXXX-XXXX-XXXX',
      note: 'Order #42',
    });
    expect(within(dialog).getByText(/2 new keys/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Lifetime/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Copy all' }));
    expect(await navigator.clipboard.readText()).toBe(KEYS.join('\n'));
    expect(within(dialog).getByRole('button', { name: 'Copied' })).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Download CSV' }));
    expect(saved).toHaveLength(1);
    const csv = await saved[0].text();
    expect(csv.split('\r\n')).toEqual([
      'key,subscription,durationDays,note',
      `${KEYS[0]},premium,lifetime,Order #42`,
      `${KEYS[1]},premium,lifetime,Order #42`,
      '',
    ]);

    // The list behind the modal was refetched through licenseKeys.
    await waitFor(() => expect(sdk.licenses.list).toHaveBeenCalledTimes(2));
    expect(screen.getByText('2 keys generated')).toBeInTheDocument(); // the notification

    // Done closes the modal; opening it again shows a fresh form, not the old keys.
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getAllByRole('button', { name: 'Generate keys' })[0]);
    const again = await screen.findByRole('dialog');
    expect(within(again).queryByLabelText('New keys')).not.toBeInTheDocument();
    expect(within(again).getByLabelText('Number of keys')).toHaveValue('10');
  });

  it('sends a fixed duration picked from a preset', async () => {
    sdk.licenses.generate.mockResolvedValue({ count: 10, keys: KEYS });
    const { user, dialog } = await openModal();
    await user.click(within(dialog).getByRole('button', { name: '90 days' }));
    expect(within(dialog).getByLabelText('Days')).toHaveValue('90');
    await user.click(within(dialog).getByRole('button', { name: 'Generate keys' }));
    await within(dialog).findByLabelText('New keys');
    expect(sdk.licenses.generate).toHaveBeenCalledWith(expect.objectContaining({ count: 10, durationDays: 90, subscription: 'default' }));
  });

  it('keeps a number as typed and says the limit, instead of rewriting it into another number', async () => {
    const { user, dialog } = await openModal();
    const count = within(dialog).getByLabelText('Number of keys');
    const submit = within(dialog).getByRole('button', { name: 'Generate keys' });
    const cases: Array<[typed: string, shown: string, message: string]> = [
      ['100000', '100,000', 'Generate between 1 and 10,000 keys at a time'],
      ['-5', '-5', 'Generate between 1 and 10,000 keys at a time'],
      ['0', '0', 'Generate between 1 and 10,000 keys at a time'],
      ['2.5', '2.5', 'Enter a whole number of keys'],
    ];
    for (const [typed, shown, message] of cases) {
      await user.clear(count);
      await user.type(count, typed);
      await user.click(submit); // also blurs the field, where Mantine's own input clamps
      expect({ typed, value: (count as HTMLInputElement).value }).toEqual({ typed, value: shown });
      expect({ typed, error: await within(dialog).findByText(message) }).toEqual({ typed, error: expect.anything() });
      expect(count).toHaveAttribute('aria-invalid', 'true');
    }
    const days = within(dialog).getByLabelText('Days');
    await user.clear(days);
    await user.type(days, '99999999');
    await user.click(submit);
    expect((days as HTMLInputElement).value).toBe('99999999');
    expect(await within(dialog).findByText('Between 1 and 36,500 days')).toBeInTheDocument();
    expect(sdk.licenses.generate).not.toHaveBeenCalled();
  });

  it("starts the next batch with the same settings but without the last batch's note", async () => {
    sdk.licenses.generate.mockResolvedValue({ count: 2, keys: KEYS });
    const { user, dialog } = await openModal();
    const subscription = within(dialog).getByLabelText('Subscription');
    await user.clear(subscription);
    await user.type(subscription, 'premium');
    await user.type(within(dialog).getByLabelText('Note'), 'Order #42');
    await user.click(within(dialog).getByRole('button', { name: 'Generate keys' }));
    await within(dialog).findByLabelText('New keys');
    await user.click(within(dialog).getByRole('button', { name: 'Generate more' }));

    expect(await within(dialog).findByLabelText('Note')).toHaveValue('');
    expect(within(dialog).getByLabelText('Subscription')).toHaveValue('premium');
  });

  it('asks for keys without look-alike characters when ticked, and previews one', async () => {
    sdk.licenses.generate.mockResolvedValue({ count: 2, keys: KEYS });
    const { user, dialog } = await openModal();
    await user.click(within(dialog).getByRole('checkbox', { name: /Leave out look-alike characters/ }));
    const preview = within(dialog).getByText(/Each X becomes a random letter or digit, e\.g\./).textContent ?? '';
    expect(preview.replace(/^.*e\.g\. /, '')).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    await user.click(within(dialog).getByRole('button', { name: 'Generate keys' }));
    await waitFor(() => expect(sdk.licenses.generate).toHaveBeenCalledWith(expect.objectContaining({ readable: true })));
  });

  it("puts the API's field errors on the fields", async () => {
    sdk.licenses.generate.mockRejectedValue(
      new KeyholdError(400, 'VALIDATION_FAILED', 'Request validation failed', [
        { field: 'mask', reason: 'mask must contain at least 8 X (random characters)' },
      ]),
    );
    const { user, dialog } = await openModal();
    await user.click(within(dialog).getByRole('button', { name: 'Generate keys' }));

    expect(await within(dialog).findByText('mask must contain at least 8 X (random characters)')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Mask')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(dialog).queryByLabelText('New keys')).not.toBeInTheDocument();
  });

  it('lists keys with their status and pages through them', async () => {
    sdk.licenses.list.mockReset().mockImplementation((query) =>
      Promise.resolve(
        page(
          [
            license({
              key: query.page === 2 ? 'PAGE-TWOO-KEYS-0001' : 'PAGE-ONEE-KEYS-0001',
              status: 'used',
              usedBy: { id: 'usr_1', username: 'tanish' },
            }),
          ],
          {
            total: 30,
            page: query.page ?? 1,
            limit: 25,
          },
        ),
      ),
    );
    const user = userEvent.setup();
    renderAppPage(<LicensesPage />, { app, section: 'licenses' });
    const row = await screen.findByRole('row', { name: /PAGE-ONEE-KEYS-0001/ });
    expect(within(row).getByText('Used')).toBeInTheDocument();
    expect(within(row).getByText('tanish')).toBeInTheDocument();
    expect(screen.getByTestId('page-summary')).toHaveTextContent('Showing 1–25 of 30 keys');

    await user.click(screen.getByRole('button', { name: '2' }));
    expect(await screen.findByRole('row', { name: /PAGE-TWOO-KEYS-0001/ })).toBeInTheDocument();
    expect(sdk.licenses.list).toHaveBeenLastCalledWith({ appId: app.id, q: undefined, status: undefined, page: 2, limit: 25 });
  });
});
