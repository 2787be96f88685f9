import { DEMO_QUESTIONS } from '../../database/seed/question-seed';
import { exportQuestions, parseQuestions, type Question } from './formats';
import {
  categoryNames, fromNeutral, htmlToPlain, normalizeQuestion, textToHtml, toNeutralQuestion, type NormalizedQuestion, type QuestionInput,
} from './question-data';

const q = (over: Partial<QuestionInput> & { data: unknown }): QuestionInput => ({ type: 'single_choice', title: 'Câu hỏi', text: '<p>Nội dung</p>', ...over });
const fields = (input: QuestionInput) => {
  const r = normalizeQuestion(input);
  return r.ok ? [] : r.issues.map((i) => i.field);
};
const value = (input: QuestionInput): NormalizedQuestion => {
  const r = normalizeQuestion(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const sc = (answers: unknown[]) => q({ type: 'single_choice', data: { answers } });
const A = (text: string, fraction = 0, feedback = '') => ({ text, fraction, feedback });

describe('normalizeQuestion: common fields', () => {
  it('sanitises rich text, NFC-normalises, defaults the mark and de-duplicates tags', () => {
    const v = value(q({
      title: '  Câu\u0020hỏi   mẫu ', text: '<p onclick="x()">Thủ đô <script>alert(1)</script><img src="data:image/png;base64,iVBORw0KGgo=" alt="ảnh"></p>'.normalize('NFD'),
      tags: ['An toàn', 'an toàn', 'NQ57'], data: { answers: [A('<b>Hà Nội</b><script>x</script>', 1, '<i>Đúng</i>'), A('Huế')] },
    }));
    expect(v.title).toBe('Câu hỏi mẫu');
    expect(v.text).toBe('<p>Thủ đô <img src="data:image/png;base64,iVBORw0KGgo=" alt="ảnh"></p>');
    expect(v.text).toBe(v.text.normalize('NFC'));
    expect(v.defaultMark).toBe(1);
    expect(v.tags).toEqual(['An toàn', 'NQ57']);
    expect(v.data.answers[0]).toEqual({ text: '<b>Hà Nội</b>', fraction: 1, feedback: '<i>Đúng</i>' });
    expect(v.data.single).toBe(true);
    expect(v.data.shuffleAnswers).toBe(true);
  });

  it('rejects a bad type, cloze with a clear message, empty text and title, bad marks and tags', () => {
    expect(fields(q({ type: 'poll', data: {} }))).toEqual(['type']);
    const cloze = normalizeQuestion(q({ type: 'cloze', data: {} }));
    expect(cloze.ok).toBe(false);
    if (!cloze.ok) expect(cloze.issues[0].en).toMatch(/Cloze/);
    expect(fields(q({ title: '  ', text: '<p> </p>', data: { answers: [A('a', 1), A('b')] } }))).toEqual(['title', 'text']);
    expect(fields(q({ defaultMark: 0, data: { answers: [A('a', 1), A('b')] } }))).toEqual(['defaultMark']);
    expect(fields(q({ defaultMark: 1.234, data: { answers: [A('a', 1), A('b')] } }))).toEqual(['defaultMark']);
    expect(fields(q({ defaultMark: '2' as unknown as number, data: { answers: [A('a', 1), A('b')] } }))).toEqual(['defaultMark']);
    expect(fields(q({ tags: ['a,b', ''], data: { answers: [A('a', 1), A('b')] } }))).toEqual(['tags.0', 'tags.1']);
    expect(fields(q({ data: 'x' }))).toEqual(['data']);
    expect(fields(q({ data: { answers: [A('a', 1), A('b')], extra: 1 } }))).toEqual(['data.extra']);
    expect(fields(q({ text: 'x\u0007', data: { answers: [A('a', 1), A('b')] } }))).toEqual(['text']);
    expect(value(q({ type: 'description', data: {} })).defaultMark).toBe(0);
    expect(fields(q({ type: 'description', defaultMark: 1, data: {} }))).toEqual(['defaultMark']);
  });
});

describe('normalizeQuestion per type', () => {
  it('single choice: ≥ 2 options and exactly one worth 100%', () => {
    expect(fields(sc([A('a', 1)]))).toEqual(['data.answers']);
    expect(fields(sc([A('a', 1), A('b', 1)]))).toEqual(['data.answers']);
    expect(fields(sc([A('a', 0.5), A('b')]))).toEqual(['data.answers']);
    expect(fields(sc([A('a', 1), A('b', -0.5)]))).toEqual(['data.answers.1.fraction']);
    expect(fields(sc([A('a', 1), A('', 0)]))).toEqual(['data.answers.1.text']);
    expect(fields(sc([A('a', 1), { text: 'b', fraction: 0, weight: 2 }]))).toEqual(['data.answers.1.weight']);
    expect(fields(sc([A('a', 1), A('b', 0.5)]))).toEqual([]);
  });

  it('multiple choice: positives add up to 100%, negatives allowed, grades from the allowed list', () => {
    const mc = (answers: unknown[]) => q({ type: 'multiple_choice', data: { answers } });
    expect(fields(mc([A('a', 0.5), A('b', 0.5), A('c', -1)]))).toEqual([]);
    expect(value(mc([A('a', 0.333333), A('b', 0.333333), A('c', 0.333333)])).data.answers.map((x) => x.fraction)).toEqual([0.3333333, 0.3333333, 0.3333333]);
    expect(fields(mc([A('a', 0.5), A('b', 0.25)]))).toEqual(['data.answers']);
    expect(fields(mc([A('a', 0.5), A('b', 0.5), A('c', -1.5)]))).toEqual(['data.answers.2.fraction']);
    expect(fields(mc([A('a', 0.37), A('b', 0.63)]))).toEqual(['data.answers.0.fraction', 'data.answers.1.fraction']);
    expect(value(mc([A('a', 0.5), A('b', 0.5)])).data.single).toBe(false);
  });

  it('true/false needs the correct answer and stores both options', () => {
    expect(fields(q({ type: 'true_false', data: {} }))).toEqual(['data.correctAnswer']);
    const v = value(q({ type: 'true_false', data: { correctAnswer: false, answers: [{ feedback: 'Sai rồi' }, { feedback: 'Đúng' }] } }));
    expect(v.data.answers).toEqual([{ text: 'True', fraction: 0, feedback: 'Sai rồi' }, { text: 'False', fraction: 1, feedback: 'Đúng' }]);
    expect(v.data.correctAnswer).toBe(false);
  });

  it('short answer: accepted answers with weights, one worth 100%, options to ignore case and diacritics', () => {
    const v = value(q({ type: 'short_answer', data: { answers: [A(' Hà  Nội ', 1), A('Ha Noi', 0.5)], ignoreDiacritics: true } }));
    expect(v.data.answers.map((x) => x.text)).toEqual(['Hà Nội', 'Ha Noi']);
    expect(v.data).toMatchObject({ caseSensitive: false, ignoreDiacritics: true });
    expect(fields(q({ type: 'short_answer', data: { answers: [A('x', 0.5)] } }))).toEqual(['data.answers']);
    expect(fields(q({ type: 'short_answer', data: { answers: [] } }))).toEqual(['data.answers']);
    expect(fields(q({ type: 'short_answer', data: { answers: [A('x', 1)], ignoreDiacritics: 'yes' } }))).toEqual(['data.ignoreDiacritics']);
  });

  it('numeric: value with tolerance or a range, aligned with answers; the written form is derived', () => {
    const v = value(q({ type: 'numeric', data: { numeric: [{ value: 3.14, tolerance: 0.01 }, { min: 3, max: 4 }], answers: [{ fraction: 1 }, { fraction: 0.5, feedback: 'Gần đúng' }] } }));
    expect(v.data.numeric).toEqual([{ value: 3.14, tolerance: 0.01 }, { min: 3, max: 4 }]);
    expect(v.data.answers).toEqual([{ text: '3.14:0.01', fraction: 1, feedback: '' }, { text: '3..4', fraction: 0.5, feedback: 'Gần đúng' }]);
    expect(fields(q({ type: 'numeric', data: { numeric: [{ min: 5, max: 4 }], answers: [{ fraction: 1 }] } }))).toEqual(['data.numeric.0.max']);
    expect(fields(q({ type: 'numeric', data: { numeric: [{ value: 1, tolerance: -1 }], answers: [{ fraction: 1 }] } }))).toEqual(['data.numeric.0.tolerance']);
    expect(fields(q({ type: 'numeric', data: { numeric: [{ value: 'x' }], answers: [{ fraction: 1 }] } }))).toEqual(['data.numeric.0.value']);
    expect(fields(q({ type: 'numeric', data: { numeric: [{ value: 1 }], answers: [] } }))).toEqual(['data.answers']);
    expect(fields(q({ type: 'numeric', data: { numeric: [], answers: [] } }))).toEqual(['data.numeric']);
    expect(fields(q({ type: 'numeric', data: { numeric: [{ value: 1, tolerance: 0 }], answers: [{ fraction: 0.5 }] } }))).toEqual(['data.answers']);
  });

  it('matching: ≥ 2 pairs with a left side; right-only pairs are distractors', () => {
    const m = (pairs: unknown[]) => q({ type: 'matching', data: { pairs } });
    expect(fields(m([{ left: 'a', right: '1' }, { left: '', right: '2' }]))).toEqual(['data.pairs']);
    expect(fields(m([{ left: 'a', right: '1' }, { left: 'b', right: '' }]))).toEqual(['data.pairs.1.right']);
    const v = value(m([{ left: '<b>Zalo</b>', right: 'Mạng xã hội' }, { left: 'VNeID', right: 'Định danh' }, { left: ' ', right: 'Thư điện tử' }]));
    expect(v.data.pairs).toEqual([{ left: '<b>Zalo</b>', right: 'Mạng xã hội' }, { left: 'VNeID', right: 'Định danh' }, { left: '', right: 'Thư điện tử' }]);
  });

  it('ordering: ≥ 2 items in the correct order, no right side', () => {
    expect(fields(q({ type: 'ordering', data: { pairs: [{ left: 'Một' }] } }))).toEqual(['data.pairs']);
    expect(fields(q({ type: 'ordering', data: { pairs: [{ left: 'Một' }, { left: 'Hai', right: 'x' }] } }))).toEqual(['data.pairs.1.right']);
    expect(value(q({ type: 'ordering', data: { pairs: [{ left: 'Một' }, { left: 'Hai' }] } })).data.pairs).toEqual([{ left: 'Một', right: '' }, { left: 'Hai', right: '' }]);
  });

  it('missing word: exactly one blank and a base type; "{}" becomes "_____"', () => {
    const mw = (text: string, data: Record<string, unknown>) => q({ type: 'missing_word', text, data });
    expect(fields(mw('<p>Không có chỗ trống</p>', { baseType: 'short_answer', answers: [A('x', 1)] }))).toEqual(['text']);
    expect(fields(mw('<p>Hai ___ chỗ ___</p>', { baseType: 'short_answer', answers: [A('x', 1)] }))).toEqual(['text']);
    expect(fields(mw('<p>Ngày {} tháng 10</p>', { baseType: 'essay' }))).toEqual(['data.baseType']);
    const v = value(mw('<p>Ngày {} tháng 10</p>', { baseType: 'numeric', numeric: [{ value: 10, tolerance: 0 }], answers: [{ fraction: 1 }] }));
    expect(v.text).toBe('<p>Ngày _____ tháng 10</p>');
    expect(v.data.baseType).toBe('numeric');
    expect(fields(mw('<p>Ngày ___ </p>', { baseType: 'single_choice', answers: [A('10', 1)] }))).toEqual(['data.answers']);
    expect(fields(q({ type: 'short_answer', data: { baseType: 'short_answer', answers: [A('x', 1)] } }))).toEqual(['data.baseType']);
  });

  it('essay: word limits and a response template; description: no answers', () => {
    expect(value(q({ type: 'essay', data: { essay: { minWords: 10, maxWords: 100, responseTemplate: 'Mở bài:' } } })).data.essay).toEqual({ minWords: 10, maxWords: 100, responseTemplate: 'Mở bài:' });
    expect(fields(q({ type: 'essay', data: { essay: { minWords: 100, maxWords: 10 } } }))).toEqual(['data.essay.maxWords']);
    expect(fields(q({ type: 'essay', data: { essay: { minWords: 1.5 } } }))).toEqual(['data.essay.minWords']);
    const d = value(q({ type: 'description', data: { answers: [A('x', 1)] } }));
    expect(d.data).toEqual({ answers: [], pairs: [], numeric: [], generalFeedback: '' });
  });

  it('every demo question is valid, and the demo bank has at least 3 questions of every type', () => {
    const counts: Record<string, number> = {};
    for (const d of DEMO_QUESTIONS) {
      const v = value(d.q);
      counts[v.type] = (counts[v.type] ?? 0) + 1;
      expect(v.text).toBe(v.text.normalize('NFC'));
    }
    for (const t of ['single_choice', 'multiple_choice', 'true_false', 'short_answer', 'numeric', 'matching', 'ordering', 'missing_word', 'essay', 'description']) {
      expect([t, counts[t] ?? 0]).toEqual([t, expect.any(Number)]);
      expect(counts[t]).toBeGreaterThanOrEqual(3);
    }
    expect(DEMO_QUESTIONS.length).toBeGreaterThanOrEqual(30);
  });
});

describe('text helpers', () => {
  it('converts file text formats to sanitised HTML', () => {
    expect(textToHtml('A < B & C\ndòng 2', 'plain')).toBe('A &lt; B &amp; C<br>dòng 2');
    expect(textToHtml('Dòng 1\nDòng 2', 'moodle')).toBe('Dòng 1<br>Dòng 2');
    expect(textToHtml('<p>x</p><script>y</script>', 'html')).toBe('<p>x</p>');
    expect(textToHtml('A &amp; B', undefined)).toBe('A &amp; B');
    expect(htmlToPlain('<p>An toàn&nbsp;thông tin</p><p>&lt;b&gt; &#273;</p>')).toBe('An toàn thông tin <b> đ');
  });

  it('reads category paths below the target category', () => {
    expect(categoryNames('$course$/top/Đề thi/Phần 1')).toEqual(['Đề thi', 'Phần 1']);
    expect(categoryNames('An toàn//bảo mật/Mật khẩu')).toEqual(['An toàn/bảo mật', 'Mật khẩu']);
    expect(categoryNames(null)).toEqual([]);
  });
});

/** What the formats can carry: ranges come back from Moodle XML as value ± tolerance; ignoreDiacritics is carried by none. */
function comparable(v: NormalizedQuestion, format: 'gift' | 'moodlexml' | 'xlsx') {
  const data = JSON.parse(JSON.stringify(v.data));
  delete data.ignoreDiacritics;
  if (format === 'moodlexml') {
    data.numeric = data.numeric.map((e: { min?: number; max?: number }) => ('min' in e ? { value: (e.min! + e.max!) / 2, tolerance: (e.max! - e.min!) / 2 } : e));
    data.answers = data.answers.map((a: { text: string }, i: number) => (v.data.numeric.length ? { ...a, text: '' + i } : a));
  }
  if (format !== 'moodlexml' && data.essay) data.essay = {};
  return { ...v, defaultMark: format === 'gift' ? 1 : v.defaultMark, data };
}

describe('export → import gives back the same questions', () => {
  const stored = DEMO_QUESTIONS.map((d) => value(d.q));
  for (const format of ['gift', 'moodlexml', 'xlsx'] as const) {
    it(format, async () => {
      const skipped: string[] = [];
      const file = await exportQuestions(stored.map((s) => toNeutralQuestion({ ...s, category: 'Chuyển đổi số/Đề 1' })), format, (_q, r) => skipped.push(r));
      const parsed = await parseQuestions(Buffer.isBuffer(file) ? file : Buffer.from(file), format);
      expect(parsed.errors).toEqual([]);
      const expected = stored.filter((s) => !(format === 'gift' && s.type === 'ordering'));
      expect(skipped.length).toBe(stored.length - expected.length);
      const back = parsed.questions.map((p: Question, i) => {
        expect(p.category).toBe('Chuyển đổi số/Đề 1');
        const f = fromNeutral(p, format, `Câu ${i + 1}`);
        return value(f.input as QuestionInput);
      });
      expect(back.map((b) => comparable(b, format))).toEqual(expected.map((s) => comparable(s, format)));
    });
  }

  it('marks a cloze question as unsupported, keeps Moodle XML missing words, drops a zero-mark catch-all', async () => {
    const xml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><quiz>
      <question type="cloze"><name><text>Cloze</text></name><questiontext format="html"><text>Thủ đô là {1:SHORTANSWER:=Hà Nội}</text></questiontext></question>
      <question type="shortanswer"><name><text>Điền</text></name><questiontext format="html"><text><![CDATA[<p>Ứng dụng _____ của Bộ Công an</p>]]></text></questiontext>
        <answer fraction="100"><text>VNeID</text></answer></question>
      <question type="numerical"><name><text>Số</text></name><questiontext format="html"><text>2+2?</text></questiontext>
        <answer fraction="100"><text>4</text><tolerance>0</tolerance></answer><answer fraction="0"><text>*</text><feedback><text>Sai</text></feedback></answer></question>
    </quiz>`);
    const parsed = await parseQuestions(xml, 'moodlexml');
    const conv = parsed.questions.map((p, i) => fromNeutral(p, 'moodlexml', `Câu ${i + 1}`));
    const cloze = conv.find((c) => c.problem);
    expect(cloze?.problem?.code).toBe('unsupported_type');
    const mw = conv.find((c) => c.input?.type === 'missing_word');
    expect(value(mw!.input!).data.baseType).toBe('short_answer');
    const num = conv.find((c) => c.input?.type === 'numeric')!;
    expect(num.notes).toHaveLength(1);
    expect(value(num.input!).data.numeric).toEqual([{ value: 4, tolerance: 0 }]);
  });
});
