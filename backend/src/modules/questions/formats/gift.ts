/**
 * GIFT import/export, following Moodle's qformat_gift (see backend/test/corpora/GIFT_FORMAT.md).
 * parseGift never throws: a bad question becomes an error with its line, the other questions still parse.
 * Stricter than Moodle in one place: a numerical answer that is not a number ({#abc}) is rejected
 * (Moodle silently stores "*"); pass { moodleCompat: true } to get Moodle's behaviour.
 */
import { checkGrades } from './grades';
import {
  decodeText,
  err,
  flagLegacyFonts,
  formatNumber,
  fractionToPercent,
  isNumeric,
  phpTrim,
  questionLabel,
  round7,
  type Answer,
  type NumericAnswer,
  type Pair,
  type ParseError,
  type ParseResult,
  type Question,
  type QuestionType,
  type TextFormat,
} from './question';

export interface GiftParseOptions {
  /** Reproduce Moodle exactly where it is lax (non-numeric numerical answers become "*"). Default false. */
  moodleCompat?: boolean;
  /** Check answer fractions against Moodle's allowed grades (default true). */
  checkGrades?: boolean;
}

// Escapes are swapped for private-use placeholders while the syntax is analysed, then restored.
const ESC: Record<string, string> = {
  '\\': '\uE000',
  '~': '\uE001',
  '=': '\uE002',
  '#': '\uE003',
  '{': '\uE004',
  '}': '\uE005',
  ':': '\uE006',
  n: '\uE007',
};
const UNESC: Record<string, string> = {
  '\uE000': '\\',
  '\uE001': '~',
  '\uE002': '=',
  '\uE003': '#',
  '\uE004': '{',
  '\uE005': '}',
  '\uE006': ':',
  '\uE007': '\n',
};

function escapedPre(s: string): string {
  return s.replace(/\\([\\~=#{}:n])/g, (_, c: string) => ESC[c]);
}

function escapedPost(s: string): string {
  return s.replace(/[\uE000-\uE007]/g, (c) => UNESC[c]);
}

const FORMATS: Record<string, TextFormat> = { html: 'html', moodle: 'moodle', plain: 'plain', markdown: 'markdown' };

/** "[html]text" → {text, format}; an unknown marker stays in the text. */
function parseTextWithFormat(text: string, defaultFormat: TextFormat = 'moodle'): { text: string; format: TextFormat } {
  let format = defaultFormat;
  let body = text;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    const f = end > 0 ? FORMATS[text.slice(1, end)] : undefined;
    if (f) {
      format = f;
      body = text.slice(end + 1);
    }
  }
  return { text: phpTrim(escapedPost(body)), format };
}

function commentParser(answer: string, defaultFormat: TextFormat) {
  const i = answer.indexOf('#');
  const ans = parseTextWithFormat(phpTrim(i < 0 ? answer : answer.slice(0, i)), defaultFormat);
  const feedback = i < 0 ? { text: '', format: defaultFormat } : parseTextWithFormat(phpTrim(answer.slice(i + 1)), defaultFormat);
  return { ans, feedback };
}

const WEIGHT_RE = /^%-*([0-9]{1,2})\.?([0-9]*)%/;

/** "%50%text" → [0.5, "text"]. */
function answerWeight(answer: string): [number, string] {
  const body = answer.slice(1);
  const end = body.indexOf('%');
  const raw = body.slice(0, end).replace(/^-+/, '-');
  const w = Number(raw) / 100;
  return [Number.isFinite(w) ? round7(w) : 0, body.slice(end + 1)];
}

/** PHP empty() for a string. */
const phpEmpty = (s: string | undefined) => s === undefined || s === '' || s === '0';

function splitAnswers(answerText: string, sep: string): string[] {
  const parts = answerText.split(sep);
  parts[0] = phpTrim(parts[0]);
  if (phpEmpty(parts[0])) parts.shift();
  return parts;
}

/** Comment metadata (Moodle 3.6+): [id:xxx] and [tag:yyy]; "\]" is a literal "]"; a value cannot span lines. */
export function extractIdnumberAndTags(comment: string): { idnumber: string; tags: string[] } {
  const id = /\[id:((?:\\\]|[^\]\n])+?)\]/.exec(comment);
  const idnumber = id ? id[1].replace(/\\\]/g, ']').trim() : '';
  const tags: string[] = [];
  for (const m of comment.matchAll(/\[tag:((?:\\\]|[^\]\n])+?)\]/g)) {
    const t = m[1].replace(/\\\]/g, ']').trim();
    if (t) tags.push(t);
  }
  return { idnumber, tags };
}

