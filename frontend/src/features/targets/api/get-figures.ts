import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { BreakdownBy, TargetBreakdown, TargetSummary, TargetTrend } from '../types';
import { targetKeys, type FigureScope } from './keys';

const base = (id: string) => `/targets/${encodeURIComponent(id)}`;

export const getSummary = (id: string, scope: FigureScope, signal?: AbortSignal) =>
  api.get<TargetSummary>(`${base(id)}/summary`, { params: scope, signal });
export const getTrend = (id: string, scope: FigureScope, signal?: AbortSignal) =>
  api.get<TargetTrend>(`${base(id)}/trend`, { params: scope, signal });
export const getBreakdown = (id: string, by: BreakdownBy, scope: FigureScope, signal?: AbortSignal) =>
  api.get<TargetBreakdown>(`${base(id)}/breakdown`, { params: { by, ...scope }, signal });

export const summaryQuery = (id: string, scope: FigureScope) =>
  queryOptions({ queryKey: targetKeys.summary(id, scope), queryFn: ({ signal }) => getSummary(id, scope, signal), placeholderData: keepPreviousData });
export const trendQuery = (id: string, scope: FigureScope) =>
  queryOptions({ queryKey: targetKeys.trend(id, scope), queryFn: ({ signal }) => getTrend(id, scope, signal), placeholderData: keepPreviousData });
export const breakdownQuery = (id: string, by: BreakdownBy, scope: FigureScope) =>
  queryOptions({
    queryKey: targetKeys.breakdown(id, by, scope),
    queryFn: ({ signal }) => getBreakdown(id, by, scope, signal),
    placeholderData: keepPreviousData,
  });

export const useTargetSummary = (id: string, scope: FigureScope) => useQuery(summaryQuery(id, scope));
export const useTargetTrend = (id: string, scope: FigureScope) => useQuery(trendQuery(id, scope));
export const useTargetBreakdown = (id: string, by: BreakdownBy, scope: FigureScope, enabled = true) =>
  useQuery({ ...breakdownQuery(id, by, scope), enabled });
