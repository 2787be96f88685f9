/**
 * Excel question template: one row per question on the first sheet, Vietnamese headers, a "Hướng dẫn" sheet.
 * Columns: Loại câu hỏi | Nội dung câu hỏi | Phương án A…F (more when needed) | Đáp án đúng | Điểm | Phản hồi |
 * Danh mục | Thẻ | Tiêu đề | Mã câu hỏi | Phản hồi phương án A…F. Columns are found by header name, in any order.
 * "Đáp án đúng": letters, optionally weighted — "B", "A, C", "A=50%; B=50%; D=-100%"; true/false: "Đúng" / "Sai".
 */
import * as ExcelJS from 'exceljs';
import { fold } from '../../../common/text/vietnamese';
import { checkGrades } from './grades';
import {
  err,
  flagLegacyFonts,
  formatNumber,
  fractionToPercent,
  isNumeric,
  questionLabel,
  round7,
  type Answer,
  type NumericAnswer,
  type ParseError,
  type ParseResult,
  type Question,
  type QuestionType,
} from './question';

export const SHEET_NAME = 'Câu hỏi';
export const GUIDE_SHEET_NAME = 'Hướng dẫn';

export const TYPE_LABELS: Record<Exclude<QuestionType, 'cloze'>, string> = {
  single_choice: 'Một đáp án',
  multiple_choice: 'Nhiều đáp án',
  true_false: 'Đúng/Sai',
  short_answer: 'Trả lời ngắn',
  numeric: 'Số',
  matching: 'Ghép cặp',
  ordering: 'Sắp xếp',
  essay: 'Tự luận',
  description: 'Mô tả',
  missing_word: 'Điền khuyết',
};

const TYPE_ALIASES: Record<string, QuestionType> = {};
for (const [t, label] of Object.entries(TYPE_LABELS)) {
  TYPE_ALIASES[fold(label)] = t as QuestionType;
  TYPE_ALIASES[t] = t as QuestionType;
}
Object.assign(TYPE_ALIASES, {
  'trac nghiem': 'single_choice',
  'trac nghiem mot dap an': 'single_choice',
  'mot lua chon': 'single_choice',
  'nhieu lua chon': 'multiple_choice',
  'trac nghiem nhieu dap an': 'multiple_choice',
  'dung sai': 'true_false',
  'dung / sai': 'true_false',
  'dang so': 'numeric',
  'tra loi so': 'numeric',
  'ghep noi': 'matching',
  'sap xep thu tu': 'ordering',
  'mo ta / doan dan': 'description',
  'doan dan': 'description',
});

type Field = 'type' | 'text' | 'correct' | 'points' | 'feedback' | 'category' | 'tags' | 'title' | 'idnumber';

const FIELD_HEADERS: Record<Field, string> = {
  type: 'Loại câu hỏi',
  text: 'Nội dung câu hỏi',
  correct: 'Đáp án đúng',
  points: 'Điểm',
  feedback: 'Phản hồi',
  category: 'Danh mục',
  tags: 'Thẻ',
  title: 'Tiêu đề',
  idnumber: 'Mã câu hỏi',
};

const FIELD_ALIASES: Record<string, Field> = {
  'loai cau hoi': 'type',
  loai: 'type',
  type: 'type',
  'noi dung cau hoi': 'text',
  'noi dung': 'text',
  'cau hoi': 'text',
  text: 'text',
  question: 'text',
  'dap an dung': 'correct',
  'dap an': 'correct',
  correct: 'correct',
  diem: 'points',
  points: 'points',
  'phan hoi': 'feedback',
  'phan hoi chung': 'feedback',
  feedback: 'feedback',
  'danh muc': 'category',
  category: 'category',
  the: 'tags',
  tags: 'tags',
  'tieu de': 'title',
  title: 'title',
  'ma cau hoi': 'idnumber',
  idnumber: 'idnumber',
};

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

interface ColumnMap {
  fields: Partial<Record<Field, number>>;
  options: Map<number, number>; // option index → column (1-based)
  optionFeedback: Map<number, number>;
}

function normHeader(s: string): string {
  return fold(s.replace(/\(.*?\)/g, ' ').replace(/[*:]/g, ' '));
}

