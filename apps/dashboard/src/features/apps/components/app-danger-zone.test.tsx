import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, page } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { AppDangerZone } from './app-danger-zone';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

beforeEach(() => {
  sdk.resellers.list.mockReset();
  sdk.apps.remove.mockReset();
});

async function openDelete() {
  const user = userEvent.setup();
  renderWithApp(<AppDangerZone app={app} />);
  await user.click(screen.getByRole('button', { name: 'Delete app' }));
  return { user, dialog: await screen.findByRole('dialog', { name: `Delete ${app.name}?` }) };
}

describe('AppDangerZone: deleting an app', () => {
  it('says how many resellers sell the app and that they lose it', async () => {
    sdk.resellers.list.mockResolvedValue(page([], { total: 2, limit: 1 }));
    await openDelete();
    expect(await screen.findByTestId('delete-app-resellers')).toHaveTextContent(
      '2 resellers sell this app: they lose it and the keys they made of it. Those who sell nothing else can generate no keys',
    );
    expect(sdk.resellers.list).toHaveBeenCalledWith({ appId: app.id, limit: 1 });
  });

  it('says it of one reseller in the singular', async () => {
    sdk.resellers.list.mockResolvedValue(page([], { total: 1, limit: 1 }));
    await openDelete();
    expect(await screen.findByTestId('delete-app-resellers')).toHaveTextContent('1 reseller sells this app');
  });

  it('says nothing of resellers when none sells it, and asks nothing before the dialog opens', async () => {
    sdk.resellers.list.mockResolvedValue(page([], { total: 0, limit: 1 }));
    const user = userEvent.setup();
    renderWithApp(<AppDangerZone app={app} />);
    expect(sdk.resellers.list).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete app' }));
    await waitFor(() => expect(sdk.resellers.list).toHaveBeenCalled());
    expect(screen.queryByTestId('delete-app-resellers')).not.toBeInTheDocument();
  });
});
