import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { AppResponse } from '@keyhold/contracts';
import { createMemoryRouter, Outlet, RouterProvider, useLocation, type RouteObject } from 'react-router';
import { AppProvider } from '@/app/provider';
import { createQueryClient } from '@/app/query-client';
import type { AppOutletContext } from '@/hooks/use-current-app';

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

/** Renders a route tree (with a catch-all marker) with the app's real providers. */
export function renderRoutes(routes: RouteObject[], initialEntry: string) {
  const queryClient = createQueryClient({ onSessionExpired: () => {} });
  const router = createMemoryRouter([...routes, { path: '*', element: <RouteMarker /> }], { initialEntries: [initialEntry] });
  const view = render(
    <AppProvider queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, router, queryClient };
}

/**
 * Renders a per-app page (licenses, users...) as the router mounts it: under /apps/:appId with
 * the app in the outlet context, like features/apps' layout provides it.
 */
export function renderAppPage(ui: ReactElement, { app, section, search = '' }: { app: AppResponse; section: string; search?: string }) {
  return renderRoutes(
    [
      {
        path: '/apps/:appId',
        element: <Outlet context={{ app } satisfies AppOutletContext} />,
        children: [{ path: section, element: ui }],
      },
    ],
    `/apps/${app.id}/${section}${search}`,
  );
}
