import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Discards the preview (204). */
export const cancelQuestionImport = (id: string) => api.post<void>(`/question-imports/${encodeURIComponent(id)}/cancel`, {});

export const useCancelQuestionImport = () => useMutation({ mutationFn: cancelQuestionImport });