const MSG = {
  braceerror: ['Could not find {...} around answers', 'Không tìm thấy cặp ngoặc {...} bao quanh phần đáp án'],
  importminerror: [
    'There is an error in the question. There are not enough answers for this question type',
    'Câu hỏi có lỗi: không đủ số đáp án cho loại câu hỏi này',
  ],
  giftmatchingformat: ['Matching question answers are improperly formatted', 'Các cặp của câu hỏi ghép cặp viết sai định dạng (thiếu "->")'],
  giftnonumericalanswers: ['No answers found for numerical question', 'Câu hỏi dạng số không có đáp án nào'],
  errornotnumbers: ['Answers must be numeric', 'Đáp án phải là số'],
} as const;

interface Block {
  lines: string[];
  line: number;
}

/** Blocks separated by blank lines (a line that is only "0" counts as blank, as in Moodle); every line trimmed. */
function splitBlocks(text: string): Block[] {
  const lines = !text.includes('\n') && text.includes('\r') ? text.split('\r') : text.split('\n');
  const blocks: Block[] = [];
  let cur: Block | null = null;
  lines.forEach((raw, i) => {
    const line = phpTrim(raw);
    if (phpEmpty(line)) {
      if (cur) blocks.push(cur);
      cur = null;
    } else {
      if (!cur) cur = { lines: [], line: i + 1 };
      cur.lines.push(line);
    }
  });
  if (cur) blocks.push(cur);
  return blocks;
}

type BlockResult = { kind: 'category'; category: string } | { kind: 'question'; question: Question } | { kind: 'error'; error: ParseError } | { kind: 'empty' };

