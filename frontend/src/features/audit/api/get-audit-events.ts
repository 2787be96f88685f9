import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AuditEvent, Page } from '../../../types/api';

export type AuditFilters = {
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export const auditKeys = {
  all: ['audit-events'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

export const getAuditEvents = (filters: AuditFilters, signal?: AbortSignal) =>
  api.get<Page<AuditEvent>>('/audit-events', { params: filters, signal });

export const auditEventsQuery = (filters: AuditFilters) =>
  queryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => getAuditEvents(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useAuditEvents = (filters: AuditFilters) => useQuery(auditEventsQuery(filters));
