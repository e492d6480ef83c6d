import type { WebhookDeliveryResponse, WebhookEndpointResponse } from '@keyhold/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, page } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { DeliveriesDrawer } from './deliveries-drawer';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const endpoint: WebhookEndpointResponse = {
  id: 'wh_1',
  appId: app.id,
  url: 'https://hooks.example.com/a/very/long/path/that/a/phone/cannot/show/on/one/line',
  events: ['user.register'],
  enabled: true,
  disabledReason: null,
  consecutiveFailures: 0,
  createdAt: '2026-11-25T12:00:00.000Z',
  updatedAt: '2026-11-25T12:00:00.000Z',
};

const delivered: WebhookDeliveryResponse = {
  id: 'whd_1',
  eventId: 'evt_1',
  event: 'webhook.test',
  status: 'succeeded',
  attempts: 1,
  nextAttemptAt: null,
  lastStatusCode: 200,
  lastError: null,
  createdAt: '2026-11-25T12:00:00.000Z',
  attemptLog: [{ attemptedAt: '2026-11-25T12:00:01.000Z', statusCode: 200, latencyMs: 34, error: null, responseExcerpt: 'ok' }],
};

const failing: WebhookDeliveryResponse = {
  ...delivered,
  id: 'whd_2',
  eventId: 'evt_2',
  event: 'user.register',
  status: 'failed',
  attempts: 3,
  lastStatusCode: null,
  lastError: 'connect ECONNREFUSED',
  attemptLog: [
    { attemptedAt: '2026-11-25T12:00:01.000Z', statusCode: null, latencyMs: 12, error: 'connect ECONNREFUSED', responseExcerpt: null },
  ],
};

beforeEach(() => {
  sdk.webhooks.deliveries.mockReset().mockResolvedValue(page([delivered, failing]));
  sdk.webhooks.redeliver.mockReset().mockResolvedValue(delivered);
});

describe('DeliveriesDrawer', () => {
  // The log was an 8-column table wider than the drawer: the Redeliver buttons sat past its right edge.
  it('lays each delivery out as one wrapping row, its Redeliver button within it, and no table to scroll', async () => {
    renderWithApp(<DeliveriesDrawer endpoint={endpoint} onClose={() => {}} />);
    const drawer = await screen.findByRole('dialog', { name: /Deliveries/ });
    const [ok, bad] = await within(drawer).findAllByTestId('delivery-row');
    expect(within(drawer).queryByRole('table')).not.toBeInTheDocument();
    expect(within(drawer).getByRole('list', { name: 'Deliveries' })).toBeInTheDocument();

    expect(within(ok).getByText('webhook.test')).toBeInTheDocument();
    expect(within(ok).getByText('Succeeded')).toBeInTheDocument();
    expect(within(ok).getByTestId('delivery-answer')).toHaveTextContent('HTTP 200 · 34 ms · 1 try');
    expect(within(ok).getByRole('button', { name: 'Redeliver webhook.test' })).toBeInTheDocument();
    expect(within(bad).getByTestId('delivery-answer')).toHaveTextContent('No answer · 12 ms · 3 tries');
    expect(within(bad).getByRole('button', { name: 'Redeliver user.register' })).toBeInTheDocument();
  });

  it('redelivers one event and shows its attempts on demand', async () => {
    const user = userEvent.setup();
    renderWithApp(<DeliveriesDrawer endpoint={endpoint} onClose={() => {}} />);
    const [, bad] = await screen.findAllByTestId('delivery-row');
    await user.click(within(bad).getByRole('button', { name: 'Redeliver user.register' }));
    await waitFor(() => expect(sdk.webhooks.redeliver).toHaveBeenCalledWith('wh_1', 'whd_2'));

    const toggle = within(bad).getByRole('button', { name: 'Show attempts' });
    await user.click(toggle);
    expect(within(bad).getByRole('button', { name: 'Hide attempts' })).toHaveAttribute('aria-expanded', 'true');
    expect(within(bad).getByText('connect ECONNREFUSED')).toBeVisible();
  });
});