function readQuestion(block: Block, category: string | null, opts: GiftParseOptions): BlockResult {
  const line = block.line;
  let comments = '';
  const lines = block.lines.map((l) => {
    if (l.startsWith('//')) {
      comments += l + '\n';
      return ' ';
    }
    return l;
  });
  let text = phpTrim(lines.join('\n'));
  if (text === '') return { kind: 'empty' };
  text = escapedPre(text);

  if (text.startsWith('$CATEGORY:')) return { kind: 'category', category: phpTrim(escapedPost(text.slice(10))) };

  const fail = (code: keyof typeof MSG, detail?: string): BlockResult => {
    const [en, vi] = MSG[code];
    const snippet = escapedPost(text).replace(/\s+/g, ' ').slice(0, 120);
    return {
      kind: 'error',
      error: err(code, detail ? `${en}: ${detail}` : en, vi, { line, question: snippet }),
    };
  };

  let title: string | null = null;
  if (text.startsWith('::')) {
    text = text.slice(2);
    const end = text.indexOf('::');
    if (end >= 0) {
      title = phpTrim(escapedPost(text.slice(0, end)));
      text = phpTrim(text.slice(end + 2));
    }
  }

  const start = text.indexOf('{');
  const finish = text.indexOf('}');
  let description = false;
  let answerText = '';
  if (start < 0 && finish < 0) description = true;
  else if (start < 0 || finish < 0 || finish < start) return fail('braceerror');
  else answerText = phpTrim(text.slice(start + 1, finish));

  let questionText: string;
  let missingWord = false;
  if (description) questionText = text;
  else if (text.endsWith('}')) questionText = text.slice(0, start) + text.slice(finish + 1);
  else {
    questionText = text.slice(0, start) + '_____' + text.slice(finish + 1);
    missingWord = true;
  }

  let generalFeedbackRaw = '';
  const gf = answerText.lastIndexOf('####');
  if (gf >= 0) {
    generalFeedbackRaw = answerText.slice(gf + 4);
    answerText = phpTrim(answerText.slice(0, gf));
  }

  const qt = parseTextWithFormat(questionText);
  const fmt = qt.format;
  const gfb = parseTextWithFormat(generalFeedbackRaw, fmt);

  let type: QuestionType;
  if (description) type = 'description';
  else if (answerText === '') type = 'essay';
  else if (answerText[0] === '#') type = 'numeric';
  else if (answerText.includes('~')) type = answerText.includes('=') ? 'single_choice' : 'multiple_choice';
  else if (answerText.includes('=') && answerText.includes('->')) type = 'matching';
  else {
    const hash = answerText.indexOf('#');
    const check = hash > 0 ? phpTrim(answerText.slice(0, hash)) : answerText;
    type = ['T', 'TRUE', 'F', 'FALSE'].includes(check) ? 'true_false' : 'short_answer';
  }

  const q: Question = {
    type: missingWord ? 'missing_word' : type,
    baseType: type,
    title,
    text: qt.text,
    textFormat: fmt,
    answers: [],
    pairs: [],
    numeric: [],
    generalFeedback: gfb.text,
    generalFeedbackFormat: gfb.format,
    category,
    line,
  };
  const meta = extractIdnumberAndTags(comments);
  if (meta.idnumber) q.idnumber = meta.idnumber;
  if (meta.tags.length) q.tags = meta.tags;

  switch (type) {
    case 'description':
      q.defaultMark = 0;
      break;
    case 'essay':
      break;
    case 'single_choice':
    case 'multiple_choice': {
      const parts = splitAnswers(answerText.replace(/=/g, '~='), '~');
      const answers: Answer[] = [];
      for (let part of parts) {
        part = phpTrim(part);
        if (part === '') continue;
        let weight = 0;
        if (part[0] === '=') {
          weight = 1;
          part = part.slice(1);
        } else if (WEIGHT_RE.test(part)) [weight, part] = answerWeight(part);
        const { ans, feedback } = commentParser(part, fmt);
        answers.push({ text: ans.text, fraction: weight, feedback: feedback.text, format: ans.format, feedbackFormat: feedback.format });
      }
      if (answers.length < 2) return fail('importminerror');
      q.answers = answers;
      q.single = type === 'single_choice';
      break;
    }
    case 'matching': {
      const parts = splitAnswers(answerText, '=');
      if (parts.length < 2) return fail('importminerror');
      const pairs: Pair[] = [];
      for (let part of parts) {
        part = phpTrim(part);
        const arrow = part.indexOf('->');
        if (arrow < 0) return fail('giftmatchingformat');
        const left = parseTextWithFormat(part.slice(0, arrow), fmt);
        pairs.push({ left: left.text, right: phpTrim(escapedPost(part.slice(arrow + 2))), leftFormat: left.format });
      }
      q.pairs = pairs;
      break;
    }
    case 'true_false': {
      const bits = answerText.split('#');
      const head = bits.length > 3 ? [bits[0], bits[1], bits.slice(2).join('#')] : bits;
      const ans = parseTextWithFormat(phpTrim(head[0]), fmt);
      const wrong = head.length > 1 ? parseTextWithFormat(phpTrim(head[1]), fmt) : { text: '', format: fmt };
      const right = head.length > 2 ? parseTextWithFormat(phpTrim(head[2]), fmt) : { text: '', format: fmt };
      const correct = ans.text === 'T' || ans.text === 'TRUE';
      const fbTrue = correct ? right : wrong;
      const fbFalse = correct ? wrong : right;
      q.correctAnswer = correct;
      q.answers = [
        { text: 'True', fraction: correct ? 1 : 0, feedback: fbTrue.text, feedbackFormat: fbTrue.format },
        { text: 'False', fraction: correct ? 0 : 1, feedback: fbFalse.text, feedbackFormat: fbFalse.format },
      ];
      q.penalty = 1;
      break;
    }
    case 'short_answer': {
      const parts = splitAnswers(answerText, '=');
      if (parts.length < 1) return fail('importminerror');
      for (let part of parts) {
        part = phpTrim(part);
        let weight = 1;
        if (WEIGHT_RE.test(part)) [weight, part] = answerWeight(part);
        const { ans, feedback } = commentParser(part, fmt);
        q.answers.push({ text: ans.text, fraction: weight, feedback: feedback.text, feedbackFormat: feedback.format });
      }
      break;
    }
    case 'numeric': {
      let body = answerText.slice(1);
      let wrongFeedback = '';
      const tilde = body.indexOf('~');
      if (tilde >= 0) {
        wrongFeedback = body.slice(tilde);
        body = body.slice(0, tilde);
      }
      const parts = splitAnswers(body, '=');
      if (parts.length === 0) return fail('giftnonumericalanswers');
      for (let part of parts) {
        part = phpTrim(part);
        let weight = 1;
        if (WEIGHT_RE.test(part)) [weight, part] = answerWeight(part);
        const { ans, feedback } = commentParser(part, fmt);
        const a = ans.text;
        let entry: NumericAnswer;
        let shown: string;
        const range = a.indexOf('..');
        const colon = a.indexOf(':');
        if (range > 0) {
          const [minS, maxS] = [phpTrim(a.slice(0, range)), phpTrim(a.slice(range + 2))];
          if (!isNumeric(minS) || !isNumeric(maxS)) return fail('errornotnumbers', `"${a}" is not a range of two numbers`);
          const min = Number(minS);
          const max = Number(maxS);
          if (min > max && !opts.moodleCompat) return fail('errornotnumbers', `range "${a}": the minimum is greater than the maximum`);
          const value = (min + max) / 2;
          entry = { value, tolerance: max - value, min, max, syntax: 'range' };
          shown = formatNumber(value);
        } else {
          let valueS = a;
          let tolS: string | null = null;
          if (colon > 0) {
            valueS = phpTrim(a.slice(0, colon));
            tolS = phpTrim(a.slice(colon + 1));
          }
          if (tolS !== null && !isNumeric(tolS)) return fail('errornotnumbers', `tolerance "${tolS}" is not a number`);
          let value: number | '*';
          if (isNumeric(valueS)) value = Number(valueS);
          else if (valueS === '*' || opts.moodleCompat) {
            value = '*';
            valueS = '*';
          } else return fail('errornotnumbers', `"${valueS}" is not a number (Moodle would silently accept every response)`);
          entry = { value, tolerance: tolS === null ? 0 : Number(tolS), syntax: tolS === null ? 'exact' : 'tolerance' };
          shown = valueS;
        }
        entry = { value: entry.value, tolerance: entry.tolerance, ...(entry.syntax === 'range' ? { min: entry.min, max: entry.max } : {}), fraction: weight, feedback: feedback.text, syntax: entry.syntax };
        q.numeric.push(entry);
        q.answers.push({ text: shown, fraction: weight, feedback: feedback.text, feedbackFormat: feedback.format });
      }
      if (wrongFeedback) {
        const { feedback } = commentParser(wrongFeedback, fmt);
        q.numeric.push({ value: '*', tolerance: null, fraction: 0, feedback: feedback.text, syntax: 'catch-all' });
        q.answers.push({ text: '*', fraction: 0, feedback: feedback.text, feedbackFormat: feedback.format });
      }
      break;
    }
    default:
      break;
  }
  return { kind: 'question', question: q };
}

