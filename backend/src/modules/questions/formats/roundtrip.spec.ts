/**
 * import(export(x)) == x for GIFT, Moodle XML and Excel, over every question of every corpus (GIFT, Aiken, Moodle XML)
 * whose type the target format can express. Each target is compared on the fields it can carry (see normalise*).
 */
import { parseAiken } from './aiken';
import { exportGift, parseGift } from './gift';
import { exportMoodleXml, parseMoodleXml } from './moodle-xml';
import { defaultQuestionName, type Question } from './question';
import { corpusFile, expected } from './testing/corpus';
import { exportQuestionXlsx, parseQuestionXlsx } from './xlsx';

type Source = { file: string; questions: Question[] };

function corpusSources(): Source[] {
  const out: Source[] = [];
  const files = (f: 'gift' | 'aiken' | 'moodlexml') => [...new Set<string>(expected(f).files.map((x: { file: string }) => x.file))];
  for (const file of files('gift')) out.push({ file, questions: parseGift(corpusFile(file)).questions });
  for (const file of files('aiken')) out.push({ file, questions: parseAiken(corpusFile(file)).questions });
  for (const file of files('moodlexml')) out.push({ file, questions: parseMoodleXml(corpusFile(file)).questions });
  return out.filter((s) => s.questions.length > 0);
}

const tol = (n: { value: number | '*'; tolerance: number | null }) => n.tolerance ?? 0;

function core(q: Question, opts: { formats: boolean; numericSyntax: boolean; missingWord: boolean; title: (q: Question) => string | null }) {
  const fmt = q.textFormat ?? 'moodle';
  const type = !opts.missingWord && q.type === 'missing_word' ? q.baseType : q.type;
  const base = q.type === 'missing_word' ? q.baseType : q.type;
  const mc = base === 'single_choice' || base === 'multiple_choice';
  return {
    type,
    baseType: type === 'missing_word' ? q.baseType : undefined,
    title: opts.title(q),
    text: q.text,
    ...(opts.formats ? { textFormat: fmt, generalFeedbackFormat: q.generalFeedbackFormat ?? fmt } : {}),
    answers: q.answers.map((a) => ({
      text: a.text,
      fraction: Math.round(a.fraction * 1e7) / 1e7,
      feedback: a.feedback,
      ...(opts.formats ? { feedbackFormat: a.feedbackFormat ?? fmt, ...(mc ? { format: a.format ?? fmt } : {}) } : {}),
    })),
    pairs: q.pairs.map((p) => ({ left: p.left, right: p.right, ...(opts.formats ? { leftFormat: p.leftFormat ?? fmt } : {}) })),
    numeric: q.numeric.map((n) => ({
      value: n.value === '*' ? '*' : Math.round(n.value * 1e9) / 1e9,
      tolerance: Math.round(tol(n) * 1e9) / 1e9,
      ...(opts.numericSyntax && n.syntax === 'range' ? { min: n.min, max: n.max } : {}),
      feedback: n.feedback ?? '',
      fraction: n.fraction,
    })),
    generalFeedback: q.generalFeedback,
    category: q.category,
    correctAnswer: q.correctAnswer,
    tags: q.tags ?? [],
    idnumber: q.idnumber ?? '',
  };
}

const targets = {
  gift: {
    expressible: (q: Question) => q.type !== 'cloze' && q.type !== 'ordering',
    roundTrip: async (qs: Question[]) => {
      const r = parseGift(exportGift(qs));
      return { questions: r.questions, errors: r.errors };
    },
    // GIFT has no general feedback for descriptions.
    normalise: (q: Question) => ({ ...core(q, { formats: true, numericSyntax: true, missingWord: true, title: (x) => x.title }), ...(q.type === 'description' ? { generalFeedback: '' } : {}) }),
  },
  moodlexml: {
    expressible: (_q: Question) => true,
    roundTrip: async (qs: Question[]) => {
      const r = parseMoodleXml(exportMoodleXml(qs));
      return { questions: r.questions, errors: r.errors };
    },
    // Moodle XML needs a name (a title-less question gets Moodle's default name) and has no missing-word type or range syntax.
    normalise: (q: Question) => core(q, { formats: true, numericSyntax: false, missingWord: false, title: (x) => x.title ?? (defaultQuestionName(x.text) || null) }),
  },
  xlsx: {
    expressible: (q: Question) => q.type !== 'cloze',
    roundTrip: async (qs: Question[]) => {
      const r = await parseQuestionXlsx(await exportQuestionXlsx(qs));
      return { questions: r.questions, errors: r.errors };
    },
    // The Excel template carries no text formats.
    normalise: (q: Question) => core(q, { formats: false, numericSyntax: true, missingWord: true, title: (x) => x.title }),
  },
};

const sources = corpusSources();

for (const [name, t] of Object.entries(targets)) {
  describe(`round trip through ${name}: import(export(x)) == x`, () => {
    for (const src of sources) {
      const qs = src.questions.filter(t.expressible);
      if (qs.length === 0) continue;
      it(`${src.file} (${qs.length} questions)`, async () => {
        const back = await t.roundTrip(qs);
        expect(back.errors).toEqual([]);
        expect(back.questions.map(t.normalise)).toEqual(qs.map(t.normalise));
      });
    }
  });
}

describe('round trip coverage', () => {
  it('covers every question type of the corpora', () => {
    const types = new Set(sources.flatMap((s) => s.questions.map((q) => q.type)));
    expect([...types].sort()).toEqual(['cloze', 'description', 'essay', 'matching', 'missing_word', 'multiple_choice', 'numeric', 'short_answer', 'single_choice', 'true_false']);
  });
});
