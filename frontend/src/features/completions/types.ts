// Types of the external completions contract (docs/api-courses.md, part 2).
import type { Enrolment } from '../courses/types';

export type CompletionSource = 'internal' | 'bdhvs' | 'provincial_program';
export type ExternalSource = Exclude<CompletionSource, 'internal'>;
export const EXTERNAL_SOURCES: ExternalSource[] = ['bdhvs', 'provincial_program'];
export type CompletionStatus = 'approved' | 'pending' | 'rejected';
export const COMPLETION_STATUSES: CompletionStatus[] = ['pending', 'approved', 'rejected'];

export type Completion = {
  id: string;
  staffId: string;
  courseId: string | null;
  /** the course title, or the title of an external completion */
  courseTitle: string | null;
  courseVersion: number | null;
  completedAt: string;
  hours: number;
  rule: string;
  source: CompletionSource;
  status: CompletionStatus;
  /** external ones: "Nội dung bồi dưỡng" */
  title?: string;
  provider?: string;
};

export type EvidenceInfo = { fileName: string; mimeType: string; size: number };

export type ExternalCompletion = Completion & {
  source: ExternalSource;
  fullName: string;
  unitId: string;
  unitName: string;
  title: string;
  provider: string;
  completedOn: string;
  certificateNo: string | null;
  tags: string[];
  evidence: EvidenceInfo | null;
  submittedBy: string | null;
  submittedByName?: string | null;
  submittedAt: string;
  reviewedBy: string | null;
  reviewedByName?: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
};

/** GET /api/staff/:id/learning */
export type StaffLearning = {
  enrolments: Enrolment[];
  completions: Completion[];
  hoursByYear: { year: number; hours: number }[];
};

export type ImportRowStatus = 'ok' | 'error' | 'duplicate';
export type CompletionImportRow = {
  /** the spreadsheet's row number */
  row: number;
  staffId?: string | null;
  /** the matched person's name, else the name or code as written */
  fullName: string;
  status: ImportRowStatus;
  errors: { field: string; message: string }[];
  /** the values read from the row (as understood by the server) */
  data?: {
    source: ExternalSource | null;
    title: string | null;
    provider: string | null;
    completedOn: string | null;
    hours: number | null;
    certificateNo: string | null;
    unitName: string | null;
  };
};
/** POST /api/external-completions/imports: a preview, nothing written yet. */
export type CompletionImportPreview = {
  id: string;
  rows: CompletionImportRow[];
  okCount: number;
  errorCount: number;
  duplicateCount?: number;
};
