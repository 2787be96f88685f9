/**
 * Parsing the staff rosters HR keeps in Excel/CSV, and the XLSX import template.
 * Pure: no database, no Nest. Values come back as NFC-cleaned strings; validation and
 * matching (units, categories, phones…) are the importer's job — see the map* helpers below.
 */
import * as ExcelJS from 'exceljs';
import { fold, nfc } from '../../../common/text/vietnamese';

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

export type StaffColumnKey =
  | 'staffCode'
  | 'familyName'
  | 'middleName'
  | 'givenName'
  | 'fullName'
  | 'gender'
  | 'birthYear'
  | 'email'
  | 'phone'
  | 'unitCode'
  | 'unitName'
  | 'position'
  | 'category'
  | 'dtRole'
  | 'status';

/**
 * Keys a parsed row can carry. `familyMiddleName` comes from a "Họ đệm" column (family + middle name
 * together, as many HR lists have it); it is not split because names cannot be split reliably (domain.md §4.1).
 */
export type ColumnKey = StaffColumnKey | 'familyMiddleName';

export interface StaffSheetColumn {
  key: StaffColumnKey;
  /** Vietnamese header as written in the template. */
  header: string;
  headerEn: string;
  /** Other headers HR files use for the same column (matched diacritic- and case-insensitively). */
  aliases: string[];
  required: boolean;
  example: string;
  /** Allowed values / guidance in Vietnamese (template note and "Hướng dẫn" sheet). */
  guide: string;
  width: number;
}

export const STAFF_CATEGORY_LABELS = {
  cadre: 'Cán bộ',
  civil_servant: 'Công chức',
  public_employee: 'Viên chức',
  contract_worker: 'Người lao động',
  armed_forces: 'Lực lượng vũ trang',
  citizen: 'Người dân',
} as const;
export type StaffCategoryCode = keyof typeof STAFF_CATEGORY_LABELS;

export const DT_ROLE_LABELS = { dedicated: 'Chuyên trách', concurrent: 'Kiêm nhiệm', none: 'Không' } as const;
export type DtRoleCode = keyof typeof DT_ROLE_LABELS;

/**
 * Status as written in the sheet. The entity splits it into `status` + `leaveKind`: see STATUS_CODE_TO_STATE.
 */
export const STATUS_LABELS = {
  active: 'Đang công tác',
  maternity_leave: 'Nghỉ thai sản',
  long_term_study: 'Đi học dài hạn',
  on_leave: 'Tạm nghỉ',
  left: 'Đã nghỉ việc',
} as const;
export type StaffStatusCode = keyof typeof STATUS_LABELS;

export const STATUS_CODE_TO_STATE: Readonly<
  Record<StaffStatusCode, { status: 'active' | 'on_leave' | 'left'; leaveKind: 'maternity_leave' | 'long_term_study' | 'other' | null }>
> = {
  active: { status: 'active', leaveKind: null },
  maternity_leave: { status: 'on_leave', leaveKind: 'maternity_leave' },
  long_term_study: { status: 'on_leave', leaveKind: 'long_term_study' },
  on_leave: { status: 'on_leave', leaveKind: 'other' },
  left: { status: 'left', leaveKind: null },
};

const labelList = (labels: Record<string, string>) => Object.values(labels).join(' / ');

