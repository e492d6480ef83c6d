import type { ListUsersQuery } from '@keyhold/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { sdk } from '@/lib/sdk';
import { userKeys } from './user-keys';

export function getUsers(query: ListUsersQuery) {
  return sdk.users.list(query);
}

export function usersQueryOptions(query: ListUsersQuery) {
  return queryOptions({ queryKey: userKeys.list(query), queryFn: () => getUsers(query), placeholderData: keepPreviousData });
}

export function useUsers(query: ListUsersQuery) {
  return useQuery(usersQueryOptions(query));
}
