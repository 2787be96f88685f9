import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { LearningCourse } from '../types';
import { learningKeys } from '../../learning/api/keys';

export type EnrolCatalogueInput = { courseId: string; enrolKey?: string };

export const enrolCatalogue = ({ courseId, enrolKey }: EnrolCatalogueInput) =>
  api.post<LearningCourse>(`/catalogue/${encodeURIComponent(courseId)}/enrol`, enrolKey ? { enrolKey } : {});

export function useEnrolCatalogue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enrolCatalogue,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: learningKeys.all }),
  });
}
