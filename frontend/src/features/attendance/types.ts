// Types of the attendance contract (docs/api-attendance.md).

export type ClassType = 'course_class' | 'digital_learning_class' | 'resolution_briefing' | 'workshop';
export const CLASS_TYPES: ClassType[] = ['course_class', 'digital_learning_class', 'resolution_briefing', 'workshop'];
export type ClassStatus = 'planned' | 'enrolling' | 'in_progress' | 'completed' | 'postponed' | 'cancelled';
export const CLASS_STATUSES: ClassStatus[] = ['planned', 'enrolling', 'in_progress', 'completed', 'postponed', 'cancelled'];
export type MarkStatus = 'present' | 'late' | 'left_early' | 'excused' | 'unexcused';
export const MARK_STATUSES: MarkStatus[] = ['present', 'late', 'left_early', 'excused', 'unexcused'];
export type MarkSource = 'trainer' | 'qr' | 'paper';
export type RateBasis = 'sessions' | 'hours';

export type CheckInSettings = {
  opensBeforeMinutes: number;
  closesAfterMinutes: number;
  lateAfterMinutes: number;
  geofenceRadiusM: number | null;
  deviceCooldownMinutes: number;
  stepSeconds: number;
  allowWalkIn: boolean;
};
export const DEFAULT_CHECK_IN: CheckInSettings = {
  opensBeforeMinutes: 15,
  closesAfterMinutes: 30,
  lateAfterMinutes: 5,
  geofenceRadiusM: null,
  deviceCooldownMinutes: 10,
  stepSeconds: 10,
  allowWalkIn: false,
};

export type AttendanceRule = {
  statuses: MarkStatus[];
  weights: Record<MarkStatus, number>;
  rateBasis: RateBasis;
  minShare: number;
};
export const DEFAULT_RULE: AttendanceRule = {
  statuses: [...MARK_STATUSES],
  weights: { present: 1, late: 1, left_early: 0.5, excused: 0, unexcused: 0 },
  rateBasis: 'sessions',
  minShare: 80,
};

