import type { PageMeta } from '@keyhold/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '@/testing/render';
import { TablePagination } from './table-pagination';

type OnPageChange = (page: number, cursor?: string) => void;

/** A page of a list of more than 10,000 keys (25 a page: 400 counted pages), as the API answers it. */
function cappedAt(page: number, overrides: Partial<PageMeta> = {}): PageMeta {
  return { total: 10_000, totalCapped: true, page, limit: 25, nextCursor: `after-${page}`, ...overrides };
}

/** The pager under a list that loads whatever page it is sent to, like a list page does. */
function Paged({ start, onPageChange, rows }: { start: PageMeta; onPageChange: OnPageChange; rows?: number }) {
  const [meta, setMeta] = useState(start);
  return (
    <TablePagination
      meta={meta}
      rows={rows}
      noun="keys"
      onPageChange={(...args) => {
        onPageChange(...args);
        setMeta(cappedAt(args[0]));
      }}
    />
  );
}

const summary = () => screen.getByTestId('page-summary');
const control = (name: string) => screen.getByRole('button', { name });

describe('TablePagination', () => {
  describe('under the count cap', () => {
    it('shows the range and numbered pages, and pages by number only', async () => {
      const user = userEvent.setup();
      const onPageChange = vi.fn<OnPageChange>();
      // Paged lists answer a nextCursor under the cap too: the numbered pager ignores it.
      renderWithApp(
        <TablePagination
          meta={{ total: 230, page: 2, limit: 25, totalCapped: false, nextCursor: 'c' }}
          noun="keys"
          onPageChange={onPageChange}
        />,
      );
      expect(summary()).toHaveTextContent(/^Showing 26–50 of 230 keys$/);
      expect(control('2')).toHaveAttribute('aria-current', 'page');
      expect(control('10')).toBeInTheDocument();

      await user.click(control('next page'));
      expect(onPageChange).toHaveBeenLastCalledWith(3);
      await user.click(control('10'));
      expect(onPageChange).toHaveBeenLastCalledWith(10);
      expect(onPageChange.mock.calls.every((call) => call.length === 1)).toBe(true);
    });

    it('works with a meta that has no totalCapped or nextCursor (ledger, deliveries)', async () => {
      const user = userEvent.setup();
      const onPageChange = vi.fn<OnPageChange>();
      renderWithApp(<TablePagination meta={{ total: 45, page: 2, limit: 20 }} noun="entries" onPageChange={onPageChange} />);
      expect(summary()).toHaveTextContent(/^Showing 21–40 of 45 entries$/);
      await user.click(control('next page'));
      expect(onPageChange).toHaveBeenLastCalledWith(3);
      await user.click(control('previous page'));
      expect(onPageChange).toHaveBeenLastCalledWith(1);
    });

    it('shows no pager for one page, and "No keys" for none', () => {
      const { unmount } = renderWithApp(<TablePagination meta={{ total: 3, page: 1, limit: 25 }} noun="keys" onPageChange={vi.fn()} />);
      expect(summary()).toHaveTextContent(/^Showing 1–3 of 3 keys$/);
      expect(screen.queryByRole('button', { name: 'next page' })).not.toBeInTheDocument();
      unmount();
      renderWithApp(<TablePagination meta={{ total: 0, page: 1, limit: 25 }} noun="keys" onPageChange={vi.fn()} />);
      expect(summary()).toHaveTextContent(/^No keys$/);
    });
  });

  describe('past the count cap', () => {
    it('shows the total as 10,000+ and pages the counted pages by number', async () => {
      const user = userEvent.setup();
      const onPageChange = vi.fn<OnPageChange>();
      renderWithApp(<Paged start={cappedAt(1)} onPageChange={onPageChange} />);
      expect(summary()).toHaveTextContent(/^Showing 1–25 of 10,000\+ keys$/);
      expect(control('400')).toBeInTheDocument(); // the last counted page
      expect(screen.queryByRole('button', { name: '401' })).not.toBeInTheDocument();

      await user.click(control('next page'));
      expect(onPageChange).toHaveBeenLastCalledWith(2);
      await user.click(control('400'));
      expect(onPageChange).toHaveBeenLastCalledWith(400);
      expect(summary()).toHaveTextContent(/^Showing 9,976–10,000 of 10,000\+ keys$/);
    });

    it('goes on past the counted pages by nextCursor, and back by the cursors it used', async () => {
      const user = userEvent.setup();
      const onPageChange = vi.fn<OnPageChange>();
      renderWithApp(<Paged start={cappedAt(400)} onPageChange={onPageChange} />);
      expect(control('next page')).toBeEnabled();

      await user.click(control('next page'));
      expect(onPageChange).toHaveBeenLastCalledWith(401, 'after-400');
      expect(summary()).toHaveTextContent(/^Showing 10,001–10,025 of 10,000\+ keys$/);
      expect(control('401')).toHaveAttribute('aria-current', 'page');

      await user.click(control('next page'));
      expect(onPageChange).toHaveBeenLastCalledWith(402, 'after-401');
      await user.click(control('next page'));
      expect(onPageChange).toHaveBeenLastCalledWith(403, 'after-402');

      // Back: by the cursor that reached the page, not by a numbered page that reads every row before it.
      await user.click(control('previous page'));
      expect(onPageChange).toHaveBeenLastCalledWith(402, 'after-401');
      await user.click(control('previous page'));
      expect(onPageChange).toHaveBeenLastCalledWith(401, 'after-400');
      // Within the count, a numbered page again.
      await user.click(control('previous page'));
      expect(onPageChange).toHaveBeenLastCalledWith(400);
      expect(summary()).toHaveTextContent(/^Showing 9,976–10,000 of 10,000\+ keys$/);
      // The first page is a number away.
      await user.click(control('1'));
      expect(onPageChange).toHaveBeenLastCalledWith(1);
    });

    it('ends at the last page (no nextCursor), showing only the rows it has', () => {
      renderWithApp(<Paged start={cappedAt(403, { nextCursor: null })} rows={7} onPageChange={vi.fn()} />);
      expect(summary()).toHaveTextContent(/^Showing 10,051–10,057 of 10,000\+ keys$/);
      expect(control('next page')).toBeDisabled();
      expect(control('403')).toHaveAttribute('aria-current', 'page');
    });

    it('goes back by number from a page it did not reach itself (a reload of a cursor URL)', async () => {
      const user = userEvent.setup();
      const onPageChange = vi.fn<OnPageChange>();
      renderWithApp(<Paged start={cappedAt(403)} onPageChange={onPageChange} />);
      await user.click(control('previous page'));
      expect(onPageChange).toHaveBeenLastCalledWith(402);
    });
  });

  describe('rows per page', () => {
    it('offers the page sizes when asked to, and reports the one chosen', async () => {
      const user = userEvent.setup();
      const onPageSizeChange = vi.fn();
      renderWithApp(
        <TablePagination
          meta={{ total: 230, page: 1, limit: 25 }}
          noun="keys"
          onPageChange={() => {}}
          onPageSizeChange={onPageSizeChange}
        />,
      );
      const size = screen.getByRole('combobox', { name: 'Rows per page' });
      expect(size).toHaveValue('25');
      await user.selectOptions(size, '100');
      expect(onPageSizeChange).toHaveBeenCalledWith(100);
    });

    it('has no page size choice for a list that fits on the smallest page, or without the handler', () => {
      renderWithApp(
        <>
          <TablePagination meta={{ total: 12, page: 1, limit: 25 }} noun="keys" onPageChange={() => {}} onPageSizeChange={() => {}} />
          <TablePagination meta={{ total: 230, page: 1, limit: 25 }} noun="users" onPageChange={() => {}} />
        </>,
      );
      expect(screen.queryByRole('combobox', { name: 'Rows per page' })).not.toBeInTheDocument();
    });
  });
});
