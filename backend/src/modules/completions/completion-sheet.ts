/**
 * The spreadsheet of completions earned elsewhere (BDHVS, provincial programmes): reading it and its template.
 * Pure: no database, no Nest. Values come back as NFC text, dates as YYYY-MM-DD, hours as numbers.
 */
import * as ExcelJS from 'exceljs';
import { fold, nfc } from '../../common/text/vietnamese';
import { ExternalSource } from './external-completions.dto';

export type CompletionColumn =
  | 'stt' | 'person' | 'staffCode' | 'fullName' | 'birthYear' | 'unit' | 'source' | 'title' | 'provider' | 'completedOn' | 'hours' | 'certificateNo';

/** Template headers in order, and the other headers spreadsheets use (compared folded: no diacritics, any case). */
export const COMPLETION_COLUMNS: { key: CompletionColumn; header: string; aliases: string[]; width: number; inTemplate: boolean }[] = [
  { key: 'stt', header: 'STT', aliases: ['tt', 'so thu tu', 'no'], width: 6, inTemplate: true },
  { key: 'person', header: 'Mã nhân sự hoặc Họ và tên', aliases: ['ma can bo hoac ho va ten', 'ma nhan su/ho va ten', 'ma can bo/ho va ten', 'staff code or full name'], width: 28, inTemplate: true },
  { key: 'staffCode', header: 'Mã nhân sự', aliases: ['ma can bo', 'ma cb', 'staff code'], width: 14, inTemplate: false },
  { key: 'fullName', header: 'Họ và tên', aliases: ['ho ten', 'ho va ten can bo', 'full name', 'name'], width: 26, inTemplate: false },
  { key: 'birthYear', header: 'Năm sinh', aliases: ['nam sinh', 'birth year', 'ngay sinh'], width: 10, inTemplate: true },
  { key: 'unit', header: 'Đơn vị', aliases: ['don vi cong tac', 'co quan, don vi', 'unit'], width: 28, inTemplate: true },
  { key: 'source', header: 'Nguồn', aliases: ['nguon ket qua', 'source'], width: 22, inTemplate: true },
  { key: 'title', header: 'Nội dung bồi dưỡng', aliases: ['noi dung', 'ten khoa hoc', 'khoa hoc', 'chuong trinh boi duong', 'title', 'course'], width: 40, inTemplate: true },
  { key: 'provider', header: 'Đơn vị tổ chức', aliases: ['co quan to chuc', 'don vi dao tao', 'provider'], width: 30, inTemplate: true },
  { key: 'completedOn', header: 'Ngày hoàn thành', aliases: ['ngay cap', 'ngay cap chung nhan', 'completed on', 'date'], width: 16, inTemplate: true },
  { key: 'hours', header: 'Số giờ', aliases: ['so tiet', 'thoi luong (gio)', 'thoi luong', 'hours'], width: 10, inTemplate: true },
  { key: 'certificateNo', header: 'Số giấy chứng nhận', aliases: ['so chung nhan', 'so gcn', 'certificate no', 'certificate number'], width: 20, inTemplate: true },
];

export const SOURCE_LABELS: Record<ExternalSource, string> = { bdhvs: 'Bình dân học vụ số', provincial_program: 'Chương trình của tỉnh' };

export const MAX_IMPORT_ROWS = 5000;
const HEADER_SEARCH_ROWS = 15;

export class CompletionSheetError extends Error {
  constructor(public readonly status: 400 | 415, message: string, public readonly messageEn: string) {
    super(message);
  }
}

export interface RawCompletionRow {
  row: number;
  values: Partial<Record<CompletionColumn, string>>;
  /** completedOn as read from a date cell (YYYY-MM-DD), when the cell held a date */
  dateValue?: string;
}

const HEADER_MAP = new Map<string, CompletionColumn>();
for (const c of COMPLETION_COLUMNS) for (const h of [c.header, ...c.aliases]) HEADER_MAP.set(fold(h), c.key);

/** 'bdhvs', 'provincial_program', or their Vietnamese labels (with or without diacritics). */
export function mapSource(s: string | undefined): ExternalSource | null {
  const f = fold(s ?? '').replace(/[_-]/g, ' ');
  if (['bdhvs', 'binh dan hoc vu so', 'nen tang binh dan hoc vu so', 'binhdanhocvuso.gov.vn'].includes(f)) return 'bdhvs';
  if (['provincial program', 'chuong trinh cua tinh', 'chuong trinh tinh', 'chuong trinh boi duong cua tinh'].includes(f)) return 'provincial_program';
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const validDate = (y: number, m: number, d: number): string | null => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
};

/** dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy, yyyy-mm-dd, or an Excel day number; null when it is not a real date. */
export function parseDate(s: string | undefined): string | null {
  const t = (s ?? '').trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(t)) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  return null;
}

/** "4", "1,5", "1.5 giờ" → number; null when it is not a number. */
export function parseHours(s: string | undefined): number | null {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(giờ|gio|h|tiết|tiet)?\s*$/i.exec(s ?? '');
  return m ? Number(m[1].replace(',', '.')) : null;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null); // formula
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

