import * as ExcelJS from 'exceljs';
import {
  buildStaffTemplate,
  mapCategory,
  mapDtRole,
  mapGender,
  mapStatus,
  MAX_DATA_ROWS,
  parseCsv,
  parseStaffSheet,
  ParsedSheet,
  SheetError,
  STAFF_SHEET_COLUMNS,
  STATUS_CODE_TO_STATE,
} from './staff-sheet';

/** Fixtures are generated in memory. `rows[i]` becomes spreadsheet row i + 1; `null` leaves a row empty. */
async function xlsx(
  rows: (unknown[] | null)[],
  setup?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
  sheetName = 'Sheet1',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => {
    if (r) ws.getRow(i + 1).values = r as ExcelJS.CellValue[];
  });
  setup?.(ws, wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const csv = (text: string, bom = false) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

async function sheetError(p: Promise<unknown>): Promise<SheetError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SheetError);
    const err = e as SheetError;
    expect(err.message.length).toBeGreaterThan(10);
    expect(err.messageEn.length).toBeGreaterThan(10);
    return err;
  }
  throw new Error('expected a SheetError');
}

const NFD = (s: string) => s.normalize('NFD');

describe('STAFF_SHEET_COLUMNS', () => {
  it('lists the template columns in order', () => {
    expect(STAFF_SHEET_COLUMNS.map((c) => c.key)).toEqual([
      'staffCode', 'familyName', 'middleName', 'givenName', 'fullName', 'gender', 'birthYear', 'email', 'phone',
      'unitCode', 'unitName', 'position', 'category', 'dtRole', 'status',
    ]);
    expect(STAFF_SHEET_COLUMNS.find((c) => c.key === 'fullName')?.header).toBe('Họ và tên');
    for (const c of STAFF_SHEET_COLUMNS) {
      expect(c.header).toBe(c.header.normalize('NFC'));
      expect(c.headerEn).toBeTruthy();
      expect(c.example).toBeTruthy();
    }
  });

  it('recognises every header, English header and alias (in any case, with or without diacritics)', async () => {
    for (const c of STAFF_SHEET_COLUMNS) {
      for (const h of [c.header, c.headerEn, ...c.aliases]) {
        const variants = [h, h.toUpperCase(), NFD(h), h.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')];
        for (const v of variants) {
          const other = c.key === 'fullName' ? 'Năm sinh' : 'Họ và tên';
          const parsed = await parseStaffSheet(csv(`"${v}",${other}\nx,y\n`), 'a.csv');
          expect([v, parsed.columns[c.key]]).toEqual([v, v.normalize('NFC')]);
        }
      }
    }
  });
});

describe('buildStaffTemplate', () => {
  let buf: Buffer;
  beforeAll(async () => {
    buf = await buildStaffTemplate();
  });

  it('has the "Danh sách" sheet with bold, frozen headers, notes and widths', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Hướng dẫn']);
    const ws = wb.getWorksheet('Danh sách')!;
    const header = ws.getRow(1);
    STAFF_SHEET_COLUMNS.forEach((c, i) => {
      expect(header.getCell(i + 1).value).toBe(c.header);
      expect(header.getCell(i + 1).font?.bold).toBe(true);
      expect(ws.getColumn(i + 1).width).toBe(c.width);
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const categoryCol = STAFF_SHEET_COLUMNS.findIndex((c) => c.key === 'category') + 1;
    const note = header.getCell(categoryCol).note;
    const noteText = typeof note === 'string' ? note : JSON.stringify(note);
    expect(noteText).toContain('Công chức');
    expect(noteText).toContain('Viên chức');
    expect(ws.getRow(2).getCell(categoryCol).dataValidation).toMatchObject({ type: 'list' });
  });

  it('has a "Hướng dẫn" sheet describing each column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const guide = wb.getWorksheet('Hướng dẫn')!;
    STAFF_SHEET_COLUMNS.forEach((c, i) => {
      const row = guide.getRow(i + 2);
      expect(row.getCell(1).value).toBe(c.header);
      expect(row.getCell(3).value).toBe(c.required ? 'Có' : 'Không');
    });
    const statusRow = guide.getRow(STAFF_SHEET_COLUMNS.findIndex((c) => c.key === 'status') + 2);
    expect(String(statusRow.getCell(4).value)).toContain('Nghỉ thai sản');
  });

  it('round-trips through parseStaffSheet to the example row', async () => {
    const parsed = await parseStaffSheet(buf, 'mau-nhap-can-bo.xlsx');
    expect(parsed.format).toBe('xlsx');
    expect(parsed.sheetName).toBe('Danh sách');
    expect(parsed.headerRow).toBe(1);
    expect(Object.keys(parsed.columns)).toEqual(STAFF_SHEET_COLUMNS.map((c) => c.key));
    expect(parsed.ignoredHeaders).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          staffCode: 'CB-0001',
          familyName: 'Nguyễn',
          middleName: 'Thị Mỹ',
          givenName: 'Hạnh',
          fullName: 'Nguyễn Thị Mỹ Hạnh',
          gender: 'Nữ',
          birthYear: '1985',
          email: 'hanhntm@dakbla.example',
          phone: '0900000000',
          unitCode: 'VP',
          unitName: 'Văn phòng HĐND và UBND',
          position: 'Chuyên viên',
          category: 'Công chức',
          dtRole: 'Kiêm nhiệm',
          status: 'Đang công tác',
        },
      },
    ]);
    const v = parsed.rows[0].values;
    expect([mapGender(v.gender), mapCategory(v.category), mapDtRole(v.dtRole), mapStatus(v.status)]).toEqual([
      'female', 'civil_servant', 'concurrent', 'active',
    ]);
  });
});

