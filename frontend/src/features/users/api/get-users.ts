import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page, User } from '../../../types/api';
import { userKeys, type UserFilters } from './keys';

export const getUsers = (filters: UserFilters, signal?: AbortSignal) =>
  api.get<Page<User>>('/users', { params: filters, signal });

export const usersQuery = (filters: UserFilters) =>
  queryOptions({
    queryKey: userKeys.list(filters),
    queryFn: ({ signal }) => getUsers(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useUsers = (filters: UserFilters) => useQuery(usersQuery(filters));
