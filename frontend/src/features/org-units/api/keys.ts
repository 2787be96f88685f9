export const orgUnitKeys = {
  all: ['org-units'] as const,
  list: (includeClosed: boolean) => [...orgUnitKeys.all, 'list', { includeClosed }] as const,
  detail: (id: string) => [...orgUnitKeys.all, 'detail', id] as const,
};
