/**
 * What an uploaded file really is, decided from its bytes (magic numbers, and for OOXML the ZIP directory and
 * [Content_Types].xml), never from its name or the type the browser declared. Pure: no I/O, no Nest.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../common/errors/app-error';
import { nfc } from '../../common/text/vietnamese';

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'webp' | 'docx' | 'pptx' | 'xlsx';

export const MB = 1024 * 1024;

export const KINDS: Record<FileKind, { mime: string; extensions: string[]; label: string }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG' },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  webp: { mime: 'image/webp', extensions: ['webp'], label: 'WebP' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'DOCX' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], label: 'PPTX' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'XLSX' },
};

export type FileUse = 'cover' | 'attachment' | 'evidence' | 'import';

/** What each use accepts, and its size limit. */
export const FILE_USES: Record<FileUse, { kinds: FileKind[]; maxBytes: number }> = {
  cover: { kinds: ['png', 'jpeg', 'webp'], maxBytes: 2 * MB },
  attachment: { kinds: ['pdf', 'docx', 'pptx', 'xlsx', 'png', 'jpeg'], maxBytes: 10 * MB },
  evidence: { kinds: ['pdf', 'png', 'jpeg', 'webp'], maxBytes: 5 * MB },
  import: { kinds: ['xlsx'], maxBytes: 5 * MB },
};

export const isImage = (mime: string) => mime.startsWith('image/');

/** Names that are programs or scripts, whatever their content. */
export const EXECUTABLE_EXTENSIONS = ['exe', 'msi', 'bat', 'cmd', 'sh', 'js', 'vbs', 'ps1', 'jar', 'apk', 'dll', 'scr', 'com'];

const startsWith = (buf: Buffer, bytes: number[], at = 0) => buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

/** MZ (Windows PE, DOS), ELF, Mach-O (32/64 bit, both byte orders, fat binaries) and #! scripts. */
export function isExecutable(buf: Buffer): boolean {
  if (startsWith(buf, [0x4d, 0x5a])) return true; // MZ
  if (startsWith(buf, [0x7f, 0x45, 0x4c, 0x46])) return true; // ELF
  for (const m of [[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]]) {
    if (startsWith(buf, m)) return true;
  }
  // a shebang, also after a UTF-8 BOM
  return startsWith(buf, [0x23, 0x21]) || startsWith(buf, [0xef, 0xbb, 0xbf, 0x23, 0x21]);
}

interface ZipEntry { name: string; method: number; compressedSize: number; size: number; localOffset: number }

/** The ZIP central directory (names, sizes, offsets); null when it cannot be read. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  const min = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    if (p + 46 + nameLen > buf.length) return null;
    out.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** One small entry's bytes (stored or deflated), at most 1 MB; null when it cannot be read. */
function zipEntryData(buf: Buffer, e: ZipEntry): Buffer | null {
  if (e.size > MB || e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== 0x04034b50) return null;
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) return null;
  const raw = buf.subarray(start, end);
  try {
    if (e.method === 0) return raw;
    if (e.method === 8) return inflateRawSync(raw, { maxOutputLength: MB });
  } catch {
    return null;
  }
  return null;
}