/** Reads the first visible sheet that has a recognisable header row within the first 15 rows. */
export async function parseCompletionSheet(buf: Buffer): Promise<RawCompletionRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new CompletionSheetError(415, 'Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx', 'The Excel file could not be read: it is damaged or not an .xlsx file');
  }
  for (const ws of wb.worksheets.filter((w) => w.state !== 'hidden' && w.state !== 'veryHidden')) {
    let headerRow = 0;
    let cols = new Map<number, CompletionColumn>();
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
      const m = new Map<number, CompletionColumn>();
      ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
        const key = HEADER_MAP.get(fold(cellText(cell.value)));
        if (key && ![...m.values()].includes(key)) m.set(col, key);
      });
      const keys = new Set(m.values());
      if ((keys.has('person') || keys.has('staffCode') || keys.has('fullName')) && keys.has('title') && keys.size >= 3) {
        headerRow = r;
        cols = m;
        break;
      }
    }
    if (!headerRow) continue;
    const keys = new Set(cols.values());
    const missing = COMPLETION_COLUMNS.filter((c) => ['source', 'title', 'provider', 'completedOn', 'hours'].includes(c.key) && !keys.has(c.key)).map((c) => c.header);
    if (missing.length) {
      throw new CompletionSheetError(400, `Thiếu cột: ${missing.join(', ')}. Hãy dùng tệp mẫu.`, `Missing columns: ${missing.join(', ')}. Please use the template.`);
    }
    const rows: RawCompletionRow[] = [];
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values: RawCompletionRow['values'] = {};
      let dateValue: string | undefined;
      for (const [col, key] of cols) {
        const v = row.getCell(col).value;
        if (key === 'completedOn' && v instanceof Date) dateValue = v.toISOString().slice(0, 10);
        const text = nfc(cellText(v));
        if (text) values[key] = text;
      }
      const filled = Object.keys(values).filter((k) => k !== 'stt');
      if (!filled.length) continue;
      if (rows.length >= MAX_IMPORT_ROWS) {
        throw new CompletionSheetError(400, `Tệp có hơn ${MAX_IMPORT_ROWS} dòng; hãy chia nhỏ`, `The file has more than ${MAX_IMPORT_ROWS} rows; split it`);
      }
      rows.push({ row: r, values, dateValue });
    }
    if (!rows.length) throw new CompletionSheetError(400, 'Tệp không có dòng dữ liệu', 'The file has no data rows');
    return rows;
  }
  throw new CompletionSheetError(400,
    'Không tìm thấy dòng tiêu đề (cần các cột "Mã nhân sự hoặc Họ và tên", "Nội dung bồi dưỡng"…); hãy dùng tệp mẫu',
    'No header row found (columns such as "Mã nhân sự hoặc Họ và tên", "Nội dung bồi dưỡng" are needed); please use the template');
}

/** The import template: "Danh sách" (headers, one example row, a list for "Nguồn") and "Hướng dẫn". */
export async function buildCompletionTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách', { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = COMPLETION_COLUMNS.filter((c) => c.inTemplate);
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const h = ws.getRow(1);
  h.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  h.alignment = { vertical: 'middle', wrapText: true };
  ws.addRow({
    stt: 1, person: 'Nguyễn Văn An', birthYear: 1988, unit: 'Văn phòng HĐND và UBND', source: SOURCE_LABELS.bdhvs,
    title: 'Kỹ năng số cơ bản cho cán bộ, công chức', provider: 'binhdanhocvuso.gov.vn', completedOn: new Date(Date.UTC(2025, 8, 15)), hours: 4,
    certificateNo: 'BDHVS-2025-000123',
  });
  ws.getColumn('completedOn').numFmt = 'dd/mm/yyyy';
  const sourceCol = cols.findIndex((c) => c.key === 'source') + 1;
  const letter = String.fromCharCode(64 + sourceCol);
  for (let r = 2; r <= 1000; r++) {
    ws.getCell(`${letter}${r}`).dataValidation = {
      type: 'list', allowBlank: true, formulae: [`"${SOURCE_LABELS.bdhvs},${SOURCE_LABELS.provincial_program}"`],
      showErrorMessage: true, errorTitle: 'Nguồn', error: `Chọn "${SOURCE_LABELS.bdhvs}" hoặc "${SOURCE_LABELS.provincial_program}"`,
    };
  }
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 28 }, { width: 90 }];
  guide.addRow(['Cột', 'Cách điền']).font = { bold: true };
  for (const [col, text] of [
    ['Mã nhân sự hoặc Họ và tên', 'Mã nhân sự trên danh sách cán bộ; nếu không có mã, ghi họ và tên đầy đủ, có dấu (khi đó cần Năm sinh).'],
    ['Năm sinh', 'Bốn chữ số, ví dụ 1988. Dùng để phân biệt người trùng tên.'],
    ['Đơn vị', 'Tên hoặc mã đơn vị công tác; chỉ cần khi có nhiều người trùng họ tên và năm sinh.'],
    ['Nguồn', `"${SOURCE_LABELS.bdhvs}" (nền tảng binhdanhocvuso.gov.vn) hoặc "${SOURCE_LABELS.provincial_program}" (Sở KH&CN, Sở Nội vụ…).`],
    ['Nội dung bồi dưỡng', 'Tên khóa học hoặc nội dung như trên giấy chứng nhận.'],
    ['Đơn vị tổ chức', 'Cơ quan tổ chức hoặc nền tảng cấp chứng nhận.'],
    ['Ngày hoàn thành', 'Ngày/tháng/năm, không được sau ngày hôm nay.'],
    ['Số giờ', 'Lớn hơn 0 và không quá 500; có thể có phần thập phân (1,5).'],
    ['Số giấy chứng nhận', 'Không bắt buộc.'],
    ['Lưu ý', 'Dòng trùng (cùng người, cùng nội dung, cùng ngày đã được ghi nhận) sẽ được bỏ qua. Có dòng lỗi thì không ghi được; hãy sửa tệp và tải lên lại.'],
  ]) guide.addRow([col, text]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
