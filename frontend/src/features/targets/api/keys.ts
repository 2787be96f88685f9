import type { BreakdownBy } from '../types';
import type { PeopleFilters } from './get-people';

/** asOf undefined = today; unitId undefined = the whole target population in the caller's scope. */
export type FigureScope = { asOf?: string; unitId?: string };

export const targetKeys = {
  all: ['targets'] as const,
  list: () => [...targetKeys.all, 'list'] as const,
  detail: (id: string) => [...targetKeys.all, 'detail', id] as const,
  figures: (id: string) => [...targetKeys.all, 'figures', id] as const,
  summary: (id: string, scope: FigureScope) => [...targetKeys.figures(id), 'summary', scope] as const,
  trend: (id: string, scope: FigureScope) => [...targetKeys.figures(id), 'trend', scope] as const,
  breakdown: (id: string, by: BreakdownBy, scope: FigureScope) => [...targetKeys.figures(id), 'breakdown', by, scope] as const,
  people: (id: string, filters: PeopleFilters) => [...targetKeys.figures(id), 'people', filters] as const,
};
