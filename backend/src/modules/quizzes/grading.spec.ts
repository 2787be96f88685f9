import { buildLayout, toPlayerQuestion } from '../questions/question-render';
import type { QuestionData, QuestionVersionLike, StoredQuestionType } from '../questions/question-types';
import {
  answerKindOf, checkAgainst, checkShape, feedbackFor, gradeResponse, markFor, normaliseAnswer, parseNumber, rightAnswer,
} from './grading';

const data = (over: Partial<QuestionData>): QuestionData => ({ answers: [], pairs: [], numeric: [], generalFeedback: 'Nhận xét chung', ...over });
const version = (id: string, type: StoredQuestionType, d: QuestionData): QuestionVersionLike => ({ id, type, text: '<p>?</p>', data: d, defaultMark: 1 });

/** The player view and layout of a version in one attempt, with helpers to pick keys by text. */
function setup(v: QuestionVersionLike, seed = 'seed-1') {
  const layout = buildLayout(v, { slot: 1, seed });
  const p = toPlayerQuestion(v, { slot: 1, seed, layout });
  const key = (list: 'options' | 'left' | 'right' | 'items', text: string) => {
    const k = p[list]?.find((o) => o.text === text)?.key;
    if (!k) throw new Error(`no ${list} ${text}`);
    return k;
  };
  return { layout, p, key, grade: (r: unknown) => gradeResponse(v, layout, r as never) };
}

describe('grading: choice questions', () => {
  const single = version('s', 'single_choice', data({ single: true, answers: [
    { text: 'Hà Nội', fraction: 1, feedback: 'Đúng rồi' }, { text: 'Huế', fraction: 0, feedback: 'Sai' }, { text: 'Gần đúng', fraction: 0.5, feedback: '' },
  ] }));

  it('single choice: the chosen fraction', () => {
    const { key, grade } = setup(single);
    expect(grade({ choice: key('options', 'Hà Nội') })).toEqual({ state: 'correct', fraction: 1, chosen: [0] });
    expect(grade({ choice: key('options', 'Huế') })).toEqual({ state: 'wrong', fraction: 0, chosen: [1] });
    expect(grade({ choice: key('options', 'Gần đúng') })).toEqual({ state: 'partial', fraction: 0.5, chosen: [2] });
    expect(grade(null)).toMatchObject({ state: 'unanswered', fraction: 0 });
    expect(grade({ choice: 'unknown-key' })).toMatchObject({ state: 'unanswered', fraction: 0 });
  });

  const multi = version('m', 'multiple_choice', data({ single: false, answers: [
    { text: 'A', fraction: 0.5, feedback: 'fbA' }, { text: 'B', fraction: 0.5, feedback: 'fbB' },
    { text: 'C', fraction: -0.5, feedback: 'fbC' }, { text: 'D', fraction: -1, feedback: '' },
  ] }));

  it('multiple choice: sums fractions, negative marks subtract, clamped to [0, 1]', () => {
    const { key, grade } = setup(multi);
    expect(grade({ choices: [key('options', 'A'), key('options', 'B')] })).toEqual({ state: 'correct', fraction: 1, chosen: [0, 1] });
    expect(grade({ choices: [key('options', 'A')] })).toMatchObject({ state: 'partial', fraction: 0.5 });
    // the penalty subtracts: 0.5 + 0.5 - 0.5
    expect(grade({ choices: [key('options', 'A'), key('options', 'B'), key('options', 'C')] })).toMatchObject({ state: 'partial', fraction: 0.5, chosen: [0, 1, 2] });
    // never below 0
    expect(grade({ choices: [key('options', 'A'), key('options', 'D')] })).toMatchObject({ state: 'wrong', fraction: 0 });
    expect(grade({ choices: [key('options', 'C')] })).toMatchObject({ state: 'wrong', fraction: 0 });
    // choosing everything does not beat the penalties
    expect(grade({ choices: ['A', 'B', 'C', 'D'].map((t) => key('options', t)) })).toMatchObject({ fraction: 0 });
    expect(grade({ choices: [] })).toMatchObject({ state: 'unanswered' });
  });

  it('true/false: right or wrong, whatever the key order', () => {
    const tf = version('tf', 'true_false', data({ correctAnswer: false, answers: [{ text: 'Đúng', fraction: 0, feedback: 'x' }, { text: 'Sai', fraction: 1, feedback: 'y' }] }));
    const { key, grade } = setup(tf);
    expect(grade({ choice: key('options', 'Sai') })).toEqual({ state: 'correct', fraction: 1, chosen: [1] });
    expect(grade({ choice: key('options', 'Đúng') })).toEqual({ state: 'wrong', fraction: 0, chosen: [0] });
    const tfTrue = version('tf2', 'true_false', data({ correctAnswer: true }));
    const s2 = setup(tfTrue);
    expect(s2.grade({ choice: s2.key('options', 'Đúng') }).fraction).toBe(1);
  });
});

