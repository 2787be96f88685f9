import { formatNumber } from './format';

/** 1536 -> "1,5 KB", 2_500_000 -> "2,4 MB" (Vietnamese decimal comma, as the rest of the UI). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

export const MB = 1024 * 1024;

/** Kinds of file the server accepts somewhere (docs/api-courses.md, "Stored files"). */
export type FileKind = 'pdf' | 'docx' | 'pptx' | 'xlsx' | 'png' | 'jpeg' | 'webp';

const EXTENSIONS: Record<FileKind, string[]> = {
  pdf: ['.pdf'],
  docx: ['.docx'],
  pptx: ['.pptx'],
  xlsx: ['.xlsx'],
  png: ['.png'],
  jpeg: ['.jpg', '.jpeg'],
  webp: ['.webp'],
};

const MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** Short label of a stored file's type: "PDF", "Word", "Ảnh PNG"… (falls back to the MIME type). */
export function fileKindOf(mimeType: string): FileKind | null {
  const entry = Object.entries(MIME).find(([, m]) => m === mimeType.toLowerCase());
  return entry ? (entry[0] as FileKind) : null;
}

/** The value of an <input accept> for these kinds (extensions and MIME types). */
export function acceptOf(kinds: FileKind[]): string {
  return [...kinds.flatMap((k) => EXTENSIONS[k]), ...kinds.map((k) => MIME[k])].join(',');
}

export type FileCheck = { ok: true } | { ok: false; reason: 'type' | 'size' | 'empty' };

/**
 * A quick check in the browser before uploading: the name's extension and the size.
 * Only a convenience: the server decides from the content and answers with its own message.
 */
export function precheckFile(file: { name: string; size: number }, kinds: FileKind[], maxBytes: number): FileCheck {
  const name = file.name.toLowerCase();
  if (!kinds.some((k) => EXTENSIONS[k].some((ext) => name.endsWith(ext)))) return { ok: false, reason: 'type' };
  if (file.size === 0) return { ok: false, reason: 'empty' };
  if (file.size > maxBytes) return { ok: false, reason: 'size' };
  return { ok: true };
}

/**
 * The server's explanation of a refused upload: the error's message and, when the server names
 * the file field with a more precise reason ("the content is a PDF but the name ends in .png"), that too.
 */
export function uploadErrorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const fields = (err as Error & { fields?: Record<string, string> }).fields ?? {};
  const details = [...new Set(Object.values(fields).filter((v) => v && v !== err.message))];
  return details.length > 0 ? `${err.message}: ${details.join('; ')}` : err.message;
}
