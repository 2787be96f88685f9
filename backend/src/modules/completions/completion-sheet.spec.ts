import * as ExcelJS from 'exceljs';
import { buildCompletionTemplate, mapSource, parseCompletionSheet, parseDate, parseHours } from './completion-sheet';

describe('completion sheet values', () => {
  it('reads dates as written in Vietnam (day first), ISO dates and Excel day numbers; refuses days that do not exist', () => {
    expect(parseDate('15/09/2025')).toBe('2025-09-15');
    expect(parseDate('5/9/2025')).toBe('2025-09-05');
    expect(parseDate('05-09-2025')).toBe('2025-09-05');
    expect(parseDate('05.09.2025')).toBe('2025-09-05');
    expect(parseDate('2025-09-05')).toBe('2025-09-05');
    expect(parseDate('45915')).toBe('2025-09-15');
    expect(parseDate('31/02/2025')).toBeNull();
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('09/15/2025')).toBeNull(); // month first is not a date here
    expect(parseDate('hôm qua')).toBeNull();
    expect(parseDate('')).toBeNull();
  });

  it('reads hours with a decimal comma or point and an optional unit', () => {
    expect(parseHours('4')).toBe(4);
    expect(parseHours('1,5')).toBe(1.5);
    expect(parseHours(' 2.25 giờ ')).toBe(2.25);
    expect(parseHours('3 tiết')).toBe(3);
    expect(parseHours('-1')).toBeNull();
    expect(parseHours('bốn')).toBeNull();
    expect(parseHours('1/2')).toBeNull();
  });

  it('maps the source by code or Vietnamese label, with or without diacritics', () => {
    expect(mapSource('bdhvs')).toBe('bdhvs');
    expect(mapSource('Bình dân học vụ số')).toBe('bdhvs');
    expect(mapSource('BINH DAN HOC VU SO')).toBe('bdhvs');
    expect(mapSource('provincial_program')).toBe('provincial_program');
    expect(mapSource('Chương trình của tỉnh')).toBe('provincial_program');
    expect(mapSource('internal')).toBeNull();
    expect(mapSource('')).toBeNull();
  });
});

describe('parseCompletionSheet', () => {
  const book = async (rows: unknown[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('finds the header below title rows, reads separate code and name columns, keeps real row numbers, skips empty rows', async () => {
    const rows = await parseCompletionSheet(await book([
      ['UBND PHƯỜNG ĐĂK BLA'],
      [],
      ['TT', 'Mã cán bộ', 'Họ tên', 'Nguồn', 'Nội dung', 'Cơ quan tổ chức', 'Ngày cấp', 'Số tiết'],
      [1, 'NV-1', 'Nguyễn Văn An', 'bdhvs', 'Kỹ năng số', 'binhdanhocvuso.gov.vn', new Date(Date.UTC(2025, 8, 15)), 4],
      [2],
      [3, null, 'Lê Thị Hoa', 'Chương trình của tỉnh', 'AI', 'Sở KH&CN', '01/10/2025', '1,5'],
    ]));
    expect(rows).toEqual([
      { row: 4, dateValue: '2025-09-15', values: { stt: '1', staffCode: 'NV-1', fullName: 'Nguyễn Văn An', source: 'bdhvs', title: 'Kỹ năng số', provider: 'binhdanhocvuso.gov.vn', completedOn: '2025-09-15', hours: '4' } },
      { row: 6, dateValue: undefined, values: { stt: '3', fullName: 'Lê Thị Hoa', source: 'Chương trình của tỉnh', title: 'AI', provider: 'Sở KH&CN', completedOn: '01/10/2025', hours: '1,5' } },
    ]);
  });

  it('names missing columns, and refuses a file that is not a workbook', async () => {
    await expect(parseCompletionSheet(await book([['Họ và tên', 'Nội dung bồi dưỡng', 'Số giờ'], ['A', 'B', 1]])))
      .rejects.toThrow('Thiếu cột: Nguồn, Đơn vị tổ chức, Ngày hoàn thành');
    await expect(parseCompletionSheet(Buffer.from('not a zip'))).rejects.toMatchObject({ status: 415 });
  });

  it('reads its own template back: the example row and nothing else', async () => {
    const rows = await parseCompletionSheet(await buildCompletionTemplate());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(expect.objectContaining({ row: 2, dateValue: '2025-09-15' }));
    expect(rows[0].values).toEqual(expect.objectContaining({ person: 'Nguyễn Văn An', birthYear: '1988', source: 'Bình dân học vụ số', hours: '4' }));
  });
});
