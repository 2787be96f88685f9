export const reportKeys = {
  all: ['reports'] as const,
  list: () => [...reportKeys.all, 'list'] as const,
  periods: () => [...reportKeys.all, 'periods'] as const,
  detail: (id: string) => [...reportKeys.all, 'detail', id] as const,
};
