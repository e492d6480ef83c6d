import type { ResellerProfile } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '@/testing/render';
import { ResellerGenerateModal } from './reseller-generate-modal';

// The reseller SDK is the module boundary; the modal, hooks and query client are real.
const reseller = vi.hoisted(() => ({
  generate: undefined as unknown as ReturnType<typeof import('vitest').vi.fn>,
}));
vi.mock('@keyhold/sdk', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@keyhold/sdk')>();
  const { vi: v } = await import('vitest');
  reseller.generate = v.fn();
  return {
    ...actual,
    createResellerClient: () => ({ keys: { generate: reseller.generate, list: v.fn(), get: v.fn() }, me: v.fn(), stats: v.fn(), auth: {} }),
  };
});

const profile: ResellerProfile = {
  id: 'rsl_1',
  username: 'bob',
  status: 'ACTIVE',
  credits: 100,
  appIds: ['app_1', 'app_2'],
  subscriptions: ['basic', 'premium'],
  prices: [
    { durationDays: 30, credits: 5 },
    { durationDays: null, credits: 40 },
  ],
  createdAt: '2026-11-25T12:00:00.000Z',
  sellerId: 'sel_1',
  apps: [
    { id: 'app_1', name: 'Acme Desktop' },
    { id: 'app_2', name: 'Acme Mobile' },
  ],
};

