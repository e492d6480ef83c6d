import { RESELLER_USERNAME_RULE } from '@keyhold/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { validatePrices } from '../schemas';
import { CreateResellerModal } from './create-reseller-modal';
import type { AppChoices } from './permissions-fields';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

// The route passes the apps feature's list in (app/routes/app-choices.ts).
const apps: AppChoices = { options: [{ value: app.id, label: app.name }], isPending: false, isError: false };

beforeEach(() => {
  sdk.resellers.create.mockReset();
});

describe('validatePrices', () => {
  it('wants whole days and credits, one price per duration', () => {
    const result = validatePrices([
      { lifetime: false, days: 30, credits: 5 },
      { lifetime: false, days: 30, credits: 6 },
      { lifetime: true, days: '', credits: 50 },
      { lifetime: true, days: '', credits: 60 },
      { lifetime: false, days: '', credits: 1 },
      { lifetime: false, days: 7, credits: -1 },
    ]);
    expect(result.rows).toEqual([
      undefined,
      'This duration already has a price',
      undefined,
      'This duration already has a price',
      'Days must be 1-36,500',
      'Credits cannot be negative',
    ]);
    expect(validatePrices([]).list).toBe('Add at least one duration with its price');
  });
});

describe('CreateResellerModal', () => {
  it('sends nothing until the account and what it sells are valid', async () => {
    const user = userEvent.setup();
    renderWithApp(<CreateResellerModal opened onClose={() => {}} apps={apps} />);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Username'), 'b');
    await user.type(within(dialog).getByLabelText('Password', { selector: 'input' }), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Create reseller' }));

    expect(await within(dialog).findByText(`Use ${RESELLER_USERNAME_RULE}`)).toBeInTheDocument();
    expect(within(dialog).getByText('Use at least 8 characters')).toBeInTheDocument();
    expect(within(dialog).getByText('Pick at least one app')).toBeInTheDocument();
    expect(within(dialog).getByText('Add at least one subscription')).toBeInTheDocument();
    expect(sdk.resellers.create).not.toHaveBeenCalled();
  });

  it('creates a reseller with its apps, subscriptions, prices and opening balance', async () => {
    sdk.resellers.create.mockResolvedValue({
      id: 'rsl_1',
      username: 'bob.sells',
      status: 'ACTIVE',
      credits: 50,
      appIds: [app.id],
      subscriptions: ['premium'],
      prices: [
        { durationDays: 30, credits: 5 },
        { durationDays: null, credits: 40 },
      ],
      createdAt: '2026-11-25T12:00:00.000Z',
    });
    const user = userEvent.setup();
    renderWithApp(<CreateResellerModal opened onClose={() => {}} apps={apps} />);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Username'), 'bob.sells');
    await user.type(within(dialog).getByLabelText('Password', { selector: 'input' }), 'correct horse');
    await user.click(within(dialog).getByRole('combobox', { name: 'Apps' }));
    await user.click(await screen.findByRole('option', { name: app.name }));
    await user.type(within(dialog).getByRole('combobox', { name: 'Subscriptions' }), 'premium{Enter}');
    const credits1 = within(dialog).getByLabelText('Credits per key of duration 1');
    await user.clear(credits1);
    await user.type(credits1, '5');
    await user.click(within(dialog).getByRole('button', { name: 'Add a duration' }));
    await user.click(within(dialog).getAllByRole('checkbox', { name: 'Lifetime' })[1]);
    await user.type(within(dialog).getByLabelText('Credits per key of duration 2'), '40');
    const opening = within(dialog).getByLabelText('Opening balance');
    await user.clear(opening);
    await user.type(opening, '50');
    await user.click(within(dialog).getByRole('button', { name: 'Create reseller' }));

    await waitFor(() =>
      expect(sdk.resellers.create).toHaveBeenCalledWith({
        username: 'bob.sells',
        password: 'correct horse',
        appIds: [app.id],
        subscriptions: ['premium'],
        prices: [
          { durationDays: 30, credits: 5 },
          { durationDays: null, credits: 40 },
        ],
        credits: 50,
      }),
    );
    expect(await screen.findByTestId('route-marker')).toHaveTextContent('/resellers/rsl_1');
  });
});
