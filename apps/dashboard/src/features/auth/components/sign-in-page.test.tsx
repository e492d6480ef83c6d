import { KeyholdError } from '@keyhold/sdk';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seller as makeSeller } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { SignInPage } from './sign-in-page';

// The SDK is the module boundary: everything above it (hooks, query client, router) is real.
vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const seller = makeSeller();

function renderSignIn(state?: unknown) {
  return renderWithApp(<SignInPage />, {
    path: '/sign-in',
    initialEntries: [{ pathname: '/sign-in', state }],
  });
}

async function fillAndSubmit(email: string, password: string, user = userEvent.setup()) {
  if (email) await user.type(screen.getByLabelText('Email'), email);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('SignInPage', () => {
  beforeEach(() => {
    sdk.auth.login.mockReset();
    sdk.auth.signupStatus.mockReset().mockResolvedValue({ open: true });
  });

  it('sends nothing while the fields are empty', async () => {
    renderSignIn();
    await fillAndSubmit('', '');

    expect(await screen.findByText('Email is required')).toBeInTheDocument();
    expect(screen.getByText('Password is required')).toBeInTheDocument();
    expect(sdk.auth.login).not.toHaveBeenCalled();
  });

  it('sends nothing for a malformed email or a short password', async () => {
    renderSignIn();
    await fillAndSubmit('ada@example', 'short');

    expect(await screen.findByText('Enter a valid email address')).toBeInTheDocument();
    expect(screen.getByText('Password must be at least 8 characters')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(sdk.auth.login).not.toHaveBeenCalled();
  });

  it("shows the API's message when the credentials are refused", async () => {
    sdk.auth.login.mockRejectedValue(new KeyholdError(401, 'INVALID_CREDENTIALS', 'Username or password is incorrect'));
    renderSignIn();
    await fillAndSubmit('  ada@example.com ', 'correct horse battery');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not sign in');
    expect(alert).toHaveTextContent('Username or password is incorrect');
    expect(sdk.auth.login).toHaveBeenCalledTimes(1);
    expect(sdk.auth.login).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(screen.queryByLabelText('Two-factor code')).not.toBeInTheDocument();
    expect(window.localStorage.getItem('keyhold.session')).toBeNull();
  });

  it('stores the session and opens the apps once signed in', async () => {
    sdk.auth.login.mockResolvedValue({ token: 'tok_123', seller });
    renderSignIn();
    await fillAndSubmit('ada@example.com', 'correct horse battery');

    expect(await screen.findByTestId('route-marker')).toHaveTextContent('/apps');
    expect(JSON.parse(window.localStorage.getItem('keyhold.session') ?? 'null')).toEqual({ token: 'tok_123', seller });
  });

  it('explains why the seller was signed out', () => {
    renderSignIn({ notice: 'Your session has expired, please sign in again' });
    expect(screen.getByRole('status')).toHaveTextContent('Your session has expired, please sign in again');
  });

  describe('with two-factor sign-in on', () => {
    const required = new KeyholdError(401, 'TWO_FACTOR_REQUIRED', 'A two-factor code is required');

    it('asks for the code when the API requires one, keeps email and password, and sends the code with them', async () => {
      sdk.auth.login
        .mockRejectedValueOnce(required)
        .mockResolvedValueOnce({ token: 'tok_2fa', seller: { ...seller, twoFactorEnabled: true } });
      renderSignIn();
      expect(screen.queryByLabelText('Two-factor code')).not.toBeInTheDocument();
      const user = await fillAndSubmit('ada@example.com', 'correct horse battery');

      const code = await screen.findByLabelText('Two-factor code');
      expect(code).toHaveAttribute('autocomplete', 'one-time-code');
      expect(screen.getByText(/authenticator app, or one of your recovery codes/)).toBeInTheDocument();
      // A step of the sign-in, not a failure: no red alert, a notice instead.
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('Two-factor sign-in is on');
      expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com');
      expect(screen.getByLabelText('Password')).toHaveValue('correct horse battery');

      await user.type(code, ' 123456 ');
      await user.click(screen.getByRole('button', { name: 'Sign in' }));

      expect(await screen.findByTestId('route-marker')).toHaveTextContent('/apps');
      expect(sdk.auth.login).toHaveBeenCalledTimes(2);
      expect(sdk.auth.login).toHaveBeenNthCalledWith(1, { email: 'ada@example.com', password: 'correct horse battery' });
      expect(sdk.auth.login).toHaveBeenNthCalledWith(2, { email: 'ada@example.com', password: 'correct horse battery', code: '123456' });
      expect(JSON.parse(window.localStorage.getItem('keyhold.session') ?? 'null')?.token).toBe('tok_2fa');
    });

    it('requires the code once it is asked for', async () => {
      sdk.auth.login.mockRejectedValueOnce(required);
      renderSignIn();
      const user = await fillAndSubmit('ada@example.com', 'correct horse battery');
      await screen.findByLabelText('Two-factor code');

      await user.click(screen.getByRole('button', { name: 'Sign in' }));
      expect(await screen.findByText('Enter the code from your authenticator app or a recovery code')).toBeInTheDocument();
      expect(sdk.auth.login).toHaveBeenCalledTimes(1);
    });

    it('shows a refused code on the code field and stays signed out', async () => {
      sdk.auth.login
        .mockRejectedValueOnce(required)
        .mockRejectedValueOnce(new KeyholdError(401, 'INVALID_TWO_FACTOR_CODE', 'The two-factor code is invalid'));
      renderSignIn();
      const user = await fillAndSubmit('ada@example.com', 'correct horse battery');
      await user.type(await screen.findByLabelText('Two-factor code'), '7kq2-9zpl-m4tx-a81c');
      await user.click(screen.getByRole('button', { name: 'Sign in' }));

      await waitFor(() => expect(screen.getByLabelText('Two-factor code')).toHaveAttribute('aria-invalid', 'true'));
      expect(screen.getByText(/This code is not valid/)).toBeInTheDocument();
      expect(sdk.auth.login).toHaveBeenLastCalledWith({
        email: 'ada@example.com',
        password: 'correct horse battery',
        code: '7kq2-9zpl-m4tx-a81c',
      });
      expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(window.localStorage.getItem('keyhold.session')).toBeNull();
    });
  });

  describe('after too many attempts', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('waits out Retry-After with a live countdown on the button', async () => {
      // Fake clocks that still move with real time, so that Testing Library's waits keep working.
      vi.useFakeTimers({ shouldAdvanceTime: true });
      sdk.auth.login.mockRejectedValue(new KeyholdError(429, 'RATE_LIMITED', 'Too many requests', undefined, 12));
      renderSignIn();
      await fillAndSubmit('ada@example.com', 'correct horse battery', userEvent.setup({ advanceTimers: vi.advanceTimersByTime }));

      const waiting = await screen.findByRole('button', { name: 'Try again in 12 s' });
      expect(waiting).toBeDisabled();
      expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 12 seconds.');

      await act(() => vi.advanceTimersByTimeAsync(5000));
      expect(screen.getByRole('button', { name: 'Try again in 7 s' })).toBeDisabled();
      // The disabled button sends nothing, even through Enter in a field.
      await userEvent.setup({ advanceTimers: vi.advanceTimersByTime }).type(screen.getByLabelText('Password'), '{Enter}');
      expect(sdk.auth.login).toHaveBeenCalledTimes(1);

      await act(() => vi.advanceTimersByTimeAsync(7000));
      expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
      expect(screen.queryByRole('button', { name: /Try again in/ })).not.toBeInTheDocument();
    });
  });

  describe('the link to sign up', () => {
    it('shows when sign-up is open', async () => {
      renderSignIn();
      expect(await screen.findByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/sign-up');
    });

    it('is hidden when sign-up is closed on this server', async () => {
      sdk.auth.signupStatus.mockResolvedValue({ open: false });
      const { queryClient } = renderSignIn();
      // Once the answer is in, the page has no way to a form that would be refused.
      await waitFor(() => expect(queryClient.getQueryState(['auth', 'signup-status'])?.status).toBe('success'));
      expect(screen.queryByRole('link', { name: 'Create an account' })).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    });
  });
});
