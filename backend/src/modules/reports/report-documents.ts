/**
 * The report as documents: PDF (A4, NĐ 30/2020 administrative layout, DejaVu Sans shipped with the app so every
 * Vietnamese diacritic renders) and XLSX (one sheet per table, header styled and frozen).
 */
import * as ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { fontPath } from '../attendance/sign-in-sheet';
import { neutralise } from '../exports/hr-sheet';
import { Bieu01Row, ReportFigures } from './report-figures';

export interface ReportDoc {
  unitName: string;          // "Phường Đăk Bla"
  issuer: string;            // "UBND PHƯỜNG ĐĂK BLA"
  docNumber: string;         // "123/BC-UBND"
  place: string;             // "Đăk Bla"
  reportDate: string;        // YYYY-MM-DD
  title: string;
  periodLabel: string;
  cutOff: string;
  estimated: boolean;
  narrative: Record<string, string>;
  recipients: string[];
  signerTitle: string;
  signerName: string;
  version: number;
  figures: ReportFigures;
}

export const NARRATIVE_SECTIONS = [
  { key: 'direction', roman: 'I', title: 'CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI' },
  { key: 'results', roman: 'II', title: 'KẾT QUẢ THỰC HIỆN' },
  { key: 'shortcomings', roman: 'III', title: 'TỒN TẠI, HẠN CHẾ' },
  { key: 'causes', roman: '', title: 'Nguyên nhân' },
  { key: 'nextTasks', roman: 'IV', title: 'NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI' },
  { key: 'recommendations', roman: 'V', title: 'KIẾN NGHỊ, ĐỀ XUẤT' },
] as const;

const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const pct = (n: number) => n.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const dateLine = (place: string, d: string) =>
  `${place}, ngày ${Number(d.slice(8, 10))} tháng ${Number(d.slice(5, 7))} năm ${d.slice(0, 4)}`;

const B1_HEAD = ['STT', 'Khối / đơn vị', 'Tổng số CBCCVC, NLĐ (người)', 'Trong đó: lãnh đạo, quản lý', 'Số người đã được phổ biến, quán triệt NQ 57',
  'Tỷ lệ (%)', 'Số người tham gia khóa học trên nền tảng BDHVS', 'Số người được xác nhận hoàn thành', 'Tỷ lệ hoàn thành (%)', 'Ghi chú'];
const B2_HEAD = ['STT', 'Họ và tên', 'Năm sinh Nam', 'Năm sinh Nữ', 'Chức vụ', 'Đơn vị', 'Chuyên trách / Kiêm nhiệm',
  'Nội dung bồi dưỡng chuyên sâu', 'Thời gian', 'Đơn vị tổ chức', 'Kết quả', 'Số giấy chứng nhận', 'Ghi chú'];
const B3_HEAD = ['STT', 'Tổ dân phố', 'Số Tổ CNSCĐ', 'Số thành viên', 'Số thành viên đã được tập huấn', 'Số lớp học tập số đã tổ chức',
  'Số lượt người dân tham gia', 'Số người dân tham gia (người)', 'Số người dân được hướng dẫn hoàn thành/xác nhận kỹ năng số cơ bản'];

const b1Cells = (r: Bieu01Row, stt: string) =>
  [stt, r.label, r.total, r.leaders, r.briefed, pct(r.briefedShare), r.bdhvsJoined, r.bdhvsConfirmed, pct(r.bdhvsShare), r.note];

function tables(d: ReportDoc) {
  const f = d.figures;
  const b1 = f.bieu01.rows.map((r) => b1Cells(r, r.roman));
  b1.push(b1Cells(f.bieu01.total, ''));
  if (f.bieu01.police) b1.push(b1Cells(f.bieu01.police, ''));
  const b2 = f.bieu02.rows.map((r, i) => [i + 1, r.fullName, r.birthYearMale ?? '', r.birthYearFemale ?? '', r.position ?? '', r.unitName, r.role,
    r.content ?? '', r.time ?? '', r.organiser ?? '', r.result, r.certificateNo ?? '', r.note ?? '']);
  const b3 = f.bieu03.rows.map((r, i) => [i + 1, r.unitName, r.teams, r.members, r.membersTrained, r.classes, r.attendances, r.participants, r.residentsConfirmed]);
  const t = f.bieu03.total;
  b3.push(['', t.unitName, t.teams, t.members, t.membersTrained, t.classes, t.attendances, t.participants, t.residentsConfirmed]);
  return { b1, b2, b3 };
}

