// Types of the courses / learning contract (docs/api-courses.md).
import type { DtRole, StaffCategory } from '../../types/api';

export type CourseStatus = 'draft' | 'published' | 'archived';
export const COURSE_STATUSES: CourseStatus[] = ['draft', 'published', 'archived'];
export type DeliveryMode = 'self_paced' | 'in_person' | 'blended';
export const DELIVERY_MODES: DeliveryMode[] = ['self_paced', 'in_person', 'blended'];
export type TargetGroup = 'cbccvc' | 'resident' | 'student' | 'enterprise_worker';
export const TARGET_GROUPS: TargetGroup[] = ['cbccvc', 'resident', 'student', 'enterprise_worker'];
export const TAG_SUGGESTIONS = ['digital_communication', 'resolution_57', 'online_public_services', '0.1', '0.2'];

export type Course = {
  id: string;
  code: string;
  title: string;
  description: string;
  ownerUnitId: string;
  ownerUnitName: string;
  trainerIds: string[];
  tags: string[];
  targetGroup: TargetGroup;
  deliveryMode: DeliveryMode;
  durationHours: number;
  status: CourseStatus;
  version: number;
  sequential: boolean;
  passMark: number | null;
  minProgressBeforeFinal: number | null;
  selfEnrol: boolean;
  hasEnrolKey: boolean;
  /** certificates of the course expire this many months after the completion (1-240); null = no expiry */
  certificateValidityMonths: number | null;
  /** people are enrolled again this many days before their certificate expires (1-365); null = no re-enrolment */
  renewalLeadDays: number | null;
  enrolledCount: number;
  completedCount: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** GET /api/courses/:id/cover when the course has a cover image (docs/api-courses.md, part 2). */
  coverUrl?: string | null;
};

/** POST /api/courses/:id/renewals */
export type RenewalResult = { renewed: number; alreadyRenewed: number };

/** A file attached to a lesson item. */
export type Attachment = { id: string; fileName: string; mimeType: string; size: number; uploadedAt: string };

/** GET /api/courses/trainer-options */
export type TrainerOption = { id: string; username: string; displayName: string; unitName: string | null };

/** GET /api/courses/:id/reminders */
export type Reminder = { enrolment: Enrolment; email: string | null; phone: string | null; daysOverdue: number };

export type ItemType = 'lesson' | 'quiz' | 'attendance';
export const ITEM_TYPES: ItemType[] = ['lesson', 'quiz', 'attendance'];
export type LessonRule = 'opened_to_end' | 'video_share' | 'confirm';
export const LESSON_RULES: LessonRule[] = ['opened_to_end', 'video_share', 'confirm'];

export type CourseItem = {
  id: string;
  type: ItemType;
  title: string;
  required: boolean;
  isFinal: boolean;
  bodyHtml?: string;
  videoUrl?: string | null;
  completionRule?: LessonRule;
  videoShare?: number | null;
  minScore?: number | null;
  minShare?: number | null;
  /** quiz items: the linked quiz (docs/api-quizzes.md) */
  quizId?: string | null;
  /** lesson items: files attached to the saved item (not part of the outline body) */
  attachments?: Attachment[];
};
export type CourseSection = { id: string; title: string; items: CourseItem[] };
export type Outline = { courseId: string; version: number; sections: CourseSection[] };

export type OutlineItemInput = Omit<CourseItem, 'id' | 'attachments'> & { id?: string };
export type OutlineInput = { sections: { id?: string; title: string; items: OutlineItemInput[] }[] };

export type EnrolmentStatus = 'enrolled' | 'in_progress' | 'completed' | 'withdrawn' | 'exempted';
export const ENROLMENT_STATUSES: EnrolmentStatus[] = ['enrolled', 'in_progress', 'completed', 'withdrawn', 'exempted'];
export type Enrolment = {
  id: string;
  courseId: string;
  courseTitle: string;
  staffId: string;
  fullName: string;
  unitId: string;
  unitName: string;
  source: 'manual' | 'rule' | 'self';
  ruleId: string | null;
  dueDate: string | null;
  status: EnrolmentStatus;
  noLongerMatches: boolean;
  reason: string | null;
  progress: number;
  completedAt: string | null;
  enrolledAt: string;
  /** 1, then one more at each re-enrolment before a certificate expires */
  cycle?: number;
  /** when the current cycle began (the last re-enrolment); null in the first cycle */
  renewedAt?: string | null;
};
export type EnrolmentRule = {
  id: string;
  courseId: string;
  unitId: string;
  unitName: string;
  categories: StaffCategory[];
  dtRoles: DtRole[];
  dueDate: string | null;
  active: boolean;
  matchedCount: number;
  createdAt: string;
};
export type ItemStatus = 'locked' | 'not_started' | 'in_progress' | 'completed';
export type ItemProgress = {
  itemId: string;
  status: ItemStatus;
  progress: number;
  score: number | null;
  completedAt: string | null;
  lockReason: string | null;
};
export type LearningCourse = Enrolment & {
  durationHours: number;
  sequential: boolean;
  nextItemId: string | null;
  overdue: boolean;
  dueSoon: boolean;
  /** the course's cover image, when the server sends it */
  coverUrl?: string | null;
};
export type PlayerItem = CourseItem & ItemProgress;
export type PlayerSection = Omit<CourseSection, 'items'> & { items: PlayerItem[] };
export type Player = {
  enrolment: LearningCourse;
  course: Course;
  sections: PlayerSection[];
  resumeItemId: string | null;
};
export type LearningFilter = 'all' | 'assigned' | 'in_progress' | 'due_soon' | 'overdue' | 'completed';
export const LEARNING_FILTERS: LearningFilter[] = ['all', 'assigned', 'in_progress', 'due_soon', 'overdue', 'completed'];
export type MyLearning = { items: LearningCourse[]; hoursThisYear: number };
export type ProgressEvent = { event: 'opened' | 'progress' | 'completed'; share?: number; score?: number };
export type ProgressColumn = { itemId: string; title: string; sectionTitle: string };
export type ProgressPage = {
  items: { enrolment: Enrolment; items: ItemProgress[] }[];
  columns: ProgressColumn[];
  total: number;
  page: number;
  pageSize: number;
};
