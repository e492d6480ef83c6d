import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getSession, setSession } from '@/lib/session';
import { seller as makeSeller } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { AccountPage } from './account-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const ada = makeSeller();
const RECOVERY_CODES = Array.from({ length: 10 }, (_, i) => `7kq2-9zpl-m4tx-a8${String(i).padStart(2, '0')}`);
const SETUP = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUrl: 'otpauth://totp/Keyhold:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Keyhold',
};

beforeEach(() => {
  sdk.auth.me.mockReset().mockResolvedValue({ seller: ada });
  sdk.auth.changePassword.mockReset();
  sdk.auth.logout.mockReset();
  sdk.auth.twoFactor.setup.mockReset();
  sdk.auth.twoFactor.enable.mockReset();
  sdk.auth.twoFactor.disable.mockReset();
  setSession({ token: 'tok_current', seller: ada });
});

function renderAccount() {
  const onSessionExpired = vi.fn();
  const user = userEvent.setup();
  const view = renderWithApp(<AccountPage />, { path: '/account', onSessionExpired });
  return { user, onSessionExpired, ...view };
}

describe('AccountPage', () => {
  it("shows the seller's profile", async () => {
    renderAccount();
    const profile = await screen.findByTestId('account-profile');
    expect(profile).toHaveTextContent('Ada Software');
    expect(profile).toHaveTextContent('ada@example.com');
    expect(profile).toHaveTextContent(ada.id);
  });

  describe('Change password', () => {
    async function fill(user: ReturnType<typeof userEvent.setup>, current: string, next: string, confirm = next) {
      const form = await screen.findByRole('form', { name: 'Change password' });
      await user.type(within(form).getByLabelText('Current password'), current);
      await user.type(within(form).getByLabelText('New password'), next);
      await user.type(within(form).getByLabelText('Confirm new password'), confirm);
      await user.click(within(form).getByRole('button', { name: 'Change password' }));
      return form;
    }

    it('sends the current and the new password, then says how many other sessions were signed out', async () => {
      sdk.auth.changePassword.mockResolvedValue({ seller: ada, sessionsEnded: 3 });
      const { user } = renderAccount();
      const form = await fill(user, 'old password 1', 'new password 2');

      expect(await screen.findByText('3 other sessions signed out.')).toBeInTheDocument();
      expect(screen.getByText('Password changed')).toBeInTheDocument();
      expect(sdk.auth.changePassword).toHaveBeenCalledWith({ currentPassword: 'old password 1', newPassword: 'new password 2' });
      expect(within(form).getByLabelText('Current password')).toHaveValue('');
      expect(within(form).getByLabelText('New password')).toHaveValue('');
      expect(getSession()?.token).toBe('tok_current');
    });

    it('sends nothing when the new password is short or typed differently twice', async () => {
      const { user } = renderAccount();
      const form = await fill(user, 'old password 1', 'short', 'shirt');

      expect(await within(form).findByText('Password must be at least 8 characters')).toBeInTheDocument();
      expect(within(form).getByText('The passwords do not match')).toBeInTheDocument();
      expect(sdk.auth.changePassword).not.toHaveBeenCalled();
    });

    it('keeps the seller signed in when the current password is wrong, and says so on its field', async () => {
      sdk.auth.changePassword.mockRejectedValue(new KeyholdError(401, 'INVALID_CREDENTIALS', 'Current password is incorrect'));
      const { user, onSessionExpired } = renderAccount();
      const form = await fill(user, 'not my password', 'new password 2');

      expect(await within(form).findByText('This is not your current password')).toBeInTheDocument();
      expect(sdk.auth.changePassword).toHaveBeenCalledTimes(1);
      // Said on the field only: no alert repeating a sign-in's "Username or password is incorrect".
      expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
      expect(onSessionExpired).not.toHaveBeenCalled();
      expect(getSession()?.token).toBe('tok_current');
      expect(screen.queryByTestId('route-marker')).not.toBeInTheDocument();
      // What was typed stays, to correct the current password and try again.
      expect(within(form).getByLabelText('New password')).toHaveValue('new password 2');
    });

    it("puts the API's field errors on the fields", async () => {
      sdk.auth.changePassword.mockRejectedValue(
        new KeyholdError(400, 'VALIDATION_FAILED', 'Validation failed', [
          { field: 'newPassword', reason: 'Choose a less common password' },
        ]),
      );
      const { user } = renderAccount();
      const form = await fill(user, 'old password 1', 'password123');

      expect(await within(form).findByText('Choose a less common password')).toBeInTheDocument();
      // The field says what is wrong: no "Validation failed" banner above it.
      expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    });
  });

  describe('Two-factor sign-in', () => {
    it('sets it up with a QR code and the secret, then shows the recovery codes once', async () => {
      sdk.auth.twoFactor.setup.mockResolvedValue(SETUP);
      sdk.auth.twoFactor.enable.mockResolvedValue({ recoveryCodes: RECOVERY_CODES, seller: { ...ada, twoFactorEnabled: true } });
      const { user } = renderAccount();
      expect(await screen.findByTestId('two-factor-status')).toHaveTextContent('Off');
      await user.click(screen.getByRole('button', { name: 'Set up' }));

      const dialog = await screen.findByRole('dialog', { name: 'Set up two-factor sign-in' });
      const qr = await within(dialog).findByRole('img', { name: 'QR code for your authenticator app' });
      expect(qr.tagName.toLowerCase()).toBe('svg');
      expect(qr.querySelectorAll('path').length).toBeGreaterThan(0);
      expect(within(dialog).getByLabelText('Secret key')).toHaveValue(SETUP.secret);
      expect(within(dialog).getByRole('button', { name: 'Copy secret key' })).toBeInTheDocument();
      expect(sdk.auth.twoFactor.setup).toHaveBeenCalledTimes(1);

      // Once on, /me says so.
      sdk.auth.me.mockResolvedValue({ seller: { ...ada, twoFactorEnabled: true } });
      await user.type(within(dialog).getByLabelText('Code from the app'), '123 456');
      await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));

      const codesDialog = await screen.findByRole('dialog', { name: 'Two-factor sign-in is on' });
      expect(sdk.auth.twoFactor.enable).toHaveBeenCalledWith({ code: '123456' });
      const codes = within(codesDialog).getAllByTestId('recovery-code');
      expect(codes.map((c) => c.textContent)).toEqual(RECOVERY_CODES);
      expect(within(codesDialog).getByRole('alert')).toHaveTextContent('shown only once');
      expect(within(codesDialog).getByRole('button', { name: 'Copy all' })).toBeInTheDocument();
      expect(within(codesDialog).getByRole('button', { name: 'Download .txt' })).toBeInTheDocument();
      // The page behind shows the new state, and the dialog with the codes stays.
      await waitFor(() => expect(screen.getByTestId('two-factor-status')).toHaveTextContent('On'));
      await waitFor(() => expect(sdk.auth.me).toHaveBeenCalledTimes(2));
      expect(within(codesDialog).getAllByTestId('recovery-code')).toHaveLength(10);

      // Leaving asks for the codes to be saved first, and Escape does not close it.
      const done = within(codesDialog).getByRole('button', { name: 'Done' });
      expect(done).toBeDisabled();
      await user.keyboard('{Escape}');
      expect(screen.getByRole('dialog', { name: 'Two-factor sign-in is on' })).toBeInTheDocument();
      await user.click(within(codesDialog).getByLabelText('I have saved my recovery codes somewhere safe'));
      await user.click(done);

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(screen.queryAllByTestId('recovery-code')).toHaveLength(0);
      expect(document.body.textContent).not.toContain(RECOVERY_CODES[0]);
      expect(screen.getByRole('button', { name: 'Turn off' })).toBeInTheDocument();
    });

    it('shows a wrong code on its field, without codes', async () => {
      sdk.auth.twoFactor.setup.mockResolvedValue(SETUP);
      sdk.auth.twoFactor.enable.mockRejectedValue(new KeyholdError(401, 'INVALID_TWO_FACTOR_CODE', 'The two-factor code is invalid'));
      const { user, onSessionExpired } = renderAccount();
      await user.click(await screen.findByRole('button', { name: 'Set up' }));
      const dialog = await screen.findByRole('dialog', { name: 'Set up two-factor sign-in' });
      await user.type(await within(dialog).findByLabelText('Code from the app'), '000000');
      await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));

      await waitFor(() => expect(within(dialog).getByLabelText('Code from the app')).toHaveAttribute('aria-invalid', 'true'));
      expect(within(dialog).getByText(/This code is not right/)).toBeInTheDocument();
      expect(screen.queryAllByTestId('recovery-code')).toHaveLength(0);
      expect(onSessionExpired).not.toHaveBeenCalled();
    });

    it('sends nothing but a 6-digit code to turn it on', async () => {
      sdk.auth.twoFactor.setup.mockResolvedValue(SETUP);
      const { user } = renderAccount();
      await user.click(await screen.findByRole('button', { name: 'Set up' }));
      const dialog = await screen.findByRole('dialog', { name: 'Set up two-factor sign-in' });
      await user.type(await within(dialog).findByLabelText('Code from the app'), '12345');
      await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));

      expect(await within(dialog).findByText('The code is 6 digits')).toBeInTheDocument();
      expect(sdk.auth.twoFactor.enable).not.toHaveBeenCalled();
    });

    it('turns it off with an authenticator or recovery code', async () => {
      sdk.auth.me.mockResolvedValue({ seller: { ...ada, twoFactorEnabled: true } });
      sdk.auth.twoFactor.disable.mockResolvedValue({ seller: ada });
      const { user } = renderAccount();
      expect(await screen.findByTestId('two-factor-status')).toHaveTextContent('On');
      await user.click(screen.getByRole('button', { name: 'Turn off' }));

      const dialog = await screen.findByRole('dialog', { name: 'Turn off two-factor sign-in?' });
      sdk.auth.me.mockResolvedValue({ seller: ada });
      await user.type(within(dialog).getByLabelText('Authenticator or recovery code'), ' 7kq2-9zpl-m4tx-a81c ');
      await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(sdk.auth.twoFactor.disable).toHaveBeenCalledWith({ code: '7kq2-9zpl-m4tx-a81c' });
      expect(screen.getByText('Two-factor sign-in is off')).toBeInTheDocument();
      expect(screen.getByTestId('two-factor-status')).toHaveTextContent('Off');
      expect(screen.getByRole('button', { name: 'Set up' })).toBeInTheDocument();
    });
  });

  describe('Sign out everywhere', () => {
    it('ends every session after confirming, forgets the token and goes to sign-in', async () => {
      sdk.auth.logout.mockResolvedValue({ sessionsEnded: 4 });
      const { user, router } = renderAccount();
      await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
      const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
      expect(sdk.auth.logout).not.toHaveBeenCalled();
      await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));

      expect(await screen.findByTestId('route-marker')).toHaveTextContent('/sign-in');
      expect(sdk.auth.logout).toHaveBeenCalledWith({ everywhere: true });
      expect(getSession()).toBeNull();
      expect(window.localStorage.getItem('keyhold.session')).toBeNull();
      expect((router.state.location.state as { notice?: string }).notice).toMatch(/signed out on every device/);
    });

    it('stays signed in when the server refuses', async () => {
      sdk.auth.logout.mockRejectedValue(new KeyholdError(503, 'SERVICE_UNAVAILABLE', 'Service unavailable'));
      const { user } = renderAccount();
      await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
      const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
      await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));

      expect(await within(dialog).findByRole('alert')).toHaveTextContent('The server is busy');
      expect(getSession()?.token).toBe('tok_current');
    });
  });
});
