import { createBrowserRouter, Navigate } from 'react-router';
import { AppDetailLayout } from '@/features/apps/components/app-detail-layout';
import { AppSettingsPage } from '@/features/apps/components/app-settings-page';
import { AppsPage } from '@/features/apps/components/apps-page';
import { BlacklistPage } from '@/features/blacklist/components/blacklist-page';
import { EventsPage } from '@/features/events/components/events-page';
import { FilesPage } from '@/features/files/components/files-page';
import { UserDetailPage } from '@/features/users/components/user-detail-page';
import { UsersPage } from '@/features/users/components/users-page';
import { WebhooksPage } from '@/features/webhooks/components/webhooks-page';
import { ResellerCreditsPage } from '@/features/reseller-portal/components/reseller-credits-page';
import { ResellerKeysPage } from '@/features/reseller-portal/components/reseller-keys-page';
import { RequireResellerSession, ResellerGuestOnly, ResellerLayout } from '@/features/reseller-portal/components/reseller-layout';
import { ResellerSignInPage } from '@/features/reseller-portal/components/reseller-sign-in-page';
import { AccountPage } from '@/features/auth/components/account-page';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { SignUpPage } from '@/features/auth/components/sign-up-page';
import { GuestOnly, RequireSession } from './guards';
import { AppLayout } from './layout/app-layout';
import { RouteError } from './route-error';
import { LicensesRoute } from './routes/licenses-route';
import { ResellerDetailPage } from './routes/reseller-detail-page';
import { ResellersRoute } from './routes/resellers-page';

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <GuestOnly />,
      errorElement: <RouteError />,
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
          errorElement: <RouteError />,
          children: [
            {
              // A page that throws shows an error inside the shell, navigation still at hand.
              errorElement: <RouteError />,
              children: [
                { index: true, element: <Navigate to="/apps" replace /> },
                { path: 'apps', element: <AppsPage /> },
                { path: 'account', element: <AccountPage /> },
                { path: 'resellers', element: <ResellersRoute /> },
                { path: 'resellers/:resellerId', element: <ResellerDetailPage /> },
                {
                  path: 'apps/:appId',
                  element: <AppDetailLayout />,
                  children: [
                    { index: true, element: <Navigate to="overview" replace /> },
                    {
                      path: 'overview',
                      // The charts library is large: it loads with this page, not with the sign-in page.
                      lazy: async () => ({ Component: (await import('@/features/apps/components/app-overview-page')).AppOverviewPage }),
                    },
                    { path: 'licenses', element: <LicensesRoute /> },
                    { path: 'users', element: <UsersPage /> },
                    { path: 'users/:userId', element: <UserDetailPage /> },
                    { path: 'files', element: <FilesPage /> },
                    { path: 'events', element: <EventsPage /> },
                    { path: 'webhooks', element: <WebhooksPage /> },
                    { path: 'blacklist', element: <BlacklistPage /> },
                    { path: 'settings', element: <AppSettingsPage /> },
                    { path: '*', element: <Navigate to="../overview" replace /> },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    // The reseller portal: its own session, sign-in and layout.
    {
      path: '/reseller',
      errorElement: <RouteError />,
      children: [
        { element: <ResellerGuestOnly />, children: [{ path: 'sign-in', element: <ResellerSignInPage /> }] },
        {
          element: <RequireResellerSession />,
          children: [
            {
              element: <ResellerLayout />,
              children: [
                {
                  index: true,
                  lazy: async () => ({
                    Component: (await import('@/features/reseller-portal/components/reseller-home-page')).ResellerHomePage,
                  }),
                },
                { path: 'keys', element: <ResellerKeysPage /> },
                { path: 'credits', element: <ResellerCreditsPage /> },
                { path: '*', element: <Navigate to="/reseller" replace /> },
              ],
            },
          ],
        },
      ],
    },
    { path: '*', element: <Navigate to="/" replace /> },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
