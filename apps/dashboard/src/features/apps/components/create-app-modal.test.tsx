import { APP_VERSION_RULE, type AppResponse, type CreatedAppResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { AppsPage } from './apps-page';
import { CreateAppModal } from './create-app-modal';

// The SDK is the module boundary: everything above it (hooks, query client, Mantine) is real.
vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const app: AppResponse = {
  id: 'app_0f6c1d2e3b4a59687766554433221100',
  name: 'Acme Desktop',
  apiKey: 'ak_Zm9vYmFyYmF6cXV4cXV1eA',
  version: '2.1.0',
  status: 'ACTIVE',
  _count: { appUsers: 0, licenses: 0 },
  enforceVersion: false,
  hwidLock: false,
  registrationEnabled: true,
  offlineEnabled: false,
  offlineTtlHours: 168,
  endpoint: 'aSJpwdxP8n90xbFv1Rs2',
  createdAt: '2026-11-25T12:00:00.000Z',
};
const SECRET = 'as_c2VjcmV0LXNob3duLW9uY2Utb25seQ';
const created: CreatedAppResponse = { ...app, apiSecret: SECRET };

describe('CreateAppModal', () => {
  beforeEach(() => {
    sdk.apps.list.mockReset();
    sdk.apps.create.mockReset();
  });

  it('sends nothing without a name or with a malformed version', async () => {
    const user = userEvent.setup();
    renderWithApp(<CreateAppModal opened onClose={() => {}} />);
    await user.type(screen.getByLabelText('Version'), '1 0');
    await user.click(screen.getByRole('button', { name: 'Create app' }));

    expect(await screen.findByText('Name is required')).toBeInTheDocument();
    expect(screen.getByText(`Use ${APP_VERSION_RULE} (for example 1.0.0)`)).toBeInTheDocument();
    expect(sdk.apps.create).not.toHaveBeenCalled();
  });

  it("puts the API's field refusal on the field, with no banner above it", async () => {
    sdk.apps.create.mockRejectedValue(
      new KeyholdError(400, 'VALIDATION_FAILED', 'Request validation failed', [
        { field: 'name', reason: 'name must be shorter than or equal to 100 characters' },
      ]),
    );
    const user = userEvent.setup();
    renderWithApp(<CreateAppModal opened onClose={() => {}} />);
    await user.type(screen.getByLabelText('Name'), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Create app' }));

    expect(await screen.findByText('name must be shorter than or equal to 100 characters')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows in the alert what the API refused about no field of the form', async () => {
    sdk.apps.create.mockRejectedValue(
      new KeyholdError(400, 'VALIDATION_FAILED', 'Request validation failed', [
        { field: 'plan', reason: 'property plan should not exist' },
      ]),
    );
    const user = userEvent.setup();
    renderWithApp(<CreateAppModal opened onClose={() => {}} />);
    await user.type(screen.getByLabelText('Name'), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Create app' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('property plan should not exist');
    expect(alert).not.toHaveTextContent('Request validation failed');
  });

  it('shows the API key and the secret once, then never again', async () => {
    sdk.apps.list.mockResolvedValueOnce([]).mockResolvedValue([app]);
    sdk.apps.create.mockResolvedValue(created);
    const user = userEvent.setup();
    renderWithApp(<AppsPage />, { path: '/apps' });

    expect(await screen.findByText('No applications yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New app' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Name'), '  Acme Desktop ');
    await user.type(within(dialog).getByLabelText('Version'), '2.1.0');
    await user.click(within(dialog).getByRole('button', { name: 'Create app' }));

    // The one showing: key, secret, copy buttons and a clear warning.
    expect(await within(dialog).findByLabelText('API secret')).toHaveValue(SECRET);
    expect(within(dialog).getByLabelText('API key')).toHaveValue(app.apiKey);
    expect(within(dialog).getByRole('button', { name: 'Copy API secret' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Copy API key' })).toBeInTheDocument();
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/will not be shown again/i);
    expect(sdk.apps.create).toHaveBeenCalledWith({ name: 'Acme Desktop', version: '2.1.0' });

    await user.click(within(dialog).getByRole('button', { name: 'I have saved the secret' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    // The list was refetched through appKeys and shows the app, without its secret.
    const row = await screen.findByRole('row', { name: /Acme Desktop/ });
    expect(within(row).getByText(app.apiKey)).toBeInTheDocument();
    expect(sdk.apps.list).toHaveBeenCalledTimes(2);
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();

    // Opening the modal again starts a fresh form: the secret is gone for good.
    await user.click(screen.getByRole('button', { name: 'New app' }));
    const again = await screen.findByRole('dialog');
    expect(within(again).getByLabelText('Name')).toHaveValue('');
    expect(within(again).queryByLabelText('API secret')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
  });
});
