import type { CatalogueFilters } from './get-catalogue';
import type { CourseFilters } from './get-courses';
import type { EnrolmentFilters } from './get-enrolments';
import type { ProgressFilters } from './get-progress';
import type { ReminderFilters } from './get-reminders';

export const courseKeys = {
  all: ['courses'] as const,
  lists: () => [...courseKeys.all, 'list'] as const,
  list: (filters: CourseFilters) => [...courseKeys.lists(), filters] as const,
  detail: (id: string) => [...courseKeys.all, 'detail', id] as const,
  outline: (id: string) => [...courseKeys.all, 'detail', id, 'outline'] as const,
  enrolments: (id: string) => [...courseKeys.all, 'detail', id, 'enrolments'] as const,
  enrolmentList: (id: string, filters: EnrolmentFilters) => [...courseKeys.enrolments(id), filters] as const,
  rules: (id: string) => [...courseKeys.all, 'detail', id, 'rules'] as const,
  progress: (id: string, filters: ProgressFilters) => [...courseKeys.all, 'detail', id, 'progress', filters] as const,
  reminders: (id: string, filters: ReminderFilters) => [...courseKeys.all, 'detail', id, 'reminders', filters] as const,
  trainerOptions: (q: string) => [...courseKeys.all, 'trainer-options', q] as const,
  catalogue: (filters: CatalogueFilters) => ['catalogue', filters] as const,
};
