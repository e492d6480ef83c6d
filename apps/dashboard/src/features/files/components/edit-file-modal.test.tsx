import type { FileResponse } from '@keyhold/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { EditFileModal, extensionOf } from './edit-file-modal';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const file = (name: string): FileResponse => ({
  id: 'fil_00000000000000000000000000000001',
  appId: app.id,
  name,
  size: 10,
  sha256: 'a'.repeat(64),
  contentType: 'application/octet-stream',
  subscriptions: [],
  createdAt: '2026-11-25T12:00:00.000Z',
  updatedAt: '2026-11-25T12:00:00.000Z',
});

beforeEach(() => sdk.files.update.mockReset().mockImplementation((id, body) => Promise.resolve({ ...file('x'), id, ...body })));

async function rename(from: string, to: string) {
  const user = userEvent.setup();
  renderWithApp(<EditFileModal appId={app.id} file={file(from)} onClose={() => {}} />);
  const name = await screen.findByLabelText('Name');
  await user.clear(name);
  await user.type(name, to);
  await user.click(screen.getByRole('button', { name: 'Save file' }));
}

describe('EditFileModal', () => {
  it("keeps the file's extension when it is renamed, so the download still opens as before", async () => {
    await rename('setup.exe', 'Installer v2');
    await waitFor(() => expect(sdk.files.update).toHaveBeenCalledWith(expect.any(String), { name: 'Installer v2.exe' }));
  });

  it('does not add the extension twice when it was typed', async () => {
    await rename('setup.exe', 'Installer v2.EXE');
    await waitFor(() => expect(sdk.files.update).toHaveBeenCalledWith(expect.any(String), { name: 'Installer v2.EXE' }));
  });

  it('edits a name without an extension as it is', async () => {
    await rename('README', 'Read me first');
    await waitFor(() => expect(sdk.files.update).toHaveBeenCalledWith(expect.any(String), { name: 'Read me first' }));
  });

  it('finds the extension after the last dot only', () => {
    expect([extensionOf('a.tar.gz'), extensionOf('.env'), extensionOf('v1.2 notes'), extensionOf('x.')]).toEqual(['.gz', '', '', '']);
  });
});
