import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { AppProvider } from '@/app/provider';
import { createQueryClient } from '@/app/query-client';

interface Options {
  /** Where the page is mounted; other paths render a marker naming the path. */
  path?: string;
  initialEntries?: Array<string | { pathname: string; state?: unknown }>;
  onSessionExpired?: () => void;
}

/**
 * Renders a page with the app's real providers and query client (Mantine in test mode, so no
 * transitions or portals) inside a memory router. Only the SDK is mocked, by each test file.
 */
export function renderWithApp(ui: ReactElement, { path = '/', initialEntries, onSessionExpired = () => {} }: Options = {}) {
  const queryClient = createQueryClient({ onSessionExpired });
  const router = createMemoryRouter(
    [
      { path, element: ui },
      { path: '*', element: <RouteMarker /> },
    ],
    { initialEntries: initialEntries ?? [path] },
  );
  const view = render(
    <AppProvider queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, router, queryClient };
}

function RouteMarker() {
  return <div data-testid="route-marker">{useLocation().pathname}</div>;
}
