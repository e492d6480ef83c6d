import { KeyholdError } from '@keyhold/sdk';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getSession, setSession } from '@/lib/session';
import { seller } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { useSignOut } from './use-sign-out';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

function SignOutButton() {
  const signOut = useSignOut();
  return (
    <button type="button" onClick={() => void signOut()}>
      Sign out
    </button>
  );
}

describe('useSignOut', () => {
  beforeEach(() => {
    sdk.auth.logout.mockReset();
    setSession({ token: 'tok_current', seller: seller() });
  });

  it('ends the token on the server while it is still the one sent, then forgets it', async () => {
    let tokenWhenCalled: string | undefined;
    sdk.auth.logout.mockImplementation(() => {
      tokenWhenCalled = getSession()?.token;
      return Promise.resolve({ sessionsEnded: 1 });
    });
    renderWithApp(<SignOutButton />, { path: '/apps' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByTestId('route-marker')).toHaveTextContent('/sign-in');
    expect(sdk.auth.logout).toHaveBeenCalledTimes(1);
    expect(sdk.auth.logout.mock.calls[0]).toEqual([{}]);
    expect(tokenWhenCalled).toBe('tok_current');
    expect(window.localStorage.getItem('keyhold.session')).toBeNull();
  });

  it('signs out here even when the server refuses or cannot be reached', async () => {
    sdk.auth.logout.mockRejectedValue(new KeyholdError(0, 'NETWORK_ERROR', 'Failed to fetch'));
    const onSessionExpired = vi.fn();
    renderWithApp(<SignOutButton />, { path: '/apps', onSessionExpired });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByTestId('route-marker')).toHaveTextContent('/sign-in');
    expect(getSession()).toBeNull();
    expect(onSessionExpired).not.toHaveBeenCalled();
  });
});
