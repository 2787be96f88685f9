/**
 * Moodle XML import/export (qformat_xml): categories, multichoice (single / multiple with per-option weights,
 * partial credit, negative marks), truefalse, shortanswer, numerical, match(ing), ordering, essay, description
 * and cloze (multianswer). Errors carry the line of the <question> element; a file that is not XML is one error.
 */
import { checkGrades } from './grades';
import {
  decodeText,
  defaultQuestionName,
  err,
  flagLegacyFonts,
  formatNumber,
  fractionToPercent,
  isNumeric,
  phpTrim,
  questionLabel,
  round7,
  splitCategoryPath,
  type Answer,
  type CategoryInfo,
  type ClozeSubquestion,
  type EmbeddedFile,
  type Hint,
  type NumericAnswer,
  type ParseError,
  type ParseResult,
  type Question,
  type TextFormat,
} from './question';
import { cdataOrText, child, childElements, childText, escapeXmlAttr, escapeXmlText, ownText, parseXml, XmlSyntaxError, type XmlElement } from './xml-lite';

const FORMAT_IN: Record<string, TextFormat> = { moodle_auto_format: 'moodle', html: 'html', plain_text: 'plain', markdown: 'markdown', moodle: 'moodle', plain: 'plain' };
const FORMAT_OUT: Record<TextFormat, string> = { moodle: 'moodle_auto_format', html: 'html', plain: 'plain_text', markdown: 'markdown' };

function fmtOf(el: XmlElement | undefined, def: TextFormat): TextFormat {
  const f = el?.attrs.format;
  return (f && FORMAT_IN[f]) || def;
}

/** <x format="…"><text>…</text></x> → trimmed text and format. */
function textField(el: XmlElement | undefined, def: TextFormat): { text: string; format: TextFormat } {
  return { text: phpTrim(childText(el, 'text') ?? ''), format: fmtOf(el, def) };
}

function bool(el: XmlElement, name: string, def: boolean): boolean {
  const t = childText(el, name);
  if (t === undefined) return def;
  const v = phpTrim(t).toLowerCase();
  return !(v === 'false' || v === '0' || v === '');
}

function num(el: XmlElement, name: string): number | undefined {
  const t = childText(el, name);
  if (t === undefined || !isNumeric(t)) return undefined;
  return Number(t);
}

function files(el: XmlElement | undefined, field: string): EmbeddedFile[] {
  if (!el) return [];
  return childElements(el, 'file').map((f) => ({
    field,
    name: f.attrs.name ?? '',
    path: f.attrs.path ?? '/',
    encoding: 'base64' as const,
    data: ownText(f).replace(/\s+/g, ''),
  }));
}

const QTYPES: Record<string, Question['type']> = {
  multichoice: 'single_choice',
  truefalse: 'true_false',
  shortanswer: 'short_answer',
  numerical: 'numeric',
  match: 'matching',
  matching: 'matching',
  essay: 'essay',
  description: 'description',
  cloze: 'cloze',
  multianswer: 'cloze',
  ordering: 'ordering',
};

class QuestionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Cloze (multianswer) text
// ---------------------------------------------------------------------------------------------

