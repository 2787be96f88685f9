/**
 * Export of stored question versions to GIFT, Moodle XML or the Excel template (through the format exporters).
 * Pure apart from the exporters; the callers (bank export, quiz export) load the versions, audit and send the file.
 */
import { exportQuestions } from './formats';
import { toNeutralQuestion, type QuestionData, type StoredQuestionType } from './question-data';

export type QuestionExportFormat = 'gift' | 'moodlexml' | 'xlsx';

export interface ExportableVersion {
  type: StoredQuestionType;
  title: string;
  text: string;
  data: QuestionData;
  /** numeric(6,2) from pg comes as a string */
  defaultMark: number | string;
  tags?: string[];
  /** category path written in the file ("Chuyển đổi số/An toàn thông tin"; "//" escapes a "/"), null for none */
  category?: string | null;
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  /** file extension without the dot */
  extension: string;
  /** questions the format cannot hold (GIFT has no ordering questions), as "title: reason" */
  skipped: string[];
}

const CONTENT_TYPES: Record<QuestionExportFormat, { contentType: string; extension: string }> = {
  gift: { contentType: 'text/plain; charset=utf-8', extension: 'gift.txt' },
  moodlexml: { contentType: 'application/xml; charset=utf-8', extension: 'xml' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
};

/** The versions as one file of the given format; importing it gives back the same questions (see question-data.spec.ts). */
export async function exportQuestionVersions(versions: ExportableVersion[], format: QuestionExportFormat): Promise<ExportFile> {
  const skipped: string[] = [];
  const out = await exportQuestions(versions.map((v) => toNeutralQuestion(v)), format, (_q, reason) => skipped.push(reason));
  return { body: Buffer.isBuffer(out) ? out : Buffer.from(out, 'utf8'), ...CONTENT_TYPES[format], skipped };
}

/** "Ngân hàng An toàn" → "ngan-hang-an-toan" (ASCII) for the plain filename= of Content-Disposition. */
export function asciiSlug(s: string): string {
  const slug = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'cau-hoi';
}

/** Content-Disposition for a download named after `baseName` (Vietnamese kept in filename*). */
export function contentDisposition(baseName: string, extension: string): string {
  const utf8 = `${baseName.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').trim() || 'cau-hoi'}.${extension}`;
  return `attachment; filename="${asciiSlug(baseName)}.${extension}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
}