export type AttendanceClass = {
  id: string;
  code: string;
  title: string;
  description: string;
  classType: ClassType;
  courseId: string | null;
  courseTitle: string | null;
  courseItemId: string | null;
  ownerUnitId: string;
  ownerUnitName: string;
  trainerIds: string[];
  venueName: string | null;
  venueAddress: string | null;
  venueLat: number | null;
  venueLng: number | null;
  capacity: number | null;
  status: ClassStatus;
  statusReason: string | null;
  checkIn: CheckInSettings;
  rule: AttendanceRule;
  sessionCount: number;
  rosterCount: number;
  nextSessionAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SessionStatus = 'scheduled' | 'postponed' | 'cancelled';
export type ClassSession = {
  id: string;
  classId: string;
  seriesId: string | null;
  makeUpForId: string | null;
  startsAt: string;
  endsAt: string;
  /** local (Asia/Ho_Chi_Minh) 'YYYY-MM-DD' */
  date: string;
  /** local 'HH:mm' */
  startTime: string;
  endTime: string;
  hours: number;
  topic: string | null;
  venueName: string | null;
  venueAddress: string | null;
  venueLat: number | null;
  venueLng: number | null;
  status: SessionStatus;
  statusReason: string | null;
  markedCount: number;
  presentCount: number;
  createdAt: string;
};

export type PersonKind = 'staff' | 'resident';
export type Resident = {
  id: string;
  fullName: string;
  birthYear: number | null;
  phoneMasked: string | null;
  unitId: string;
  unitName: string;
};
export type RosterMember = {
  id: string;
  kind: PersonKind;
  staffId: string | null;
  residentId: string | null;
  fullName: string;
  birthYear: number | null;
  phoneMasked: string | null;
  unitId: string;
  unitName: string;
  source: 'manual' | 'import' | 'walk_in';
  addedAt: string;
};

export type Mark = {
  rosterId: string;
  fullName: string;
  kind: PersonKind;
  status: MarkStatus | null;
  lateMinutes: number | null;
  remark: string | null;
  markedAt: string | null;
  markedBy: string | null;
  markedByName: string | null;
  source: MarkSource | null;
  updatedAt: string | null;
};
export type MarkCounts = Record<MarkStatus | 'unmarked', number> & { total: number };

export type SessionMarks = {
  session: ClassSession;
  classId: string;
  classTitle: string;
  rule: AttendanceRule;
  items: Mark[];
  counts: MarkCounts;
  serverTime: string;
};

export type MarkRowInput = {
  rosterId: string;
  status: MarkStatus;
  lateMinutes?: number | null;
  remark?: string | null;
  markedAt: string;
  reason?: string;
};

export type MarkResultKind = 'saved' | 'unchanged' | 'superseded' | 'error';
export type MarkResult = {
  index: number;
  rosterId: string | null;
  result: MarkResultKind;
  code?: string;
  field?: string;
  message?: string;
  mark?: Mark;
};
export type SaveMarksResult = {
  results: MarkResult[];
  saved: number;
  superseded: number;
  unchanged: number;
  errors: number;
  counts: MarkCounts;
};

export type MarkHistory = {
  id: string;
  rosterId: string;
  fullName: string;
  oldStatus: MarkStatus | null;
  newStatus: MarkStatus;
  oldLateMinutes: number | null;
  newLateMinutes: number | null;
  oldRemark: string | null;
  newRemark: string | null;
  markedAt: string;
  applied: boolean;
  source: MarkSource;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
  reason: string | null;
  afterSessionEnd: boolean;
};

export type CheckInWindow = { opensAt: string; closesAt: string; open: boolean };
export type CheckInScreen = {
  sessionId: string;
  token: string;
  code: string;
  path: string;
  stepSeconds: number;
  validUntil: string;
  serverTime: string;
  window: CheckInWindow;
  geofence: { radiusM: number; lat: number; lng: number } | null;
  counts: MarkCounts;
};
export type LiveItem = {
  rosterId: string;
  fullName: string;
  kind: PersonKind;
  status: MarkStatus;
  lateMinutes: number | null;
  checkedInAt: string;
  source: MarkSource;
};
export type LiveList = { items: LiveItem[]; cursor: string; counts: MarkCounts };

export type ResolveResult = {
  ticket: string;
  ticketExpiresAt: string;
  deviceToken: string;
  session: {
    id: string;
    classTitle: string;
    topic: string | null;
    date: string;
    startTime: string;
    endTime: string;
    venueName: string | null;
  };
  identity: { kind: PersonKind | 'none'; fullName: string | null };
  requiresLocation: boolean;
  window: CheckInWindow;
};
export type LocationError = 'denied' | 'unavailable' | 'timeout';
export type CheckInResult = {
  result: 'checked_in';
  sessionId: string;
  rosterId: string;
  fullName: string;
  status: 'present' | 'late';
  lateMinutes: number | null;
  checkedInAt: string;
  deviceToken: string;
  classTitle: string;
};

export type RosterImportRow = {
  row: number;
  fullName: string;
  kind: PersonKind | null;
  status: 'add' | 'already' | 'error';
  staffId?: string;
  residentId?: string;
  errors: { field: string; message: string }[];
};
export type RosterImportResult = {
  rows: RosterImportRow[];
  added: number;
  already: number;
  errorCount: number;
  committed: boolean;
};

export type ReportSession = ClassSession & { held: boolean };
export type ReportRow = {
  rosterId: string;
  fullName: string;
  kind: PersonKind;
  unitName: string;
  cells: { sessionId: string; status: MarkStatus | null; lateMinutes: number | null }[];
  attendedSessions: number;
  rateSoFar: number;
  share: number;
  maxReachable: number;
  hours: number;
  atRisk: boolean;
  completed: boolean;
};
export type ClassReport = {
  class: AttendanceClass;
  rule: AttendanceRule;
  sessions: ReportSession[];
  rows: ReportRow[];
  atRisk: string[];
  totals: { rosterCount: number; sessionsHeld: number; sessionsScheduled: number; averageRate: number; hours: number };
};
export type PersonReport = {
  person: { kind: PersonKind; id: string; fullName: string; unitName: string };
  year: number;
  classes: {
    classId: string;
    classTitle: string;
    classType: ClassType;
    sessions: number;
    attended: number;
    share: number;
    hours: number;
  }[];
  sessions: {
    sessionId: string;
    classId: string;
    classTitle: string;
    startsAt: string;
    date: string;
    startTime: string;
    endTime: string;
    status: MarkStatus | null;
    hours: number;
  }[];
  totalHours: number;
  attendedSessions: number;
};
export type UnitReportRow = {
  unitId: string | null;
  unitName: string;
  classesHeld: number;
  sessionsHeld: number;
  distinctParticipants: number;
  distinctResidents: number;
  distinctStaff: number;
  personAttendances: number;
  hours: number;
};
export type UnitReport = {
  unit: { id: string; name: string };
  year: number;
  labels: Record<string, string>;
  rows: UnitReportRow[];
  total: UnitReportRow;
};