const CLOZE_TYPES: Record<string, { type: ClozeSubquestion['type']; caseSensitive?: boolean; shuffle?: boolean }> = {
  SHORTANSWER: { type: 'short_answer', caseSensitive: false },
  SA: { type: 'short_answer', caseSensitive: false },
  MW: { type: 'short_answer', caseSensitive: false },
  SHORTANSWER_C: { type: 'short_answer', caseSensitive: true },
  SAC: { type: 'short_answer', caseSensitive: true },
  MWC: { type: 'short_answer', caseSensitive: true },
  NUMERICAL: { type: 'numeric' },
  NM: { type: 'numeric' },
  MULTICHOICE: { type: 'single_choice', shuffle: false },
  MC: { type: 'single_choice', shuffle: false },
  MULTICHOICE_V: { type: 'single_choice', shuffle: false },
  MCV: { type: 'single_choice', shuffle: false },
  MULTICHOICE_H: { type: 'single_choice', shuffle: false },
  MCH: { type: 'single_choice', shuffle: false },
  MULTICHOICE_S: { type: 'single_choice', shuffle: true },
  MCS: { type: 'single_choice', shuffle: true },
  MULTICHOICE_VS: { type: 'single_choice', shuffle: true },
  MCVS: { type: 'single_choice', shuffle: true },
  MULTICHOICE_HS: { type: 'single_choice', shuffle: true },
  MCHS: { type: 'single_choice', shuffle: true },
  MULTIRESPONSE: { type: 'multiple_choice', shuffle: false },
  MR: { type: 'multiple_choice', shuffle: false },
  MULTIRESPONSE_H: { type: 'multiple_choice', shuffle: false },
  MRH: { type: 'multiple_choice', shuffle: false },
  MULTIRESPONSE_S: { type: 'multiple_choice', shuffle: true },
  MRS: { type: 'multiple_choice', shuffle: true },
  MULTIRESPONSE_HS: { type: 'multiple_choice', shuffle: true },
  MRHS: { type: 'multiple_choice', shuffle: true },
};