describe('grading: short answer', () => {
  const sa = (over: Partial<QuestionData> = {}) => version('sa', 'short_answer', data({ answers: [
    { text: 'Chữ ký số', fraction: 1, feedback: 'Chính xác' }, { text: 'chữ ký', fraction: 0.5, feedback: 'Gần đúng' },
  ], ...over }));

  it('NFC, trim, whitespace collapse and case fold by default; diacritics count', () => {
    const { grade } = setup(sa());
    expect(grade({ text: '  CHỮ   KÝ  SỐ ' }).fraction).toBe(1);
    expect(grade({ text: 'Chữ ký số'.normalize('NFD') }).fraction).toBe(1);
    expect(grade({ text: 'Chu ky so' }).fraction).toBe(0);
    expect(grade({ text: 'chữ ký' })).toMatchObject({ state: 'partial', fraction: 0.5 });
    expect(grade({ text: '   ' })).toMatchObject({ state: 'unanswered' });
    expect(grade({ text: 'khác' })).toMatchObject({ state: 'wrong', fraction: 0 });
  });

  it('diacritic-insensitive when asked: đ → d, and Vietnamese letters fold', () => {
    const dv = version('dv', 'short_answer', data({ ignoreDiacritics: true, answers: [{ text: 'Đăk Bla', fraction: 1, feedback: '' }, { text: 'Hà Nội', fraction: 1, feedback: '' }] }));
    const { grade } = setup(dv);
    expect(grade({ text: 'dak bla' }).fraction).toBe(1);
    expect(grade({ text: 'DAK BLA' }).fraction).toBe(1);
    expect(grade({ text: 'Ha Noi' }).fraction).toBe(1);
    expect(grade({ text: 'Hà Nôi' }).fraction).toBe(1);
    expect(grade({ text: 'Ha Nam' }).fraction).toBe(0);
    expect(normaliseAnswer('Đường Đăk', { ignoreDiacritics: true })).toBe('duong dak');
  });

  it('case-sensitive when asked; the best of several matches wins; * is a wildcard', () => {
    const cs = setup(sa({ caseSensitive: true }));
    expect(cs.grade({ text: 'chữ ký số' }).fraction).toBe(0);
    expect(cs.grade({ text: 'Chữ ký số' }).fraction).toBe(1);
    const wild = version('w', 'short_answer', data({ answers: [{ text: 'Nghị quyết *57*', fraction: 1, feedback: '' }, { text: '*', fraction: 0.1, feedback: '' }, { text: '5\\*', fraction: 0.5, feedback: '' }] }));
    const w = setup(wild);
    expect(w.grade({ text: 'Nghị quyết số 57-NQ/TW' }).fraction).toBe(1);
    expect(w.grade({ text: 'bất kỳ' }).fraction).toBe(0.1);
    expect(w.grade({ text: '5*' }).fraction).toBe(0.5);
  });
});

