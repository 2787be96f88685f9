import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../../../lib/api-client';
import type { Reminder } from '../types';
import { courseKeys } from './keys';

/** withinDays: people due within this many days are listed with the overdue ones (server default 7). */
export type ReminderFilters = { withinDays: number };

export const getReminders = (courseId: string, filters: ReminderFilters, signal?: AbortSignal) =>
  api.get<{ items: Reminder[] }>(`/courses/${encodeURIComponent(courseId)}/reminders`, { params: filters, signal });

/** URL of GET /api/courses/:id/reminders.xlsx with the same filters (an audited export). */
export const remindersExportUrl = (courseId: string, filters: ReminderFilters) =>
  buildUrl(`/courses/${encodeURIComponent(courseId)}/reminders.xlsx`, filters);

export const remindersQuery = (courseId: string, filters: ReminderFilters) =>
  queryOptions({
    queryKey: courseKeys.reminders(courseId, filters),
    queryFn: ({ signal }) => getReminders(courseId, filters, signal),
    placeholderData: keepPreviousData,
  });

export const useReminders = (courseId: string, filters: ReminderFilters) => useQuery(remindersQuery(courseId, filters));
