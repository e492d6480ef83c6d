import { Drawer, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '@/testing/render';

vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

describe("the theme's close buttons", () => {
  it('have an accessible name on dialogs, drawers and notifications, and close them', async () => {
    const onClose = vi.fn();
    renderWithApp(
      <>
        <Modal opened onClose={onClose} title="A dialog">
          body
        </Modal>
        <Drawer opened onClose={() => {}} title="A drawer">
          body
        </Drawer>
      </>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'A dialog' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(within(screen.getByRole('dialog', { name: 'A drawer' })).getByRole('button', { name: 'Close' })).toBeInTheDocument();

    act(() => void notifications.show({ title: 'Saved', message: 'The app was saved' }));
    const note = (await screen.findByText('The app was saved')).closest('[role="alert"]') as HTMLElement;
    expect(within(note).getByRole('button', { name: 'Close' })).toBeInTheDocument();
  });
});
