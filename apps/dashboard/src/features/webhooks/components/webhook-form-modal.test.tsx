import { WEBHOOK_EVENTS, type WebhookEndpointWithSecretResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '@/testing/fixtures';
import { renderAppPage } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { WebhooksPage } from './webhooks-page';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const SECRET = 'whsec_c2VjcmV0LXNob3duLW9uY2U=';
const created: WebhookEndpointWithSecretResponse = {
  id: 'wh_1',
  appId: app.id,
  url: 'https://hooks.example.com/keyhold',
  events: ['user.register', 'user.ban'],
  enabled: true,
  disabledReason: null,
  consecutiveFailures: 0,
  createdAt: '2026-11-25T12:00:00.000Z',
  updatedAt: '2026-11-25T12:00:00.000Z',
  secret: SECRET,
};
const { secret: _secret, ...listed } = created;

beforeEach(() => {
  sdk.webhooks.list.mockReset().mockResolvedValueOnce([]).mockResolvedValue([listed]);
  sdk.webhooks.create.mockReset();
});

async function openForm() {
  const user = userEvent.setup();
  renderAppPage(<WebhooksPage />, { app, section: 'webhooks' });
  await screen.findByText('No webhook endpoints');
  await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
  return { user, dialog: await screen.findByRole('dialog') };
}

describe('WebhookFormModal', () => {
  it('starts with every event checked and refuses an empty checklist or a bad URL', async () => {
    const { user, dialog } = await openForm();
    for (const name of WEBHOOK_EVENTS)
      expect(within(dialog).getByRole('checkbox', { name: new RegExp(name.replace('.', '\\.')) })).toBeChecked();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Select all events' }));
    await user.type(within(dialog).getByLabelText('Endpoint URL'), 'ftp://example.com/x');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));

    expect(await within(dialog).findByText('Use an http:// or https:// URL')).toBeInTheDocument();
    expect(within(dialog).getByText('Pick at least one event')).toBeInTheDocument();
    expect(sdk.webhooks.create).not.toHaveBeenCalled();
  });

  it('sends the picked events and shows the signing secret once', async () => {
    sdk.webhooks.create.mockResolvedValue(created);
    const { user, dialog } = await openForm();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Select all events' }));
    await user.click(within(dialog).getByRole('checkbox', { name: /user\.register/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /user\.ban/ }));
    await user.type(within(dialog).getByLabelText('Endpoint URL'), '  https://hooks.example.com/keyhold ');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));

    expect(await within(dialog).findByLabelText('Signing secret')).toHaveValue(SECRET);
    expect(sdk.webhooks.create).toHaveBeenCalledWith({
      appId: app.id,
      url: 'https://hooks.example.com/keyhold',
      events: ['user.register', 'user.ban'],
    });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/will not be shown again/);

    await user.click(within(dialog).getByRole('button', { name: 'I have saved the secret' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const card = await screen.findByTestId('webhook-card');
    expect(within(card).getByText('user.register')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);
  });

  it("puts the API's URL refusal on the field", async () => {
    sdk.webhooks.create.mockRejectedValue(
      new KeyholdError(400, 'VALIDATION_FAILED', 'Request validation failed', [
        { field: 'url', reason: 'Refused: 10.0.0.5 resolves to 10.0.0.5, a private, loopback or link-local address' },
      ]),
    );
    const { user, dialog } = await openForm();
    await user.type(within(dialog).getByLabelText('Endpoint URL'), 'http://10.0.0.5/hook');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(dialog).findByText(/a private, loopback or link-local address/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Endpoint URL')).toHaveAttribute('aria-invalid', 'true');
  });
});