export const STAFF_SHEET_COLUMNS: readonly StaffSheetColumn[] = [
  {
    key: 'staffCode', header: 'Mã cán bộ', headerEn: 'Staff code', required: false, example: 'CB-0001', width: 12,
    aliases: ['Mã CB', 'Mã số cán bộ', 'Mã nhân viên', 'Mã NV', 'Mã công chức', 'Mã số', 'Staff ID', 'Employee ID'],
    guide: 'Không bắt buộc. Nếu có, dùng để nhận ra người đã có trong hệ thống khi nhập lại.',
  },
  {
    key: 'familyName', header: 'Họ', headerEn: 'Family name', required: false, example: 'Nguyễn', width: 12,
    aliases: ['Last name', 'Surname'],
    guide: 'Họ (có thể trống với tên dân tộc Tây Nguyên không có họ; họ Jrai có thể gồm hai chữ, ví dụ "Rơ Mah").',
  },
  {
    key: 'middleName', header: 'Chữ đệm', headerEn: 'Middle name', required: false, example: 'Thị Mỹ', width: 12,
    aliases: ['Tên đệm', 'Tên lót', 'Đệm', 'Lót'],
    guide: 'Chữ đệm (có thể trống). Với tên "A"/"Y" đứng trước tên, ghi "A"/"Y" vào đây.',
  },
  {
    key: 'givenName', header: 'Tên', headerEn: 'Given name', required: false, example: 'Hạnh', width: 10,
    aliases: ['Tên gọi', 'First name'],
    guide: 'Tên (chữ cuối). Nên điền Họ, Chữ đệm, Tên tách riêng để sắp xếp đúng thứ tự A, B, C.',
  },
  {
    key: 'fullName', header: 'Họ và tên', headerEn: 'Full name', required: true, example: 'Nguyễn Thị Mỹ Hạnh', width: 26,
    aliases: ['Họ tên', 'Họ và tên cán bộ', 'Họ tên cán bộ', 'Họ và tên học viên', 'Tên cán bộ', 'Name'],
    guide: 'Bắt buộc (hoặc điền đủ Họ, Chữ đệm, Tên). Gõ bằng Unicode, không dùng phông .VnTime hay VNI-Times.',
  },
  {
    key: 'gender', header: 'Giới tính', headerEn: 'Gender', required: false, example: 'Nữ', width: 10,
    aliases: ['Giới', 'Phái', 'Nam/Nữ', 'Sex'],
    guide: 'Nam / Nữ',
  },
  {
    key: 'birthYear', header: 'Năm sinh', headerEn: 'Birth year', required: false, example: '1985', width: 10,
    aliases: ['Year of birth'],
    guide: 'Năm sinh 4 chữ số, ví dụ 1985. Cũng nhận cột "Ngày sinh" (lấy năm) hoặc hai cột "Năm sinh Nam" / "Năm sinh Nữ".',
  },
  {
    key: 'email', header: 'Email', headerEn: 'Email', required: false, example: 'hanhntm@dakbla.example', width: 28,
    aliases: ['E-mail', 'Thư điện tử', 'Địa chỉ email', 'Địa chỉ thư điện tử', 'Mail'],
    guide: 'Địa chỉ thư điện tử, không trùng với người khác.',
  },
  {
    key: 'phone', header: 'Số điện thoại', headerEn: 'Phone', required: false, example: '0900000000', width: 15,
    aliases: ['SĐT', 'Điện thoại', 'Điện thoại di động', 'Số di động', 'Di động', 'Số ĐT', 'ĐT', 'Mobile', 'Phone number'],
    guide: 'Số di động 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09 (nhận cả +84 và số 11 chữ số cũ).',
  },
  {
    key: 'unitCode', header: 'Mã đơn vị', headerEn: 'Unit code', required: false, example: 'VP', width: 14,
    aliases: ['Mã ĐV', 'Unit ID'],
    guide: 'Mã đơn vị trong hệ thống (xem danh mục đơn vị). Nếu có, được ưu tiên hơn cột Đơn vị.',
  },
  {
    key: 'unitName', header: 'Đơn vị', headerEn: 'Unit', required: true, example: 'Văn phòng HĐND và UBND', width: 30,
    aliases: ['Đơn vị công tác', 'Tên đơn vị', 'Cơ quan', 'Cơ quan, đơn vị', 'Nơi công tác', 'Phòng ban', 'Bộ phận', 'Department'],
    guide: 'Bắt buộc (hoặc điền Mã đơn vị). Tên đơn vị đúng như trong danh mục đơn vị.',
  },
  {
    key: 'position', header: 'Chức vụ', headerEn: 'Position', required: false, example: 'Chuyên viên', width: 24,
    aliases: ['Chức danh', 'Chức vụ, chức danh', 'Chức vụ/Chức danh', 'Job title'],
    guide: 'Chức vụ hoặc chức danh, ví dụ "Phó Chủ tịch UBND phường", "Chuyên viên".',
  },
  {
    key: 'category', header: 'Loại cán bộ', headerEn: 'Category', required: false, example: 'Công chức', width: 16,
    aliases: ['Đối tượng', 'Phân loại', 'Loại', 'Loại CBCCVC', 'Staff category'],
    guide: labelList(STAFF_CATEGORY_LABELS),
  },
  {
    key: 'dtRole', header: 'Vai trò CĐS', headerEn: 'Digital transformation role', required: false, example: 'Kiêm nhiệm', width: 14,
    aliases: ['Vai trò chuyển đổi số', 'Cán bộ CĐS', 'Cán bộ chuyển đổi số', 'CĐS', 'DT role'],
    guide: `${labelList(DT_ROLE_LABELS)} (cán bộ chuyên trách / kiêm nhiệm chuyển đổi số; để trống là Không)`,
  },
  {
    key: 'status', header: 'Trạng thái', headerEn: 'Status', required: false, example: 'Đang công tác', width: 16,
    aliases: ['Tình trạng', 'Tình trạng công tác', 'Trạng thái công tác'],
    guide: `${labelList(STATUS_LABELS)} (để trống là Đang công tác)`,
  },
];

/** What a header cell can mean. Beyond the template keys: split birth-year columns, a date of birth, ignored columns. */
type SourceKind = ColumnKey | 'birthDate' | 'birthYearMale' | 'birthYearFemale' | 'ignore';