function mapHeader(cells: string[]): ColumnMap {
  const map: ColumnMap = { fields: {}, options: new Map(), optionFeedback: new Map() };
  cells.forEach((raw, i) => {
    const h = normHeader(raw);
    if (!h) return;
    let m = /^(?:phan hoi phuong an|feedback option|option feedback) ([a-z])$/.exec(h);
    if (m) return void map.optionFeedback.set(LETTERS.indexOf(m[1].toUpperCase()), i + 1);
    m = /^(?:phuong an|option|lua chon) ([a-z])$/.exec(h);
    if (m) return void map.options.set(LETTERS.indexOf(m[1].toUpperCase()), i + 1);
    const f = FIELD_ALIASES[h];
    if (f && map.fields[f] === undefined) map.fields[f] = i + 1;
  });
  return map;
}

function cellText(v: unknown, depth = 0): string {
  if (v === null || v === undefined || depth > 3) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result, depth + 1);
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return '';
  }
  return String(v);
}

/** Cell text: NFC, CRLF → LF, BOM / zero-width spaces removed, trimmed (line breaks inside are kept). */
function clean(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B\uFEFF]/g, '')
    .trim();
}

function parseNumberText(s: string): number | null {
  const t = s.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  return isNumeric(t) ? Number(t) : null;
}

interface Weighted {
  index: number;
  weight: number | null;
}

/** "A, C" / "A=50%; B=-100%" → letters with optional weights; null when the text is not such a list. */
function parseCorrect(s: string): Weighted[] | null {
  const out: Weighted[] = [];
  const re = /([A-Za-z])\s*(?:[=:]\s*(-?\d+(?:[.,]\d+)?)\s*%?)?/g;
  let rest = s;
  for (const m of s.matchAll(re)) {
    out.push({ index: LETTERS.indexOf(m[1].toUpperCase()), weight: m[2] === undefined ? null : round7(Number(m[2].replace(',', '.')) / 100) });
    rest = rest.replace(m[0], '');
  }
  if (!/^[\s,;]*$/.test(rest)) return null;
  return out;
}

const TRUE_WORDS = new Set(['dung', 'true', 't', 'd', '1', 'co', 'yes']);
const FALSE_WORDS = new Set(['sai', 'false', 'f', 's', '0', 'khong', 'no']);

function typeFromCell(raw: string): { type: QuestionType; baseType?: QuestionType } | null {
  const f = normHeader(raw.replace(/[()]/g, (c) => (c === '(' ? ' ' : ' ')));
  const full = fold(raw);
  const mw = /^(dien khuyet|missing_word)\s*(?:[-–(:]\s*(.+?)\s*\)?)?$/.exec(full);
  if (mw) {
    const base = mw[2] ? TYPE_ALIASES[mw[2]] : 'short_answer';
    if (!base || base === 'missing_word' || base === 'cloze') return null;
    return { type: 'missing_word', baseType: base };
  }
  if (TYPE_ALIASES[full]) return { type: TYPE_ALIASES[full] };
  return TYPE_ALIASES[f] ? { type: TYPE_ALIASES[f] } : null;
}

export function typeLabel(q: Question): string {
  if (q.type === 'missing_word') {
    const base = q.baseType ?? 'short_answer';
    return base === 'short_answer' ? TYPE_LABELS.missing_word : `${TYPE_LABELS.missing_word} (${TYPE_LABELS[base as Exclude<QuestionType, 'cloze'>]})`;
  }
  return TYPE_LABELS[q.type as Exclude<QuestionType, 'cloze'>];
}

class RowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

