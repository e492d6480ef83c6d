import { createBrowserRouter, Navigate } from 'react-router';
import { AppsPage } from '@/features/apps/components/apps-page';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { SignUpPage } from '@/features/auth/components/sign-up-page';
import { GuestOnly, RequireSession } from './guards';
import { AppLayout } from './layout/app-layout';

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <GuestOnly />,
      children: [
        { path: '/sign-in', element: <SignInPage /> },
        { path: '/sign-up', element: <SignUpPage /> },
      ],
    },
    {
      path: '/',
      element: <RequireSession />,
      children: [
        {
          element: <AppLayout />,
          children: [
            { index: true, element: <Navigate to="/apps" replace /> },
            { path: 'apps', element: <AppsPage /> },
          ],
        },
      ],
    },
    { path: '*', element: <Navigate to="/" replace /> },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
