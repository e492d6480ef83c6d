import { KeyholdError } from '@keyhold/sdk';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { SignInPage } from './sign-in-page';

// The SDK is the module boundary: everything above it (hooks, query client, router) is real.
vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const seller = { id: 'sel_1', email: 'ada@example.com', name: 'Ada Software', createdAt: '2026-01-01T00:00:00.000Z' };

function renderSignIn(state?: unknown) {
  return renderWithApp(<SignInPage />, {
    path: '/sign-in',
    initialEntries: [{ pathname: '/sign-in', state }],
  });
}

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  if (email) await user.type(screen.getByLabelText('Email'), email);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  beforeEach(() => {
    sdk.auth.login.mockReset();
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
});
