/**
 * The certificate as a PDF: A4 landscape, the issuer and the national motto, the holder, the course, its hours and
 * completion date, the register number, the signer, and a QR code pointing at the public verification page.
 * DejaVu Sans is shipped with the app, so every Vietnamese diacritic renders whatever the server has installed.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fontPath } from '../attendance/sign-in-sheet';

export interface CertificateDoc {
  issuerName: string;
  fullName: string;
  birthYear: number | null;
  courseTitle: string;
  hours: number;
  completedOn: string; // YYYY-MM-DD
  expiresOn: string | null;
  registerNo: string; // "0012/2026/GCN"
  place: string;
  issuedOn: string; // YYYY-MM-DD
  signerTitle: string;
  signerName: string;
  verifyUrl: string;
  code: string;
  revoked: boolean;
}

const vn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export async function buildCertificatePdf(c: CertificateDoc): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 220 });
  const doc = new PDFDocument({
    size: 'A4', layout: 'landscape', margins: { top: 40, bottom: 40, left: 50, right: 50 },
    info: { Title: `Giấy chứng nhận ${c.registerNo} - ${c.fullName}`, Author: c.issuerName, Subject: c.courseTitle },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  doc.registerFont('regular', fontPath(false));
  doc.registerFont('bold', fontPath(true));
  const W = doc.page.width;
  const H = doc.page.height;
  // double frame
  doc.lineWidth(3).strokeColor('#1f4e79').rect(20, 20, W - 40, H - 40).stroke();
  doc.lineWidth(1).rect(28, 28, W - 56, H - 56).stroke();
  doc.fillColor('#000000');

  const left = 60;
  const width = W - 120;
  const half = width / 2;
  doc.font('bold').fontSize(12).text(c.issuerName.toUpperCase(), left, 52, { width: half - 20, align: 'center' });
  doc.font('regular').fontSize(11).text(`Số vào sổ: ${c.registerNo}`, left, doc.y + 4, { width: half - 20, align: 'center' });
  doc.font('bold').fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, 52, { width: half, align: 'center' });
  doc.font('bold').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', left + half, doc.y + 2, { width: half, align: 'center', underline: true });

  doc.font('bold').fontSize(34).fillColor('#1f4e79').text('GIẤY CHỨNG NHẬN', left, 130, { width, align: 'center' });
  doc.fillColor('#000000').font('regular').fontSize(15).text('Hoàn thành khóa bồi dưỡng', left, doc.y + 2, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('regular').fontSize(15).text('Chứng nhận ông/bà:', left + 40, doc.y, { continued: true }).font('bold').fontSize(20).text(`  ${c.fullName}`);
  if (c.birthYear) doc.font('regular').fontSize(14).text(`Năm sinh: ${c.birthYear}`, left + 40, doc.y + 4);
  doc.font('regular').fontSize(14).text('Đã hoàn thành khóa học:', left + 40, doc.y + 6);
  doc.font('bold').fontSize(17).text(c.courseTitle, left + 40, doc.y + 2, { width: width - 80 });
  const hours = c.hours.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  doc.font('regular').fontSize(14).text(`Thời lượng: ${hours} giờ. Ngày hoàn thành: ${vn(c.completedOn)}.`, left + 40, doc.y + 6);
  if (c.expiresOn) doc.text(`Giấy chứng nhận có giá trị đến ngày ${vn(c.expiresOn)}.`, left + 40, doc.y + 2);

  // signature block (right) and QR (left)
  const yb = H - 200;
  doc.font('regular').fontSize(12).text(
    `${c.place}, ngày ${Number(c.issuedOn.slice(8, 10))} tháng ${Number(c.issuedOn.slice(5, 7))} năm ${c.issuedOn.slice(0, 4)}`,
    left + half, yb, { width: half, align: 'center', oblique: true },
  );
  doc.font('bold').fontSize(12).text('TM. ỦY BAN NHÂN DÂN', left + half, doc.y + 2, { width: half, align: 'center' });
  doc.font('bold').fontSize(12).text(c.signerTitle, left + half, doc.y, { width: half, align: 'center' });
  doc.font('bold').fontSize(13).text(c.signerName || ' ', left + half, yb + 110, { width: half, align: 'center' });

  doc.image(qr, left + 10, yb - 10, { width: 110, height: 110 });
  doc.font('regular').fontSize(9).text('Quét mã để xác minh', left + 130, yb + 10, { width: 220 });
  doc.font('bold').fontSize(11).text(`Mã xác minh: ${c.code}`, left + 130, doc.y + 2, { width: 220 });
  doc.font('regular').fontSize(8).text(c.verifyUrl, left + 130, doc.y + 2, { width: 230 });

  if (c.revoked) {
    doc.save().rotate(-20, { origin: [W / 2, H / 2] }).font('bold').fontSize(80).fillColor('#c00000').opacity(0.25)
      .text('ĐÃ THU HỒI', 0, H / 2 - 50, { width: W, align: 'center' }).restore();
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
