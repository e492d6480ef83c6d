import type { ResellerResponse } from '@keyhold/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useUpdateLicense } from '@/features/licenses/api/license-mutations';
import { app, license, page } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { ResellerDetailPage } from './reseller-detail-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const bob: ResellerResponse = {
  id: 'rsl_1',
  username: 'bob',
  status: 'ACTIVE',
  credits: 10,
  appIds: [app.id],
  subscriptions: ['premium'],
  prices: [{ durationDays: 30, credits: 5 }],
  createdAt: '2026-11-25T12:00:00.000Z',
};
const made = license({ id: 'lic_made', key: 'RSLR-MADE-KEYS-0001', resellerId: bob.id });

beforeEach(() => {
  sdk.resellers.get.mockReset().mockResolvedValue(bob);
  sdk.resellers.ledger.mockReset().mockResolvedValue(page([]));
  sdk.resellers.update.mockReset();
  sdk.apps.list.mockReset().mockResolvedValue([app]);
  sdk.licenses.list.mockReset().mockResolvedValue(page([made]));
  sdk.licenses.update.mockReset();
});

/** Another screen of the dashboard banning a key through the licenses feature (the licenses page does this). */
function BanElsewhere() {
  const update = useUpdateLicense(app.id);
  return (
    <button type="button" onClick={() => update.mutate({ id: made.id, body: { banned: true, banReason: 'Chargeback' } })}>
      Ban elsewhere
    </button>
  );
}

function renderPage() {
  const user = userEvent.setup();
  const view = renderWithApp(
    <>
      <ResellerDetailPage />
      <BanElsewhere />
    </>,
    { path: '/resellers/:resellerId', initialEntries: [`/resellers/${bob.id}`] },
  );
  return { user, ...view };
}

describe('ResellerDetailPage', () => {
  // The permissions form used to reset from the reseller at each refetch (an effect on `reseller`).
  it('keeps unsaved permission edits when the reseller refetches', async () => {
    const { user, queryClient } = renderPage();
    await user.click(await screen.findByRole('tab', { name: 'What they sell' }));
    const form = await screen.findByRole('form', { name: 'Reseller permissions' });
    await user.type(within(form).getByRole('combobox', { name: 'Subscriptions' }), 'gold{Enter}');
    expect(within(form).getByText('gold')).toBeInTheDocument();

    // A top-up (or a window refocus) refetches the reseller: the balance changes under the form.
    sdk.resellers.get.mockResolvedValue({ ...bob, credits: 110 });
    await queryClient.invalidateQueries({ queryKey: ['resellers', 'detail', bob.id] });
    await waitFor(() => expect(screen.getByTestId('reseller-balance')).toHaveTextContent('110 credits'));

    expect(within(form).getByText('gold')).toBeInTheDocument();
    expect(within(form).getByText('premium')).toBeInTheDocument();
  });

  // The keys tab used to cache licenses under the resellers feature's keys, which no license mutation refreshes.
  it('refreshes the keys it made when a key is banned elsewhere', async () => {
    const { user } = renderPage();
    await user.click(await screen.findByRole('tab', { name: 'Keys made' }));
    const row = await screen.findByTestId('reseller-key-row');
    expect(row).toHaveTextContent('RSLR-MADE-KEYS-0001');
    // The license list's status badge, not plain text.
    expect(within(row).getByText('Unused')).toBeInTheDocument();

    sdk.licenses.update.mockResolvedValue({ ...made, banned: true, status: 'banned', banReason: 'Chargeback' });
    sdk.licenses.list.mockResolvedValue(page([{ ...made, banned: true, status: 'banned', banReason: 'Chargeback' }]));
    await user.click(screen.getByRole('button', { name: 'Ban elsewhere' }));

    await waitFor(() => expect(sdk.licenses.update).toHaveBeenCalledWith(made.id, { banned: true, banReason: 'Chargeback' }));
    expect(await within(await screen.findByTestId('reseller-key-row')).findByText('Banned')).toBeInTheDocument();
  });

  it("names a spend's app in the ledger, with its id in a tooltip", async () => {
    sdk.resellers.ledger.mockResolvedValue(
      page([
        {
          id: 'cle_1',
          amount: -15,
          balanceAfter: 85,
          note: `Generated 3 keys (30 days, premium) for ${app.id}`,
          app: { id: app.id, name: app.name },
          createdAt: '2026-11-25T12:00:00.000Z',
        },
        // A spend on an app deleted since keeps its note as written.
        {
          id: 'cle_0',
          amount: -5,
          balanceAfter: 100,
          note: 'Generated 1 key (30 days, premium) for app_9bce0000000000000000000000000000',
          app: null,
          createdAt: '2026-11-24T12:00:00.000Z',
        },
      ]),
    );
    const { user } = renderPage();
    const [spend, gone] = await screen.findAllByTestId('ledger-row');
    expect(spend).toHaveTextContent('Generated 3 keys (30 days, premium) for Acme Desktop');
    expect(spend).not.toHaveTextContent(app.id);
    await user.hover(within(spend).getByTestId('ledger-app'));
    expect(await screen.findByText(app.id)).toBeInTheDocument();
    expect(gone).toHaveTextContent('for app_9bce0000000000000000000000000000');
  });

  it('says when a reseller has no app left, in the header and on its permissions', async () => {
    sdk.resellers.get.mockResolvedValue({ ...bob, appIds: [] });
    const { user } = renderPage();
    expect(await screen.findByText('No apps left')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'What they sell' }));
    expect(await screen.findByTestId('no-apps-left')).toHaveTextContent('bob cannot generate keys');
  });

  it('says "1 credit" for a balance of one', async () => {
    sdk.resellers.get.mockResolvedValue({ ...bob, credits: 1 });
    renderPage();
    await waitFor(() => expect(screen.getByTestId('reseller-balance')).toHaveTextContent(/^1 credit$/));
  });
});