const clozeUnescape = (s: string) => s.replace(/\\([}#~/"\\])/g, '$1');

/** Split on unescaped sep. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

function parseCloze(raw: string): { text: string; subquestions: ClozeSubquestion[]; problems: string[] } {
  const subs: ClozeSubquestion[] = [];
  const problems: string[] = [];
  let text = '';
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf('{', i);
    if (open < 0) break;
    const head = /^\{(\d*(?:\.\d+)?):([A-Z_]+):/.exec(raw.slice(open));
    if (!head || !(head[2] in CLOZE_TYPES)) {
      text += raw.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    let j = open + head[0].length;
    while (j < raw.length && raw[j] !== '}') j += raw[j] === '\\' ? 2 : 1;
    if (j >= raw.length) {
      problems.push(`embedded answer "${raw.slice(open, open + 40)}…" has no closing "}"`);
      break;
    }
    const spec = CLOZE_TYPES[head[2]];
    const n = subs.length + 1;
    const body = raw.slice(open + head[0].length, j);
    const answers: Answer[] = [];
    const numeric: NumericAnswer[] = [];
    for (const part of splitUnescaped(body, '~')) {
      let p = part;
      let fraction = 0;
      if (p.startsWith('=')) {
        fraction = 1;
        p = p.slice(1);
      } else {
        const w = /^%(-?\d+(?:\.\d+)?)%/.exec(p);
        if (w) {
          fraction = round7(Number(w[1]) / 100);
          p = p.slice(w[0].length);
        }
      }
      const [a, ...fb] = splitUnescaped(p, '#');
      const answerText = clozeUnescape(a).trim();
      const feedback = clozeUnescape(fb.join('#')).trim();
      if (answerText === '' && !feedback) continue;
      answers.push({ text: answerText, fraction, feedback });
      if (spec.type === 'numeric') {
        const [v, tol] = answerText.split(':');
        if (v.trim() === '*') numeric.push({ value: '*', tolerance: 0, fraction, feedback });
        else if (!isNumeric(v) || (tol !== undefined && !isNumeric(tol))) problems.push(`{#${n}}: The answer must be a number, for example -1.234 or 3e8, or '*'.`);
        else numeric.push({ value: Number(v), tolerance: tol === undefined ? 0 : Number(tol), fraction, feedback });
      }
    }
    const sub: ClozeSubquestion = { placeholder: `{#${n}}`, type: spec.type, keyword: head[2], defaultMark: head[1] === '' ? 1 : Number(head[1]), answers };
    if (spec.caseSensitive !== undefined) sub.caseSensitive = spec.caseSensitive;
    if (spec.shuffle !== undefined) sub.shuffleAnswers = spec.shuffle;
    if (spec.type === 'numeric') sub.numeric = numeric;
    if ((spec.type === 'single_choice' || spec.type === 'multiple_choice') && answers.length < 2) problems.push(`{#${n}}: This type of question requires at least 2 choices`);
    else if (spec.type === 'single_choice' || spec.type === 'short_answer') {
      if (answers.length === 0) problems.push(`{#${n}}: no answers`);
      else if (!answers.some((a) => Math.abs(a.fraction - 1) < 1e-7))
        problems.push(`{#${n}}: One of the answers should have a score of 100% so it is possible to get full marks for this question.`);
    } else if (spec.type === 'multiple_choice' && !answers.some((a) => a.fraction > 0)) problems.push(`{#${n}}: at least one choice must have a positive grade`);
    subs.push(sub);
    text += raw.slice(i, open) + `{#${n}}`;
    i = j + 1;
  }
  text += raw.slice(i);
  return { text, subquestions: subs, problems };
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

function readAnswers(q: XmlElement, fmt: TextFormat): (Answer & { el: XmlElement })[] {
  return childElements(q, 'answer').map((a) => {
    const fr = a.attrs.fraction ?? '0';
    if (!isNumeric(fr)) throw new QuestionError('invalidfraction', `Answer fraction "${fr}" is not a number`, `Tỷ lệ điểm "${fr}" của phương án không phải là số`);
    const fb = textField(child(a, 'feedback'), fmt);
    return { text: phpTrim(childText(a, 'text') ?? ownText(a)), fraction: round7(Number(fr) / 100), feedback: fb.text, format: fmtOf(a, fmt), feedbackFormat: fb.format, el: a };
  });
}

const strip = ({ el: _el, ...a }: Answer & { el: XmlElement }): Answer => a;

function combined(q: XmlElement, fmt: TextFormat): Question['combinedFeedback'] | undefined {
  const c = child(q, 'correctfeedback');
  const p = child(q, 'partiallycorrectfeedback');
  const i = child(q, 'incorrectfeedback');
  if (!c && !p && !i) return undefined;
  return { correct: textField(c, fmt).text, partiallyCorrect: textField(p, fmt).text, incorrect: textField(i, fmt).text, format: fmtOf(c ?? p ?? i, fmt) };
}

function hints(q: XmlElement, fmt: TextFormat): Hint[] | undefined {
  const hs = childElements(q, 'hint');
  if (!hs.length) return undefined;
  return hs.map((h) => ({ text: phpTrim(childText(h, 'text') ?? ''), format: fmtOf(h, fmt), shownumcorrect: !!child(h, 'shownumcorrect'), clearwrong: !!child(h, 'clearwrong') }));
}

function readQuestion(qel: XmlElement, category: string | null): Question {
  const xmlType = qel.attrs.type ?? '';
  const type = QTYPES[xmlType];
  if (!type) throw new QuestionError('xmltypeunsupported', `Unsupported question type "${xmlType}"`, `Không hỗ trợ loại câu hỏi "${xmlType}"`);
  const qt = child(qel, 'questiontext');
  const fmt = fmtOf(qt, 'moodle');
  const text = phpTrim(childText(qt, 'text') ?? '');
  const name = phpTrim(childText(child(qel, 'name'), 'text') ?? childText(qel, 'name') ?? '');
  const gf = textField(child(qel, 'generalfeedback'), fmt);
  const q: Question = {
    type,
    title: name === '' ? null : name,
    text,
    textFormat: fmt,
    answers: [],
    pairs: [],
    numeric: [],
    generalFeedback: gf.text,
    generalFeedbackFormat: gf.format,
    category,
    line: qel.line,
  };
  const dg = num(qel, 'defaultgrade');
  if (dg !== undefined) q.defaultMark = dg;
  else if (type === 'description') q.defaultMark = 0;
  const pen = num(qel, 'penalty');
  if (pen !== undefined) q.penalty = pen;
  const idn = phpTrim(childText(qel, 'idnumber') ?? '');
  if (idn) q.idnumber = idn;
  const tags = childElements(child(qel, 'tags') ?? { name: '', attrs: {}, children: [], line: 0 }, 'tag').map((t) => phpTrim(childText(t, 'text') ?? ownText(t)));
  if (tags.length) q.tags = tags;
  const h = hints(qel, fmt);
  if (h) q.hints = h;
  const fs = [...files(qt, 'questiontext'), ...files(child(qel, 'generalfeedback'), 'generalfeedback')];

  switch (type) {
    case 'single_choice': {
      const single = bool(qel, 'single', true);
      q.type = single ? 'single_choice' : 'multiple_choice';
      q.single = single;
      q.shuffleAnswers = bool(qel, 'shuffleanswers', true);
      q.answerNumbering = phpTrim(childText(qel, 'answernumbering') ?? 'abc');
      if (child(qel, 'shownumcorrect')) q.showNumCorrect = true;
      const cf = combined(qel, fmt);
      if (cf) q.combinedFeedback = cf;
      const answers = readAnswers(qel, fmt);
      answers.forEach((a, i) => fs.push(...files(a.el, `answer[${i}]`)));
      q.answers = answers.map(strip);
      if (q.answers.length < 2)
        throw new QuestionError('notenoughanswers', 'This type of question requires at least 2 choices', 'Loại câu hỏi này cần ít nhất 2 phương án');
      break;
    }
    case 'true_false': {
      let correct: boolean | undefined;
      let fbTrue = { text: '', format: fmt };
      let fbFalse = { text: '', format: fmt };
      childElements(qel, 'answer').forEach((a, i) => {
        let t = phpTrim(childText(a, 'text') ?? '').toLowerCase();
        if (t !== 'true' && t !== 'false') t = i === 0 ? 'true' : 'false';
        const fb = textField(child(a, 'feedback'), fmt);
        const isFull = Number(a.attrs.fraction ?? 0) === 100;
        if (t === 'true') {
          correct = isFull;
          fbTrue = fb;
        } else {
          if (correct === undefined) correct = !isFull;
          fbFalse = fb;
        }
      });
      if (correct === undefined) throw new QuestionError('notenoughanswers', 'A true/false question needs its "true" and "false" answers', 'Câu hỏi Đúng/Sai cần có hai phương án "true" và "false"');
      q.correctAnswer = correct;
      q.answers = [
        { text: 'True', fraction: correct ? 1 : 0, feedback: fbTrue.text, feedbackFormat: fbTrue.format },
        { text: 'False', fraction: correct ? 0 : 1, feedback: fbFalse.text, feedbackFormat: fbFalse.format },
      ];
      break;
    }
    case 'short_answer': {
      q.caseSensitive = bool(qel, 'usecase', false);
      q.answers = readAnswers(qel, fmt).map(strip);
      if (q.answers.length === 0) throw new QuestionError('notenoughanswers', 'A short-answer question needs at least one answer', 'Câu hỏi trả lời ngắn cần ít nhất một đáp án');
      break;
    }
    case 'numeric': {
      const answers = readAnswers(qel, fmt);
      for (const a of answers) {
        const tolRaw = phpTrim(childText(a.el, 'tolerance') ?? '');
        const value: number | '*' = a.text === '*' ? '*' : isNumeric(a.text) ? Number(a.text) : NaN;
        if (typeof value === 'number' && Number.isNaN(value))
          throw new QuestionError('errornotnumbers', `The answer must be a number, for example -1.234 or 3e8, or '*' (got "${a.text}")`, `Đáp án phải là số, ví dụ -1,234 hoặc 3e8, hoặc '*' (nhận được "${a.text}")`);
        if (tolRaw !== '' && !isNumeric(tolRaw))
          throw new QuestionError('errornotnumbers', `Tolerance "${tolRaw}" is not a number`, `Sai số cho phép "${tolRaw}" không phải là số`);
        q.numeric.push({ value, tolerance: tolRaw === '' ? 0 : Number(tolRaw), fraction: a.fraction, feedback: a.feedback });
      }
      q.answers = answers.map(strip);
      if (q.answers.length === 0) throw new QuestionError('giftnonumericalanswers', 'No answers found for numerical question', 'Câu hỏi dạng số không có đáp án nào');
      break;
    }
    case 'matching': {
      q.shuffleAnswers = bool(qel, 'shuffleanswers', true);
      const cf = combined(qel, fmt);
      if (cf) q.combinedFeedback = cf;
      q.pairs = childElements(qel, 'subquestion').map((s) => ({
        left: phpTrim(childText(s, 'text') ?? ''),
        right: phpTrim(childText(child(s, 'answer'), 'text') ?? childText(s, 'answer') ?? ''),
        leftFormat: fmtOf(s, fmt),
      }));
      if (q.pairs.filter((p) => p.left !== '').length < 2)
        throw new QuestionError('notenoughanswers', 'A matching question needs at least 2 pairs', 'Câu hỏi ghép cặp cần ít nhất 2 cặp');
      break;
    }
    case 'ordering': {
      const answers = readAnswers(qel, fmt);
      const positions = answers.map((a) => a.fraction);
      const sorted = new Set(positions).size === positions.length ? [...answers].sort((x, y) => x.fraction - y.fraction) : answers;
      q.answers = sorted.map((a) => ({ text: a.text, fraction: 1, feedback: a.feedback, format: a.format, feedbackFormat: a.feedbackFormat }));
      const cf = combined(qel, fmt);
      if (cf) q.combinedFeedback = cf;
      if (q.answers.length < 2) throw new QuestionError('notenoughanswers', 'An ordering question needs at least 2 items', 'Câu hỏi sắp xếp cần ít nhất 2 mục');
      break;
    }
    case 'essay': {
      const gi = textField(child(qel, 'graderinfo'), fmt);
      const rt = textField(child(qel, 'responsetemplate'), fmt);
      q.essayOptions = {
        responseformat: phpTrim(childText(qel, 'responseformat') ?? 'editor'),
        responserequired: num(qel, 'responserequired') ?? 1,
        responsefieldlines: num(qel, 'responsefieldlines') ?? 15,
        attachments: num(qel, 'attachments') ?? 0,
        attachmentsrequired: num(qel, 'attachmentsrequired') ?? 0,
        graderinfo: gi,
        responsetemplate: rt,
      };
      // Moodle 3.10+: word limits (only when present, so older files parse as before)
      for (const k of ['minwordlimit', 'maxwordlimit']) {
        const n = num(qel, k);
        if (n !== undefined && n > 0) q.essayOptions[k] = n;
      }
      break;
    }
    case 'description':
      break;
    case 'cloze': {
      const parsed = parseCloze(text);
      if (parsed.subquestions.length === 0)
        throw new QuestionError(
          'questionsmissing',
          'Invalid embedded answers (Cloze) question: The question text must include at least one embedded answer.',
          'Câu hỏi Cloze không hợp lệ: nội dung phải chứa ít nhất một ô trả lời nhúng dạng {1:SHORTANSWER:=đáp án}.',
        );
      if (parsed.problems.length)
        throw new QuestionError(
          'invalidcloze',
          `Invalid embedded answers (Cloze) question: ${parsed.problems.join('; ')}`,
          `Câu hỏi Cloze không hợp lệ: ${parsed.problems.join('; ')}`,
        );
      q.rawText = text;
      q.text = parsed.text;
      q.subquestions = parsed.subquestions;
      if (dg === undefined) q.defaultMark = parsed.subquestions.reduce((s, x) => s + x.defaultMark, 0);
      break;
    }
  }
  if (fs.length) q.files = fs;
  return q;
}

function categoryDetail(qel: XmlElement): CategoryInfo {
  const c = child(qel, 'category');
  const path = phpTrim(childText(c, 'text') ?? ownText(c));
  const segs = splitCategoryPath(path).filter((s) => s !== '');
  const isContext = (s: string | undefined) => s === undefined || /^\$[a-z]+\$$/.test(s) || s === 'top';
  const name = segs[segs.length - 1] ?? '';
  const parent = isContext(segs[segs.length - 2]) ? 'top' : segs[segs.length - 2];
  const info = child(qel, 'info');
  const idn = childText(qel, 'idnumber');
  return {
    path,
    name,
    parent,
    info: phpTrim(childText(info, 'text') ?? ''),
    infoFormat: fmtOf(info, 'moodle'),
    idnumber: idn === undefined || phpTrim(idn) === '' ? null : phpTrim(idn),
  };
}

/** Parse a Moodle XML file (string or UTF-8 bytes, BOM optional). */
export function parseMoodleXml(input: string | Buffer | Uint8Array): ParseResult {
  const src = decodeText(input);
  let root: XmlElement;
  try {
    root = parseXml(src);
  } catch (e) {
    if (e instanceof XmlSyntaxError) {
      return {
        questions: [],
        errors: [err('xmlparseerror', `Not well-formed XML: ${e.message}`, `Tệp XML sai cú pháp: ${e.message.replace(/\(line (\d+)\)/, '(dòng $1)')}`, { line: e.line })],
        categories: [],
      };
    }
    throw e;
  }
  if (root.name !== 'quiz') {
    return { questions: [], errors: [err('notquizfile', `The root element is <${root.name}>, expected <quiz>`, `Phần tử gốc là <${root.name}>, cần là <quiz> (tệp Moodle XML)`, { line: root.line })], categories: [] };
  }
  const result: ParseResult = { questions: [], errors: [], categories: [], categoryDetails: [] };
  const qels = childElements(root, 'question');
  if (qels.length === 0) return { questions: [], errors: [err('noquestionsinfile', 'There are no questions in the import file', 'Tệp không có câu hỏi nào', { line: root.line })], categories: [] };
  let category: string | null = null;
  for (const qel of qels) {
    if (qel.attrs.type === 'category') {
      const d = categoryDetail(qel);
      category = d.path;
      const existing = result.categoryDetails!.find((x) => x.path === d.path);
      if (existing) Object.assign(existing, d);
      else {
        result.categoryDetails!.push(d);
        result.categories.push(d.path);
      }
      continue;
    }
    const name = phpTrim(childText(child(qel, 'name'), 'text') ?? '') || defaultQuestionName(phpTrim(childText(child(qel, 'questiontext'), 'text') ?? ''));
    try {
      const q = readQuestion(qel, category);
      const bad = checkGrades(q, { line: qel.line });
      if (bad) result.errors.push(bad);
      else result.questions.push(q);
    } catch (e) {
      if (!(e instanceof QuestionError)) throw e;
      const plainName = name.replace(/<[^>]*>/g, '');
      result.errors.push(
        err(e.code, `Error importing question "${plainName}": ${e.message}`, `Lỗi khi nhập câu hỏi "${plainName}": ${e.messageVi}`, { line: qel.line, question: plainName }),
      );
    }
  }
  if (result.errors.length) {
    result.errors.push(
      err(
        'importparseerror',
        `Errors occurred while parsing the import file (${result.errors.length}); fix them before importing`,
        `Có ${result.errors.length} lỗi khi đọc tệp nhập; hãy sửa trước khi nhập`,
      ),
    );
  }
  flagLegacyFonts(result.questions);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

const I = (n: number) => '  '.repeat(n);

function textEl(tag: string, text: string, format: TextFormat | undefined, depth: number, extra = ''): string {
  const f = format ? ` format="${FORMAT_OUT[format]}"` : '';
  return `${I(depth)}<${tag}${f}>\n${I(depth + 1)}<text>${cdataOrText(text)}</text>\n${extra}${I(depth)}</${tag}>\n`;
}

function simple(tag: string, value: string | number, depth: number): string {
  return `${I(depth)}<${tag}>${escapeXmlText(String(value))}</${tag}>\n`;
}

function answerEl(a: Answer, fraction: number | string, fmt: TextFormat, depth: number, extra = '', withFormat = true): string {
  const f = withFormat ? ` format="${FORMAT_OUT[a.format ?? fmt]}"` : '';
  return (
    `${I(depth)}<answer fraction="${escapeXmlAttr(String(fraction))}"${f}>\n` +
    `${I(depth + 1)}<text>${cdataOrText(a.text)}</text>\n` +
    textEl('feedback', a.feedback, a.feedbackFormat ?? fmt, depth + 1) +
    extra +
    `${I(depth)}</answer>\n`
  );
}

function clozeAnswerText(s: string): string {
  return s.replace(/[\\}#~/"]/g, (c) => '\\' + c);
}

function rebuildClozeText(q: Question): string {
  let text = q.text;
  for (const s of q.subquestions ?? []) {
    const items = s.answers.map((a) => {
      const head = a.fraction === 1 ? '=' : a.fraction === 0 ? '' : `%${fractionToPercent(a.fraction)}%`;
      return head + clozeAnswerText(a.text) + (a.feedback ? '#' + clozeAnswerText(a.feedback) : '');
    });
    text = text.replace(s.placeholder, `{${formatNumber(s.defaultMark)}:${s.keyword}:${items.join('~')}}`);
  }
  return text;
}

function exportQuestion(q: Question): string | null {
  const fmt = q.textFormat ?? 'moodle';
  const base = q.type === 'missing_word' ? q.baseType ?? 'short_answer' : q.type;
  const xmlType: Record<string, string> = {
    single_choice: 'multichoice',
    multiple_choice: 'multichoice',
    true_false: 'truefalse',
    short_answer: 'shortanswer',
    numeric: 'numerical',
    matching: 'matching',
    ordering: 'ordering',
    essay: 'essay',
    description: 'description',
    cloze: 'cloze',
  };
  const t = xmlType[base];
  if (!t) return null;
  const text = base === 'cloze' ? q.rawText ?? rebuildClozeText(q) : q.text;
  let s = `  <question type="${t}">\n`;
  s += `    <name>\n      <text>${cdataOrText(q.title ?? defaultQuestionName(q.text))}</text>\n    </name>\n`;
  const qfiles = (q.files ?? []).filter((f) => f.field === 'questiontext');
  const fileEls = qfiles.map((f) => `${I(3)}<file name="${escapeXmlAttr(f.name)}" path="${escapeXmlAttr(f.path)}" encoding="base64">${f.data}</file>\n`).join('');
  s += textEl('questiontext', text, fmt, 2, fileEls);
  s += textEl('generalfeedback', q.generalFeedback, q.generalFeedbackFormat ?? fmt, 2);
  s += simple('defaultgrade', formatNumber(q.defaultMark ?? (base === 'description' ? 0 : 1)), 2);
  s += simple('penalty', formatNumber(q.penalty ?? (base === 'true_false' ? 1 : 0.3333333)), 2);
  s += simple('hidden', 0, 2);
  if (q.idnumber) s += simple('idnumber', q.idnumber, 2);
  const cf = q.combinedFeedback;
  const combinedEls = cf
    ? textEl('correctfeedback', cf.correct, cf.format ?? fmt, 2) + textEl('partiallycorrectfeedback', cf.partiallyCorrect, cf.format ?? fmt, 2) + textEl('incorrectfeedback', cf.incorrect, cf.format ?? fmt, 2)
    : '';
  switch (base) {
    case 'single_choice':
    case 'multiple_choice':
      s += simple('single', base === 'single_choice' ? 'true' : 'false', 2);
      s += simple('shuffleanswers', q.shuffleAnswers === false ? 'false' : 'true', 2);
      s += simple('answernumbering', q.answerNumbering ?? 'abc', 2);
      s += combinedEls;
      if (q.showNumCorrect) s += `${I(2)}<shownumcorrect/>\n`;
      for (const a of q.answers) s += answerEl(a, fractionToPercent(a.fraction), fmt, 2);
      break;
    case 'true_false': {
      const correct = q.correctAnswer ?? q.answers.find((a) => a.text.toLowerCase() === 'true')?.fraction === 1;
      const tr = q.answers.find((a) => a.text.toLowerCase() === 'true') ?? { text: 'True', fraction: 0, feedback: '' };
      const fa = q.answers.find((a) => a.text.toLowerCase() === 'false') ?? { text: 'False', fraction: 0, feedback: '' };
      s += answerEl({ ...tr, text: 'true', format: 'moodle' }, correct ? 100 : 0, fmt, 2);
      s += answerEl({ ...fa, text: 'false', format: 'moodle' }, correct ? 0 : 100, fmt, 2);
      break;
    }
    case 'short_answer':
      s += simple('usecase', q.caseSensitive ? 1 : 0, 2);
      for (const a of q.answers) s += answerEl({ ...a, format: a.format ?? 'moodle' }, fractionToPercent(a.fraction), fmt, 2);
      break;
    case 'numeric':
      q.numeric.forEach((n, i) => {
        const a = q.answers[i] ?? { text: String(n.value), fraction: n.fraction ?? 1, feedback: n.feedback ?? '' };
        const value = n.value === '*' ? '*' : formatNumber(n.value);
        s += answerEl({ ...a, text: value, format: 'moodle' }, fractionToPercent(n.fraction ?? a.fraction), fmt, 2, simple('tolerance', n.tolerance === null ? '' : formatNumber(n.tolerance), 3));
      });
      break;
    case 'matching':
      s += simple('shuffleanswers', q.shuffleAnswers === false ? 'false' : 'true', 2);
      s += combinedEls;
      for (const p of q.pairs) {
        s += `${I(2)}<subquestion format="${FORMAT_OUT[p.leftFormat ?? fmt]}">\n${I(3)}<text>${cdataOrText(p.left)}</text>\n${I(3)}<answer>\n${I(4)}<text>${cdataOrText(p.right)}</text>\n${I(3)}</answer>\n${I(2)}</subquestion>\n`;
      }
      break;
    case 'ordering':
      s += simple('layouttype', 'VERTICAL', 2) + simple('selecttype', 'ALL', 2) + simple('selectcount', 0, 2) + simple('gradingtype', 'ABSOLUTE_POSITION', 2);
      s += combinedEls;
      q.answers.forEach((a, i) => (s += answerEl(a, i + 1, fmt, 2)));
      break;
    case 'essay': {
      const o = (q.essayOptions ?? {}) as Record<string, unknown>;
      const gi = (o.graderinfo as { text: string; format: TextFormat } | undefined) ?? { text: '', format: fmt };
      const rt = (o.responsetemplate as { text: string; format: TextFormat } | undefined) ?? { text: '', format: fmt };
      s += simple('responseformat', String(o.responseformat ?? 'editor'), 2);
      s += simple('responserequired', Number(o.responserequired ?? 1), 2);
      s += simple('responsefieldlines', Number(o.responsefieldlines ?? 15), 2);
      s += simple('attachments', Number(o.attachments ?? 0), 2);
      s += simple('attachmentsrequired', Number(o.attachmentsrequired ?? 0), 2);
      s += textEl('graderinfo', gi.text, gi.format, 2);
      s += textEl('responsetemplate', rt.text, rt.format, 2);
      for (const k of ['minwordlimit', 'maxwordlimit']) if (typeof o[k] === 'number' && (o[k] as number) > 0) s += simple(k, o[k] as number, 2);
      break;
    }
    default:
      break;
  }
  for (const h of q.hints ?? []) {
    const extra = (h.shownumcorrect ? `${I(3)}<shownumcorrect/>\n` : '') + (h.clearwrong ? `${I(3)}<clearwrong/>\n` : '');
    s += textEl('hint', h.text, h.format ?? fmt, 2, extra);
  }
  if (q.tags?.length) s += `${I(2)}<tags>\n${q.tags.map((tg) => `${I(3)}<tag><text>${cdataOrText(tg)}</text></tag>\n`).join('')}${I(2)}</tags>\n`;
  s += '  </question>\n';
  return s;
}

/** Write questions as Moodle XML, with a category record whenever the category changes. */
export function exportMoodleXml(questions: Question[], opts: { onSkip?: (q: Question, reason: string) => void } = {}): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n';
  let category: string | null = null;
  for (const q of questions) {
    const body = exportQuestion(q);
    if (body === null) {
      opts.onSkip?.(q, `${questionLabel(q)}: Moodle XML export does not support ${q.type}`);
      continue;
    }
    if (q.category && q.category !== category) {
      out += `  <question type="category">\n    <category>\n      <text>${cdataOrText(q.category)}</text>\n    </category>\n  </question>\n`;
      category = q.category;
    }
    out += body;
  }
  return out + '</quiz>\n';
}

export type { ParseError };
