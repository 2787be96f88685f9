import { buildUrl } from '../../../lib/api-client';
import type { ExternalCompletionFilters } from './get-external-completions';

export const completionKeys = {
  all: ['external-completions'] as const,
  lists: () => [...completionKeys.all, 'list'] as const,
  list: (filters: ExternalCompletionFilters) => [...completionKeys.lists(), filters] as const,
  mine: () => [...completionKeys.all, 'mine'] as const,
  staffLearning: (staffId: string) => [...completionKeys.all, 'staff-learning', staffId] as const,
};

export const COMPLETION_TEMPLATE_URL = buildUrl('/external-completions/template.xlsx');

/** The evidence file of an external completion (images inline, other files as a download). */
export const evidenceUrl = (id: string) => buildUrl(`/external-completions/${encodeURIComponent(id)}/evidence`);
