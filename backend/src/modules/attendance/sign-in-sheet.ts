import * as fs from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * The printable sign-in sheet (A4 portrait): class, session, trainers, then the roster with a signature column.
 * The font is shipped with the app (backend/assets/fonts, DejaVu Sans: every Vietnamese diacritic), never a system font.
 */

const FONT_DIR = [
  path.resolve(__dirname, '../../../assets/fonts'), // src/modules/attendance or dist/modules/attendance
  path.resolve(process.cwd(), 'backend/assets/fonts'),
  path.resolve(process.cwd(), 'assets/fonts'),
].find((d) => fs.existsSync(path.join(d, 'DejaVuSans.ttf')));

export function fontPath(bold = false): string {
  if (!FONT_DIR) throw new Error('backend/assets/fonts/DejaVuSans.ttf is missing');
  return path.join(FONT_DIR, bold ? 'DejaVuSans-Bold.ttf' : 'DejaVuSans.ttf');
}

export interface SignInSheetData {
  unitName: string;
  classTitle: string;
  classCode: string;
  sessionLine: string;       // "Thứ Bảy, 14/03/2026, 19:30 - 21:00"
  venue: string | null;
  topic: string | null;
  trainers: string[];
  people: { fullName: string; birthYear: number | null; unitName: string }[];
}

export async function buildSignInSheet(d: SignInSheetData, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 40, bottom: 40, left: 36, right: 36 }, bufferPages: true, compress: opts.compress ?? true,
    info: { Title: `Danh sách điểm danh - ${d.classTitle}`, Author: d.unitName, Subject: d.sessionLine },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  doc.registerFont('regular', fontPath(false));
  doc.registerFont('bold', fontPath(true));

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  // STT | Họ và tên | Năm sinh | Đơn vị / Tổ dân phố | Ký tên | Ghi chú
  const cols = [28, 160, 50, 130, 90, width - 28 - 160 - 50 - 130 - 90];
  const heads = ['STT', 'Họ và tên', 'Năm sinh', 'Đơn vị / Tổ dân phố', 'Ký tên', 'Ghi chú'];
  const rowH = 26;

  const header = () => {
    doc.font('bold').fontSize(10).text(d.unitName.toUpperCase(), left, doc.page.margins.top, { width: width / 2, align: 'center' });
    doc.font('bold').fontSize(10).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width / 2, doc.page.margins.top, { width: width / 2, align: 'center' });
    doc.font('regular').fontSize(10).text('Độc lập - Tự do - Hạnh phúc', left + width / 2, doc.y, { width: width / 2, align: 'center' });
    doc.moveDown(1.2);
    doc.font('bold').fontSize(14).text('DANH SÁCH ĐIỂM DANH (KÝ TÊN)', left, doc.y, { width, align: 'center' });
    doc.moveDown(0.3);
    doc.font('bold').fontSize(11).text(`${d.classTitle} (${d.classCode})`, { width, align: 'center' });
    doc.moveDown(0.4);
    doc.font('regular').fontSize(10);
    doc.text(`Buổi học: ${d.sessionLine}`, left, doc.y, { width });
    if (d.topic) doc.text(`Nội dung: ${d.topic}`, { width });
    if (d.venue) doc.text(`Địa điểm: ${d.venue}`, { width });
    if (d.trainers.length) doc.text(`Giảng viên / người hướng dẫn: ${d.trainers.join(', ')}`, { width });
    doc.moveDown(0.6);
  };

  const tableHead = () => {
    let x = left;
    const y = doc.y;
    doc.font('bold').fontSize(9);
    heads.forEach((h, i) => {
      doc.rect(x, y, cols[i], rowH).fillAndStroke('#e8eef5', '#333333');
      doc.fillColor('#000000').text(h, x + 3, y + 8, { width: cols[i] - 6, align: 'center' });
      x += cols[i];
    });
    doc.y = y + rowH;
  };

  const bottomLimit = () => doc.page.height - doc.page.margins.bottom - 20;
  header();
  tableHead();
  doc.font('regular').fontSize(9.5);
  d.people.forEach((p, idx) => {
    if (doc.y + rowH > bottomLimit()) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      tableHead();
      doc.font('regular').fontSize(9.5);
    }
    const y = doc.y;
    let x = left;
    const cells = [String(idx + 1), p.fullName, p.birthYear ? String(p.birthYear) : '', p.unitName, '', ''];
    cells.forEach((c, i) => {
      doc.rect(x, y, cols[i], rowH).stroke('#333333');
      if (c) doc.fillColor('#000000').text(c, x + 3, y + 8, { width: cols[i] - 6, height: rowH - 8, align: i === 1 || i === 3 ? 'left' : 'center', ellipsis: true, lineBreak: false });
      x += cols[i];
    });
    doc.y = y + rowH;
  });
  // empty rows for walk-ins
  for (let k = 0; k < 3; k++) {
    if (doc.y + rowH > bottomLimit()) break;
    const y = doc.y;
    let x = left;
    cols.forEach((w) => { doc.rect(x, y, w, rowH).stroke('#333333'); x += w; });
    doc.y = y + rowH;
  }
  if (doc.y + 110 > bottomLimit()) { doc.addPage(); doc.y = doc.page.margins.top; }
  doc.moveDown(1);
  doc.font('regular').fontSize(10).text(`Tổng số trong danh sách: ${d.people.length} người.   Có mặt: ........   Vắng: ........`, left, doc.y, { width });
  doc.moveDown(1.5);
  const sy = doc.y;
  doc.font('bold').text('NGƯỜI LẬP DANH SÁCH', left + width / 2, sy, { width: width / 2, align: 'center' });
  doc.font('regular').fontSize(9).text('(Ký, ghi rõ họ tên)', left + width / 2, doc.y, { width: width / 2, align: 'center' });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the bottom margin must not start a new page
    doc.font('regular').fontSize(8).fillColor('#555555')
      .text(`Trang ${i + 1}/${range.count}`, left, doc.page.height - bottom + 12, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