export async function buildReportPdf(d: ReportDoc): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 56, bottom: 56, left: 70, right: 50 }, bufferPages: true,
    info: { Title: `${d.title} – ${d.periodLabel}`, Author: d.unitName, Subject: `Số liệu tính đến ngày ${vnDate(d.cutOff)}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  doc.registerFont('regular', fontPath(false));
  doc.registerFont('bold', fontPath(true));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.page.margins.top;

  // ---- shell: issuer and number on the left, national motto on the right
  const half = width * 0.45;
  doc.font('bold').fontSize(11).text(d.issuer.toUpperCase(), left, top, { width: half, align: 'center' });
  doc.font('regular').fontSize(11).text(`Số: ${d.docNumber || '      /BC-UBND'}`, left, doc.y + 4, { width: half, align: 'center' });
  doc.font('bold').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, top, { width: width - half, align: 'center' });
  doc.font('bold').fontSize(11).text('Độc lập - Tự do - Hạnh phúc', left + half, doc.y + 2, { width: width - half, align: 'center', underline: true });
  doc.font('regular').fontSize(11).text(dateLine(d.place, d.reportDate), left + half, doc.y + 8, { width: width - half, align: 'center', oblique: true });
  doc.moveDown(2);
  doc.font('bold').fontSize(14).text('BÁO CÁO', left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(12).text(d.title, { width, align: 'center' });
  doc.font('regular').fontSize(12).text(`${d.periodLabel} (số liệu ${d.estimated ? 'ước thực hiện ' : ''}tính đến ngày ${vnDate(d.cutOff)})`, { width, align: 'center' });
  if (d.version > 1) doc.font('regular').fontSize(10).text(`(Bản điều chỉnh lần ${d.version - 1})`, { width, align: 'center' });
  doc.moveDown(1);

  const f = d.figures;
  for (const s of NARRATIVE_SECTIONS) {
    const text = (d.narrative[s.key] ?? '').trim();
    if (s.key === 'causes' && !text) continue;
    doc.font('bold').fontSize(12).text(`${s.roman ? `${s.roman}. ` : ''}${s.title}`, left, doc.y + 6, { width });
    if (s.key === 'results') {
      const t = f.bieu01.total;
      doc.font('regular').fontSize(12).text(
        `1. Phổ biến, quán triệt Nghị quyết 57-NQ/TW: ${t.briefed}/${t.total} cán bộ, công chức, viên chức và người lao động (${pct(t.briefedShare)}%); ` +
        `${t.bdhvsConfirmed} người được xác nhận hoàn thành khóa học trên nền tảng Bình dân học vụ số (${pct(t.bdhvsShare)}%) (Biểu 01).`,
        { width, align: 'justify', indent: 28 },
      );
      doc.text(
        `2. Nhân lực chuyên trách, kiêm nhiệm chuyển đổi số được bồi dưỡng chuyên sâu: ${f.bieu02.trained}/${f.bieu02.total} người (${pct(f.bieu02.share)}%) (Biểu 02).`,
        { width, align: 'justify', indent: 28 },
      );
      const b3 = f.bieu03.total;
      doc.text(
        `3. Tổ công nghệ số cộng đồng: ${b3.teams} tổ, ${b3.members} thành viên (${b3.membersTrained} đã được tập huấn); đã tổ chức ${b3.classes} lớp học tập số với ` +
        `${b3.attendances} lượt người dân tham gia (${b3.participants} người); ${b3.residentsConfirmed} người dân được hướng dẫn hoàn thành kỹ năng số cơ bản (Biểu 03).`,
        { width, align: 'justify', indent: 28 },
      );
    }
    if (text) {
      for (const para of text.split(/\n+/)) doc.font('regular').fontSize(12).text(para, { width, align: 'justify', indent: 28 });
    }
  }

  // ---- recipients and signature
  doc.moveDown(1.2);
  const y = doc.y;
  doc.font('bold').fontSize(11).text('Nơi nhận:', left, y, { width: half, oblique: true });
  doc.font('regular').fontSize(10);
  for (const r of d.recipients) doc.text(`- ${r};`, { width: half });
  const yEnd = doc.y;
  doc.font('bold').fontSize(11).text('TM. ỦY BAN NHÂN DÂN', left + half, y, { width: width - half, align: 'center' });
  doc.font('bold').fontSize(11).text(d.signerTitle || 'CHỦ TỊCH', left + half, doc.y, { width: width - half, align: 'center' });
  doc.moveDown(4);
  doc.font('bold').fontSize(11).text(d.signerName || ' ', left + half, doc.y, { width: width - half, align: 'center' });
  doc.y = Math.max(yEnd, doc.y);

  // ---- the tables, landscape
  const { b1, b2, b3 } = tables(d);
  const table = (title: string, head: string[], rows: (string | number)[][], widths: number[]) => {
    doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: 40, bottom: 40, left: 36, right: 36 } });
    const l = doc.page.margins.left;
    const w = doc.page.width - l - doc.page.margins.right;
    const scale = w / widths.reduce((a, b) => a + b, 0);
    const cols = widths.map((x) => x * scale);
    doc.font('bold').fontSize(12).text(title, l, doc.page.margins.top, { width: w, align: 'center' });
    doc.font('regular').fontSize(9).text(`(Kèm theo Báo cáo số ${d.docNumber || '…'}; số liệu tính đến ngày ${vnDate(d.cutOff)})`, { width: w, align: 'center' });
    doc.moveDown(0.6);
    const drawRow = (cells: (string | number)[], bold: boolean) => {
      doc.font(bold ? 'bold' : 'regular').fontSize(8);
      const heights = cells.map((c, i) => doc.heightOfString(String(c ?? ''), { width: cols[i] - 6 }));
      const h = Math.max(16, ...heights.map((x) => x + 6));
      if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
        doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: 40, bottom: 40, left: 36, right: 36 } });
      }
      const y0 = doc.y;
      let x = l;
      cells.forEach((c, i) => {
        doc.rect(x, y0, cols[i], h).stroke();
        doc.text(String(c ?? ''), x + 3, y0 + 3, { width: cols[i] - 6, align: typeof c === 'number' ? 'right' : 'left' });
        x += cols[i];
      });
      doc.x = l;
      doc.y = y0 + h;
    };
    drawRow(head, true);
    rows.forEach((r, i) => drawRow(r, r[0] === '' || (title.startsWith('Biểu 01') && i >= rows.length - (d.figures.bieu01.police ? 2 : 1))));
  };
  table('Biểu 01: Phổ biến, quán triệt NQ 57 và bồi dưỡng kỹ năng số cho CBCCVC, người lao động', B1_HEAD, b1, [28, 170, 60, 60, 70, 45, 75, 70, 55, 110]);
  table('Biểu 02: Nhân lực chuyên trách, kiêm nhiệm chuyển đổi số được bồi dưỡng chuyên sâu', B2_HEAD, [
    ...b2, ['', `Tổng: ${f.bieu02.total} người; đã bồi dưỡng chuyên sâu: ${f.bieu02.trained}/${f.bieu02.total} (${pct(f.bieu02.share)}%)`, '', '', '', '', '', '', '', '', '', '', ''],
  ], [24, 100, 40, 40, 80, 90, 60, 120, 55, 80, 55, 60, 60]);
  table('Biểu 03: Tổ công nghệ số cộng đồng và lớp "Bình dân học vụ số" cho người dân', B3_HEAD, b3, [28, 120, 55, 60, 75, 75, 75, 75, 120]);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    doc.font('regular').fontSize(8).text(`${i + 1}/${pages.count}`, 0, doc.page.height - 30, { width: doc.page.width, align: 'center', lineBreak: false });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export async function buildReportXlsx(d: ReportDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = d.unitName;
  const { b1, b2, b3 } = tables(d);
  const sheet = (name: string, title: string, head: string[], rows: (string | number)[][], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = widths.map((w) => ({ width: w }));
    ws.addRow([neutralise(title)]).font = { bold: true, size: 13 };
    ws.addRow([`${d.periodLabel}; số liệu ${d.estimated ? 'ước thực hiện ' : ''}tính đến ngày ${vnDate(d.cutOff)}`]).font = { italic: true };
    const h = ws.addRow(head);
    h.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    h.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    h.height = 48;
    for (const r of rows) ws.addRow(r.map((c) => (typeof c === 'string' ? neutralise(c) : c)));
  };
  sheet('Biểu 01', 'Biểu 01: Phổ biến, quán triệt NQ 57 và bồi dưỡng kỹ năng số cho CBCCVC, người lao động', B1_HEAD,
    b1.map((r) => r.map((c, i) => (i === 5 || i === 8 ? Number(String(c).replace(',', '.')) : c))), [6, 44, 14, 14, 16, 10, 18, 16, 12, 30]);
  sheet('Biểu 02', 'Biểu 02: Nhân lực chuyên trách, kiêm nhiệm chuyển đổi số được bồi dưỡng chuyên sâu', B2_HEAD, b2, [6, 26, 10, 10, 26, 28, 14, 40, 12, 28, 14, 16, 20]);
  sheet('Biểu 03', 'Biểu 03: Tổ công nghệ số cộng đồng và lớp "Bình dân học vụ số" cho người dân', B3_HEAD, b3, [6, 26, 12, 12, 16, 16, 16, 16, 24]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