/** Header text → comparable key: fold, drop "(…)" and "*", non-alphanumerics to spaces. */
function headerKey(s: string): string {
  return fold(s)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_INDEX: Map<string, SourceKind> = (() => {
  const m = new Map<string, SourceKind>();
  const add = (kind: SourceKind, names: string[]) => {
    for (const n of names) {
      const k = headerKey(n);
      if (k && !m.has(k)) m.set(k, kind);
    }
  };
  for (const c of STAFF_SHEET_COLUMNS) add(c.key, [c.header, c.headerEn, ...c.aliases]);
  add('fullName', ['Ho va ten', 'Họ, tên', 'Họ và tên đệm và tên']);
  add('familyMiddleName', ['Họ đệm', 'Họ và đệm', 'Họ và chữ đệm', 'Họ và tên đệm', 'Họ lót', 'Họ và tên lót', 'Họ, chữ đệm']);
  add('birthDate', ['Ngày sinh', 'Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Sinh ngày', 'Date of birth', 'DOB', 'Birth date']);
  add('birthYearMale', ['Năm sinh Nam', 'Nam sinh năm']);
  add('birthYearFemale', ['Năm sinh Nữ', 'Nữ sinh năm']);
  add('ignore', ['STT', 'TT', 'Số TT', 'Số thứ tự', 'No', 'No.', '#', 'Ghi chú', 'Note', 'Notes']);
  return m;
})();

function matchHeader(text: string): SourceKind | null {
  const k = headerKey(text);
  if (!k) return null;
  return HEADER_INDEX.get(k) ?? null;
}

const NAME_KINDS: ReadonlySet<SourceKind> = new Set<SourceKind>(['fullName', 'givenName', 'familyMiddleName', 'familyName']);

// ---------------------------------------------------------------------------------------------
// Errors and results
// ---------------------------------------------------------------------------------------------

export type SheetErrorCode = 'UNSUPPORTED_FILE' | 'NO_HEADER' | 'EMPTY' | 'TOO_MANY_ROWS';

export class SheetError extends Error {
  constructor(
    public readonly code: SheetErrorCode,
    /** Vietnamese message for the user. */
    message: string,
    public readonly messageEn: string,
  ) {
    super(message);
    this.name = 'SheetError';
  }
}

export const MAX_DATA_ROWS = 20_000;
/** The header must be within this many rows from the top (title rows above it are common). */
export const HEADER_SEARCH_ROWS = 15;

export interface RawStaffRow {
  /** The real spreadsheet row (CSV: record) number, 1-based. */
  rowNumber: number;
  values: Partial<Record<ColumnKey, string>>;
}

export interface ParsedSheet {
  format: 'xlsx' | 'csv';
  /** Row number of the header (of the second header row when "Năm sinh" is split into Nam / Nữ below it). */
  headerRow: number;
  /** Which header text each recognised column came from, e.g. { fullName: 'Họ và tên', birthYear: 'Năm sinh Nữ' }. */
  columns: Record<string, string>;
  rows: RawStaffRow[];
  /** Worksheet the data came from (XLSX only). */
  sheetName?: string;
  /** Header cells that were not recognised (shown to the user as "ignored columns"). */
  ignoredHeaders: string[];
}

const unsupported = (vi: string, en: string) => new SheetError('UNSUPPORTED_FILE', vi, en);
const noHeader = () =>
  new SheetError(
    'NO_HEADER',
    `Không tìm thấy dòng tiêu đề trong ${HEADER_SEARCH_ROWS} dòng đầu. Cần ít nhất hai cột có tên quen thuộc, trong đó có cột họ tên (ví dụ "Họ và tên", "Năm sinh", "Đơn vị"). Hãy dùng tệp mẫu.`,
    `No header row found in the first ${HEADER_SEARCH_ROWS} rows. At least two known columns are needed, one of them a name column (e.g. "Họ và tên", "Năm sinh", "Đơn vị"). Please use the template.`,
  );
const empty = () => new SheetError('EMPTY', 'Tệp không có dòng dữ liệu nào.', 'The file has no data rows.');
const tooMany = () =>
  new SheetError(
    'TOO_MANY_ROWS',
    `Tệp có hơn ${MAX_DATA_ROWS.toLocaleString('vi-VN')} dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.`,
    `The file has more than ${MAX_DATA_ROWS.toLocaleString('en-US')} data rows. Please split it into smaller files.`,
  );

// ---------------------------------------------------------------------------------------------
// Cell values → strings
// ---------------------------------------------------------------------------------------------

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function yearFromString(s: string): string {
  if (/^\d{4}$/.test(s)) return s;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (dmy) return dmy[dmy.length - 1];
  const ymd = /^(\d{4})[/.-]\d{1,2}[/.-]\d{1,2}(?:[T ].*)?$/.exec(s);
  if (ymd) return ymd[1];
  const words = /(?:năm|nam)\s+(\d{4})$/i.exec(s); // "ngày 15 tháng 6 năm 1985"
  if (words) return words[1];
  return s;
}

function formatDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

const isBirthKind = (k: SourceKind) => k === 'birthYear' || k === 'birthDate' || k === 'birthYearMale' || k === 'birthYearFemale';

function numberText(n: number, kind: SourceKind): string {
  if (!Number.isFinite(n)) return '';
  if (isBirthKind(kind) && Number.isInteger(n) && n > 2100 && n < 100000) {
    // an Excel serial date typed into a number-formatted cell
    return String(new Date(EXCEL_EPOCH_MS + n * 86_400_000).getUTCFullYear());
  }
  if (Number.isInteger(n)) return String(n); // no exponent below 1e21
  return String(n);
}

/** Apply per-column fixes to an already-stringified value. */
function finishText(s: string, kind: SourceKind): string {
  const t = nfc(s);
  if (!t) return '';
  if (isBirthKind(kind)) return yearFromString(t);
  if (kind === 'phone') {
    // Excel drops the leading 0 of numbers typed into a General cell.
    if (/^[35789]\d{8}$/.test(t) || /^1\d{9}$/.test(t)) return '0' + t;
  }
  return t;
}

function cellValueText(v: unknown, kind: SourceKind, depth = 0): string {
  if (v === null || v === undefined || depth > 3) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v, kind);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return isBirthKind(kind) ? String(v.getUTCFullYear()) : formatDate(v);
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('error' in o) return '';
    if ('formula' in o || 'sharedFormula' in o) return cellValueText(o.result, kind, depth + 1);
    if ('hyperlink' in o || 'text' in o) {
      const text = cellValueText(o.text, kind, depth + 1);
      if (text) return text;
      return typeof o.hyperlink === 'string' ? o.hyperlink.replace(/^mailto:/i, '') : '';
    }
  }
  return '';
}