/** The main part and its content type for each OOXML kind (macro-enabled variants have other types and are refused). */
const OOXML_MAIN: Record<'docx' | 'pptx' | 'xlsx', { part: string; type: string }> = {
  docx: { part: 'word/document.xml', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' },
  pptx: { part: 'ppt/presentation.xml', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml' },
  xlsx: { part: 'xl/workbook.xml', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' },
};

/** DOCX / PPTX / XLSX when the ZIP has [Content_Types].xml declaring the right main part, no macros; else null. */
function sniffOoxml(buf: Buffer): 'docx' | 'pptx' | 'xlsx' | null {
  const entries = zipEntries(buf);
  if (!entries) return null;
  const names = new Set(entries.map((e) => e.name));
  if ([...names].some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
  const ct = entries.find((e) => e.name === '[Content_Types].xml');
  if (!ct) return null;
  const xml = zipEntryData(buf, ct)?.toString('utf8');
  if (!xml) return null;
  for (const kind of ['docx', 'pptx', 'xlsx'] as const) {
    const main = OOXML_MAIN[kind];
    if (!names.has(main.part)) continue;
    const override = new RegExp(`<Override\\b[^>]*PartName=["']/${main.part.replace(/[.]/g, '\\.')}["'][^>]*>`, 'i').exec(xml)?.[0];
    if (override && new RegExp(`ContentType=["']${main.type.replace(/[.+]/g, (c) => `\\${c}`)}["']`, 'i').test(override)) return kind;
  }
  return null;
}

/** The kind of file these bytes are, or null when it is none of the kinds we keep. */
export function sniffKind(buf: Buffer): FileKind | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'; // RIFF....WEBP
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return sniffOoxml(buf);
  return null;
}

/** "Báo cáo ngày 1/7.pdf" stays as is (NFC); folders, control characters and quotes are dropped; at most 255 characters. */
export function cleanFileName(name: string | undefined | null): string {
  const base = nfc(String(name ?? '').split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f"]/g, '').trim();
  if (!base) return 'tep';
  if (base.length <= 255) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 255 - ext.length) + ext;
}

export const extensionOf = (name: string) => (/\.([^.]+)$/.exec(name)?.[1] ?? '').toLowerCase();

export const formatLimit = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : `${Math.round(bytes / 1024)} KB`);

const notAllowed = (field: string, vi: string, en: string) => new AppError(415, 'FILE_TYPE_NOT_ALLOWED', {}, { [field]: { vi, en } });

export function tooLarge(field: string, use: FileUse): AppError {
  const limit = formatLimit(FILE_USES[use].maxBytes);
  return new AppError(413, 'FILE_TOO_LARGE', { limit }, { [field]: { vi: `Tệp vượt quá giới hạn ${limit}`, en: `The file is larger than the ${limit} limit` } });
}

export interface CheckedFile { kind: FileKind; mime: string; fileName: string }

/**
 * Accepts the file for this use or throws: 415 FILE_TYPE_NOT_ALLOWED for programs and scripts, for content of a
 * kind this use does not take, and for a name whose extension disagrees with the content; 413 FILE_TOO_LARGE;
 * 400 for an empty file.
 */
export function checkFile(buf: Buffer, rawName: string | undefined, use: FileUse, field = 'file'): CheckedFile {
  const fileName = cleanFileName(rawName);
  const ext = extensionOf(fileName);
  const allowed = FILE_USES[use].kinds;
  const allowedText = allowed.map((k) => KINDS[k].label).join(', ');
  if (buf.length > FILE_USES[use].maxBytes) throw tooLarge(field, use);
  if (EXECUTABLE_EXTENSIONS.includes(ext) || isExecutable(buf)) {
    throw notAllowed(field, 'Không được tải lên chương trình hoặc tệp lệnh', 'Programs and scripts cannot be uploaded');
  }
  if (!buf.length) throw new AppError(400, 'VALIDATION_FAILED', {}, { [field]: { vi: 'Tệp rỗng', en: 'The file is empty' } });
  const kind = sniffKind(buf);
  if (!kind || !allowed.includes(kind)) {
    throw notAllowed(field, `Loại tệp không được chấp nhận; chỉ nhận ${allowedText}`, `This type of file is not accepted; allowed: ${allowedText}`);
  }
  if (!KINDS[kind].extensions.includes(ext)) {
    const want = KINDS[kind].extensions.map((e) => `.${e}`).join(' / ');
    throw notAllowed(
      field,
      `Tên tệp có đuôi ${ext ? `.${ext}` : '(không có)'} nhưng nội dung là ${KINDS[kind].label}; hãy đặt đuôi ${want}`,
      `The name ends in ${ext ? `.${ext}` : '(nothing)'} but the content is ${KINDS[kind].label}; name it ${want}`,
    );
  }
  return { kind, mime: KINDS[kind].mime, fileName };
}

/** RFC 5987 / 6266: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
