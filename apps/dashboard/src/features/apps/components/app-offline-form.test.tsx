import type { AppResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '@/testing/fixtures';
import { renderRoutes } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { OFFLINE_TTL_MESSAGE } from '../schemas';
import { AppDetailLayout } from './app-detail-layout';
import { AppSettingsPage } from './app-settings-page';

// The SDK is the module boundary: everything above it (hooks, query client, Mantine) is real.
vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

beforeEach(() => {
  sdk.apps.get.mockReset().mockResolvedValue(app);
  sdk.apps.list.mockReset().mockResolvedValue([app]);
  sdk.apps.update.mockReset();
  sdk.http.request.mockReset().mockResolvedValue([]); // the signing keys beside the form
});

/** The offline section of the settings page, inside the real per-app layout that loads the app. */
async function renderOffline() {
  const user = userEvent.setup();
  renderRoutes(
    [{ path: '/apps/:appId', element: <AppDetailLayout />, children: [{ path: 'settings', element: <AppSettingsPage /> }] }],
    `/apps/${app.id}/settings`,
  );
  const form = await screen.findByRole('form', { name: 'Offline licenses' });
  return {
    user,
    form,
    toggle: within(form).getByRole('switch', { name: /Hand out offline licenses/ }),
    hours: within(form).getByLabelText('Offline license lifetime'),
    save: within(form).getByRole('button', { name: 'Save changes' }),
  };
}

describe('AppOfflineForm', () => {
  it('turns offline licenses on with a lifetime, sending only what changed, then shows the saved app', async () => {
    sdk.apps.update.mockImplementation((_id, body) => Promise.resolve({ ...app, ...body }));
    const { user, form, toggle, hours, save } = await renderOffline();
    expect(toggle).not.toBeChecked();
    expect(hours).toHaveValue(String(app.offlineTtlHours));
    expect(within(form).getByText(/never outlives the license itself/)).toBeInTheDocument();
    expect(save).toBeDisabled();

    await user.click(toggle);
    await user.clear(hours);
    await user.type(hours, '72');
    await user.click(save);

    await waitFor(() => expect(sdk.apps.update).toHaveBeenCalledWith(app.id, { offlineEnabled: true, offlineTtlHours: 72 }));
    expect(await screen.findByText('Offline licenses last 72 hours.')).toBeInTheDocument();
    expect(toggle).toBeChecked();
    expect(hours).toHaveValue('72');
    await waitFor(() => expect(save).toBeDisabled()); // the page's app is the saved one: nothing left to save
  });

  it('turning it off sends the switch alone', async () => {
    const on: AppResponse = { ...app, offlineEnabled: true, offlineTtlHours: 24 };
    sdk.apps.get.mockResolvedValue(on);
    sdk.apps.update.mockResolvedValue({ ...on, offlineEnabled: false });
    const { user, toggle, save } = await renderOffline();
    expect(toggle).toBeChecked();
    await user.click(toggle);
    await user.click(save);
    await waitFor(() => expect(sdk.apps.update).toHaveBeenCalledWith(app.id, { offlineEnabled: false }));
    expect(await screen.findByText('No offline licenses are handed out.')).toBeInTheDocument();
  });

  it.each(['0', '2161'])('refuses %s hours before sending, on the field', async (typed) => {
    const { user, form, hours, save } = await renderOffline();
    await user.clear(hours);
    await user.type(hours, typed);
    await user.click(save);

    expect(await within(form).findByText(OFFLINE_TTL_MESSAGE)).toBeInTheDocument();
    expect(OFFLINE_TTL_MESSAGE).toBe('Between 1 and 2,160 hours');
    expect(hours).toHaveAttribute('aria-invalid', 'true');
    expect(hours).toHaveValue(typed); // said on the field, not silently clamped to another number
    expect(sdk.apps.update).not.toHaveBeenCalled();
  });

  it('asks for a number when the lifetime is empty', async () => {
    const { user, form, toggle, hours, save } = await renderOffline();
    await user.click(toggle);
    await user.clear(hours);
    await user.click(save);
    expect(await within(form).findByText('Enter a whole number of hours')).toBeInTheDocument();
    expect(sdk.apps.update).not.toHaveBeenCalled();
  });

  it("puts the API's field error on the lifetime", async () => {
    sdk.apps.update.mockRejectedValue(
      new KeyholdError(400, 'VALIDATION_FAILED', 'Request validation failed', [
        { field: 'offlineTtlHours', reason: 'offlineTtlHours must not be greater than 2160' },
      ]),
    );
    const { user, form, hours, save } = await renderOffline();
    await user.clear(hours);
    await user.type(hours, '100');
    await user.click(save);

    expect(await within(form).findByText('offlineTtlHours must not be greater than 2160')).toBeInTheDocument();
    expect(hours).toHaveAttribute('aria-invalid', 'true');
    // The field says it: no "Request validation failed" banner above it.
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });
});