function parseNumericOption(s: string, fraction: number, feedback: string): { entry: NumericAnswer; text: string } {
  const t = s.trim();
  if (t === '*') {
    return fraction === 0
      ? { entry: { value: '*', tolerance: null, fraction, feedback, syntax: 'catch-all' }, text: '*' }
      : { entry: { value: '*', tolerance: 0, fraction, feedback, syntax: 'exact' }, text: '*' };
  }
  let m = /^(.+?)\s*\.\.\s*(.+)$/.exec(t);
  if (m) {
    const min = parseNumberText(m[1]);
    const max = parseNumberText(m[2]);
    if (min === null || max === null || min > max) throw new RowError('xlsx_numeric', `"${t}" is not a range min..max`, `"${t}" không phải khoảng giá trị dạng nhỏ..lớn`);
    const value = (min + max) / 2;
    return { entry: { value, tolerance: max - value, min, max, fraction, feedback, syntax: 'range' }, text: formatNumber(value) };
  }
  m = /^(.+?)\s*(?:±|\+\/-|:)\s*(.+)$/.exec(t);
  if (m) {
    const v = parseNumberText(m[1]);
    const tol = parseNumberText(m[2]);
    if (v === null || tol === null) throw new RowError('xlsx_numeric', `"${t}" is not "value:tolerance"`, `"${t}" không phải dạng "giá trị:sai số"`);
    return { entry: { value: v, tolerance: tol, fraction, feedback, syntax: 'tolerance' }, text: m[1].trim() };
  }
  const v = parseNumberText(t);
  if (v === null) throw new RowError('xlsx_numeric', `Option "${t}" is not a number`, `Phương án "${t}" không phải là số`);
  return { entry: { value: v, tolerance: 0, fraction, feedback, syntax: 'exact' }, text: t };
}

