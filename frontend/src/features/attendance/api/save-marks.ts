import { api } from '../../../lib/api-client';
import type { MarkRowInput, SaveMarksResult } from '../types';

/**
 * PUT /api/sessions/:id/marks: batch upsert with the device's marking time (offline sync).
 * Each row is answered on its own (saved / unchanged / superseded / error); one bad row never stops the others.
 * Called by the sync engine (mark-sync.ts), not through a mutation hook: the engine owns retries.
 */
export const saveMarks = (sessionId: string, marks: MarkRowInput[], reason?: string) =>
  api.put<SaveMarksResult>(`/sessions/${encodeURIComponent(sessionId)}/marks`, { marks, reason: reason || undefined });
