/**
 * Lists for HR as they expect them: the columns of the Vietnamese forms, people in Vietnamese order, optionally
 * grouped by unit, written as a stream (XLSX through a streamed ZIP, or CSV UTF-8 with BOM) so that
 * 100,000 rows never sit in memory. Text cells that a spreadsheet would read as a formula are neutralised.
 */
import archiver from 'archiver';
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

/** XML text: escaped, without the control characters XML cannot hold. */
const xml = (v: string) =>
  v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const COLS = HR_COLUMNS.map((_, i) => String.fromCharCode(65 + i)); // A..N
const LAST_COL = COLS[COLS.length - 1];
/** Excel's day number of a calendar date (the 1900 date system). */
const serial = (d: string) => (Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) - Date.UTC(1899, 11, 30)) / 86400000;

/** Cell styles of styles.xml: 0 plain, 1 title, 2 header, 3 unit group, 4 date. */
const STYLE = { plain: 0, title: 1, header: 2, group: 3, date: 4 } as const;
const STYLES_XML = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="3" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/**
 * XLSX written as it goes: the worksheet's rows go through a deflate stream straight into the ZIP sent to the client
 * (archiver), with text in the cells themselves (inline strings, no shared-string table), so neither the rows nor the
 * file are ever held in memory whatever the length of the list, and the first bytes leave at once (the SPA's progress
 * bar). Title row, styled header frozen under it with a filter, column widths, dates as real dates (dd/mm/yyyy), A4
 * landscape fitted to the page width.
 */
export function xlsxWriter(out: PassThrough, meta: HrSheetMeta): HrWriter {
  const zip = archiver('zip', { zlib: { level: 6 } });
  zip.on('error', (e) => out.destroy(e));
  zip.pipe(out);
  const sheetName = xml(meta.sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
  const part = (name: string, body: string) => zip.append(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`, { name });
  part('[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`);
  part('_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`);
  part('docProps/core.xml', `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(meta.title)}</dc:title><dc:creator>Nền tảng bồi dưỡng phường Đăk Bla</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${new Date().toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`);
  part('xl/workbook.xml', `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${sheetName.replace(/'/g, "''")}'!$A$2:$${LAST_COL}$2</definedName></definedNames></workbook>`);
  part('xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`);
  part('xl/styles.xml', STYLES_XML);

  const sheet = new PassThrough({ highWaterMark: 64 * 1024 });
  zip.append(sheet, { name: 'xl/worksheets/sheet1.xml' });
  let r = 0;
  const text = (col: number, v: string | null, style: number = STYLE.plain) =>
    v === null || v === '' ? '' : `<c r="${COLS[col]}${r}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xml(neutralise(v))}</t></is></c>`;
  const num = (col: number, v: number | null, style: number = STYLE.plain) =>
    v === null || !Number.isFinite(v) ? '' : `<c r="${COLS[col]}${r}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  const row = (cells: string, style?: number, height?: number) =>
    `<row r="${r}"${style ? ` s="${style}" customFormat="1"` : ''}${height ? ` ht="${height}" customHeight="1"` : ''}>${cells}</row>`;

  sheet.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${HR_COLUMNS.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols><sheetData>`);
  r = 1;
  sheet.write(row(text(0, `${meta.title} (tính đến ngày ${vnDate(meta.asOf)})`, STYLE.title), STYLE.title, 20));
  r = 2;
  sheet.write(row(HR_COLUMNS.map((c, i) => text(i, c.header, STYLE.header)).join(''), STYLE.header, 30));
  let n = 0;
  let stt = 0;
  return {
    get rows() { return n; },
    async group(label, count) {
      stt = 0;
      r += 1;
      sheet.write(row(text(1, `${label} (${count} người)`, STYLE.group), STYLE.group));
      await drained(sheet);
    },
    async row(x) {
      n += 1;
      stt += 1;
      r += 1;
      sheet.write(row(
        num(0, stt) + text(1, x.fullName) + num(2, x.birthYear) + text(3, x.gender) + text(4, x.position) + text(5, x.unit)
        + text(6, x.category) + text(7, x.dtRole) + text(8, x.course) + (x.completedOn ? num(9, serial(x.completedOn), STYLE.date) : '')
        + num(10, x.score) + num(11, x.hours) + text(12, x.source) + text(13, x.note),
      ));
      if (n % 200 === 0) await drained(sheet);
    },
    async end() {
      sheet.end(`</sheetData><autoFilter ref="A2:${LAST_COL}2"/><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`);
      await zip.finalize();
    },
  };
}

export const GENDER_VI: Record<string, string> = { male: 'Nam', female: 'Nữ' };
export const SOURCE_VI: Record<string, string> = {
  internal: 'Nội bộ', bdhvs: 'Bình dân học vụ số', provincial_program: 'Chương trình của tỉnh', attendance: 'Dự lớp học',
};
export const LEAVE_VI: Record<string, string> = { maternity_leave: 'Nghỉ thai sản', long_term_study: 'Đi học dài hạn', other: 'Nghỉ dài hạn' };
