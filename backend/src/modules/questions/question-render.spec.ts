import { buildLayout, indexOfKey, toPlayerQuestion, type PlayerQuestion } from './question-render';
import type { QuestionData, QuestionVersionLike, StoredQuestionType } from './question-types';

const base = (over: Partial<QuestionData>): QuestionData => ({ answers: [], pairs: [], numeric: [], generalFeedback: 'GENERAL-FEEDBACK-SECRET', ...over });
const v = (id: string, type: StoredQuestionType, data: QuestionData, text = '<p>Câu hỏi</p>'): QuestionVersionLike => ({ id, type, text, data, defaultMark: '2.00', title: 'TITLE-SECRET' });

const VERSIONS: QuestionVersionLike[] = [
  v('v-single', 'single_choice', base({ single: true, answers: [
    { text: 'Hà Nội', fraction: 1, feedback: 'FB-SECRET-1' },
    { text: 'Huế', fraction: 0, feedback: 'FB-SECRET-2' },
    { text: 'Đà Nẵng', fraction: 0, feedback: 'FB-SECRET-3' },
    { text: 'Quảng Ngãi', fraction: 0, feedback: 'FB-SECRET-4' },
  ] })),
  v('v-multi', 'multiple_choice', base({ single: false, answers: [
    { text: 'Mật khẩu mạnh', fraction: 0.5, feedback: 'FB-SECRET-5' },
    { text: 'Xác thực hai bước', fraction: 0.5, feedback: 'FB-SECRET-6' },
    { text: 'Chia sẻ mật khẩu', fraction: -0.5, feedback: 'FB-SECRET-7' },
  ] })),
  v('v-tf', 'true_false', base({ correctAnswer: false, answers: [
    { text: 'True', fraction: 0, feedback: 'FB-SECRET-8' },
    { text: 'False', fraction: 1, feedback: 'FB-SECRET-9' },
  ] })),
  v('v-short', 'short_answer', base({ ignoreDiacritics: true, answers: [
    { text: 'ACCEPTED-SECRET-Chữ ký số', fraction: 1, feedback: 'FB-SECRET-10' },
    { text: 'ACCEPTED-SECRET-chu ky', fraction: 0.5, feedback: '' },
  ] })),
  v('v-num', 'numeric', base({ answers: [{ text: '31415', fraction: 1, feedback: 'FB-SECRET-11' }, { text: '27000..27999', fraction: 0.5, feedback: '' }],
    numeric: [{ value: 31415, tolerance: 0.777 }, { min: 27000, max: 27999 }] })),
  v('v-match', 'matching', base({ pairs: [
    { left: 'Ngày Chuyển đổi số quốc gia', right: 'RIGHT-10/10' },
    { left: 'Ngày ban hành NQ 57', right: 'RIGHT-22/12' },
    { left: 'Ngày Quốc khánh', right: 'RIGHT-2/9' },
    { left: '', right: 'RIGHT-distractor' },
  ] })),
  v('v-order', 'ordering', base({ pairs: [
    { left: 'Bước 1', right: '' }, { left: 'Bước 2', right: '' }, { left: 'Bước 3', right: '' }, { left: 'Bước 4', right: '' },
  ] })),
  v('v-mw-sa', 'missing_word', base({ baseType: 'short_answer', answers: [{ text: 'ACCEPTED-SECRET-số', fraction: 1, feedback: 'FB-SECRET-12' }] }), '<p>Chuyển đổi _____ là ưu tiên.</p>'),
  v('v-mw-sc', 'missing_word', base({ baseType: 'single_choice', single: true, answers: [
    { text: 'số', fraction: 1, feedback: 'FB-SECRET-13' }, { text: 'giấy', fraction: 0, feedback: '' },
  ] }), '<p>Chuyển đổi _____ là ưu tiên.</p>'),
  v('v-essay', 'essay', base({ essay: { minWords: 50, maxWords: 300, responseTemplate: 'Mở bài:' } })),
  v('v-desc', 'description', base({})),
];

const SECRETS = ['FB-SECRET', 'GENERAL-FEEDBACK', 'ACCEPTED-SECRET', 'TITLE-SECRET', '31415', '0.777', '27000', '27999', '"fraction":', '"feedback":', 'correct', '"tolerance":', '"numeric":', '"pairs":', '"answers":', '"generalFeedback":'];

