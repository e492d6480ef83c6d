import { act, render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useListParams, type ListParams } from './use-list-params';

type Update = (next: Partial<ListParams<'used' | 'unused'>>) => void;

function setup() {
  const handle: { update?: Update } = {};
  function List() {
    const [, update] = useListParams(['used', 'unused'] as const);
    handle.update = update;
    return null;
  }
  const router = createMemoryRouter([{ path: '/keys', element: <List /> }], { initialEntries: ['/keys'] });
  render(<RouterProvider router={router} />);
  const search = () => router.state.location.search;
  const change = (next: Partial<ListParams<'used' | 'unused'>>) => act(() => handle.update!(next));
  const back = () => act(() => router.navigate(-1));
  return { search, change, back };
}

describe('useListParams', () => {
  it('makes each page and filter a history entry, so Back returns to the one before', async () => {
    const { search, change, back } = setup();
    change({ page: 2, cursor: 'c2' });
    change({ page: 3, cursor: 'c3' });
    change({ status: 'used' });
    expect(search()).toBe('?status=used');
    await back();
    expect(search()).toBe('?page=3&cursor=c3');
    await back();
    expect(search()).toBe('?page=2&cursor=c2');
    await back();
    expect(search()).toBe('');
  });

  it('keeps one entry for a search typed word by word, and one for clearing it', async () => {
    const { search, change, back } = setup();
    change({ page: 2 });
    change({ q: 'ab' });
    change({ q: 'abc' });
    change({ q: 'abcd' });
    expect(search()).toBe('?q=abcd');
    change({ q: '' });
    expect(search()).toBe('');
    await back();
    expect(search()).toBe('?q=abcd');
    await back();
    expect(search()).toBe('?page=2');
  });

  it('keeps a chosen page size in the URL (the default left out), starting again at the first page', () => {
    const { search, change } = setup();
    change({ page: 3, cursor: 'c3' });
    change({ limit: 100 });
    expect(search()).toBe('?limit=100');
    change({ limit: 25 });
    expect(search()).toBe('');
  });
});
