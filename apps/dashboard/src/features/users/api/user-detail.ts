import type { UserResponse } from '@keyhold/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { userKeys } from './user-keys';

/** The user page: the user, its sessions, the key it redeemed and its events, each its own query. */
export function useUser(appId: string, id: string) {
  return useQuery({ queryKey: userKeys.detail(appId, id), queryFn: () => sdk.users.get(id) });
}

export function useUserSessions(appId: string, id: string) {
  return useQuery({ queryKey: userKeys.sessions(appId, id), queryFn: () => sdk.users.sessions(id) });
}

/**
 * The key the user registered with: the license list searches usernames too, and the key is the
 * one whose `usedBy` is this user (another user's name may contain this one's).
 */
export function useRedeemedKey(appId: string, user: UserResponse | undefined) {
  return useQuery({
    queryKey: userKeys.key(appId, user?.id ?? ''),
    enabled: Boolean(user),
    queryFn: async () => {
      const page = await sdk.licenses.list({ appId, q: user!.username, limit: 100 });
      return page.data.find((l) => l.usedBy?.id === user!.id) ?? null;
    },
  });
}

/** The user's latest events: the event log searched by username, kept to the ones naming this user. */
export function useUserEvents(appId: string, user: UserResponse | undefined) {
  return useQuery({
    queryKey: userKeys.events(appId, user?.id ?? ''),
    enabled: Boolean(user),
    queryFn: async () => {
      const page = await sdk.events.list({ appId, q: user!.username, limit: 100 });
      return page.data.filter((e) => e.data.userId === user!.id || e.data.username === user!.username);
    },
  });
}

/** "End session": the token stops working; the sessions list shows it ended. */
export function useEndSession(appId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...userKeys.all, 'end-session', appId],
    mutationFn: (sessionId: string) => sdk.users.endSession(userId, sessionId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.sessions(appId, userId) }),
  });
}
