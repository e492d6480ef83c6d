import { APP_VERSION_RULE, type AppResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, signingKey } from '@/testing/fixtures';
import { renderRoutes } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { AppDetailLayout } from './app-detail-layout';
import { AppSettingsPage } from './app-settings-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

beforeEach(() => {
  sdk.apps.get.mockReset().mockResolvedValue(app);
  sdk.apps.list.mockReset().mockResolvedValue([app]);
  sdk.apps.update.mockReset();
  sdk.apps.remove.mockReset();
  sdk.apps.rotateKey.mockReset();
  sdk.apps.rotateSecret.mockReset();
  sdk.signingKeys.list.mockReset().mockResolvedValue([signingKey(1)]);
});

/** The settings page inside the real per-app layout, which loads the app. */
async function renderSettings() {
  const user = userEvent.setup();
  const view = renderRoutes(
    [{ path: '/apps/:appId', element: <AppDetailLayout />, children: [{ path: 'settings', element: <AppSettingsPage /> }] }],
    `/apps/${app.id}/settings`,
  );
  const form = await screen.findByRole('form', { name: 'Application settings' });
  return { user, form, ...view };
}

describe('AppSettingsPage', () => {
  it('sends only what changed, then shows the saved app', async () => {
    const saved: AppResponse = { ...app, name: 'Acme Pro', hwidLock: true };
    sdk.apps.update.mockResolvedValue(saved);
    const { user, form } = await renderSettings();
    const save = within(form).getByRole('button', { name: 'Save changes' });
    expect(save).toBeDisabled();

    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, '  Acme Pro ');
    await user.click(within(form).getByRole('switch', { name: /Device lock/ }));
    expect(save).toBeEnabled();
    await user.click(save);

    await waitFor(() => expect(sdk.apps.update).toHaveBeenCalledWith(app.id, { name: 'Acme Pro', hwidLock: true }));
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    expect(await screen.findByTestId('app-title')).toHaveTextContent('Acme Pro');
    expect(within(form).getByRole('button', { name: 'Save changes' })).toBeDisabled();
    // Device lock on: the example URL asks for a hardware id too.
    expect(screen.getByLabelText('Example authentication URL')).toHaveValue(
      `${window.location.origin}/app/auth/${app.endpoint}+USERNAME+PASSWORD+${app.version}+HARDWARE_ID`,
    );
  });

  it('rotates the app secret after a confirmation and shows the new one once', async () => {
    const secret = 'as_new-secret-shown-once-0123456789abcdefghijk';
    sdk.apps.rotateSecret.mockResolvedValue({ ...app, apiSecret: secret });
    const { user } = await renderSettings();
    expect(screen.getByLabelText<HTMLInputElement>('After a payment').value).toContain(
      `${window.location.origin}/v1/admin/licenses/generate -H "Authorization: Bearer $KEYHOLD_APP_SECRET"`,
    );
    await user.click(screen.getByRole('button', { name: 'Rotate secret' }));
    const confirm = await screen.findByRole('dialog', { name: 'Rotate the app secret?' });
    expect(sdk.apps.rotateSecret).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Rotate secret' }));
    await waitFor(() => expect(sdk.apps.rotateSecret).toHaveBeenCalledWith(app.id));

    const shown = await screen.findByRole('dialog', { name: 'New app secret' });
    expect(within(shown).getByLabelText('App secret')).toHaveValue(secret);
    expect(within(shown).getByRole('button', { name: 'Copy app secret' })).toBeInTheDocument();
    await user.click(within(shown).getByRole('button', { name: 'I have saved the secret' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New app secret' })).not.toBeInTheDocument());
    expect(screen.queryByDisplayValue(secret)).not.toBeInTheDocument();
  });

  it("has the app's signing keys and offline license sections", async () => {
    await renderSettings();
    expect(screen.getByRole('region', { name: 'Signing keys' })).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Signing keys' })).toHaveTextContent(signingKey(1).kid);
    expect(sdk.signingKeys.list).toHaveBeenCalledWith(app.id);
    expect(screen.getByRole('form', { name: 'Offline licenses' })).toBeInTheDocument();
  });

  it('checks the name and version before sending', async () => {
    const { user, form } = await renderSettings();
    await user.clear(within(form).getByLabelText('Name'));
    const version = within(form).getByLabelText('Version');
    await user.clear(version);
    await user.type(version, '2.0 beta');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await within(form).findByText('Name is required')).toBeInTheDocument();
    expect(within(form).getByText(`Use ${APP_VERSION_RULE} (for example 1.0.0)`)).toBeInTheDocument();
    expect(sdk.apps.update).not.toHaveBeenCalled();
  });

  it("puts the API's field errors on the fields", async () => {
    sdk.apps.update.mockRejectedValue(
      new KeyholdError(400, 'VALIDATION_FAILED', 'Request validation failed', [
        { field: 'version', reason: 'version must be 1-50 characters of letters, digits and . + - _' },
      ]),
    );
    const { user, form } = await renderSettings();
    await user.click(within(form).getByRole('switch', { name: /Enforce version/ }));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await within(form).findByText('version must be 1-50 characters of letters, digits and . + - _')).toBeInTheDocument();
    expect(within(form).getByLabelText('Version')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the Axora endpoint with a ready-to-copy URL and curl line', async () => {
    await renderSettings();
    const url = `${window.location.origin}/app/auth/${app.endpoint}+USERNAME+PASSWORD+${app.version}`;
    expect(screen.getByLabelText('Axora endpoint id')).toHaveValue(app.endpoint);
    expect(screen.getByLabelText('Example authentication URL')).toHaveValue(url);
    expect(screen.getByLabelText('curl')).toHaveValue(`curl "${url}"`);
    expect(screen.getByRole('button', { name: 'Copy curl command' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy example URL' })).toBeInTheDocument();
  });

  it('rotates the API key only after confirmation', async () => {
    sdk.apps.rotateKey.mockResolvedValue({ ...app, apiKey: 'ak_bmV3LWtleQ' });
    const { user } = await renderSettings();
    await user.click(screen.getByRole('button', { name: 'Rotate API key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate the API key?' });
    expect(sdk.apps.rotateKey).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    await waitFor(() => expect(sdk.apps.rotateKey).toHaveBeenCalledWith(app.id));
    expect(await screen.findByLabelText('API key')).toHaveValue('ak_bmV3LWtleQ');
    expect(screen.getByText('API key rotated')).toBeInTheDocument();
  });

  it('deletes the app only once its exact name is typed, then goes back to the list', async () => {
    sdk.apps.remove.mockResolvedValue({ id: app.id, deleted: true });
    const { user } = await renderSettings();
    await user.click(screen.getByRole('button', { name: 'Delete app' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Delete forever' });
    const typed = within(dialog).getByLabelText('Type the app name to confirm');

    await user.type(typed, 'acme desktop');
    expect(confirm).toBeDisabled();
    await user.click(confirm);
    expect(sdk.apps.remove).not.toHaveBeenCalled();

    await user.clear(typed);
    await user.type(typed, app.name);
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    await waitFor(() => expect(sdk.apps.remove).toHaveBeenCalledWith(app.id));
    expect(await screen.findByTestId('route-marker')).toHaveTextContent('/apps');
    expect(screen.getByText('App deleted')).toBeInTheDocument();
  });
});
