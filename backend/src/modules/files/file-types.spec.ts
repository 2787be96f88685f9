import * as ExcelJS from 'exceljs';
import { AppError } from '../../common/errors/app-error';
import { contentTypes, docm, docx, exe, jpeg, pdf, png, pptx, webp, zip } from '../../../test/file-samples';
import { checkFile, cleanFileName, contentDisposition, isExecutable, MB, sniffKind } from './file-types';

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Trang 1').addRow(['Họ và tên', 'Số giờ']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const refusal = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('sniffKind', () => {
  it('recognises each kept kind from its bytes', async () => {
    expect(sniffKind(pdf())).toBe('pdf');
    expect(sniffKind(png())).toBe('png');
    expect(sniffKind(jpeg())).toBe('jpeg');
    expect(sniffKind(webp())).toBe('webp');
    expect(sniffKind(docx())).toBe('docx');
    expect(sniffKind(pptx())).toBe('pptx');
    expect(sniffKind(await xlsx())).toBe('xlsx');
  });

  it('does not take a ZIP for OOXML without [Content_Types].xml and the right main part, nor a macro-enabled document', () => {
    expect(sniffKind(zip({ 'readme.txt': 'xin chào', 'data/a.csv': '1;2' }))).toBeNull();
    expect(sniffKind(zip({ 'word/document.xml': '<w:document/>' }))).toBeNull(); // no content types
    expect(sniffKind(zip({ '[Content_Types].xml': contentTypes('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml') }))).toBeNull(); // no main part
    expect(sniffKind(docm())).toBeNull();
    expect(sniffKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull(); // truncated
  });

  it('knows nothing of text, HTML, SVG or old Office files', () => {
    expect(sniffKind(Buffer.from('Họ và tên;Số giờ\n'))).toBeNull();
    expect(sniffKind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBeNull();
    expect(sniffKind(Buffer.alloc(0))).toBeNull();
  });
});

describe('isExecutable', () => {
  it('spots Windows, Linux and macOS programs and scripts', () => {
    expect(isExecutable(exe())).toBe(true);
    expect(isExecutable(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBe(true);
    expect(isExecutable(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBe(true);
    expect(isExecutable(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe(true);
    expect(isExecutable(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('#!/usr/bin/env node\n')]))).toBe(true);
    expect(isExecutable(pdf())).toBe(false);
    expect(isExecutable(png())).toBe(false);
  });
});

describe('checkFile', () => {
  it('accepts a file of an allowed kind whose name agrees, keeping the Vietnamese name (NFC)', () => {
    expect(checkFile(pdf(), 'Giấy chứng nhận.pdf'.normalize('NFD'), 'evidence')).toEqual({ kind: 'pdf', mime: 'application/pdf', fileName: 'Giấy chứng nhận.pdf' });
    expect(checkFile(jpeg(), 'anh.JPG', 'cover').kind).toBe('jpeg');
    expect(checkFile(jpeg(), 'anh.jpeg', 'cover').kind).toBe('jpeg');
    expect(checkFile(docx(), 'Bài giảng.docx', 'attachment').mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(checkFile(pptx(), 'slide.pptx', 'attachment').kind).toBe('pptx');
  });

  it('refuses a Windows program renamed .pdf (415 FILE_TYPE_NOT_ALLOWED)', () => {
    const e = refusal(() => checkFile(exe(), 'giay-chung-nhan.pdf', 'evidence', 'evidence'));
    expect([e.status, e.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    expect(Object.keys(e.fields ?? {})).toEqual(['evidence']);
  });

  it('refuses script and program names whatever the content', () => {
    for (const name of ['a.exe', 'b.js', 'c.bat', 'd.ps1', 'e.sh', 'f.jar', 'g.apk', 'h.scr']) {
      expect(refusal(() => checkFile(pdf(), name, 'attachment')).code).toBe('FILE_TYPE_NOT_ALLOWED');
    }
    expect(refusal(() => checkFile(Buffer.from('#!/bin/sh\necho hi\n'), 'notes.pdf', 'attachment')).code).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses a ZIP that is not OOXML even when named .docx', () => {
    const e = refusal(() => checkFile(zip({ 'a.txt': 'x' }), 'tai-lieu.docx', 'attachment'));
    expect([e.status, e.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
  });

  it('refuses a DOCX named .pptx, a PNG named .jpg, and a PDF without extension: the name must agree with the content', () => {
    for (const [buf, name] of [[docx(), 'slide.pptx'], [png(), 'anh.jpg'], [pdf(), 'chung-nhan']] as const) {
      const e = refusal(() => checkFile(buf, name, 'attachment'));
      expect([e.status, e.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
      expect(JSON.stringify(e.fields)).toMatch(/đuôi/);
    }
  });

  it('refuses kinds the use does not take: a PDF as a cover, a WebP as an attachment, a DOCX as evidence', () => {
    expect(refusal(() => checkFile(pdf(), 'bia.pdf', 'cover')).code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refusal(() => checkFile(webp(), 'anh.webp', 'attachment')).code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refusal(() => checkFile(docx(), 'minh-chung.docx', 'evidence')).code).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses files above the limit of the use with 413 naming the limit, and empty files with 400', () => {
    const big = Buffer.concat([png(), Buffer.alloc(2 * MB)]);
    const e = refusal(() => checkFile(big, 'bia.png', 'cover'));
    expect([e.status, e.code, e.params.limit]).toEqual([413, 'FILE_TOO_LARGE', '2 MB']);
    expect(checkFile(Buffer.concat([pdf(), Buffer.alloc(3 * MB)]), 'a.pdf', 'evidence').kind).toBe('pdf');
    expect(refusal(() => checkFile(Buffer.concat([pdf(), Buffer.alloc(5 * MB)]), 'a.pdf', 'evidence')).params.limit).toBe('5 MB');
    expect(refusal(() => checkFile(Buffer.alloc(0), 'a.pdf', 'evidence')).status).toBe(400);
  });
});

describe('names', () => {
  it('cleans folders, control characters and quotes; keeps the extension of a long name', () => {
    expect(cleanFileName('C:\\Users\\An\\Tài liệu\\Bài 1.pdf')).toBe('Bài 1.pdf');
    expect(cleanFileName('../../etc/"x"\u0000.pdf')).toBe('x.pdf');
    expect(cleanFileName('   ')).toBe('tep');
    const long = cleanFileName(`${'Nghị quyết '.repeat(40)}.docx`);
    expect(long.length).toBe(255);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('writes Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('Giấy chứng nhận (bản 2).pdf', false))
      .toBe(`attachment; filename="Giay chung nhan (ban 2).pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20nh%E1%BA%ADn%20%28b%E1%BA%A3n%202%29.pdf`);
    expect(contentDisposition("Đăk Bla's.png", true)).toBe(`inline; filename="Dak Bla's.png"; filename*=UTF-8''%C4%90%C4%83k%20Bla%27s.png`);
  });
});
