/** Roles and what each may do. Every route declares one permission (or @Public). */
export const ROLES = ['learner', 'trainer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export enum Permission {
  /** any signed-in user: own profile, own password */
  Self = 'self',
  OrgUnitRead = 'org_unit.read',
  OrgUnitManage = 'org_unit.manage',
  StaffRead = 'staff.read',
  StaffManage = 'staff.manage',
  StaffImport = 'staff.import',
  UserManage = 'user.manage',
  AuditRead = 'audit.read',
  CourseRead = 'course.read',
  CourseManage = 'course.manage',
  /** approve / reject / bulk-import completions earned elsewhere (BDHVS, provincial programmes) */
  CompletionReview = 'completion.review',
  /** question banks, imports and exports (in the org-unit scope) */
  QuestionManage = 'question.manage',
  /** quizzes: settings, overrides, grading, statistics (in the org-unit scope) */
  QuizManage = 'quiz.manage',
  /** training targets and their figures, dashboard, HR exports (in the org-unit scope) */
  TargetRead = 'target.read',
  /** define targets, report periods and reports */
  TargetManage = 'target.manage',
  /** classes, sessions, rosters with residents, marks, check-in screen, attendance reports (in the org-unit scope) */
  AttendanceManage = 'attendance.manage',
  /** any signed-in user: own learning (through the linked person) */
  Learn = 'learn',
}

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  learner: [Permission.Self, Permission.Learn],
  trainer: [Permission.Self, Permission.Learn, Permission.OrgUnitRead, Permission.StaffRead, Permission.CourseRead, Permission.CourseManage, Permission.QuestionManage, Permission.QuizManage, Permission.AttendanceManage],
  manager: [Permission.Self, Permission.Learn, Permission.CourseRead, Permission.CourseManage, Permission.OrgUnitRead, Permission.OrgUnitManage, Permission.StaffRead, Permission.StaffManage, Permission.StaffImport,
    Permission.CompletionReview, Permission.QuestionManage, Permission.QuizManage, Permission.AttendanceManage, Permission.TargetRead, Permission.TargetManage],
  admin: Object.values(Permission),
};

export function hasPermission(roles: readonly Role[], p: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r]?.includes(p));
}

/** The signed-in caller, passed explicitly to services. */
export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
  scopeUnitId: string | null;
  sessionId: string;
  ip: string | null;
  requestId: string | null;
}

export const isAdmin = (a: Actor) => a.roles.includes('admin');