async function pick(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

// A braced body: a function returned by beforeEach would run as its teardown.
beforeEach(() => {
  reseller.generate.mockReset();
});

describe('ResellerGenerateModal', () => {
  it('asks for every choice before sending', async () => {
    const user = userEvent.setup();
    renderWithApp(<ResellerGenerateModal profile={profile} opened onClose={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Generate keys' }));
    expect(await screen.findByText('Pick an app')).toBeInTheDocument();
    expect(screen.getByText('Pick a subscription')).toBeInTheDocument();
    expect(screen.getByText('Pick a duration')).toBeInTheDocument();
    expect(reseller.generate).not.toHaveBeenCalled();
  });

  it('shows the price and the balance after before confirming, then the keys', async () => {
    reseller.generate.mockResolvedValue({ count: 4, keys: ['K1', 'K2', 'K3', 'K4'], cost: 20, credits: 80 });
    const user = userEvent.setup();
    renderWithApp(<ResellerGenerateModal profile={profile} opened onClose={() => {}} />);
    await pick(user, 'App', 'Acme Mobile');
    await pick(user, 'Subscription', 'premium');
    await pick(user, 'Duration', '30 days · 5 credits each');
    const count = screen.getByRole('textbox', { name: 'Number of keys' });
    await user.clear(count);
    await user.type(count, '4');

    const quote = screen.getByTestId('price-quote');
    expect(quote).toHaveTextContent('4 × 5 credits = 20 credits');
    expect(quote).toHaveTextContent('Balance 100 → 80 credits');
    await user.click(screen.getByRole('button', { name: 'Generate for 20 credits' }));

    await waitFor(() =>
      expect(reseller.generate).toHaveBeenCalledWith({ appId: 'app_2', subscription: 'premium', durationDays: 30, count: 4 }),
    );
    expect(await screen.findByLabelText('New keys')).toHaveValue('K1\nK2\nK3\nK4');
    expect(screen.getByTestId('generate-summary')).toHaveTextContent('4 keys for 20 credits. Your balance is now 80 credits.');
  });

  it('refuses to spend more credits than the balance', async () => {
    const user = userEvent.setup();
    renderWithApp(<ResellerGenerateModal profile={profile} opened onClose={() => {}} />);
    await pick(user, 'App', 'Acme Desktop');
    await pick(user, 'Subscription', 'basic');
    await pick(user, 'Duration', 'Lifetime · 40 credits each');
    const count = screen.getByRole('textbox', { name: 'Number of keys' });
    await user.clear(count);
    await user.type(count, '3');

    expect(screen.getByTestId('price-quote')).toHaveTextContent('Balance 100 → -20 credits');
    expect(screen.getByRole('alert')).toHaveTextContent('Not enough credits');
    expect(screen.getByRole('button', { name: 'Generate for 120 credits' })).toBeDisabled();
    expect(reseller.generate).not.toHaveBeenCalled();
  });

  it("sends a mask and a note, refusing a mask the API would refuse (the seller's rule)", async () => {
    reseller.generate.mockResolvedValue({ count: 1, keys: ['SHOP-7KQ29ZPL'], cost: 5, credits: 95 });
    const user = userEvent.setup();
    renderWithApp(
      <ResellerGenerateModal
        profile={{ ...profile, apps: [profile.apps[0]], subscriptions: ['basic'], prices: [profile.prices[0]] }}
        opened
        onClose={() => {}}
      />,
    );
    const mask = screen.getByRole('textbox', { name: 'Key mask' });
    expect(mask).toHaveValue('XXXX-XXXX-XXXX-XXXX');
    await user.clear(mask);
    await user.type(mask, 'SHOP-XXXX');
    await user.click(screen.getByRole('button', { name: 'Generate for 5 credits' }));
    expect(await screen.findByText('Include at least 8 X (each becomes a random character)')).toBeInTheDocument();
    expect(reseller.generate).not.toHaveBeenCalled();

    await user.type(mask, 'XXXX');
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Order 9');
    await user.click(screen.getByRole('button', { name: 'Generate for 5 credits' }));
    await waitFor(() =>
      expect(reseller.generate).toHaveBeenCalledWith({
        appId: 'app_1',
        subscription: 'basic',
        durationDays: 30,
        count: 1,
        mask: 'SHOP-XXXXXXXX',
        note: 'Order 9',
      }),
    );
    expect(await screen.findByLabelText('New keys')).toHaveValue('SHOP-7KQ29ZPL');
  });

  it("puts the API's mask refusal on the field", async () => {
    reseller.generate.mockRejectedValue(
      new KeyholdError(400, 'VALIDATION_FAILED', 'Request validation failed', [{ field: 'mask', reason: 'mask must be 1-64 characters' }]),
    );
    const user = userEvent.setup();
    renderWithApp(
      <ResellerGenerateModal
        profile={{ ...profile, apps: [profile.apps[0]], subscriptions: ['basic'], prices: [profile.prices[0]] }}
        opened
        onClose={() => {}}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Generate for 5 credits' }));
    expect(await screen.findByText('mask must be 1-64 characters')).toBeInTheDocument();
  });

  it('says "1 credit", not "1 credits"', async () => {
    reseller.generate.mockResolvedValue({ count: 1, keys: ['K1'], cost: 1, credits: 1 });
    const user = userEvent.setup();
    renderWithApp(
      <ResellerGenerateModal
        profile={{ ...profile, credits: 2, apps: [profile.apps[0]], subscriptions: ['basic'], prices: [{ durationDays: 30, credits: 1 }] }}
        opened
        onClose={() => {}}
      />,
    );
    expect(screen.getByRole('combobox', { name: 'Duration' })).toHaveValue('30 days · 1 credit each');
    expect(screen.getByTestId('price-quote')).toHaveTextContent('1 × 1 credit = 1 credit');
    expect(screen.getByTestId('price-quote')).toHaveTextContent('Balance 2 → 1 credit');
    await user.click(screen.getByRole('button', { name: 'Generate for 1 credit' }));
    expect(await screen.findByTestId('generate-summary')).toHaveTextContent('1 key for 1 credit. Your balance is now 1 credit.');
  });

  it("shows the API's refusal", async () => {
    reseller.generate.mockRejectedValue(new KeyholdError(403, 'INSUFFICIENT_CREDITS', 'Not enough credits: 5 needed, 0 left'));
    const user = userEvent.setup();
    renderWithApp(
      <ResellerGenerateModal
        profile={{ ...profile, apps: [profile.apps[0]], subscriptions: ['basic'], prices: [profile.prices[0]] }}
        opened
        onClose={() => {}}
      />,
    );
    // A single choice is picked already.
    expect(screen.getByRole('combobox', { name: 'App' })).toHaveValue('Acme Desktop');
    await user.click(screen.getByRole('button', { name: 'Generate for 5 credits' }));
    const alert = await screen.findByRole('alert', { name: /Could not generate the keys/ });
    expect(within(alert).getByText('Not enough credits: 5 needed, 0 left')).toBeInTheDocument();
  });
});
