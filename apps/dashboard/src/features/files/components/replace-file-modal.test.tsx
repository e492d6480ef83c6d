import type { FileResponse } from '@keyhold/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { ReplaceFileModal } from './replace-file-modal';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const loader: FileResponse = {
  id: 'fil_00000000000000000000000000000001',
  appId: app.id,
  name: 'loader.exe',
  size: 10,
  sha256: 'a'.repeat(64),
  contentType: 'application/octet-stream',
  subscriptions: ['premium'],
  createdAt: '2026-11-25T12:00:00.000Z',
  updatedAt: '2026-11-25T12:00:00.000Z',
};

beforeEach(() => sdk.files.replaceContent.mockReset().mockResolvedValue({ ...loader, size: 2048 }));

describe('ReplaceFileModal', () => {
  it('sends the new bytes for the same file and says so', async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    const { container } = renderWithApp(<ReplaceFileModal appId={app.id} file={loader} onClose={onClose} />);
    const replace = await screen.findByRole('button', { name: 'Replace' });
    expect(replace).toBeDisabled();
    const build = new File(['new build'], 'loader-v2.exe', { type: 'application/octet-stream' });
    await user.upload(container.ownerDocument.querySelector('input[type="file"]')!, build);
    expect(screen.getByTestId('replacement-file')).toHaveTextContent('loader-v2.exe');
    await user.click(replace);
    await waitFor(() => expect(sdk.files.replaceContent).toHaveBeenCalledWith(loader.id, build, 'loader-v2.exe'));
    expect(await screen.findByText('File replaced')).toBeInTheDocument();
    expect(onClose).toHaveBeenCalled();
  });
});