function buildRow(get: (col: number | undefined) => string, map: ColumnMap, row: number): Question {
  const typeRaw = get(map.fields.type);
  const t = typeFromCell(typeRaw);
  if (!t)
    throw new RowError(
      'xlsx_type',
      `Unknown question type "${typeRaw}" (use one of: ${Object.values(TYPE_LABELS).join(', ')})`,
      `Loại câu hỏi "${typeRaw}" không hợp lệ (dùng một trong: ${Object.values(TYPE_LABELS).join(', ')})`,
    );
  const text = get(map.fields.text);
  if (!text) throw new RowError('xlsx_text', 'The question text is empty', 'Nội dung câu hỏi đang để trống');
  const base = t.type === 'missing_word' ? t.baseType! : t.type;
  const q: Question = {
    type: t.type,
    title: get(map.fields.title) || null,
    text,
    answers: [],
    pairs: [],
    numeric: [],
    generalFeedback: get(map.fields.feedback),
    category: get(map.fields.category) || null,
    row,
  };
  if (t.baseType) q.baseType = t.baseType;
  if (t.type === 'missing_word' && !/_{3,}/.test(text))
    throw new RowError('xlsx_blank', 'A missing-word question needs a blank "_____" in its text', 'Câu điền khuyết phải có chỗ trống "_____" trong nội dung');
  const pts = get(map.fields.points);
  if (pts) {
    const n = parseNumberText(pts);
    if (n === null || n < 0) throw new RowError('xlsx_points', `Points "${pts}" must be a number ≥ 0`, `Điểm "${pts}" phải là số không âm`);
    q.defaultMark = n;
  }
  const tags = get(map.fields.tags)
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (tags.length) q.tags = tags;
  const idn = get(map.fields.idnumber);
  if (idn) q.idnumber = idn;

  const optionIdx = [...map.options.keys()].sort((a, b) => a - b);
  const options: { index: number; text: string; feedback: string }[] = [];
  for (const i of optionIdx) {
    const text = get(map.options.get(i));
    const feedback = get(map.optionFeedback.get(i));
    if (text) options.push({ index: i, text, feedback });
  }
  const correctRaw = get(map.fields.correct);
  const letter = (i: number) => LETTERS[i] ?? `#${i + 1}`;
  const weights = (): Weighted[] => {
    if (!correctRaw) return [];
    const w = parseCorrect(correctRaw);
    if (!w)
      throw new RowError('xlsx_correct', `"Đáp án đúng" = "${correctRaw}" must list option letters, e.g. "B" or "A, C" or "A=50%; B=50%"`, `"Đáp án đúng" = "${correctRaw}" phải là chữ cái phương án, ví dụ "B", "A, C" hoặc "A=50%; B=50%"`);
    for (const x of w) {
      if (!options.some((o) => o.index === x.index))
        throw new RowError('xlsx_correct', `"Đáp án đúng" names option ${letter(x.index)}, which is empty`, `"Đáp án đúng" trỏ tới phương án ${letter(x.index)} nhưng phương án này trống`);
    }
    return w;
  };
  const needOptions = (n: number) => {
    if (options.length < n) throw new RowError('xlsx_options', `This question type needs at least ${n} options`, `Loại câu hỏi này cần ít nhất ${n} phương án`);
  };

  switch (base) {
    case 'single_choice':
    case 'multiple_choice': {
      needOptions(2);
      const w = weights();
      if (w.length === 0) throw new RowError('xlsx_correct', '"Đáp án đúng" is empty', 'Chưa điền "Đáp án đúng"');
      const explicitPositive = w.filter((x) => x.weight !== null && x.weight > 0).reduce((s, x) => s + (x.weight as number), 0);
      const plain = w.filter((x) => x.weight === null).length;
      const share = base === 'single_choice' ? 1 : round7(Math.max(0, 1 - explicitPositive) / Math.max(1, plain));
      q.answers = options.map((o) => {
        const x = w.find((y) => y.index === o.index);
        const fraction = x ? (x.weight ?? share) : 0;
        return { text: o.text, fraction, feedback: o.feedback };
      });
      q.single = base === 'single_choice';
      if (!q.answers.some((a) => a.fraction > 0)) throw new RowError('xlsx_correct', 'No option has a positive grade', 'Không có phương án nào được điểm');
      if (base === 'single_choice' && !q.answers.some((a) => a.fraction === 1))
        throw new RowError('xlsx_correct', 'A single-choice question needs one option worth 100%', 'Câu một đáp án cần có một phương án đúng 100%');
      break;
    }
    case 'true_false': {
      const v = fold(correctRaw);
      let correct: boolean;
      if (TRUE_WORDS.has(v)) correct = true;
      else if (FALSE_WORDS.has(v)) correct = false;
      else throw new RowError('xlsx_correct', `"Đáp án đúng" for a true/false question must be "Đúng" or "Sai" (got "${correctRaw}")`, `"Đáp án đúng" của câu Đúng/Sai phải là "Đúng" hoặc "Sai" (đang là "${correctRaw}")`);
      q.correctAnswer = correct;
      q.answers = [
        { text: 'True', fraction: correct ? 1 : 0, feedback: get(map.optionFeedback.get(0)) },
        { text: 'False', fraction: correct ? 0 : 1, feedback: get(map.optionFeedback.get(1)) },
      ];
      break;
    }
    case 'short_answer':
    case 'numeric': {
      needOptions(1);
      const w = weights();
      const answers: Answer[] = options.map((o) => {
        const x = w.find((y) => y.index === o.index);
        const fraction = w.length === 0 ? 1 : x ? (x.weight ?? 1) : 0;
        return { text: o.text, fraction, feedback: o.feedback };
      });
      if (base === 'numeric') {
        q.answers = [];
        for (const a of answers) {
          const { entry, text } = parseNumericOption(a.text, a.fraction, a.feedback);
          q.numeric.push(entry);
          q.answers.push({ text, fraction: a.fraction, feedback: a.feedback });
        }
      } else q.answers = answers;
      if (!q.answers.some((a) => a.fraction > 0)) throw new RowError('xlsx_correct', 'No answer has a positive grade', 'Không có đáp án nào được điểm');
      break;
    }
    case 'matching': {
      for (const o of options) {
        const m = /^([\s\S]*?)\s*(?:->|→)\s*([\s\S]*)$/.exec(o.text);
        if (!m) throw new RowError('xlsx_matching', `Option ${letter(o.index)} must be "left -> right"`, `Phương án ${letter(o.index)} phải có dạng "vế trái -> vế phải"`);
        q.pairs.push({ left: m[1].trim(), right: m[2].trim() });
      }
      if (q.pairs.filter((p) => p.left !== '').length < 2) throw new RowError('xlsx_options', 'A matching question needs at least 2 pairs', 'Câu ghép cặp cần ít nhất 2 cặp');
      break;
    }
    case 'ordering': {
      needOptions(2);
      const w = weights();
      let ordered = options;
      if (w.length) {
        if (w.length !== options.length || new Set(w.map((x) => x.index)).size !== w.length)
          throw new RowError('xlsx_correct', '"Đáp án đúng" of an ordering question must list every option once, in the right order', '"Đáp án đúng" của câu sắp xếp phải liệt kê mỗi phương án đúng một lần theo thứ tự đúng');
        ordered = w.map((x) => options.find((o) => o.index === x.index)!);
      }
      q.answers = ordered.map((o) => ({ text: o.text, fraction: 1, feedback: o.feedback }));
      break;
    }
    case 'essay':
      break;
    case 'description':
      if (q.defaultMark === undefined) q.defaultMark = 0;
      break;
    default:
      throw new RowError('xlsx_type', `Question type ${base} cannot be written in the Excel template`, `Không thể nhập loại câu hỏi ${base} từ Excel`);
  }
  return q;
}

