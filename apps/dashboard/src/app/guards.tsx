import { Navigate, Outlet, useLocation } from 'react-router';
import { homeAfterSignIn, SIGNED_OUT_EVERYWHERE_MESSAGE } from '@/features/auth/redirect';
import { getSessionEndReason, useSession, type SessionEndReason } from '@/lib/session';
import { SESSION_EXPIRED_MESSAGE } from './query-client';

/** Why the sign-in page is shown, when the session ended without a plain sign-out. */
const END_NOTICES: Record<SessionEndReason, string> = {
  expired: SESSION_EXPIRED_MESSAGE,
  'signed-out-everywhere': SIGNED_OUT_EVERYWHERE_MESSAGE,
};

/** Pages for signed-in sellers: anyone else goes to the sign-in page, and comes back after. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    // The page that ended the session may navigate to sign-in too: both carry the same notice.
    const reason = getSessionEndReason();
    const notice = reason ? END_NOTICES[reason] : undefined;
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
