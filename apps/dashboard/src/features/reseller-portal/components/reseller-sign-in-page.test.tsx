import type { ResellerProfile } from '@keyhold/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderRoutes, renderWithApp } from '@/testing/render';
import { RequireResellerSession } from './reseller-layout';
import { ResellerSignInPage } from './reseller-sign-in-page';

// The reseller SDK is the module boundary; the page, hooks, session and query client are real.
const reseller = vi.hoisted(() => ({ login: undefined as unknown as ReturnType<typeof import('vitest').vi.fn> }));
vi.mock('@keyhold/sdk', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@keyhold/sdk')>();
  const { vi: v } = await import('vitest');
  reseller.login = v.fn();
  return {
    ...actual,
    createResellerClient: () => ({ auth: { login: reseller.login, logout: v.fn() }, me: v.fn(), stats: v.fn(), keys: {} }),
  };
});

const SELLER = 'sel_0123456789abcdef0123456789abcdef';
const profile: ResellerProfile = {
  id: 'rsl_1',
  username: 'bob',
  status: 'ACTIVE',
  credits: 100,
  appIds: [],
  subscriptions: [],
  prices: [],
  createdAt: '2026-11-25T12:00:00.000Z',
  sellerId: SELLER,
  apps: [],
};

beforeEach(() => {
  reseller.login.mockReset().mockResolvedValue({ token: 'rtok_1', reseller: profile });
});

function renderSignIn(url: string) {
  const user = userEvent.setup();
  return { user, ...renderWithApp(<ResellerSignInPage />, { path: '/reseller/sign-in', initialEntries: [url] }) };
}

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Username'), 'bob');
  await user.type(screen.getByLabelText('Password'), 'reseller-pass-1');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('ResellerSignInPage', () => {
  it('signs in to the seller of the portal link, shown and not editable', async () => {
    const { user } = renderSignIn(`/reseller/sign-in?seller=${SELLER}`);
    expect(screen.getByTestId('portal-seller')).toHaveTextContent(`Signing in to ${SELLER}`);
    expect(screen.queryByLabelText('Seller ID')).not.toBeInTheDocument();
    await signIn(user);

    expect(await screen.findByTestId('route-marker')).toHaveTextContent(/^\/reseller$/);
    expect(reseller.login).toHaveBeenCalledWith({ sellerId: SELLER, username: 'bob', password: 'reseller-pass-1' });
    expect(JSON.parse(window.localStorage.getItem('keyhold.reseller-session') ?? 'null')?.token).toBe('rtok_1');
    // Remembered for the next visit without the link.
    expect(window.localStorage.getItem('keyhold.reseller-seller')).toBe(SELLER);
  });

  it('asks for the seller ID when the link has none, and checks it before sending', async () => {
    const { user } = renderSignIn('/reseller/sign-in');
    expect(screen.queryByTestId('portal-seller')).not.toBeInTheDocument();
    const field = screen.getByLabelText('Seller ID');
    expect(field).toHaveValue('');
    await signIn(user);
    expect(await screen.findByText(/Seller ID is required/)).toBeInTheDocument();

    await user.type(field, 'sel_123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('A seller ID is sel_ followed by 32 characters 0-9 or a-f')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(reseller.login).not.toHaveBeenCalled();

    await user.clear(field);
    await user.type(field, `  ${SELLER.toUpperCase().replace('SEL_', 'sel_')} `);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(reseller.login).toHaveBeenCalledWith({ sellerId: SELLER, username: 'bob', password: 'reseller-pass-1' }));
  });

  it('prefills the seller this browser last signed in to', () => {
    window.localStorage.setItem('keyhold.reseller-seller', SELLER);
    renderSignIn('/reseller/sign-in');
    expect(screen.getByLabelText('Seller ID')).toHaveValue(SELLER);
  });

  it('asks for the seller ID when the link carries a malformed one', () => {
    renderSignIn('/reseller/sign-in?seller=sel_nope');
    expect(screen.queryByTestId('portal-seller')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Seller ID')).toHaveValue('sel_nope');
  });
});

describe('RequireResellerSession', () => {
  const routes = [{ path: '/reseller', element: <RequireResellerSession />, children: [{ index: true, element: <p>Portal</p> }] }];

  it('keeps the seller of the link when it sends a signed-out reseller to sign in', async () => {
    const { router } = renderRoutes(routes, `/reseller?seller=${SELLER}`);
    await waitFor(() => expect(router.state.location.pathname).toBe('/reseller/sign-in'));
    expect(new URLSearchParams(router.state.location.search).get('seller')).toBe(SELLER);
    expect(screen.queryByText('Portal')).not.toBeInTheDocument();
  });

  it('falls back to the seller of the last sign-in here', async () => {
    window.localStorage.setItem('keyhold.reseller-seller', SELLER);
    const { router } = renderRoutes(routes, '/reseller');
    await waitFor(() => expect(router.state.location.pathname).toBe('/reseller/sign-in'));
    expect(router.state.location.search).toBe(`?seller=${SELLER}`);
  });
});