function rowTexts(row: ExcelJS.Row): string[] {
  const out: string[] = [];
  for (let c = 1; c <= row.cellCount; c++) out.push(clean(cellText(row.getCell(c).value)));
  return out;
}

/** Parse the Excel question template (first sheet that has the header row). Never throws. */
export async function parseQuestionXlsx(buf: Buffer | Uint8Array | ArrayBuffer): Promise<ParseResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return {
      questions: [],
      errors: [err('xlsx_unreadable', 'The Excel file could not be read: it is damaged or not an .xlsx file', 'Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx')],
      categories: [],
    };
  }
  for (const ws of wb.worksheets) {
    if (ws.name === GUIDE_SHEET_NAME) continue;
    let headerRow = 0;
    let map: ColumnMap | null = null;
    for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
      const m = mapHeader(rowTexts(ws.getRow(r)));
      if (m.fields.type && m.fields.text) {
        headerRow = r;
        map = m;
        break;
      }
    }
    if (!map) continue;
    const cmap = map;
    const result: ParseResult = { questions: [], errors: [], categories: [] };
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r <= headerRow) return;
      const get = (col: number | undefined) => (col === undefined ? '' : clean(cellText(row.getCell(col).value)));
      const used = [...Object.values(cmap.fields), ...cmap.options.values(), ...cmap.optionFeedback.values()].some((c) => get(c) !== '');
      if (!used) return;
      try {
        const q = buildRow(get, cmap, r);
        const bad = checkGrades(q, { row: r });
        if (bad) result.errors.push(bad);
        else {
          result.questions.push(q);
          if (q.category && !result.categories.includes(q.category)) result.categories.push(q.category);
        }
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        result.errors.push(err(e.code, `Row ${r}: ${e.message}`, `Dòng ${r}: ${e.messageVi}`, { row: r }));
      }
    });
    if (result.questions.length === 0 && result.errors.length === 0) result.errors.push(err('xlsx_empty', 'The sheet has a header row but no questions', 'Trang tính có dòng tiêu đề nhưng chưa có câu hỏi nào'));
    flagLegacyFonts(result.questions);
    return result;
  }
  return {
    questions: [],
    errors: [err('xlsx_noheader', 'No header row with "Loại câu hỏi" and "Nội dung câu hỏi" was found in the first 10 rows', 'Không tìm thấy dòng tiêu đề có cột "Loại câu hỏi" và "Nội dung câu hỏi" trong 10 dòng đầu')],
    categories: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

function pctText(f: number): string {
  return `${fractionToPercent(f)}%`;
}

function correctCell(q: Question): string {
  const base = q.type === 'missing_word' ? q.baseType ?? 'short_answer' : q.type;
  switch (base) {
    case 'single_choice':
      return q.answers.map((a, i) => (a.fraction === 1 ? LETTERS[i] : a.fraction !== 0 ? `${LETTERS[i]}=${pctText(a.fraction)}` : '')).filter(Boolean).join('; ');
    case 'multiple_choice': {
      const pos = q.answers.filter((a) => a.fraction > 0);
      const equal = q.answers.every((a) => a.fraction >= 0) && pos.length > 0 && pos.every((a) => a.fraction === round7(1 / pos.length));
      if (equal) return q.answers.map((a, i) => (a.fraction > 0 ? LETTERS[i] : '')).filter(Boolean).join(', ');
      return q.answers.map((a, i) => (a.fraction !== 0 ? `${LETTERS[i]}=${pctText(a.fraction)}` : '')).filter(Boolean).join('; ');
    }
    case 'true_false':
      return (q.correctAnswer ?? q.answers.find((a) => a.text.toLowerCase() === 'true')?.fraction === 1) ? 'Đúng' : 'Sai';
    case 'short_answer':
    case 'numeric':
      if (q.answers.every((a) => a.fraction === 1)) return '';
      return q.answers.map((a, i) => (a.fraction === 1 ? LETTERS[i] : `${LETTERS[i]}=${pctText(a.fraction)}`)).join('; ');
    default:
      return '';
  }
}

function optionCells(q: Question): { text: string; feedback: string }[] {
  const base = q.type === 'missing_word' ? q.baseType ?? 'short_answer' : q.type;
  switch (base) {
    case 'matching':
      return q.pairs.map((p) => ({ text: `${p.left} -> ${p.right}`, feedback: '' }));
    case 'numeric':
      return q.numeric.map((n, i) => {
        const feedback = n.feedback ?? q.answers[i]?.feedback ?? '';
        if (n.syntax === 'range' && n.min !== undefined && n.max !== undefined) return { text: `${formatNumber(n.min)}..${formatNumber(n.max)}`, feedback };
        const v = n.value === '*' ? '*' : formatNumber(n.value);
        if (n.value !== '*' && (n.syntax === 'tolerance' || (n.tolerance ?? 0) !== 0)) return { text: `${v}:${formatNumber(n.tolerance ?? 0)}`, feedback };
        return { text: v, feedback };
      });
    case 'true_false':
      return [];
    case 'essay':
    case 'description':
      return [];
    default:
      return q.answers.map((a) => ({ text: a.text, feedback: a.feedback }));
  }
}

function headers(optionCount: number): string[] {
  const opts = Array.from({ length: optionCount }, (_, i) => `Phương án ${LETTERS[i]}`);
  const fbs = Array.from({ length: optionCount }, (_, i) => `Phản hồi phương án ${LETTERS[i]}`);
  return [
    FIELD_HEADERS.type,
    FIELD_HEADERS.text,
    ...opts,
    FIELD_HEADERS.correct,
    FIELD_HEADERS.points,
    FIELD_HEADERS.feedback,
    FIELD_HEADERS.category,
    FIELD_HEADERS.tags,
    FIELD_HEADERS.title,
    FIELD_HEADERS.idnumber,
    ...fbs,
  ];
}

function addGuideSheet(wb: ExcelJS.Workbook): void {
  const g = wb.addWorksheet(GUIDE_SHEET_NAME);
  g.columns = [{ width: 26 }, { width: 110 }];
  const rows: [string, string][] = [
    ['Cột', 'Cách điền'],
    ['Loại câu hỏi', `Bắt buộc. Một trong: ${Object.values(TYPE_LABELS).join('; ')}. Câu điền khuyết dựa trên loại khác: "Điền khuyết (Một đáp án)", "Điền khuyết (Số)"…`],
    ['Nội dung câu hỏi', 'Bắt buộc. Câu điền khuyết phải có chỗ trống "_____" (5 dấu gạch dưới). Xuống dòng trong ô bằng Alt+Enter.'],
    ['Phương án A…F', 'Các phương án trả lời (có thể thêm cột "Phương án G"…). Trả lời ngắn: mỗi ô là một đáp án được chấp nhận. Số: "3", "3:0,5" (giá trị:sai số), "1..5" (khoảng), "*" (mọi đáp án khác). Ghép cặp: "vế trái -> vế phải" (vế trái để trống = phương án gây nhiễu). Sắp xếp: các mục theo đúng thứ tự.'],
    ['Đáp án đúng', 'Một đáp án: "B". Nhiều đáp án: "A, C" (chia đều điểm) hoặc có trọng số "A=50%; C=50%; D=-100%". Đúng/Sai: "Đúng" hoặc "Sai". Trả lời ngắn / Số: để trống = mọi đáp án đều đúng 100%, hoặc "A; B=50%". Sắp xếp: để trống, hoặc thứ tự đúng "C, A, B". Dùng dấu ";" giữa các đáp án nếu viết số thập phân có dấu phẩy.'],
    ['Điểm', 'Điểm tối đa của câu hỏi (mặc định 1; câu Mô tả 0).'],
    ['Phản hồi', 'Phản hồi chung hiển thị sau khi trả lời.'],
    ['Danh mục', 'Đường dẫn danh mục, phân cấp bằng "/", ví dụ "Địa lý/Việt Nam". Dùng "//" cho dấu "/" trong tên.'],
    ['Thẻ', 'Các thẻ, ngăn cách bằng dấu phẩy.'],
    ['Tiêu đề, Mã câu hỏi', 'Không bắt buộc.'],
    ['Phản hồi phương án A…F', 'Không bắt buộc: phản hồi riêng cho từng phương án. Câu Đúng/Sai: A = phản hồi khi chọn "Đúng", B = khi chọn "Sai".'],
    ['Lưu ý', 'Mức điểm từng phương án phải là một trong: 100, 90, 83,33333, 80, 75, 70, 66,66667, 60, 50, 40, 33,33333, 30, 25, 20, 16,66667, 14,28571, 12,5, 11,11111, 10, 5, 0 (%) hoặc số âm tương ứng. Văn bản gõ bằng bảng mã cũ TCVN3/VNI sẽ được cảnh báo.'],
  ];
  rows.forEach((r, i) => {
    const row = g.addRow(r);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) row.font = { bold: true };
  });
}