// ---------------------------------------------------------------------------------------------
// Header detection and row mapping (shared by XLSX and CSV)
// ---------------------------------------------------------------------------------------------

interface ColumnMap {
  /** column index (0-based) → kind */
  byIndex: Map<number, SourceKind>;
  columns: Record<string, string>;
  ignoredHeaders: string[];
  known: number;
  hasName: boolean;
}

function mapHeader(cells: string[]): ColumnMap {
  const byIndex = new Map<number, SourceKind>();
  const columns: Record<string, string> = {};
  const ignoredHeaders: string[] = [];
  const used = new Set<SourceKind>();
  let known = 0;
  let hasName = false;
  cells.forEach((raw, i) => {
    const text = nfc(raw);
    if (!text) return;
    const kind = matchHeader(text);
    if (!kind) {
      ignoredHeaders.push(text);
      return;
    }
    if (kind === 'ignore') return;
    if (used.has(kind)) {
      ignoredHeaders.push(text); // duplicate column: first one wins
      return;
    }
    used.add(kind);
    byIndex.set(i, kind);
    columns[kind] = text;
    known++;
    if (NAME_KINDS.has(kind)) hasName = true;
  });
  return { byIndex, columns, ignoredHeaders, known, hasName };
}

const isHeaderMatch = (m: ColumnMap) => m.known >= 2 && m.hasName;

/**
 * "Năm sinh" over two sub-columns "Nam" | "Nữ" in the row below (the usual report layout, domain.md §4.8).
 * Returns true (and rewrites the map) when the next row is such a sub-header.
 */
function applyBirthYearSubHeader(map: ColumnMap, headerCells: string[], next: string[] | undefined): boolean {
  if (!next) return false;
  const sub = next.map((c) => headerKey(c));
  const male = sub.indexOf('nam');
  const female = sub.findIndex((c) => c === 'nu');
  if (male < 0 || female < 0) return false;
  // the sub-columns must sit under "Năm sinh" (merged: the right-hand cell is empty) and nothing else may be in that row
  const inBirth = (i: number) => {
    const kind = map.byIndex.get(i);
    if (kind === 'birthYear' || kind === 'birthDate') return true;
    const left = map.byIndex.get(i - 1);
    return !nfc(headerCells[i] ?? '') && (left === 'birthYear' || left === 'birthDate');
  };
  if (!inBirth(male) || !inBirth(female)) return false;
  if (sub.some((c, i) => c && i !== male && i !== female)) return false;
  const birthText = map.columns.birthYear ?? map.columns.birthDate ?? 'Năm sinh';
  for (const [i, k] of [...map.byIndex]) if (k === 'birthYear' || k === 'birthDate') map.byIndex.delete(i);
  delete map.columns.birthYear;
  delete map.columns.birthDate;
  map.byIndex.set(male, 'birthYearMale');
  map.byIndex.set(female, 'birthYearFemale');
  map.columns.birthYearMale = `${birthText} - ${nfc(next[male])}`;
  map.columns.birthYearFemale = `${birthText} - ${nfc(next[female])}`;
  return true;
}

