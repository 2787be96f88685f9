// Types of the training-target contract (docs/api-targets.md).
import type { DtRole, StaffCategory, StaffStatus, LeaveKind, Gender } from '../../types/api';

export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'behind';
export const TARGET_STATUSES: TargetStatus[] = ['achieved', 'on_track', 'at_risk', 'behind'];
export type ExternalSource = 'bdhvs' | 'provincial_program';
export const EXTERNAL_SOURCES: ExternalSource[] = ['bdhvs', 'provincial_program'];
export type CourseMode = 'any' | 'all';

export type Milestone = { date: string; share: number; label?: string };

export type Target = {
  id: string;
  code: string;
  name: string;
  policyRef: string;
  description: string;
  unitId: string;
  unitName: string;
  categories: StaffCategory[];
  dtRoles: DtRole[];
  courseIds: string[];
  courseMode: CourseMode;
  courseTags: string[];
  externalSources: ExternalSource[];
  classIds: string[];
  validityYears: number | null;
  targetShare: number;
  startDate: string;
  deadline: string;
  milestones: Milestone[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

/** POST /api/targets (PATCH takes any subset, plus `active`). */
export type TargetInput = {
  code: string;
  name: string;
  policyRef?: string;
  description?: string;
  unitId: string;
  categories: StaffCategory[];
  dtRoles: DtRole[];
  courseIds: string[];
  courseMode: CourseMode;
  courseTags: string[];
  externalSources: ExternalSource[];
  validityYears: number | null;
  targetShare: number;
  startDate: string;
  deadline: string;
  milestones: Milestone[];
  active?: boolean;
};

export type Figures = {
  population: number;
  trained: number;
  /** one decimal */
  share: number;
  onLeave: number;
  onLeaveTrained: number;
  /** people still to train to reach the target share */
  toTrain: number;
};

export type Projection = { pacePerMonth: number; neededPerMonth: number; projectedDate: string | null; monthsLeft: number };

export type TargetSummary = Figures & {
  targetId: string;
  asOf: string;
  targetShare: number;
  deadline: string;
  status: TargetStatus;
  projection: Projection;
};

export type TrendPoint = { date: string; population: number; trained: number; share: number };
export type TargetTrend = { points: TrendPoint[]; projection: TrendPoint[]; milestones: Milestone[] };

export type BreakdownBy = 'unit' | 'category' | 'dtRole';
export type BreakdownRow = Figures & { key: string; label: string; hasChildren: boolean; direct: boolean };
export type TargetBreakdown = { by: BreakdownBy; asOf: string; parentUnitId: string | null; total: Figures; rows: BreakdownRow[] };

export type TargetPerson = {
  staffId: string;
  fullName: string;
  birthYear: number | null;
  gender: Gender | null;
  position: string | null;
  unitId: string;
  unitName: string;
  category: StaffCategory;
  dtRole: DtRole;
  status: StaffStatus;
  leaveKind: LeaveKind | null;
  trained: boolean;
  trainedAt: string | null;
  trainedBy: string | null;
  trainedSource: string | null;
  enrolmentCourseId: string | null;
  enrolmentCourseTitle: string | null;
  enrolmentStatus: string | null;
  enrolmentDueDate: string | null;
  enrolmentProgress: number | null;
};

export type EnrolResult = { untrained: number; enrolled: number; alreadyEnrolled: number };
