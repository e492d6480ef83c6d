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

/** The key the user registered with, by the list's `userId` filter. */
export function useRedeemedKey(appId: string, user: UserResponse | undefined) {
  return useQuery({
    queryKey: userKeys.key(appId, user?.id ?? ''),
    enabled: Boolean(user),
    queryFn: async () => (await sdk.licenses.list({ appId, userId: user!.id, limit: 1 })).data[0] ?? null,
  });
}

/**
 * The user's latest events: those naming its id (the event log's search covers `userId`), and the
 * refused sign-ins with its username (a refusal names no user id), newest first.
 */
export function useUserEvents(appId: string, user: UserResponse | undefined) {
  return useQuery({
    queryKey: userKeys.events(appId, user?.id ?? ''),
    enabled: Boolean(user),
    queryFn: async () => {
      const [byId, byName] = await Promise.all([
        sdk.events.list({ appId, q: user!.id, limit: 100 }),
        sdk.events.list({ appId, name: 'auth.denied', q: user!.username, limit: 100 }),
      ]);
      const mine = [
        ...byId.data.filter((e) => e.data.userId === user!.id),
        ...byName.data.filter((e) => e.data.username === user!.username),
      ];
      return mine.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 100);
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
