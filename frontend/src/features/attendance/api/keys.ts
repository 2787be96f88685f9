import type { ClassFilters } from './get-classes';
import type { ResidentFilters } from './get-residents';

export const attendanceKeys = {
  all: ['attendance'] as const,
  classes: () => [...attendanceKeys.all, 'classes'] as const,
  classList: (filters: ClassFilters) => [...attendanceKeys.classes(), 'list', filters] as const,
  class: (id: string) => [...attendanceKeys.classes(), 'detail', id] as const,
  sessions: (classId: string) => [...attendanceKeys.class(classId), 'sessions'] as const,
  roster: (classId: string, q: string) => [...attendanceKeys.class(classId), 'roster', q] as const,
  rosterAll: (classId: string) => [...attendanceKeys.class(classId), 'roster'] as const,
  report: (classId: string) => [...attendanceKeys.class(classId), 'report'] as const,
  session: (sessionId: string) => [...attendanceKeys.all, 'session', sessionId] as const,
  marks: (sessionId: string) => [...attendanceKeys.session(sessionId), 'marks'] as const,
  history: (sessionId: string, rosterId?: string) => [...attendanceKeys.session(sessionId), 'history', rosterId ?? ''] as const,
  screen: (sessionId: string) => [...attendanceKeys.session(sessionId), 'screen'] as const,
  residents: (filters: ResidentFilters) => [...attendanceKeys.all, 'residents', filters] as const,
  personReport: (kind: string, id: string, year: number) => [...attendanceKeys.all, 'person-report', kind, id, year] as const,
  unitReport: (id: string, year: number) => [...attendanceKeys.all, 'unit-report', id, year] as const,
};
