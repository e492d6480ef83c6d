import { KeyholdError } from '@keyhold/sdk';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { SignUpPage } from './sign-up-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

async function fillAndSubmit(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Name'), 'Ada Software');
  await user.type(screen.getByLabelText('Email'), 'ada@example.com');
  await user.type(screen.getByLabelText('Password'), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('SignUpPage', () => {
  beforeEach(() => {
    sdk.auth.register.mockReset();
    sdk.auth.signupStatus.mockReset().mockResolvedValue({ open: true });
  });

  it('requires a name, a valid email and an 8-character password before sending', async () => {
    const user = userEvent.setup();
    renderWithApp(<SignUpPage />, { path: '/sign-up' });
    await user.type(await screen.findByLabelText('Email'), 'not-an-email');
    await user.type(screen.getByLabelText('Password'), '1234567');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Name is required')).toBeInTheDocument();
    expect(screen.getByText('Enter a valid email address')).toBeInTheDocument();
    expect(screen.getByText('Password must be at least 8 characters')).toBeInTheDocument();
    expect(sdk.auth.register).not.toHaveBeenCalled();
  });

  it('shows the message of a refused registration', async () => {
    sdk.auth.register.mockRejectedValue(new KeyholdError(409, 'EMAIL_TAKEN', 'Email is already registered'));
    const user = userEvent.setup();
    renderWithApp(<SignUpPage />, { path: '/sign-up' });
    await fillAndSubmit(user);

    expect(await screen.findByRole('alert')).toHaveTextContent('Email is already registered');
    expect(sdk.auth.register).toHaveBeenCalledWith({
      name: 'Ada Software',
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
  });

  it('says sign-up is closed, with no form, when the server takes no new accounts', async () => {
    sdk.auth.signupStatus.mockResolvedValue({ open: false });
    renderWithApp(<SignUpPage />, { path: '/sign-up' });

    expect(await screen.findByRole('status')).toHaveTextContent('Sign-up is closed on this server');
    expect(screen.getByRole('status')).toHaveTextContent('Ask its administrator for an account');
    expect(screen.queryByRole('form', { name: 'Create account' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Email')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to sign in' })).toHaveAttribute('href', '/sign-in');
  });

  it('shows the refusal when sign-up closed after the page loaded', async () => {
    sdk.auth.register.mockRejectedValue(new KeyholdError(403, 'SIGNUP_CLOSED', 'Sign-up is closed'));
    const user = userEvent.setup();
    renderWithApp(<SignUpPage />, { path: '/sign-up' });
    await fillAndSubmit(user);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not create the account');
    expect(alert).toHaveTextContent('Sign-up is closed');
    expect(screen.getByRole('form', { name: 'Create account' })).toBeInTheDocument();
    expect(window.localStorage.getItem('keyhold.session')).toBeNull();
  });
});