describe('grading: numeric', () => {
  const num = version('n', 'numeric', data({
    answers: [{ text: '3.14', fraction: 1, feedback: 'Đúng' }, { text: '3..4', fraction: 0.5, feedback: 'Gần' }],
    numeric: [{ value: 3.14, tolerance: 0.01 }, { min: 3, max: 4 }],
  }));

  it('tolerance and range, best match, decimal comma', () => {
    const { grade } = setup(num);
    expect(grade({ number: '3.14' }).fraction).toBe(1);
    expect(grade({ number: '3,15' }).fraction).toBe(1);
    expect(grade({ number: '3.13' }).fraction).toBe(1);
    expect(grade({ number: '3.16' }).fraction).toBe(0.5);
    expect(grade({ number: '4' }).fraction).toBe(0.5);
    expect(grade({ number: '3' }).fraction).toBe(0.5);
    expect(grade({ number: '4.01' })).toMatchObject({ state: 'wrong', fraction: 0 });
    expect(grade({ number: 'ba phẩy mười bốn' })).toMatchObject({ state: 'wrong', fraction: 0 });
    expect(grade({ number: '' })).toMatchObject({ state: 'unanswered' });
    const exact = setup(version('e', 'numeric', data({ answers: [{ text: '1000', fraction: 1, feedback: '' }], numeric: [{ value: 1000, tolerance: 0 }] })));
    expect(exact.grade({ number: '1.000,0' }).fraction).toBe(1);
    expect(exact.grade({ number: '1,000.0' }).fraction).toBe(1);
    expect(exact.grade({ number: '1e3' }).fraction).toBe(1);
    expect(exact.grade({ number: '1000.5' }).fraction).toBe(0);
  });

  it('parseNumber', () => {
    expect(parseNumber(' -2,5 ')).toBe(-2.5);
    expect(parseNumber('1 234,5')).toBe(1234.5);
    expect(parseNumber('1,2,3')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
});

describe('grading: matching and ordering (partial credit)', () => {
  const m = version('mt', 'matching', data({ pairs: [
    { left: 'Zalo', right: 'Mạng xã hội' }, { left: 'Facebook', right: 'Mạng xã hội' }, { left: 'VNeID', right: 'Định danh' },
    { left: 'Cổng DVC', right: 'Dịch vụ công' }, { left: '', right: 'Thương mại điện tử' },
  ] }));

  it('matching: share of the prompts matched right; a repeated answer works for both prompts', () => {
    const { key, grade } = setup(m);
    const all = { [key('left', 'Zalo')]: key('right', 'Mạng xã hội'), [key('left', 'Facebook')]: key('right', 'Mạng xã hội'), [key('left', 'VNeID')]: key('right', 'Định danh'), [key('left', 'Cổng DVC')]: key('right', 'Dịch vụ công') };
    expect(grade({ pairs: all })).toMatchObject({ state: 'correct', fraction: 1 });
    expect(grade({ pairs: { ...all, [key('left', 'VNeID')]: key('right', 'Thương mại điện tử') } })).toMatchObject({ state: 'partial', fraction: 0.75 });
    expect(grade({ pairs: { [key('left', 'Zalo')]: key('right', 'Mạng xã hội') } })).toMatchObject({ fraction: 0.25 });
    expect(grade({ pairs: { [key('left', 'Zalo')]: key('right', 'Định danh') } })).toMatchObject({ state: 'wrong', fraction: 0 });
    expect(grade({ pairs: {} })).toMatchObject({ state: 'unanswered' });
  });

  it('ordering: share of the items in the right position', () => {
    const o = version('o', 'ordering', data({ pairs: ['Tiếp nhận', 'Xác minh', 'Phản hồi', 'Báo cáo'].map((left) => ({ left, right: '' })) }));
    const { key, grade } = setup(o);
    const k = (t: string) => key('items', t);
    expect(grade({ order: ['Tiếp nhận', 'Xác minh', 'Phản hồi', 'Báo cáo'].map(k) })).toMatchObject({ state: 'correct', fraction: 1 });
    expect(grade({ order: ['Tiếp nhận', 'Xác minh', 'Báo cáo', 'Phản hồi'].map(k) })).toMatchObject({ state: 'partial', fraction: 0.5 });
    expect(grade({ order: ['Báo cáo', 'Tiếp nhận', 'Xác minh', 'Phản hồi'].map(k) })).toMatchObject({ state: 'wrong', fraction: 0 });
  });
});

describe('grading: missing word, essay, description', () => {
  it('missing word follows its base type', () => {
    const sc = version('mw1', 'missing_word', data({ baseType: 'single_choice', answers: [{ text: 'số', fraction: 1, feedback: '' }, { text: 'giấy', fraction: 0, feedback: '' }] }));
    const a = setup(sc);
    expect(answerKindOf('missing_word', sc.data)).toBe('choice');
    expect(a.grade({ choice: a.key('options', 'số') }).fraction).toBe(1);
    expect(a.grade({ choice: a.key('options', 'giấy') }).fraction).toBe(0);
    const sa = version('mw2', 'missing_word', data({ baseType: 'short_answer', ignoreDiacritics: true, answers: [{ text: 'số', fraction: 1, feedback: '' }] }));
    expect(answerKindOf('missing_word', sa.data)).toBe('text');
    expect(setup(sa).grade({ text: 'so' }).fraction).toBe(1);
    const nu = version('mw3', 'missing_word', data({ baseType: 'numeric', answers: [{ text: '57', fraction: 1, feedback: '' }], numeric: [{ value: 57, tolerance: 0 }] }));
    expect(setup(nu).grade({ number: '57' }).fraction).toBe(1);
    const tf = version('mw4', 'missing_word', data({ baseType: 'true_false', correctAnswer: true }));
    const t = setup(tf);
    expect(t.grade({ choice: t.key('options', 'Đúng') }).fraction).toBe(1);
  });

  it('essay waits for a grader unless empty; description has no score', () => {
    const e = version('es', 'essay', data({}));
    expect(setup(e).grade({ text: '<p>Bài làm</p>' })).toEqual({ state: 'needs_grading', fraction: null, chosen: null });
    expect(setup(e).grade({ text: '<p> </p>' })).toMatchObject({ state: 'unanswered', fraction: 0 });
    expect(setup(version('d', 'description', data({}))).grade(null)).toEqual({ state: 'info', fraction: null, chosen: null });
    expect(markFor(0.5, 3)).toBe(1.5);
    expect(markFor(1 / 3, 2)).toBe(0.6667);
    expect(markFor(null, 2)).toBeNull();
  });
});

describe('response shape and keys', () => {
  it('refuses wrong shapes with the field named', () => {
    expect(checkShape('x')).toMatchObject({ ok: false, field: 'response' });
    expect(checkShape({ choice: 'a', text: 'b' })).toMatchObject({ ok: false, field: 'response' });
    expect(checkShape({ choices: 'a' })).toMatchObject({ ok: false, field: 'response.choices' });
    expect(checkShape({ choices: ['a', 'a'] })).toMatchObject({ ok: false, field: 'response.choices' });
    expect(checkShape({ text: 'x'.repeat(20_001) })).toMatchObject({ ok: false, field: 'response.text' });
    expect(checkShape({ pairs: { a: 5 } })).toMatchObject({ ok: false, field: 'response.pairs' });
    expect(checkShape({ score: 10 })).toMatchObject({ ok: false, field: 'response.score' });
    expect(checkShape({ choice: '../etc' })).toMatchObject({ ok: false, field: 'response.choice' });
    expect(checkShape({})).toMatchObject({ ok: true, kind: null, response: null });
    expect(checkShape({ number: 3.5 })).toMatchObject({ ok: true, response: { number: '3.5' } });
  });

  it('checks kind and keys against the layout', () => {
    const m = version('mt', 'matching', data({ pairs: [{ left: 'A', right: '1' }, { left: 'B', right: '2' }] }));
    const { key, layout } = setup(m);
    const ok = checkShape({ pairs: { [key('left', 'A')]: key('right', '1') } });
    if (!ok.ok) throw new Error('shape');
    expect(checkAgainst('pairs', layout, ok)).toBeNull();
    const swapped = checkShape({ pairs: { [key('right', '1')]: key('left', 'A') } });
    if (!swapped.ok) throw new Error('shape');
    expect(checkAgainst('pairs', layout, swapped)).toMatchObject({ field: 'response' });
    const wrongKind = checkShape({ text: 'A-1' });
    if (!wrongKind.ok) throw new Error('shape');
    expect(checkAgainst('pairs', layout, wrongKind)).toMatchObject({ field: 'response' });
  });
});

describe('review: right answer and feedback', () => {
  it('gives the right answer in the attempt keys, and the chosen feedback', () => {
    const s = version('s', 'single_choice', data({ answers: [{ text: 'A', fraction: 0, feedback: 'sai' }, { text: 'B', fraction: 1, feedback: 'đúng' }] }));
    const { key, layout } = setup(s);
    expect(rightAnswer(s, layout)).toEqual({ response: { choice: key('options', 'B') } });
    expect(feedbackFor(s, layout, { choice: key('options', 'A') })).toEqual({ general: 'Nhận xét chung', specific: ['sai'] });
    const o = version('o', 'ordering', data({ pairs: [{ left: 'x', right: '' }, { left: 'y', right: '' }, { left: 'z', right: '' }] }));
    const so = setup(o);
    const right = rightAnswer(o, so.layout)!;
    expect(gradeResponse(o, so.layout, right.response).fraction).toBe(1);
    const sa = version('sa', 'short_answer', data({ answers: [{ text: 'một', fraction: 0.5, feedback: '' }, { text: 'hai', fraction: 1, feedback: '' }] }));
    expect(rightAnswer(sa, setup(sa).layout)).toEqual({ response: { text: 'hai' }, accepted: [{ text: 'hai', percent: 100 }, { text: 'một', percent: 50 }] });
    expect(rightAnswer(version('e', 'essay', data({})), {})).toBeNull();
  });
});
