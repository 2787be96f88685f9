/**
 * Lists for HR as they expect them: the columns of the Vietnamese forms, people in Vietnamese order, optionally
 * grouped by unit, written as a stream (XLSX through ExcelJS's streaming writer, or CSV UTF-8 with BOM) so that
 * 100,000 rows never sit in memory. Text cells that a spreadsheet would read as a formula are neutralised.
 */
import * as ExcelJS from 'exceljs';
import { PassThrough, Writable } from 'node:stream';

export const HR_COLUMNS = [
  { key: 'stt', header: 'STT', width: 6 },
  { key: 'fullName', header: 'Họ và tên', width: 28 },
  { key: 'birthYear', header: 'Năm sinh', width: 9 },
  { key: 'gender', header: 'Giới tính', width: 9 },
  { key: 'position', header: 'Chức vụ', width: 26 },
  { key: 'unit', header: 'Đơn vị', width: 30 },
  { key: 'category', header: 'Loại cán bộ', width: 16 },
  { key: 'dtRole', header: 'Vai trò CĐS', width: 13 },
  { key: 'course', header: 'Khóa học', width: 36 },
  { key: 'completedOn', header: 'Ngày hoàn thành', width: 14 },
  { key: 'score', header: 'Điểm', width: 7 },
  { key: 'hours', header: 'Số giờ', width: 8 },
  { key: 'source', header: 'Nguồn', width: 20 },
  { key: 'note', header: 'Ghi chú', width: 30 },
] as const;

export type HrRow = {
  fullName: string; birthYear: number | null; gender: string | null; position: string | null; unit: string;
  category: string | null; dtRole: string | null; course: string | null; completedOn: string | null; // YYYY-MM-DD
  score: number | null; hours: number | null; source: string | null; note: string | null;
};

/** A text cell beginning with = + - @, tab or CR is read as a formula by spreadsheets: prefix it with an apostrophe. */
export const neutralise = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutralise(v) : String(v);
  return /[";\n\r,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export interface HrSheetMeta {
  /** the list's name, e.g. "Danh sách chưa được bồi dưỡng – Chỉ tiêu NQ57-2030" */
  title: string;
  /** "as of" date, YYYY-MM-DD */
  asOf: string;
  sheetName: string;
}

/** Writes rows as they come; `group` starts a unit group (a bold row naming it and its count). */
export interface HrWriter {
  group(label: string, count: number): Promise<void>;
  row(r: HrRow): Promise<void>;
  end(): Promise<void>;
  readonly rows: number;
}

/** Waits while the consumer is slow, so memory stays bounded whatever the size of the list. */
async function drained(out: Writable): Promise<void> {
  if (out.writableLength > (out.writableHighWaterMark || 16384) * 4) {
    await new Promise<void>((resolve, reject) => {
      const done = () => { out.off('drain', done); out.off('error', fail); out.off('close', done); resolve(); };
      const fail = (e: Error) => { out.off('drain', done); out.off('close', done); reject(e); };
      out.once('drain', done);
      out.once('close', done);
      out.once('error', fail);
    });
  }
}

export function csvWriter(out: PassThrough, meta: HrSheetMeta): HrWriter {
  let n = 0;
  let stt = 0;
  out.write(Buffer.from([0xef, 0xbb, 0xbf]));
  out.write(`${csvCell(`${meta.title} (tính đến ngày ${vnDate(meta.asOf)})`)}\r\n`);
  out.write(HR_COLUMNS.map((c) => c.header).join(';') + '\r\n');
  return {
    get rows() { return n; },
    async group(label, count) {
      stt = 0;
      out.write(`;${csvCell(`${label} (${count} người)`)}\r\n`);
      await drained(out);
    },
    async row(r) {
      n += 1;
      stt += 1;
      const cells = [stt, r.fullName, r.birthYear, r.gender, r.position, r.unit, r.category, r.dtRole, r.course,
        r.completedOn ? vnDate(r.completedOn) : null, r.score, r.hours, r.source, r.note];
      out.write(cells.map(csvCell).join(';') + '\r\n');
      if (n % 200 === 0) await drained(out);
    },
    async end() { out.end(); },
  };
}

export function xlsxWriter(out: PassThrough, meta: HrSheetMeta): HrWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Nền tảng bồi dưỡng phường Đăk Bla';
  const ws = wb.addWorksheet(meta.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = HR_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const title = ws.addRow([neutralise(`${meta.title} (tính đến ngày ${vnDate(meta.asOf)})`)]);
  title.font = { bold: true, size: 13 };
  title.commit();
  const head = ws.addRow(HR_COLUMNS.map((c) => c.header));
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.height = 30;
  head.commit();
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: HR_COLUMNS.length } };
  let n = 0;
  let stt = 0;
  const text = (v: string | null) => (v === null ? null : neutralise(v));
  return {
    get rows() { return n; },
    async group(label, count) {
      stt = 0;
      const g = ws.addRow([null, neutralise(`${label} (${count} người)`)]);
      g.font = { bold: true };
      g.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      g.commit();
      await drained(out);
    },
    async row(r) {
      n += 1;
      stt += 1;
      const row = ws.addRow([
        stt, text(r.fullName), r.birthYear, text(r.gender), text(r.position), text(r.unit), text(r.category), text(r.dtRole), text(r.course),
        r.completedOn ? new Date(`${r.completedOn}T00:00:00Z`) : null, r.score, r.hours, text(r.source), text(r.note),
      ]);
      row.getCell(10).numFmt = 'dd/mm/yyyy';
      row.commit();
      if (n % 200 === 0) await drained(out);
    },
    async end() {
      ws.commit();
      await wb.commit();
    },
  };
}

export const GENDER_VI: Record<string, string> = { male: 'Nam', female: 'Nữ' };
export const SOURCE_VI: Record<string, string> = {
  internal: 'Nội bộ', bdhvs: 'Bình dân học vụ số', provincial_program: 'Chương trình của tỉnh', attendance: 'Dự lớp học',
};
export const LEAVE_VI: Record<string, string> = { maternity_leave: 'Nghỉ thai sản', long_term_study: 'Đi học dài hạn', other: 'Nghỉ dài hạn' };