function buildRow(rowNumber: number, map: ColumnMap, cell: (i: number, kind: SourceKind) => string): RawStaffRow | null {
  const values: Partial<Record<ColumnKey, string>> = {};
  let male = '';
  let female = '';
  let birthDate = '';
  let any = false;
  for (const [i, kind] of map.byIndex) {
    const text = finishText(cell(i, kind), kind);
    if (!text) continue;
    any = true;
    if (kind === 'birthYearMale') male = text;
    else if (kind === 'birthYearFemale') female = text;
    else if (kind === 'birthDate') birthDate = text;
    else if (kind !== 'ignore') values[kind] = text;
  }
  if (!any) return null;
  if (!values.birthYear) {
    const y = male || female || birthDate;
    if (y) values.birthYear = y;
  }
  if (!values.gender && (male || female) && !(male && female)) values.gender = male ? 'Nam' : 'Nữ';
  if (!values.fullName) {
    const parts = values.familyMiddleName
      ? [values.familyMiddleName, values.givenName]
      : [values.familyName, values.middleName, values.givenName];
    const full = parts.filter((p): p is string => !!p).join(' ');
    if (full) values.fullName = full;
  }
  return { rowNumber, values };
}

// ---------------------------------------------------------------------------------------------
// Format detection
// ---------------------------------------------------------------------------------------------

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

function rejectKnownBinary(buf: Buffer): void {
  const ascii = buf.subarray(0, 8).toString('latin1');
  const other = (what: string, whatEn: string) =>
    unsupported(
      `Tệp này là ${what}, không phải bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc CSV (UTF-8).`,
      `This file is ${whatEn}, not a spreadsheet. Please upload an Excel (.xlsx) or CSV (UTF-8) file.`,
    );
  if (ascii.startsWith('%PDF')) throw other('tệp PDF', 'a PDF');
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47])) throw other('ảnh PNG', 'a PNG image');
  if (startsWith(buf, [0xff, 0xd8, 0xff])) throw other('ảnh JPEG', 'a JPEG image');
  if (ascii.startsWith('GIF8')) throw other('ảnh GIF', 'a GIF image');
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw unsupported(
      'Tệp Excel 97-2003 (.xls) chưa được hỗ trợ. Hãy mở tệp và chọn "Lưu thành" → "Sổ làm việc Excel (.xlsx)".',
      'Excel 97-2003 (.xls) files are not supported. Open the file and use "Save As" → "Excel Workbook (.xlsx)".',
    );
  }
  if (startsWith(buf, [0x1f, 0x8b]) || ascii.startsWith('Rar!') || startsWith(buf, [0x37, 0x7a, 0xbc, 0xaf])) {
    throw other('tệp nén', 'a compressed archive');
  }
}

function decodeCsvText(buf: Buffer): string {
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) {
    throw unsupported(
      'Tệp văn bản dùng mã UTF-16. Hãy lưu lại bằng "CSV UTF-8 (Comma delimited)" hoặc dùng tệp .xlsx.',
      'The text file is UTF-16. Save it as "CSV UTF-8 (Comma delimited)" or use an .xlsx file.',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw unsupported(
      'Tệp CSV không ở mã UTF-8 (có thể là Windows-1258 hoặc phông TCVN3/VNI). Hãy lưu lại bằng "CSV UTF-8 (Comma delimited)" hoặc dùng tệp .xlsx.',
      'The CSV file is not UTF-8 (perhaps Windows-1258 or a TCVN3/VNI font). Save it as "CSV UTF-8 (Comma delimited)" or use an .xlsx file.',
    );
  }
  // control characters other than tab/CR/LF mean a binary file
  const sample = text.slice(0, 65_536);
  const control = sample.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g);
  if (control && (sample.includes('\u0000') || control.length > sample.length / 100)) {
    throw unsupported(
      'Tệp không phải bảng tính Excel (.xlsx) hay CSV. Hãy tải lên tệp Excel (.xlsx) hoặc CSV (UTF-8).',
      'The file is neither an Excel (.xlsx) nor a CSV file. Please upload an Excel (.xlsx) or CSV (UTF-8) file.',
    );
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/** RFC 4180 records: quoted fields may hold delimiters, "" and line breaks; CRLF, LF or CR end a record. */
export function* parseCsv(text: string, delimiter: string): Generator<string[]> {
  const n = text.length;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            // unterminated quote: take the rest of the file
            field += text.slice(i);
            i = n;
            break;
          }
          field += text.slice(i, q);
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // lenient: characters between the closing quote and the delimiter are kept
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        const start = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
        field = text.slice(start, i);
      }
      record.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    yield record;
  }
}

