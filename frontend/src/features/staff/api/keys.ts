import type { StaffFilters } from './get-staff-list';

export const staffKeys = {
  all: ['staff'] as const,
  lists: () => [...staffKeys.all, 'list'] as const,
  list: (filters: StaffFilters) => [...staffKeys.lists(), filters] as const,
  detail: (id: string) => [...staffKeys.all, 'detail', id] as const,
  history: (id: string) => [...staffKeys.all, 'detail', id, 'history'] as const,
};