describe('parseStaffSheet: XLSX', () => {
  it('finds the header under title rows, keeps real row numbers, skips empty/banner rows, leaves name parts absent', async () => {
    const buf = await xlsx(
      [
        ['UBND PHƯỜNG ĐĂK BLA', null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        null,
        ['DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC VÀ NGƯỜI LAO ĐỘNG'],
        ['(Kèm theo Báo cáo số 15/BC-UBND)'],
        ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Chức vụ', 'Đơn vị công tác', 'SĐT', 'Ghi chú', 'Quê quán'],
        ['I. Khối Đảng'],
        [1, 'Hồ Đình Thịnh', 1974, 'Nam', 'Bí thư Đảng ủy phường', 'Đảng ủy phường', '0789 427 952', 'kiêm Chủ tịch HĐND'],
        null,
        [2, "Rơ Mah H\u2019Linh", 1990, 'Nữ', 'Chuyên viên', 'Văn phòng HĐND và UBND', null, null],
        ['Tổng cộng'],
      ],
      (ws) => {
        ws.mergeCells('A1:D1');
        ws.mergeCells('A3:H3');
        ws.mergeCells('A6:H6');
        ws.mergeCells('A10:F10');
      },
    );
    const parsed = await parseStaffSheet(buf, 'danh-sach.xlsx');
    expect(parsed.headerRow).toBe(5);
    expect(parsed.columns).toEqual({
      fullName: 'Họ và tên', birthYear: 'Năm sinh', gender: 'Giới tính', position: 'Chức vụ', unitName: 'Đơn vị công tác', phone: 'SĐT',
    });
    expect(parsed.ignoredHeaders).toEqual(['Quê quán']);
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([7, 9]);
    expect(parsed.rows[0].values).toEqual({
      fullName: 'Hồ Đình Thịnh', birthYear: '1974', gender: 'Nam', position: 'Bí thư Đảng ủy phường', unitName: 'Đảng ủy phường', phone: '0789 427 952',
    });
    expect(parsed.rows[1].values.fullName).toBe("Rơ Mah H'Linh");
    for (const r of parsed.rows) {
      expect(r.values).not.toHaveProperty('familyName');
      expect(r.values).not.toHaveProperty('middleName');
      expect(r.values).not.toHaveProperty('givenName');
    }
  });

  it('converts numbers, dates, rich text, formulas and hyperlinks; NFC-cleans strings; leaves SQL and emoji alone', async () => {
    const buf = await xlsx([
      ['Họ và tên', 'Ngày sinh', 'Email', 'Điện thoại', 'Mã cán bộ', 'Chức vụ', 'Đơn vị'],
      [
        { richText: [{ text: 'Nguyễn ', font: { bold: true } }, { text: 'Văn A' }] },
        new Date(Date.UTC(1985, 5, 15)),
        { text: 'a@dakbla.example', hyperlink: 'mailto:a@dakbla.example' },
        912345678,
        1001,
        { formula: 'CONCAT("Chuyên"," viên")', result: 'Chuyên viên' },
        { formula: '1+1', result: 2 },
      ],
      [NFD('  Trần   Thị  Ánh  '), '15/06/1990', null, '0912.345.678', null, "x'); DROP TABLE staff_members;--", 'Tổ 1 👩‍💻'],
      ['Lê Văn Bình', 31215, null, 1681234567, null, null, null], // 31215 = Excel serial for 17/06/1985
    ]);
    const { rows } = await parseStaffSheet(buf, 'x.xlsx');
    expect(rows[0].values).toEqual({
      fullName: 'Nguyễn Văn A', birthYear: '1985', email: 'a@dakbla.example', phone: '0912345678', staffCode: '1001',
      position: 'Chuyên viên', unitName: '2',
    });
    expect(rows[1].values).toEqual({
      fullName: 'Trần Thị Ánh', birthYear: '1990', phone: '0912.345.678', position: "x'); DROP TABLE staff_members;--", unitName: 'Tổ 1 👩‍💻',
    });
    expect(rows[1].values.fullName).toBe('Trần Thị Ánh'.normalize('NFC'));
    expect(rows[2].values).toEqual({ fullName: 'Lê Văn Bình', birthYear: '1985', phone: '01681234567' });
  });

  it('splits gender from "Năm sinh Nam" / "Năm sinh Nữ" columns', async () => {
    const buf = await xlsx([
      ['TT', 'Họ tên', 'Năm sinh Nam', 'Năm sinh Nữ', 'Đơn vị'],
      [1, 'A Hùng', 1988, null, 'Tổ dân phố 1'],
      [2, 'Y Liên', null, '1992', 'Tổ dân phố 2'],
      [3, 'Ksor Nay', 1970, 1971, 'Tổ dân phố 3'],
      [4, 'Siu H\u02BCBia', 'x', null, 'Tổ dân phố 3'],
    ]);
    const parsed = await parseStaffSheet(buf, 'b.xlsx');
    expect(parsed.columns).toMatchObject({ birthYearMale: 'Năm sinh Nam', birthYearFemale: 'Năm sinh Nữ' });
    expect(parsed.rows.map((r) => r.values)).toEqual([
      { fullName: 'A Hùng', birthYear: '1988', gender: 'Nam', unitName: 'Tổ dân phố 1' },
      { fullName: 'Y Liên', birthYear: '1992', gender: 'Nữ', unitName: 'Tổ dân phố 2' },
      { fullName: 'Ksor Nay', birthYear: '1970', unitName: 'Tổ dân phố 3' }, // both filled: no gender guessed
      { fullName: "Siu H'Bia", birthYear: 'x', gender: 'Nam', unitName: 'Tổ dân phố 3' },
    ]);
  });

  it('reads a two-row header: "Năm sinh" merged over "Nam" | "Nữ"', async () => {
    const buf = await xlsx(
      [
        ['DANH SÁCH'],
        ['STT', 'Họ và tên', 'Năm sinh', null, 'Chức vụ'],
        [null, null, 'Nam', 'Nữ', null],
        [1, 'Võ Văn Tài', 1980, null, 'Chuyên viên'],
        [2, 'Huỳnh Thị Mai', null, 1995, 'Văn thư'],
      ],
      (ws) => ws.mergeCells('C2:D2'),
    );
    const parsed = await parseStaffSheet(buf, 'c.xlsx');
    expect(parsed.headerRow).toBe(3);
    expect(parsed.rows).toEqual([
      { rowNumber: 4, values: { fullName: 'Võ Văn Tài', birthYear: '1980', gender: 'Nam', position: 'Chuyên viên' } },
      { rowNumber: 5, values: { fullName: 'Huỳnh Thị Mai', birthYear: '1995', gender: 'Nữ', position: 'Văn thư' } },
    ]);
  });

  it('maps "Họ đệm" + "Tên" to familyMiddleName + givenName and derives fullName', async () => {
    const buf = await xlsx([
      ['Họ đệm', 'Tên', 'Giới tính'],
      ['Nguyễn Thị Mỹ', 'Hạnh', 'Nữ'],
      ['Rơ Mah', "H'Linh", 'Nữ'],
    ]);
    const { rows } = await parseStaffSheet(buf, 'd.xlsx');
    expect(rows.map((r) => r.values)).toEqual([
      { familyMiddleName: 'Nguyễn Thị Mỹ', givenName: 'Hạnh', gender: 'Nữ', fullName: 'Nguyễn Thị Mỹ Hạnh' },
      { familyMiddleName: 'Rơ Mah', givenName: "H'Linh", gender: 'Nữ', fullName: "Rơ Mah H'Linh" },
    ]);
  });

  it('skips hidden sheets and sheets without a header', async () => {
    const buf = await xlsx([['Ghi chú về tệp']], (_ws, wb) => {
      const hidden = wb.addWorksheet('An');
      hidden.state = 'hidden';
      hidden.addRow(['Họ và tên', 'Năm sinh']);
      hidden.addRow(['Không được đọc', 1900]);
      const data = wb.addWorksheet('Dữ liệu');
      data.addRow(['Họ và tên', 'Năm sinh']);
      data.addRow(['Phạm Văn Đông', 1979]);
    });
    const parsed = await parseStaffSheet(buf, 'e.xlsx');
    expect(parsed.sheetName).toBe('Dữ liệu');
    expect(parsed.rows).toEqual([{ rowNumber: 2, values: { fullName: 'Phạm Văn Đông', birthYear: '1979' } }]);
  });

  it('detects XLSX from the bytes even when the name says .csv', async () => {
    const buf = await xlsx([['Họ và tên', 'Email'], ['Lê Thị Hoa', 'hoa@x.vn']]);
    expect((await parseStaffSheet(buf, 'misnamed.csv')).format).toBe('xlsx');
  });

  it('parses 10,000 rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(STAFF_SHEET_COLUMNS.map((c) => c.header));
    for (let i = 1; i <= 10_000; i++) {
      ws.addRow([
        `CB-${i}`, 'Nguyễn', 'Văn', `Tên${i}`, `Nguyễn Văn Tên${i}`, i % 2 ? 'Nam' : 'Nữ', 1960 + (i % 40), `cb${i}@dakbla.example`,
        `09${String(i).padStart(8, '0')}`, 'VP', 'Văn phòng HĐND và UBND', 'Chuyên viên', 'Công chức', 'Không', 'Đang công tác',
      ]);
    }
    const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const t0 = Date.now();
    const parsed = await parseStaffSheet(buf, 'big.xlsx');
    const ms = Date.now() - t0;
    console.log(`parseStaffSheet: 10,000-row XLSX (${(buf.length / 1024).toFixed(0)} KiB) parsed in ${ms} ms`);
    expect(parsed.rows).toHaveLength(10_000);
    expect(parsed.rows[0]).toEqual({
      rowNumber: 2,
      values: {
        staffCode: 'CB-1', familyName: 'Nguyễn', middleName: 'Văn', givenName: 'Tên1', fullName: 'Nguyễn Văn Tên1', gender: 'Nam',
        birthYear: '1961', email: 'cb1@dakbla.example', phone: '0900000001', unitCode: 'VP', unitName: 'Văn phòng HĐND và UBND',
        position: 'Chuyên viên', category: 'Công chức', dtRole: 'Không', status: 'Đang công tác',
      },
    });
    expect(parsed.rows[9_999].rowNumber).toBe(10_001);
    expect(parsed.rows[9_999].values.email).toBe('cb10000@dakbla.example');
  });

  it(`rejects more than ${MAX_DATA_ROWS} data rows`, async () => {
    const rows: unknown[][] = [['Họ và tên', 'Năm sinh']];
    for (let i = 0; i <= MAX_DATA_ROWS; i++) rows.push([`Người ${i}`, 1980]);
    const err = await sheetError(parseStaffSheet(await xlsx(rows), 'many.xlsx'));
    expect(err.code).toBe('TOO_MANY_ROWS');
  });

  it('rejects an XLSX whose uncompressed size is absurd (zip bomb) before loading it', async () => {
    const buf = Buffer.from(await xlsx([['Họ và tên', 'Năm sinh'], ['A', 1980]]));
    // patch the first central-directory entry to claim 4 GB uncompressed
    const cd = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(cd).toBeGreaterThan(0);
    buf.writeUInt32LE(0xfffffff0, cd + 24);
    expect((await sheetError(parseStaffSheet(buf, 'bomb.xlsx'))).code).toBe('TOO_MANY_ROWS');
  });
});

