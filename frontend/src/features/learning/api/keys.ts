import type { LearningFilter } from '../../courses/types';

export const learningKeys = {
  all: ['learning'] as const,
  lists: () => [...learningKeys.all, 'list'] as const,
  list: (filter: LearningFilter) => [...learningKeys.lists(), filter] as const,
  player: (courseId: string) => [...learningKeys.all, 'player', courseId] as const,
};