/** Parse a GIFT file (string or UTF-8 bytes, BOM optional). */
export function parseGift(input: string | Buffer | Uint8Array, opts: GiftParseOptions = {}): ParseResult {
  const text = decodeText(input);
  const result: ParseResult = { questions: [], errors: [], categories: [] };
  let category: string | null = null;
  for (const block of splitBlocks(text)) {
    const r = readQuestion(block, category, opts);
    if (r.kind === 'category') {
      category = r.category;
      if (!result.categories.includes(category)) result.categories.push(category);
    } else if (r.kind === 'error') result.errors.push(r.error);
    else if (r.kind === 'question') {
      const bad = opts.checkGrades === false ? null : checkGrades(r.question, { line: block.line });
      if (bad) result.errors.push(bad);
      else result.questions.push(r.question);
    }
  }
  flagLegacyFonts(result.questions);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

export interface GiftExportOptions {
  /** Called for each question GIFT cannot express (it is left out of the output). */
  onSkip?: (q: Question, reason: string) => void;
}

/** Escape reserved characters (\ ~ = # { } :) and turn newlines into \n. */
export function escapeGift(s: string): string {
  return s
    .replace(/\r/g, '')
    .replace(/[\\~=#{}:]/g, (c) => '\\' + c)
    .replace(/\n/g, '\\n');
}

/** Text with a format marker when it differs from the default (always when the text itself starts with "[" or "//"). */
function withFormat(text: string, format: TextFormat | undefined, def: TextFormat): string {
  const f = format ?? def;
  const needMarker = f !== def || text.startsWith('[') || text.startsWith('//') || text.startsWith('$CATEGORY:');
  return (needMarker ? `[${f}]` : '') + escapeGift(text);
}

function pct(f: number): string {
  return `%${fractionToPercent(f)}%`;
}

function feedbackPart(feedback: string, format: TextFormat | undefined, def: TextFormat): string {
  if (!feedback && (format ?? def) === def) return '';
  return '#' + withFormat(feedback, format, def);
}

function numericItem(n: NumericAnswer, q: Question, i: number): string {
  if (n.syntax === 'range' && n.min !== undefined && n.max !== undefined) return `${formatNumber(n.min)}..${formatNumber(n.max)}`;
  const v = n.value === '*' ? '*' : formatNumber(n.value);
  const tol = n.tolerance ?? 0;
  if (n.syntax === 'tolerance' || tol !== 0) return `${v}:${formatNumber(tol)}`;
  void q;
  void i;
  return v;
}

/** The {...} answer block, or null when GIFT cannot express the question. */
function answerBlock(q: Question, type: QuestionType): string | null {
  const fmt = q.textFormat ?? 'moodle';
  const gf = q.generalFeedback || (q.generalFeedbackFormat && q.generalFeedbackFormat !== fmt) ? '####' + withFormat(q.generalFeedback, q.generalFeedbackFormat, fmt) : '';
  switch (type) {
    case 'essay':
      return `{${gf}}`;
    case 'single_choice':
    case 'multiple_choice': {
      const single = type === 'single_choice';
      const items = q.answers.map((a) => {
        const text = withFormat(a.text, a.format, fmt);
        let head: string;
        if (single && a.fraction === 1) head = '=';
        else if (a.fraction === 0 && !text.startsWith('%')) head = '~';
        else head = '~' + pct(a.fraction);
        return head + text + feedbackPart(a.feedback, a.feedbackFormat, fmt);
      });
      return `{\n${items.map((i) => '\t' + i).join('\n')}\n${gf ? '\t' + gf + '\n' : ''}}`;
    }
    case 'true_false': {
      const correct = q.correctAnswer ?? q.answers.find((a) => a.text.toLowerCase() === 'true')?.fraction === 1;
      const t = q.answers.find((a) => a.text.toLowerCase() === 'true');
      const f = q.answers.find((a) => a.text.toLowerCase() === 'false');
      const right = correct ? t : f;
      const wrong = correct ? f : t;
      let s = correct ? 'TRUE' : 'FALSE';
      const wrongFb = wrong?.feedback || wrong?.feedbackFormat && wrong.feedbackFormat !== fmt ? withFormat(wrong?.feedback ?? '', wrong?.feedbackFormat, fmt) : '';
      const rightFb = right?.feedback || right?.feedbackFormat && right.feedbackFormat !== fmt ? withFormat(right?.feedback ?? '', right?.feedbackFormat, fmt) : '';
      if (wrongFb || rightFb) s += `#${wrongFb}`;
      if (rightFb) s += `#${rightFb}`;
      return `{${s}${gf}}`;
    }
    case 'short_answer': {
      if (q.answers.length === 0) return null;
      const items = q.answers.map((a) => {
        const text = withFormat(a.text, undefined, fmt);
        const head = a.fraction === 1 && !text.startsWith('%') ? '=' : '=' + pct(a.fraction);
        return head + text + feedbackPart(a.feedback, a.feedbackFormat, fmt);
      });
      return `{\n${items.map((i) => '\t' + i).join('\n')}\n${gf ? '\t' + gf + '\n' : ''}}`;
    }
    case 'numeric': {
      const entries = q.numeric.length ? q.numeric : [];
      if (entries.length === 0) return null;
      const items: string[] = [];
      let catchAll: string | null = null;
      entries.forEach((n, i) => {
        const a = q.answers[i];
        const feedback = n.feedback ?? a?.feedback ?? '';
        const fraction = n.fraction ?? a?.fraction ?? 1;
        if (n.value === '*' && (n.syntax === 'catch-all' || (fraction === 0 && n.tolerance === null)) && catchAll === null && i === entries.length - 1) {
          catchAll = '~' + feedbackPart(feedback, a?.feedbackFormat, fmt || 'moodle').replace(/^$/, '#');
          return;
        }
        items.push('=' + pct(fraction) + numericItem(n, q, i) + feedbackPart(feedback, a?.feedbackFormat, fmt));
      });
      if (items.length === 0) return null;
      return `{#\n${items.map((i) => '\t' + i).join('\n')}\n${catchAll ? '\t' + catchAll + '\n' : ''}${gf ? '\t' + gf + '\n' : ''}}`;
    }
    case 'matching': {
      if (q.pairs.length < 2) return null;
      const items = q.pairs.map((p) => `=${p.left === '' && (p.leftFormat ?? fmt) === fmt ? '' : withFormat(p.left, p.leftFormat, fmt)} -> ${escapeGift(p.right)}`);
      return `{\n${items.map((i) => '\t' + i).join('\n')}\n${gf ? '\t' + gf + '\n' : ''}}`;
    }
    default:
      return null;
  }
}

function commentMeta(q: Question): string {
  const bits: string[] = [];
  if (q.idnumber) bits.push(`[id:${q.idnumber.replace(/\]/g, '\\]')}]`);
  for (const t of q.tags ?? []) bits.push(`[tag:${t.replace(/\]/g, '\\]')}]`);
  return bits.length ? `// ${bits.join(' ')}\n` : '';
}

function exportOne(q: Question): string | { skip: string } {
  const fmt = q.textFormat ?? 'moodle';
  const title = q.title !== null && q.title !== undefined ? `::${escapeGift(q.title)}::` : '';
  if (q.type === 'description') {
    if (!q.text.includes('{') && !q.text.includes('}') && q.text === '') return { skip: 'a description needs some text' };
    return commentMeta(q) + title + withFormat(q.text, q.textFormat, 'moodle');
  }
  if (q.type === 'ordering' || q.type === 'cloze') return { skip: `GIFT has no ${q.type} questions` };
  const base = q.type === 'missing_word' ? q.baseType ?? 'short_answer' : q.type;
  const block = answerBlock(q, base);
  if (block === null) return { skip: `not enough answers to write a ${base} question` };
  const textMarked = withFormat(q.text, q.textFormat, 'moodle');
  void fmt;
  let body: string;
  if (q.type === 'missing_word') {
    const escapedBlank = '_____';
    const at = textMarked.indexOf(escapedBlank);
    if (at >= 0 && at + escapedBlank.length < textMarked.length) body = textMarked.slice(0, at) + block + textMarked.slice(at + escapedBlank.length);
    else body = textMarked + block;
  } else body = textMarked + block;
  return commentMeta(q) + title + body;
}

/** Write questions as GIFT, with a $CATEGORY: line whenever the category changes. */
export function exportGift(questions: Question[], opts: GiftExportOptions = {}): string {
  const out: string[] = [];
  let category: string | null = null;
  for (const q of questions) {
    const r = exportOne(q);
    if (typeof r !== 'string') {
      opts.onSkip?.(q, `${questionLabel(q)}: ${r.skip}`);
      continue;
    }
    if (q.category && q.category !== category) {
      out.push(`$CATEGORY: ${q.category}`);
      category = q.category;
    }
    out.push(r);
  }
  return out.join('\n\n') + '\n';
}