function parseCsvSheet(buf: Buffer): ParsedSheet {
  const text = decodeCsvText(buf);
  if (!text.replace(/^\uFEFF/, '').trim()) throw empty();

  // Pick the delimiter that gives the best header within the first rows.
  let best: { delimiter: string; headerIndex: number; map: ColumnMap } | null = null;
  for (const delimiter of [',', ';', '\t']) {
    const head: string[][] = [];
    for (const rec of parseCsv(text, delimiter)) {
      head.push(rec);
      if (head.length >= HEADER_SEARCH_ROWS) break;
    }
    for (let r = 0; r < head.length; r++) {
      const map = mapHeader(head[r]);
      if (isHeaderMatch(map)) {
        if (!best || map.known > best.map.known) best = { delimiter, headerIndex: r, map };
        break;
      }
    }
  }
  if (!best) throw noHeader();

  const { delimiter, map } = best;
  let headerRow = best.headerIndex + 1;
  const rows: RawStaffRow[] = [];
  let headerCells: string[] = [];
  let recordNumber = 0;
  let checkedSubHeader = false;
  for (const rec of parseCsv(text, delimiter)) {
    recordNumber++;
    if (recordNumber < headerRow) continue;
    if (recordNumber === headerRow) {
      headerCells = rec;
      continue;
    }
    if (!checkedSubHeader) {
      checkedSubHeader = true;
      if (applyBirthYearSubHeader(map, headerCells, rec)) {
        headerRow = recordNumber;
        continue;
      }
    }
    const row = buildRow(recordNumber, map, (i) => rec[i] ?? '');
    if (!row) continue;
    if (rows.length >= MAX_DATA_ROWS) throw tooMany();
    rows.push(row);
  }
  if (rows.length === 0) throw empty();
  return { format: 'csv', headerRow, columns: map.columns, rows, ignoredHeaders: map.ignoredHeaders };
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

const MERGE = ExcelJS.ValueType.Merge;

/** Cell value, treating the non-master cells of a merged range as empty. */
function xlsxCell(row: ExcelJS.Row, col: number): unknown {
  const cell = row.getCell(col);
  if (cell.type === MERGE) return null;
  return cell.value;
}

function rowTexts(row: ExcelJS.Row): string[] {
  const out: string[] = [];
  const count = row.cellCount;
  for (let c = 1; c <= count; c++) out.push(nfc(cellValueText(xlsxCell(row, c), 'ignore')));
  return out;
}

/** Group headings ("I. Khối Đảng") and "Tổng cộng" rows: one merged cell across several columns and nothing else. */
function isMergedBanner(row: ExcelJS.Row): boolean {
  let values = 0;
  let merged = 0;
  row.eachCell({ includeEmpty: false }, (cell) => {
    if (cell.type === MERGE) merged++;
    else if (cell.value !== null && cell.value !== undefined && cell.value !== '') values++;
  });
  return values === 1 && merged > 0;
}

/** Uncompressed XLSX content is capped so a small "zip bomb" cannot exhaust memory before the row limit applies. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024;

/** Sum of the uncompressed sizes in the ZIP central directory; null when it cannot be read (exceljs will then fail). */
function zipUncompressedSize(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(p + 24);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size; // ZIP64: treat as too big
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

async function parseXlsxSheet(buf: Buffer): Promise<ParsedSheet> {
  const size = zipUncompressedSize(buf);
  if (size !== null && size > MAX_XLSX_UNCOMPRESSED_BYTES) throw tooMany();
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs' own typings want its older Buffer type
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw unsupported(
      'Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx. Hãy mở bằng Excel và lưu lại thành .xlsx.',
      'The Excel file could not be read: it is damaged or not an .xlsx file. Open it in Excel and save it again as .xlsx.',
    );
  }
  const sheets = wb.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');
  if (wb.worksheets.length === 0) {
    throw unsupported('Tệp .xlsx không có trang tính nào.', 'The .xlsx file has no worksheets.');
  }
  if (sheets.every((ws) => ws.actualRowCount === 0)) throw empty();

  for (const ws of sheets) {
    let headerRow = 0;
    let map: ColumnMap | null = null;
    let headerCells: string[] = [];
    const last = Math.min(HEADER_SEARCH_ROWS, ws.rowCount);
    for (let r = 1; r <= last; r++) {
      const cells = rowTexts(ws.getRow(r));
      const m = mapHeader(cells);
      if (isHeaderMatch(m)) {
        headerRow = r;
        map = m;
        headerCells = cells;
        break;
      }
    }
    if (!map) continue;
    const columnMap: ColumnMap = map;

    if (headerRow < ws.rowCount && applyBirthYearSubHeader(columnMap, headerCells, rowTexts(ws.getRow(headerRow + 1)))) {
      headerRow++;
    }

    const rows: RawStaffRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber <= headerRow) return;
      if (isMergedBanner(row)) return;
      const parsed = buildRow(rowNumber, columnMap, (i, kind) => cellValueText(xlsxCell(row, i + 1), kind));
      if (!parsed) return;
      if (rows.length >= MAX_DATA_ROWS) throw tooMany();
      rows.push(parsed);
    });
    if (rows.length === 0) throw empty();
    return {
      format: 'xlsx',
      headerRow,
      columns: columnMap.columns,
      rows,
      sheetName: ws.name,
      ignoredHeaders: columnMap.ignoredHeaders,
    };
  }
  throw noHeader();
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/**
 * Parse an uploaded roster. The format is detected from the bytes (XLSX = ZIP, otherwise UTF-8 text),
 * the header row is searched in the first 15 rows, and empty rows are skipped (row numbers stay real).
 * Throws SheetError.
 */