describe('parseStaffSheet: CSV', () => {
  it('reads UTF-8 with BOM, semicolons, CRLF and quoted fields with newlines, quotes and delimiters', async () => {
    const text =
      'DANH SÁCH CÁN BỘ;;;\r\n' +
      'Họ và tên;Năm sinh;Chức vụ;Ghi chú\r\n' +
      '"Nguyễn Văn A";1980;"Phó Chủ tịch UBND; kiêm ""Trưởng"" ban";"dòng 1\r\ndòng 2"\r\n' +
      ';;;\r\n' +
      `${NFD('Đặng Thị Hương')};1991;Chuyên viên;\r\n`;
    const parsed = await parseStaffSheet(csv(text, true), 'ds.csv');
    expect(parsed.format).toBe('csv');
    expect(parsed.headerRow).toBe(2);
    expect(parsed.rows).toEqual([
      { rowNumber: 3, values: { fullName: 'Nguyễn Văn A', birthYear: '1980', position: 'Phó Chủ tịch UBND; kiêm "Trưởng" ban' } },
      { rowNumber: 5, values: { fullName: 'Đặng Thị Hương', birthYear: '1991', position: 'Chuyên viên' } },
    ]);
  });

  it('reads comma- and tab-separated files without BOM', async () => {
    const comma = await parseStaffSheet(csv('Ho va ten,Email,So dien thoai\nLe Van B,b@x.vn,912345678\n'), 'a.csv');
    expect(comma.rows[0].values).toEqual({ fullName: 'Le Van B', email: 'b@x.vn', phone: '0912345678' });
    const tab = await parseStaffSheet(csv('Họ\tChữ đệm\tTên\nRơ Mah\t\tH’Linh\n\nNguyễn\tThị Mỹ\tHạnh'), 'a.txt');
    expect(tab.rows).toEqual([
      { rowNumber: 2, values: { familyName: 'Rơ Mah', givenName: "H'Linh", fullName: "Rơ Mah H'Linh" } },
      { rowNumber: 4, values: { familyName: 'Nguyễn', middleName: 'Thị Mỹ', givenName: 'Hạnh', fullName: 'Nguyễn Thị Mỹ Hạnh' } },
    ]);
  });

  it('takes the year from "Ngày sinh"', async () => {
    const parsed = await parseStaffSheet(csv('Họ tên,Ngày sinh\nA,15/06/1985\nB,1990-01-02\nC,1979\nD,ngày 5 tháng 3 năm 1969\nE,không rõ\n'), 'a.csv');
    expect(parsed.columns).toEqual({ fullName: 'Họ tên', birthDate: 'Ngày sinh' });
    expect(parsed.rows.map((r) => r.values.birthYear)).toEqual(['1985', '1990', '1979', '1969', 'không rõ']);
  });

  it('is RFC 4180 compliant (parseCsv)', () => {
    expect([...parseCsv('a,"b,c","d""e"\r\n"f\ng",,\n', ',')]).toEqual([
      ['a', 'b,c', 'd"e'],
      ['f\ng', '', ''],
    ]);
    expect([...parseCsv('x;y\ry;z', ';')]).toEqual([['x', 'y'], ['y', 'z']]);
    expect([...parseCsv('"unterminated,1\n2', ',')]).toEqual([['unterminated,1\n2']]);
    expect([...parseCsv('', ',')]).toEqual([]);
  });

  it(`rejects more than ${MAX_DATA_ROWS} data rows and accepts exactly ${MAX_DATA_ROWS}`, async () => {
    const body = (n: number) => 'Họ và tên,Năm sinh\n' + Array.from({ length: n }, (_, i) => `Người ${i},1980`).join('\n');
    expect((await parseStaffSheet(csv(body(MAX_DATA_ROWS)), 'ok.csv')).rows).toHaveLength(MAX_DATA_ROWS);
    expect((await sheetError(parseStaffSheet(csv(body(MAX_DATA_ROWS + 1)), 'big.csv'))).code).toBe('TOO_MANY_ROWS');
  });
});

