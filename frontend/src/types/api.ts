// Types of the API contract (docs/api.md).
export type Role = 'learner' | 'trainer' | 'manager' | 'admin';
export const ROLES: Role[] = ['learner', 'trainer', 'manager', 'admin'];

export type Me = {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  roles: Role[];
  scopeUnitId: string | null;
  scopeUnitName: string | null;
  staffId: string | null;
  mustChangePassword: boolean;
};

export type OrgUnitType =
  | 'province'
  | 'provincial_department'
  | 'ward'
  | 'commune'
  | 'people_committee'
  | 'people_council'
  | 'specialized_office'
  | 'public_service_center'
  | 'police'
  | 'party_committee'
  | 'party_office'
  | 'front_committee'
  | 'socio_political_org'
  | 'school'
  | 'residential_group'
  | 'village'
  | 'community_digital_team';

export const ORG_UNIT_TYPES: OrgUnitType[] = [
  'province',
  'provincial_department',
  'ward',
  'commune',
  'people_committee',
  'people_council',
  'specialized_office',
  'public_service_center',
  'police',
  'party_committee',
  'party_office',
  'front_committee',
  'socio_political_org',
  'school',
  'residential_group',
  'village',
  'community_digital_team',
];

export type OrgUnit = {
  id: string;
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  aliases: string[];
  validFrom: string | null;
  validTo: string | null;
  external: boolean;
  listedInPlan: boolean;
  activeStaffCount: number;
};

export type StaffCategory = 'cadre' | 'civil_servant' | 'public_employee' | 'contract_worker' | 'armed_forces' | 'citizen';
export const STAFF_CATEGORIES: StaffCategory[] = [
  'cadre',
  'civil_servant',
  'public_employee',
  'contract_worker',
  'armed_forces',
  'citizen',
];
export type DtRole = 'dedicated' | 'concurrent' | 'none';
export const DT_ROLES: DtRole[] = ['dedicated', 'concurrent', 'none'];
export type StaffStatus = 'active' | 'on_leave' | 'left';
export const STAFF_STATUSES: StaffStatus[] = ['active', 'on_leave', 'left'];
export type LeaveKind = 'maternity_leave' | 'long_term_study' | 'other';
export const LEAVE_KINDS: LeaveKind[] = ['maternity_leave', 'long_term_study', 'other'];
export type Gender = 'male' | 'female';

export type Staff = {
  id: string;
  staffCode: string | null;
  familyName: string;
  middleName: string;
  givenName: string;
  fullName: string;
  gender: Gender | null;
  birthYear: number | null;
  email: string | null;
  phone: string | null;
  unitId: string;
  unitName: string;
  position: string | null;
  category: StaffCategory;
  dtRole: DtRole;
  isLeadership: boolean;
  communityDigitalTeamId: string | null;
  status: StaffStatus;
  leaveKind: LeaveKind | null;
  statusSince: string;
  note: string | null;
  hasAccount: boolean;
  createdAt: string;
  updatedAt: string;
};

export type StaffHistoryEntry = {
  validFrom: string;
  validTo: string | null;
  unitId: string;
  unitName: string;
  category: StaffCategory;
  dtRole: DtRole;
  status: StaffStatus;
  leaveKind: LeaveKind | null;
};

export type ImportStatus = 'previewed' | 'committing' | 'committed' | 'cancelled' | 'failed';

export type ImportSummary = {
  id: string;
  fileName: string;
  status: ImportStatus;
  totalRows: number;
  validRows: number;
  errorRows: number;
  warningRows: number;
  createCount: number;
  updateCount: number;
  unchangedCount: number;
  processedRows: number;
  createdAt: string;
  committedAt: string | null;
  message: string | null;
};

export type ImportRowData = {
  staffCode?: string;
  familyName?: string;
  middleName?: string;
  givenName?: string;
  fullName?: string;
  gender?: string;
  birthYear?: number;
  email?: string;
  phone?: string;
  unitCode?: string;
  unitName?: string;
  position?: string;
  category?: string;
  dtRole?: string;
  status?: string;
};

export type ImportIssue = { field: string; message: string };

export type ImportRow = {
  rowNumber: number;
  action: 'create' | 'update' | 'unchanged' | 'error';
  data: ImportRowData;
  errors: ImportIssue[];
  warnings: ImportIssue[];
};

export type AuditEvent = {
  id: string;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  summary: string;
  details: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
};

export type User = {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  roles: Role[];
  scopeUnitId: string | null;
  scopeUnitName: string | null;
  staffId: string | null;
  isActive: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

/** `totalCapped`: a text search matched more people than `total` (the server stops counting there). */
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; totalCapped?: boolean };

export type ErrorBody = {
  statusCode: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
  requestId?: string;
};
