import { Navigate, Outlet, useLocation } from 'react-router';
import { homeAfterSignIn } from '@/features/auth/redirect';
import { getSessionEndReason, useSession } from '@/lib/session';
import { SESSION_EXPIRED_MESSAGE } from './query-client';

/** Pages for signed-in sellers: anyone else goes to the sign-in page, and comes back after. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const notice = getSessionEndReason() === 'expired' ? SESSION_EXPIRED_MESSAGE : undefined;
    return <Navigate to="/sign-in" replace state={{ from: location.pathname, notice }} />;
  }
  return <Outlet />;
}

/** Sign-in and sign-up: a signed-in seller has nothing to do there. */
export function GuestOnly() {
  const session = useSession();
  const location = useLocation();
  if (session) return <Navigate to={homeAfterSignIn(location.state)} replace />;
  return <Outlet />;
}