describe('parseStaffSheet: rejected files', () => {
  it.each<[string, Buffer, string]>([
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'anh.png'],
    ['PNG named .csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'ds.csv'],
    ['PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1'), 'ds.xlsx'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'x.csv'],
    ['legacy .xls (OLE2)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'ds.xls'],
    ['text named .xlsx', Buffer.from('Họ và tên,Năm sinh\nA,1980\n'), 'ds.xlsx'],
    ['broken zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)]), 'ds.xlsx'],
    ['binary with NUL bytes', Buffer.from([0x48, 0x6f, 0x00, 0x00, 0x01, 0x02, 0x2c, 0x00]), 'ds.csv'],
    ['UTF-16 text', Buffer.from('\ufeffHọ và tên\tNăm sinh\n', 'utf16le'), 'ds.txt'],
  ])('%s → UNSUPPORTED_FILE', async (_label, buf, name) => {
    expect((await sheetError(parseStaffSheet(buf, name))).code).toBe('UNSUPPORTED_FILE');
  });

  it('rejects Windows-1258 / invalid UTF-8 CSV with advice to save as CSV UTF-8', async () => {
    // "Họ và tên,Năm sinh" / "Lê Văn A,1980" in Windows-1258: ê = 0xEA, ă = 0xE3, dot below = 0xF2, grave = 0xCC
    const cp1258 = Buffer.concat([
      Buffer.from('Ho', 'latin1'), Buffer.from([0xf2]), Buffer.from(' va', 'latin1'), Buffer.from([0xcc]), Buffer.from(' t', 'latin1'),
      Buffer.from([0xea]), Buffer.from('n,N', 'latin1'), Buffer.from([0xe3]), Buffer.from('m sinh\r\nL', 'latin1'), Buffer.from([0xea]),
      Buffer.from(' V', 'latin1'), Buffer.from([0xe3]), Buffer.from('n A,1980\r\n', 'latin1'),
    ]);
    const err = await sheetError(parseStaffSheet(cp1258, 'ds.csv'));
    expect(err.code).toBe('UNSUPPORTED_FILE');
    expect(err.message).toContain('UTF-8');
    expect(err.messageEn).toContain('UTF-8');
  });

  it('NO_HEADER when no row in the first 15 has two known headers including a name', async () => {
    expect((await sheetError(parseStaffSheet(csv('a,b,c\n1,2,3\n'), 'x.csv'))).code).toBe('NO_HEADER');
    expect((await sheetError(parseStaffSheet(csv('Email,Số điện thoại\na@b.vn,0912345678\n'), 'x.csv'))).code).toBe('NO_HEADER');
    expect((await sheetError(parseStaffSheet(csv('Họ và tên\nA\n'), 'x.csv'))).code).toBe('NO_HEADER');
    const titled = (n: number) => 'Tiêu đề\n'.repeat(n) + 'Họ và tên,Năm sinh\nA,1980\n';
    expect((await parseStaffSheet(csv(titled(14)), 'x.csv')).headerRow).toBe(15);
    expect((await sheetError(parseStaffSheet(csv(titled(15)), 'x.csv'))).code).toBe('NO_HEADER');
    const xl = await xlsx([['Danh sách'], ['Không có gì']]);
    expect((await sheetError(parseStaffSheet(xl, 'x.xlsx'))).code).toBe('NO_HEADER');
  });

  it('EMPTY for an empty file, a blank CSV and a header without data', async () => {
    expect((await sheetError(parseStaffSheet(Buffer.alloc(0), 'x.csv'))).code).toBe('EMPTY');
    expect((await sheetError(parseStaffSheet(csv('\n\n', true), 'x.csv'))).code).toBe('EMPTY');
    expect((await sheetError(parseStaffSheet(csv('Họ và tên,Năm sinh\n,\n  ,\t\n'), 'x.csv'))).code).toBe('EMPTY');
    expect((await sheetError(parseStaffSheet(await xlsx([['Họ và tên', 'Năm sinh']]), 'x.xlsx'))).code).toBe('EMPTY');
    expect((await sheetError(parseStaffSheet(await xlsx([]), 'x.xlsx'))).code).toBe('EMPTY');
  });
});

describe('value mapping', () => {
  it.each([
    ['Cán bộ', 'cadre'], ['can bo', 'cadre'], ['CÁN BỘ', 'cadre'], ['cadre', 'cadre'],
    ['Công chức', 'civil_servant'], ['civil_servant', 'civil_servant'], [NFD('Công chức'), 'civil_servant'],
    ['Viên chức', 'public_employee'], ['vien chuc', 'public_employee'], ['public_employee', 'public_employee'],
    ['Người lao động', 'contract_worker'], ['Hợp đồng lao động', 'contract_worker'], ['contract_worker', 'contract_worker'],
    ['Lực lượng vũ trang', 'armed_forces'], ['Lực lượng vũ trang (Công an nhân dân) — ngoài nhóm CBCCVC', 'armed_forces'],
    ['Công an', 'armed_forces'], ['armed_forces', 'armed_forces'],
    ['Người dân', 'citizen'], ['citizen', 'citizen'],
  ])('mapCategory(%p) = %p', (s, code) => expect(mapCategory(s)).toBe(code));

  it.each(['', '  ', 'Giáo viên', 'cadres', null, undefined])('mapCategory(%p) = null', (s) => expect(mapCategory(s)).toBeNull());

  it.each([
    ['Chuyên trách', 'dedicated'], ['chuyen trach', 'dedicated'], ['Cán bộ chuyên trách chuyển đổi số', 'dedicated'], ['dedicated', 'dedicated'],
    ['Kiêm nhiệm', 'concurrent'], ['KIEM NHIEM', 'concurrent'], ['concurrent', 'concurrent'],
    ['Không', 'none'], ['khong', 'none'], ['none', 'none'],
  ])('mapDtRole(%p) = %p', (s, code) => expect(mapDtRole(s)).toBe(code));
  it.each(['', 'Có', 'x'])('mapDtRole(%p) = null', (s) => expect(mapDtRole(s)).toBeNull());

  it.each([
    ['Đang công tác', 'active'], ['dang cong tac', 'active'], ['active', 'active'],
    ['Nghỉ thai sản', 'maternity_leave'], ['maternity_leave', 'maternity_leave'],
    ['Đi học dài hạn', 'long_term_study'], ['long_term_study', 'long_term_study'],
    ['Tạm nghỉ', 'on_leave'], ['on_leave', 'on_leave'],
    ['Đã nghỉ việc', 'left'], ['left', 'left'], ['Nghỉ hưu', 'left'],
  ])('mapStatus(%p) = %p', (s, code) => expect(mapStatus(s)).toBe(code));
  it.each(['', 'Đang', 'unknown'])('mapStatus(%p) = null', (s) => expect(mapStatus(s)).toBeNull());

  it('STATUS_CODE_TO_STATE fits the entity (status + leaveKind)', () => {
    expect(STATUS_CODE_TO_STATE.maternity_leave).toEqual({ status: 'on_leave', leaveKind: 'maternity_leave' });
    expect(STATUS_CODE_TO_STATE.on_leave).toEqual({ status: 'on_leave', leaveKind: 'other' });
    expect(STATUS_CODE_TO_STATE.left).toEqual({ status: 'left', leaveKind: null });
    for (const v of Object.values(STATUS_CODE_TO_STATE)) expect(v.status === 'on_leave').toBe(v.leaveKind !== null);
  });

  it.each([
    ['Nam', 'male'], ['nam', 'male'], ['NAM', 'male'], ['male', 'male'], ['M', 'male'], ['m', 'male'],
    ['Nữ', 'female'], ['nu', 'female'], ['NỮ', 'female'], [NFD('Nữ'), 'female'], ['female', 'female'], ['F', 'female'],
  ])('mapGender(%p) = %p', (s, g) => expect(mapGender(s)).toBe(g));
  it.each(['', 'X', 'Khác', 'Nam/Nữ'])('mapGender(%p) = null', (s) => expect(mapGender(s)).toBeNull());
});

// keep the ParsedSheet type referenced so a rename shows up here
export type _Check = ParsedSheet;
