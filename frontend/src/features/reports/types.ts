// Types of the semi-annual report contract (backend/src/modules/reports/reports.dto.ts, report-figures.ts).

export type ReportStatus = 'draft' | 'submitted';

export const NARRATIVE_KEYS = ['direction', 'results', 'shortcomings', 'causes', 'nextTasks', 'recommendations'] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];
export type Narrative = Partial<Record<NarrativeKey, string>>;

export type ReportPeriod = { label: string; periodStart: string; cutOff: string };

export type ReportSummary = {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  periodLabel: string;
  periodStart: string;
  cutOff: string;
  docNumber: string;
  status: ReportStatus;
  version: number;
  supersedesId: string | null;
  supersededById: string | null;
  submittedAt: string | null;
  updatedAt: string;
};

export type Bieu01Row = {
  key: string;
  roman: string;
  label: string;
  total: number;
  leaders: number;
  briefed: number;
  briefedShare: number;
  bdhvsJoined: number;
  bdhvsConfirmed: number;
  bdhvsShare: number;
  note: string;
};
export type Bieu02Row = {
  fullName: string;
  birthYearMale: number | null;
  birthYearFemale: number | null;
  position: string | null;
  unitName: string;
  role: string;
  content: string | null;
  time: string | null;
  organiser: string | null;
  result: string;
  certificateNo: string | null;
  note: string | null;
};
export type Bieu03Row = {
  unitName: string;
  teams: number;
  members: number;
  membersTrained: number;
  classes: number;
  attendances: number;
  participants: number;
  residentsConfirmed: number;
};
export type ReportFigures = {
  cutOff: string;
  bieu01: { rows: Bieu01Row[]; total: Bieu01Row; police: Bieu01Row | null };
  bieu02: { rows: Bieu02Row[]; total: number; trained: number; share: number };
  bieu03: { rows: Bieu03Row[]; total: Bieu03Row };
  computedAt: string;
};

export type Report = ReportSummary & {
  place: string;
  reportDate: string | null;
  recipients: string[];
  signerTitle: string;
  signerName: string;
  narrative: Narrative;
  includePolice: boolean;
  estimated: boolean;
  figures: ReportFigures;
};

/** The editable fields (PATCH /api/reports/:id). */
export type ReportChanges = Partial<{
  title: string;
  periodLabel: string;
  periodStart: string;
  cutOff: string;
  docNumber: string;
  place: string;
  reportDate: string | null;
  recipients: string[];
  signerTitle: string;
  signerName: string;
  narrative: Narrative;
  includePolice: boolean;
  estimated: boolean;
}>;

export type CreateReportInput = ReportChanges & { unitId: string; periodLabel: string; periodStart: string; cutOff: string };
