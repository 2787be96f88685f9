import type { Course, LearningCourse, Player, PlayerItem } from '../features/courses/types';

export function makeCourse(overrides: Partial<Course> = {}): Course {
  return {
    id: 'c-1',
    code: 'CDS-01',
    title: 'Kỹ năng số cơ bản',
    description: '<p>Khóa học nhập môn.</p>',
    ownerUnitId: 'unit-ward',
    ownerUnitName: 'Phường Đăk Bla',
    trainerIds: [],
    tags: ['0.1', 'digital_communication'],
    targetGroup: 'cbccvc',
    deliveryMode: 'self_paced',
    durationHours: 8,
    status: 'published',
    version: 1,
    sequential: true,
    passMark: 70,
    minProgressBeforeFinal: null,
    selfEnrol: true,
    hasEnrolKey: false,
    certificateValidityMonths: null,
    renewalLeadDays: null,
    enrolledCount: 10,
    completedCount: 3,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    publishedAt: '2026-01-02T00:00:00Z',
    ...overrides,
  };
}

export function makeLearningCourse(overrides: Partial<LearningCourse> = {}): LearningCourse {
  return {
    id: 'e-1',
    courseId: 'c-1',
    courseTitle: 'Kỹ năng số cơ bản',
    staffId: 's-1',
    fullName: 'Nguyễn Văn An',
    unitId: 'unit-vh',
    unitName: 'Phòng Văn hóa - Xã hội',
    source: 'manual',
    ruleId: null,
    dueDate: '2026-12-31',
    status: 'in_progress',
    noLongerMatches: false,
    reason: null,
    progress: 40,
    completedAt: null,
    enrolledAt: '2026-01-05T00:00:00Z',
    durationHours: 8,
    sequential: true,
    nextItemId: 'i-2',
    overdue: false,
    dueSoon: false,
    ...overrides,
  };
}

export function makePlayerItem(overrides: Partial<PlayerItem> & { id: string }): PlayerItem {
  return {
    type: 'lesson',
    title: `Bài ${overrides.id}`,
    required: true,
    isFinal: false,
    bodyHtml: '<p>Nội dung</p>',
    videoUrl: null,
    completionRule: 'confirm',
    videoShare: null,
    itemId: overrides.id,
    status: 'not_started',
    progress: 0,
    score: null,
    completedAt: null,
    lockReason: null,
    ...overrides,
  };
}

export function makePlayer(items: PlayerItem[], overrides: Partial<Player> = {}): Player {
  return {
    enrolment: makeLearningCourse(),
    course: makeCourse(),
    sections: [{ id: 'sec-1', title: 'Chương 1: Làm quen', items }],
    resumeItemId: items[0]?.id ?? null,
    ...overrides,
  };
}
