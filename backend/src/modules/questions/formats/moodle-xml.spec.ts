import { exportMoodleXml, parseMoodleXml } from './moodle-xml';
import type { ParseResult } from './question';
import { corpusFile, expected, mismatches } from './testing/corpus';

const exp = expected('moodlexml');
const cache = new Map<string, ParseResult>();
const parse = (file: string) => {
  if (!cache.has(file)) cache.set(file, parseMoodleXml(corpusFile(file)));
  return cache.get(file)!;
};

describe('Moodle XML corpus cases (expected.json)', () => {
  for (const c of exp.cases) {
    it(c.id, () => {
      const q = parse(c.file).questions[c.index];
      expect(mismatches(q, c)).toEqual([]);
      if (c.files) {
        expect(
          (q.files ?? []).map((f) => ({ field: f.field, name: f.name, path: f.path, encoding: f.encoding, size: Buffer.from(f.data, 'base64').length, content: Buffer.from(f.data, 'base64').toString('utf8') })),
        ).toEqual(c.files);
      }
      if (c.rawText && q.type === 'cloze') expect(q.rawText).toBe(c.rawText);
    });
  }
});

describe('Moodle XML corpus files (counts, categories, errors)', () => {
  for (const f of exp.files) {
    it(f.file, () => {
      const r = parse(f.file);
      expect(r.questions).toHaveLength(f.expectedQuestionCount);
      expect(r.categories).toEqual(f.categories.map((c: { path: string }) => c.path));
      expect(mismatches(r.categoryDetails ?? [], f.categories)).toEqual([]);
      for (const e of f.expectedErrors as { key?: string; message?: string; params?: { grades?: string; question?: string } }[]) {
        if (e.key) {
          const found = r.errors.find((x) => x.code === e.key!.split('/')[1]);
          expect(found).toBeDefined();
          if (e.params?.grades) expect(found!.message).toContain(e.params.grades);
          if (e.params?.question) expect(found!.message).toContain(e.params.question.replace(/<[^>]*>/g, ''));
        } else expect(r.errors.some((x) => x.message.includes(e.message!))).toBe(true);
      }
      if (f.expectedErrors.length === 0) expect(r.errors).toEqual([]);
    });
  }
});

describe('Moodle XML rejects', () => {
  for (const rj of exp.rejects) {
    it(rj.id, () => {
      const r = parse(rj.file);
      expect(r.questions.find((q) => q.title === rj.questionTitle)).toBeUndefined();
      const e = r.errors.find((x) => x.question === rj.questionTitle.replace(/<[^>]*>/g, '') || x.question === rj.questionTitle);
      expect(e).toBeDefined();
      expect(e!.line).toBeGreaterThan(0);
      if (rj.errorKey) expect(e!.code).toBe(rj.errorKey.split('/')[1]);
      if (/^[A-Z].*\.$/.test(rj.reason) && !rj.reason.includes('(')) expect(e!.message).toContain(rj.reason);
    });
  }
});

describe('Moodle XML details', () => {
  it('reports malformed XML with its line', () => {
    const r = parseMoodleXml('<?xml version="1.0"?>\n<quiz>\n  <question type="truefalse">\n    <name><text>x</text></nam>\n</quiz>');
    expect(r.questions).toHaveLength(0);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'xmlparseerror', line: 4 })]);
  });

  it('rejects a DOCTYPE (no entity expansion)', () => {
    const r = parseMoodleXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><quiz/>');
    expect(r.errors[0].code).toBe('xmlparseerror');
  });

  it('reports an unknown question type and keeps the others', () => {
    const r = parseMoodleXml(
      '<quiz><question type="ddwtos"><name><text>d</text></name><questiontext><text>x</text></questiontext></question>' +
        '<question type="essay"><name><text>e</text></name><questiontext><text>Write</text></questiontext></question></quiz>',
    );
    expect(r.questions.map((q) => q.title)).toEqual(['e']);
    expect(r.errors[0]).toMatchObject({ code: 'xmltypeunsupported', line: 1 });
  });

  it('round-trips ordering questions and CDATA edge cases', () => {
    const q = {
      type: 'ordering' as const,
      title: 'Thứ tự',
      text: 'Sắp xếp <b>các</b> triều đại ]]> theo thời gian',
      textFormat: 'html' as const,
      answers: ['Lý', 'Trần', 'Lê'].map((t) => ({ text: t, fraction: 1, feedback: '' })),
      pairs: [],
      numeric: [],
      generalFeedback: '',
      category: '$course$/Lịch sử',
    };
    const r = parseMoodleXml(exportMoodleXml([q]));
    expect(r.errors).toEqual([]);
    expect(r.questions[0]).toMatchObject({ type: 'ordering', text: q.text, answers: q.answers.map((a) => expect.objectContaining(a)), category: '$course$/Lịch sử' });
  });

  it('re-exports cloze questions with their embedded answers', () => {
    const a = parse('moodlexml/unit/import_multianswer.xml');
    const b = parseMoodleXml(exportMoodleXml(a.questions));
    expect(b.errors).toEqual([]);
    expect(b.questions[0].subquestions).toEqual(a.questions[0].subquestions);
    expect(b.questions[0].text).toBe(a.questions[0].text);
  });
});
