import { buildUrl } from '../../../lib/api-client';

export type PeopleList = 'untrained' | 'trained' | 'all';

/** GET /api/exports/target-people.xlsx|csv (streamed, X-Export-Rows). */
export function targetPeopleExportUrl(
  targetId: string,
  format: 'xlsx' | 'csv',
  o: { list: PeopleList; unitId?: string; asOf?: string; groupByUnit: boolean },
): string {
  return buildUrl(`/exports/target-people.${format}`, {
    targetId,
    trained: o.list === 'all' ? undefined : o.list === 'trained',
    unitId: o.unitId,
    asOf: o.asOf,
    groupByUnit: o.groupByUnit || undefined,
  });
}

