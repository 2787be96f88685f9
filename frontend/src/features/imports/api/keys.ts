export type ImportRowFilter = 'all' | 'errors' | 'warnings';

export const importKeys = {
  all: ['staff-imports'] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
  rows: (id: string, filter: ImportRowFilter, page: number, pageSize: number) =>
    [...importKeys.all, 'detail', id, 'rows', { filter, page, pageSize }] as const,
};

export const IMPORT_TEMPLATE_URL = '/api/staff/imports/template';
