import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { clearSession } from '@/lib/session';
import { logout } from '../api/logout';

/** The longest a sign-out waits for the server before forgetting the token anyway. */
const LOGOUT_WAIT_MS = 3000;

/**
 * Signing out ends the token on the server first (POST /v1/auth/logout), so a copy of it stops
 * working too, then forgets it and every cached answer. The server's answer does not matter: a
 * token it already refused, or a server out of reach, must not keep the seller signed in here.
 * The call bypasses the query cache, so its 401 is not taken for an expired session.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const giveUp = new Promise((resolve) => (timer = setTimeout(resolve, LOGOUT_WAIT_MS)));
    await Promise.race([logout().catch(() => undefined), giveUp]);
    clearTimeout(timer);
    clearSession();
    queryClient.clear();
    void navigate('/sign-in', { replace: true });
  }, [navigate, queryClient]);
}