async function buildWorkbook(questions: Question[], onSkip?: (q: Question, reason: string) => void): Promise<Buffer> {
  const exportable = questions.filter((q) => {
    if (q.type === 'cloze') {
      onSkip?.(q, `${questionLabel(q)}: the Excel template has no cloze questions`);
      return false;
    }
    return true;
  });
  const rowsData = exportable.map((q) => ({ q, options: optionCells(q) }));
  const optionCount = Math.max(6, ...rowsData.map((r) => r.options.length));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dakbla-training';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const hdr = headers(optionCount);
  ws.addRow(hdr);
  ws.getRow(1).font = { bold: true };
  ws.columns = hdr.map((h, i) => ({ width: i === 1 ? 60 : h.startsWith('Phản hồi phương án') ? 22 : 20 }));
  for (const { q, options } of rowsData) {
    const optCells = Array.from({ length: optionCount }, (_, i) => options[i]?.text ?? '');
    let fbCells = Array.from({ length: optionCount }, (_, i) => options[i]?.feedback ?? '');
    if (q.type === 'true_false' || q.baseType === 'true_false') {
      const t = q.answers.find((a) => a.text.toLowerCase() === 'true');
      const f = q.answers.find((a) => a.text.toLowerCase() === 'false');
      fbCells = Array.from({ length: optionCount }, (_, i) => (i === 0 ? t?.feedback ?? '' : i === 1 ? f?.feedback ?? '' : ''));
    }
    const r = ws.addRow([
      typeLabel(q),
      q.text,
      ...optCells,
      correctCell(q),
      q.defaultMark !== undefined ? formatNumber(q.defaultMark) : '',
      q.generalFeedback,
      q.category ?? '',
      (q.tags ?? []).join(', '),
      q.title ?? '',
      q.idnumber ?? '',
      ...fbCells,
    ]);
    r.alignment = { wrapText: true, vertical: 'top' };
    r.eachCell((c) => {
      c.numFmt = '@';
    });
  }
  const last = Math.max(200, rowsData.length + 100);
  for (let r = 2; r <= last; r++) {
    ws.getCell(r, 1).dataValidation = {
      type: 'list',
      allowBlank: true,
      showErrorMessage: false,
      formulae: [`"${Object.values(TYPE_LABELS).join(',')}"`],
    };
  }
  addGuideSheet(wb);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** Export questions to the Excel template (cloze questions cannot be written and are reported through onSkip). */
export function exportQuestionXlsx(questions: Question[], opts: { onSkip?: (q: Question, reason: string) => void } = {}): Promise<Buffer> {
  return buildWorkbook(questions, opts.onSkip);
}

/** Example questions of every type, shown in the downloadable template. */
export const TEMPLATE_EXAMPLES: Question[] = [
  {
    type: 'single_choice',
    title: 'Thủ đô',
    text: 'Thủ đô của Việt Nam là thành phố nào?',
    answers: [
      { text: 'Hà Nội', fraction: 1, feedback: 'Chính xác!' },
      { text: 'Thành phố Hồ Chí Minh', fraction: 0, feedback: '' },
      { text: 'Đà Nẵng', fraction: 0, feedback: '' },
      { text: 'Huế', fraction: 0, feedback: 'Huế là kinh đô thời Nguyễn.' },
    ],
    pairs: [],
    numeric: [],
    generalFeedback: 'Hà Nội là thủ đô từ năm 1010 (Thăng Long).',
    category: 'Ví dụ/Địa lý',
    tags: ['địa lý', 'ví dụ'],
    defaultMark: 1,
  },
  {
    type: 'multiple_choice',
    title: null,
    text: 'Những thành phố nào trực thuộc trung ương?',
    answers: [
      { text: 'Hải Phòng', fraction: 0.5, feedback: '' },
      { text: 'Cần Thơ', fraction: 0.5, feedback: '' },
      { text: 'Nha Trang', fraction: -1, feedback: 'Nha Trang thuộc tỉnh Khánh Hòa.' },
    ],
    pairs: [],
    numeric: [],
    generalFeedback: '',
    category: 'Ví dụ/Địa lý',
    defaultMark: 2,
  },
  {
    type: 'true_false',
    title: null,
    text: 'Sông Mê Kông chảy qua Việt Nam.',
    answers: [
      { text: 'True', fraction: 1, feedback: 'Đúng vậy!' },
      { text: 'False', fraction: 0, feedback: 'Sai rồi.' },
    ],
    correctAnswer: true,
    pairs: [],
    numeric: [],
    generalFeedback: '',
    category: 'Ví dụ/Địa lý',
  },
  {
    type: 'short_answer',
    title: null,
    text: 'Đỉnh núi cao nhất Việt Nam tên là gì?',
    answers: [
      { text: 'Phan Xi Păng', fraction: 1, feedback: '' },
      { text: 'Fansipan', fraction: 1, feedback: '' },
    ],
    pairs: [],
    numeric: [],
    generalFeedback: '',
    category: 'Ví dụ/Địa lý',
  },
  {
    type: 'numeric',
    title: null,
    text: 'Đỉnh Phan Xi Păng cao bao nhiêu mét?',
    answers: [{ text: '3147', fraction: 1, feedback: '' }],
    numeric: [{ value: 3147, tolerance: 10, fraction: 1, feedback: '', syntax: 'tolerance' }],
    pairs: [],
    generalFeedback: '',
    category: 'Ví dụ/Địa lý',
  },
  {
    type: 'matching',
    title: null,
    text: 'Ghép tỉnh với danh thắng.',
    answers: [],
    pairs: [
      { left: 'Quảng Ninh', right: 'Vịnh Hạ Long' },
      { left: 'Huế', right: 'Đại Nội' },
      { left: 'Quảng Nam', right: 'Phố cổ Hội An' },
    ],
    numeric: [],
    generalFeedback: '',
    category: 'Ví dụ/Địa lý',
  },
  {
    type: 'ordering',
    title: null,
    text: 'Sắp xếp các triều đại theo thứ tự thời gian.',
    answers: [
      { text: 'Nhà Lý', fraction: 1, feedback: '' },
      { text: 'Nhà Trần', fraction: 1, feedback: '' },
      { text: 'Nhà Lê sơ', fraction: 1, feedback: '' },
      { text: 'Nhà Nguyễn', fraction: 1, feedback: '' },
    ],
    pairs: [],
    numeric: [],
    generalFeedback: '',
    category: 'Ví dụ/Lịch sử',
  },
  {
    type: 'missing_word',
    baseType: 'short_answer',
    title: null,
    text: 'Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập tại Quảng trường _____ năm 1945.',
    answers: [{ text: 'Ba Đình', fraction: 1, feedback: '' }],
    pairs: [],
    numeric: [],
    generalFeedback: '',
    category: 'Ví dụ/Lịch sử',
  },
  {
    type: 'essay',
    title: null,
    text: 'Hãy trình bày vai trò của chuyển đổi số ở cấp phường.',
    answers: [],
    pairs: [],
    numeric: [],
    generalFeedback: '',
    category: 'Ví dụ/Chuyển đổi số',
    defaultMark: 5,
  },
  {
    type: 'description',
    title: null,
    text: 'Đọc kỹ đoạn văn sau trước khi trả lời các câu hỏi tiếp theo.',
    answers: [],
    pairs: [],
    numeric: [],
    generalFeedback: '',
    category: 'Ví dụ/Chuyển đổi số',
  },
];

/** The downloadable template: Vietnamese headers, one example row per question type, and the "Hướng dẫn" sheet. */
export function buildQuestionTemplate(): Promise<Buffer> {
  return buildWorkbook(TEMPLATE_EXAMPLES);
}

export type { ParseError };
