import { RouterProvider } from 'react-router/dom';
import { portalKeys } from '@/features/reseller-portal/api/portal-keys';
import { RESELLER_SESSION_EXPIRED } from '@/features/reseller-portal/components/reseller-layout';
import { resellerSignInPath } from '@/features/reseller-portal/sign-in-path';
import { clearResellerSession, getResellerSession } from '@/lib/reseller-session';
import { clearSession, getSession } from '@/lib/session';
import { AppProvider } from './provider';
import { createQueryClient, SESSION_EXPIRED_MESSAGE } from './query-client';
import { createAppRouter } from './router';

const router = createAppRouter();

const queryClient = createQueryClient({
  onSessionExpired: () => {
    // The reseller portal has its own session and sign-in page.
    if (router.state.location.pathname.startsWith('/reseller/') || router.state.location.pathname === '/reseller') {
      const ended = getResellerSession();
      if (!ended) return;
      clearResellerSession(true);
      // Back to the sign-in of the same seller, as the portal link opens it.
      void router.navigate(resellerSignInPath(ended.reseller.sellerId), { replace: true, state: { notice: RESELLER_SESSION_EXPIRED } });
      setTimeout(() => queryClient.removeQueries({ queryKey: portalKeys.all }), 0);
      return;
    }
    if (!getSession()) return; // several calls may fail at once: react to the first
    // Clear first: the sign-in page sends a signed-in seller back to /apps. RequireSession may
    // redirect too as the session disappears; it carries the same notice (see app/guards.tsx).
    clearSession('expired');
    void router.navigate('/sign-in', {
      replace: true,
      state: { notice: SESSION_EXPIRED_MESSAGE, from: router.state.location.pathname },
    });
    // Drop the previous seller's data once the pages that used it are gone.
    setTimeout(() => queryClient.clear(), 0);
  },
});

export function App() {
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
