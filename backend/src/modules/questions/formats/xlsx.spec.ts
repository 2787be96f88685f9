import * as ExcelJS from 'exceljs';
import { buildQuestionTemplate, exportQuestionXlsx, GUIDE_SHEET_NAME, parseQuestionXlsx, SHEET_NAME, TEMPLATE_EXAMPLES } from './xlsx';

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const HEAD = ['Loại câu hỏi', 'Nội dung câu hỏi', 'Phương án A', 'Phương án B', 'Phương án C', 'Phương án D', 'Phương án E', 'Phương án F', 'Đáp án đúng', 'Điểm', 'Phản hồi', 'Danh mục', 'Thẻ'];

describe('Excel question template', () => {
  it('has the Vietnamese headers, an example of every type and the "Hướng dẫn" sheet', async () => {
    const buf = await buildQuestionTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_NAME, GUIDE_SHEET_NAME]);
    const header = (wb.getWorksheet(SHEET_NAME)!.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, HEAD.length)).toEqual(HEAD);
    const r = await parseQuestionXlsx(buf);
    expect(r.errors).toEqual([]);
    expect(r.questions.map((q) => q.type)).toEqual(TEMPLATE_EXAMPLES.map((q) => q.type));
    expect(r.questions[0].row).toBe(2);
  });

  it('reads a hand-made sheet: letters, weights, Đúng/Sai, numeric tolerance, matching, ordering', async () => {
    const buf = await sheet([
      ['Ngân hàng câu hỏi lớp bồi dưỡng'],
      HEAD,
      ['Một đáp án', 'Thủ đô?', 'Huế', 'Hà Nội', '', '', '', '', 'B', 2, 'Thăng Long', 'Địa lý/Việt Nam', 'địa lý, thủ đô'],
      ['Nhiều đáp án', 'Chọn số chẵn', '1', '2', '3', '4', '', '', 'B, D'],
      ['nhieu dap an', 'Có điểm âm', 'a', 'b', 'c', '', '', '', 'A=50%; B=50%; C=-100%'],
      ['Đúng/Sai', 'Trái đất quay quanh Mặt trời', '', '', '', '', '', '', 'Đúng'],
      ['Số', 'Pi?', '3,14:0,01', '3..4', '*', '', '', '', 'A; B=50%; C=0%'],
      ['Ghép cặp', 'Ghép', 'Hà Nội -> Thủ đô', 'TP HCM -> Thành phố lớn nhất', '-> Gây nhiễu'],
      ['Sắp xếp', 'Thứ tự', 'Trần', 'Lý', 'Nguyễn', '', '', '', 'B, A, C'],
      ['Điền khuyết', 'Quảng trường _____ ở Hà Nội', 'Ba Đình'],
      [],
      ['Tự luận', 'Viết đoạn văn', '', '', '', '', '', '', '', 5],
    ]);
    const r = await parseQuestionXlsx(buf);
    expect(r.errors).toEqual([]);
    const [sc, mc, neg, tf, num, match, ord, mw, essay] = r.questions;
    expect(sc).toMatchObject({ type: 'single_choice', row: 3, defaultMark: 2, category: 'Địa lý/Việt Nam', tags: ['địa lý', 'thủ đô'], generalFeedback: 'Thăng Long' });
    expect(sc.answers.map((a) => a.fraction)).toEqual([0, 1]);
    expect(mc.answers.map((a) => a.fraction)).toEqual([0, 0.5, 0, 0.5]);
    expect(neg.answers.map((a) => a.fraction)).toEqual([0.5, 0.5, -1]);
    expect(tf).toMatchObject({ type: 'true_false', correctAnswer: true });
    expect(num.numeric).toEqual([
      { value: 3.14, tolerance: 0.01, fraction: 1, feedback: '', syntax: 'tolerance' },
      { value: 3.5, tolerance: 0.5, min: 3, max: 4, fraction: 0.5, feedback: '', syntax: 'range' },
      { value: '*', tolerance: null, fraction: 0, feedback: '', syntax: 'catch-all' },
    ]);
    expect(match.pairs).toEqual([
      { left: 'Hà Nội', right: 'Thủ đô' },
      { left: 'TP HCM', right: 'Thành phố lớn nhất' },
      { left: '', right: 'Gây nhiễu' },
    ]);
    expect(ord.answers.map((a) => a.text)).toEqual(['Lý', 'Trần', 'Nguyễn']);
    expect(mw).toMatchObject({ type: 'missing_word', baseType: 'short_answer' });
    expect(essay).toMatchObject({ type: 'essay', row: 12, defaultMark: 5 });
    expect(r.categories).toEqual(['Địa lý/Việt Nam']);
  });

  it('reports errors with row numbers and keeps the good rows', async () => {
    const buf = await sheet([
      HEAD,
      ['Một đáp án', 'Không có đáp án đúng', 'a', 'b'],
      ['Trắc nghiệm kiểu lạ', 'x'],
      ['Một đáp án', 'Đáp án trỏ vào ô trống', 'a', 'b', '', '', '', '', 'D'],
      ['Đúng/Sai', 'Sai định dạng', '', '', '', '', '', '', 'Có lẽ'],
      ['Điền khuyết', 'Không có chỗ trống', 'x'],
      ['Nhiều đáp án', 'Điểm không hợp lệ', 'a', 'b', 'c', '', '', '', 'A=33%; B=33%; C=34%'],
      ['Một đáp án', 'Câu tốt', 'a', 'b', '', '', '', '', 'A'],
    ]);
    const r = await parseQuestionXlsx(buf);
    expect(r.questions.map((q) => q.row)).toEqual([8]);
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'xlsx_correct'],
      [3, 'xlsx_type'],
      [4, 'xlsx_correct'],
      [5, 'xlsx_correct'],
      [6, 'xlsx_blank'],
      [7, 'invalidgradequestion'],
    ]);
    for (const e of r.errors) expect(e.messageVi).toMatch(/\S/);
  });

  it('flags legacy-font text, NFC-normalises and rejects a file that is not xlsx', async () => {
    const buf = await sheet([HEAD, ['Một đáp án', 'Thñ ®« cña ViÖt Nam lµ g×?', 'Hµ Néi', 'HuÕ', '', '', '', '', 'A'], ['Một đáp án', 'Thu\u0309 đô'.normalize('NFD'), 'a', 'b', '', '', '', '', 'A']]);
    const r = await parseQuestionXlsx(buf);
    expect(r.questions[0].warnings?.[0]).toMatchObject({ code: 'legacy_font', font: 'tcvn3' });
    expect(r.questions[1].text).toBe('Thủ đô');
    const bad = await parseQuestionXlsx(Buffer.from('not a zip'));
    expect(bad.errors[0].code).toBe('xlsx_unreadable');
  });

  it('adds option columns beyond F when a question needs them', async () => {
    const answers = 'ABCDEFGH'.split('').map((l, i) => ({ text: l, fraction: i === 7 ? 1 : 0, feedback: '' }));
    const buf = await exportQuestionXlsx([{ type: 'single_choice', title: null, text: '8 options', answers, pairs: [], numeric: [], generalFeedback: '', category: null }]);
    const r = await parseQuestionXlsx(buf);
    expect(r.questions[0].answers).toEqual(answers);
  });
});