describe('toPlayerQuestion', () => {
  it.each(VERSIONS.map((x) => [x.type + ' ' + x.id, x] as const))('%s leaks no answer data', (_, version) => {
    const p = toPlayerQuestion(version, { slot: 3, seed: 'attempt-seed-1' });
    const json = JSON.stringify(p);
    for (const s of SECRETS) expect(json).not.toContain(s);
    // only the documented fields
    for (const k of Object.keys(p)) expect(['slot', 'type', 'baseType', 'text', 'mark', 'options', 'multiple', 'left', 'right', 'items', 'essay']).toContain(k);
  });

  it('renders each type with the right widgets', () => {
    const r = Object.fromEntries(VERSIONS.map((x) => [x.id, toPlayerQuestion(x, { slot: 1, seed: 's' })])) as Record<string, PlayerQuestion>;
    expect(r['v-single'].options!.map((o) => o.text).sort()).toEqual(['Đà Nẵng', 'Hà Nội', 'Huế', 'Quảng Ngãi'].sort());
    expect(r['v-single'].mark).toBe(2);
    expect(r['v-multi'].multiple).toBe(true);
    expect(r['v-tf'].options!.map((o) => o.text)).toEqual(['Đúng', 'Sai']);
    expect(r['v-short'].options).toBeUndefined();
    expect(r['v-match'].left!.map((o) => o.text).sort()).toEqual(['Ngày ban hành NQ 57', 'Ngày Chuyển đổi số quốc gia', 'Ngày Quốc khánh'].sort());
    expect(r['v-match'].right!.map((o) => o.text).sort()).toEqual(['RIGHT-10/10', 'RIGHT-22/12', 'RIGHT-2/9', 'RIGHT-distractor'].sort());
    expect(r['v-order'].items!.map((o) => o.text).sort()).toEqual(['Bước 1', 'Bước 2', 'Bước 3', 'Bước 4']);
    expect(r['v-mw-sa']).toMatchObject({ type: 'missing_word', baseType: 'short_answer', text: '<p>Chuyển đổi _____ là ưu tiên.</p>' });
    expect(r['v-mw-sc'].options!.map((o) => o.text).sort()).toEqual(['giấy', 'số']);
    expect(r['v-essay'].essay).toEqual({ minWords: 50, maxWords: 300, responseTemplate: 'Mở bài:' });
    expect(r['v-desc'].mark).toBe(0);
    expect(toPlayerQuestion(VERSIONS[0], { slot: 1, seed: 's', mark: 5 }).mark).toBe(5);
  });

  it('is deterministic for one seed, and keys are opaque and differ between attempts', () => {
    const a1 = toPlayerQuestion(VERSIONS[0], { slot: 1, seed: 'attempt-A' });
    const a2 = toPlayerQuestion(VERSIONS[0], { slot: 1, seed: 'attempt-A' });
    const b = toPlayerQuestion(VERSIONS[0], { slot: 1, seed: 'attempt-B' });
    expect(a2).toEqual(a1);
    const keysA = a1.options!.map((o) => o.key);
    const keysB = b.options!.map((o) => o.key);
    expect(new Set(keysA).size).toBe(4);
    for (const k of keysA) {
      expect(k).toMatch(/^[A-Za-z0-9_-]{12,}$/);
      expect(keysB).not.toContain(k);
      expect(['0', '1', '2', '3', 'A', 'B', 'C', 'D']).not.toContain(k);
    }
    // a different slot of the same attempt gets other keys too
    const other = toPlayerQuestion(VERSIONS[0], { slot: 2, seed: 'attempt-A' }).options!.map((o) => o.key);
    for (const k of keysA) expect(other).not.toContain(k);
  });

  it('shuffles choices across attempts, but keeps the stored order when shuffling is off', () => {
    const orders = new Set<string>();
    for (let i = 0; i < 40; i++) orders.add(toPlayerQuestion(VERSIONS[0], { slot: 1, seed: `s${i}` }).options!.map((o) => o.text).join('|'));
    expect(orders.size).toBeGreaterThan(5);
    const fixed = toPlayerQuestion(VERSIONS[0], { slot: 1, seed: 'x', shuffle: false }).options!.map((o) => o.text);
    expect(fixed).toEqual(['Hà Nội', 'Huế', 'Đà Nẵng', 'Quảng Ngãi']);
    const noShuffle = { ...VERSIONS[0], data: { ...VERSIONS[0].data, shuffleAnswers: false } };
    expect(toPlayerQuestion(noShuffle, { slot: 1, seed: 'y' }).options!.map((o) => o.text)).toEqual(fixed);
  });

  it('never shows ordering items in the correct order', () => {
    const two = v('v-two', 'ordering', base({ pairs: [{ left: 'Một', right: '' }, { left: 'Hai', right: '' }] }));
    for (let i = 0; i < 60; i++) {
      expect(toPlayerQuestion(VERSIONS[6], { slot: 1, seed: `o${i}` }).items!.map((o) => o.text).join()).not.toBe('Bước 1,Bước 2,Bước 3,Bước 4');
      expect(toPlayerQuestion(two, { slot: 1, seed: `o${i}` }).items!.map((o) => o.text)).toEqual(['Hai', 'Một']);
    }
  });

  it('shows a repeated matching answer once and maps keys back to indices through the layout', () => {
    const m = v('v-dup', 'matching', base({ pairs: [{ left: 'Zalo', right: 'Mạng xã hội' }, { left: 'Facebook', right: 'Mạng xã hội' }, { left: 'VNeID', right: 'Định danh' }] }));
    const p = toPlayerQuestion(m, { slot: 4, seed: 'k' });
    expect(p.right!.map((o) => o.text).sort()).toEqual(['Mạng xã hội', 'Định danh']);
    const layout = buildLayout(m, { slot: 4, seed: 'k' });
    for (const l of p.left!) {
      const li = indexOfKey(layout, 'left', l.key)!;
      expect(m.data.pairs[li].left).toBe(l.text);
    }
    const rk = p.right!.find((o) => o.text === 'Mạng xã hội')!.key;
    expect(m.data.pairs[indexOfKey(layout, 'right', rk)!].right).toBe('Mạng xã hội');
    expect(indexOfKey(layout, 'right', 'nope')).toBeUndefined();
  });

  it('renders a stored layout exactly', () => {
    const layout = buildLayout(VERSIONS[0], { slot: 1, seed: 'stored' });
    const p = toPlayerQuestion(VERSIONS[0], { slot: 1, seed: 'ignored-when-layout-given', layout });
    expect(p.options!.map((o) => o.key)).toEqual(layout.options!.map((e) => e.key));
    expect(p.options!.map((o) => o.text)).toEqual(layout.options!.map((e) => VERSIONS[0].data.answers[e.index].text));
    const tf = buildLayout(VERSIONS[2], { slot: 1, seed: 'z' });
    expect(tf.options!.map((e) => e.index)).toEqual([0, 1]);
  });
});