export async function parseStaffSheet(buf: Buffer, fileName: string): Promise<ParsedSheet> {
  if (!buf || buf.length === 0) throw empty();
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return parseXlsxSheet(buf);
  rejectKnownBinary(buf);
  const ext = (/\.([^.]+)$/.exec(fileName ?? '')?.[1] ?? '').toLowerCase();
  if (['xlsx', 'xlsm', 'xls', 'ods', 'numbers'].includes(ext)) {
    throw unsupported(
      `Tệp "${fileName}" có đuôi .${ext} nhưng không phải tệp Excel .xlsx hợp lệ. Hãy mở bằng Excel và lưu lại thành .xlsx.`,
      `"${fileName}" has the .${ext} extension but is not a valid .xlsx file. Open it in Excel and save it as .xlsx.`,
    );
  }
  if (startsWith(buf, [0x50, 0x4b])) throw unsupported('Tệp nén không phải .xlsx.', 'A ZIP archive that is not an .xlsx file.');
  return parseCsvSheet(buf);
}

/** The import template: "Danh sách" (headers, notes, one example row) and "Hướng dẫn" (column guide). */
export async function buildStaffTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đăk Bla training platform';
  wb.created = new Date(Date.UTC(2025, 0, 1));

  const ws = wb.addWorksheet('Danh sách', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = STAFF_SHEET_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: ['staffCode', 'phone', 'unitCode'].includes(c.key) ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 30;
  STAFF_SHEET_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.note = `${c.required ? 'Bắt buộc. ' : ''}${c.guide}`;
  });

  const example: Record<string, string | number> = {};
  for (const c of STAFF_SHEET_COLUMNS) example[c.key] = c.key === 'birthYear' ? Number(c.example) : c.example;
  ws.addRow(example);

  // drop-down lists on the coded columns
  const lists: Partial<Record<StaffColumnKey, string[]>> = {
    gender: ['Nam', 'Nữ'],
    category: Object.values(STAFF_CATEGORY_LABELS),
    dtRole: Object.values(DT_ROLE_LABELS),
    status: Object.values(STATUS_LABELS),
  };
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  STAFF_SHEET_COLUMNS.forEach((c, i) => {
    const list = lists[c.key];
    if (!list) return;
    const col = ws.getColumn(i + 1).letter;
    validations.add(`${col}2:${col}${MAX_DATA_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `Giá trị hợp lệ: ${list.join(' / ')}`,
    });
  });

  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [
    { header: 'Cột', key: 'header', width: 18 },
    { header: 'Tên tiếng Anh', key: 'headerEn', width: 22 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Giá trị hợp lệ / ghi chú', key: 'guide', width: 80 },
    { header: 'Tên cột khác được chấp nhận', key: 'aliases', width: 50 },
    { header: 'Ví dụ', key: 'example', width: 24 },
  ];
  guide.getRow(1).font = { bold: true };
  guide.views = [{ state: 'frozen', ySplit: 1 }];
  for (const c of STAFF_SHEET_COLUMNS) {
    guide.addRow({
      header: c.header,
      headerEn: c.headerEn,
      required: c.required ? 'Có' : 'Không',
      guide: c.guide,
      aliases: c.aliases.join('; '),
      example: c.example,
    });
  }
  guide.addRow({});
  const notes = [
    'Dòng tiêu đề có thể nằm dưới các dòng tên bảng (trong 15 dòng đầu). Cột "STT" và "Ghi chú" được bỏ qua.',
    'Có thể dùng một cột "Họ và tên", hoặc "Họ đệm" + "Tên", hoặc ba cột "Họ", "Chữ đệm", "Tên".',
    'Năm sinh có thể tách thành hai cột "Năm sinh Nam" / "Năm sinh Nữ"; giới tính lấy theo cột có năm sinh.',
    `Tối đa ${MAX_DATA_ROWS.toLocaleString('vi-VN')} dòng mỗi tệp. Tệp CSV phải lưu bằng mã UTF-8.`,
  ];
  for (const n of notes) guide.addRow({ header: n });
  guide.getColumn(4).alignment = { wrapText: true, vertical: 'top' };

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------
// Row-level value mapping (label or code, diacritic-insensitive)
// ---------------------------------------------------------------------------------------------

/** fold, drop "(…)" and anything after a dash, underscores/punctuation → spaces. */
function valueKey(s: string | null | undefined): string {
  if (s == null) return '';
  return fold(String(s))
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s[-–—]\s/)[0]
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function lookup<T extends string>(table: Record<string, T>): (s: string | null | undefined) => T | null {
  const index = new Map<string, T>();
  for (const [k, v] of Object.entries(table)) index.set(valueKey(k), v);
  return (s) => {
    const k = valueKey(s);
    return k ? (index.get(k) ?? null) : null;
  };
}

const categoryLookup = lookup<StaffCategoryCode>({
  ...Object.fromEntries(Object.keys(STAFF_CATEGORY_LABELS).map((k) => [k, k])),
  ...Object.fromEntries(Object.entries(STAFF_CATEGORY_LABELS).map(([k, v]) => [v, k])),
  CB: 'cadre',
  CC: 'civil_servant',
  VC: 'public_employee',
  'NLĐ': 'contract_worker',
  'Lao động hợp đồng': 'contract_worker',
  'Hợp đồng lao động': 'contract_worker',
  'Hợp đồng': 'contract_worker',
  'Nhân viên hợp đồng': 'contract_worker',
  LLVT: 'armed_forces',
  'Công an': 'armed_forces',
  'Công an nhân dân': 'armed_forces',
  'Quân sự': 'armed_forces',
  'Công dân': 'citizen',
  cadre_official: 'cadre',
  'civil servant': 'civil_servant',
  'public employee': 'public_employee',
  'contract worker': 'contract_worker',
  'armed forces': 'armed_forces',
} as Record<string, StaffCategoryCode>);

/** "Công chức" / "cong chuc" / "civil_servant" → 'civil_servant'; unknown or empty → null. */
export function mapCategory(s: string | null | undefined): StaffCategoryCode | null {
  return categoryLookup(s);
}

const dtRoleLookup = lookup<DtRoleCode>({
  ...Object.fromEntries(Object.keys(DT_ROLE_LABELS).map((k) => [k, k])),
  ...Object.fromEntries(Object.entries(DT_ROLE_LABELS).map(([k, v]) => [v, k])),
  'Cán bộ chuyên trách chuyển đổi số': 'dedicated',
  'Chuyên trách CĐS': 'dedicated',
  'Chuyên trách chuyển đổi số': 'dedicated',
  'Cán bộ kiêm nhiệm chuyển đổi số': 'concurrent',
  'Kiêm nhiệm CĐS': 'concurrent',
  'Kiêm nhiệm chuyển đổi số': 'concurrent',
  'Không có': 'none',
  'Không tham gia': 'none',
  no: 'none',
} as Record<string, DtRoleCode>);

/** "Chuyên trách" / "kiem nhiem" / "none" → code; unknown or empty → null (the caller decides the default). */
export function mapDtRole(s: string | null | undefined): DtRoleCode | null {
  return dtRoleLookup(s);
}

const statusLookup = lookup<StaffStatusCode>({
  ...Object.fromEntries(Object.keys(STATUS_LABELS).map((k) => [k, k])),
  ...Object.fromEntries(Object.entries(STATUS_LABELS).map(([k, v]) => [v, k])),
  'Đang làm việc': 'active',
  'Công tác': 'active',
  'Thai sản': 'maternity_leave',
  'Nghỉ sinh': 'maternity_leave',
  'Học dài hạn': 'long_term_study',
  'Đi học': 'long_term_study',
  'Long-term study': 'long_term_study',
  'Nghỉ tạm thời': 'on_leave',
  'Nghỉ không lương': 'on_leave',
  'Nghỉ việc': 'left',
  'Đã nghỉ': 'left',
  'Nghỉ hưu': 'left',
  'Đã nghỉ hưu': 'left',
  'Chuyển công tác': 'left',
  'Đã chuyển công tác': 'left',
  other: 'on_leave',
} as Record<string, StaffStatusCode>);

/** "Đang công tác" / "Nghỉ thai sản" / "left"… → code (see STATUS_CODE_TO_STATE for the entity fields); unknown → null. */
export function mapStatus(s: string | null | undefined): StaffStatusCode | null {
  return statusLookup(s);
}

const genderLookup = lookup<'male' | 'female'>({
  Nam: 'male',
  male: 'male',
  M: 'male',
  man: 'male',
  Trai: 'male',
  'Nữ': 'female',
  female: 'female',
  F: 'female',
  woman: 'female',
  'Gái': 'female',
});

/** "Nam"/"nam"/"male"/"M" → 'male'; "Nữ"/"nu"/"female"/"F" → 'female'; anything else → null. */
export function mapGender(s: string | null | undefined): 'male' | 'female' | null {
  return genderLookup(s);
}
