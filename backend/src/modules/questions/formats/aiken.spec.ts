import { exportAiken, parseAiken } from './aiken';
import { corpusFile, expected, mismatches } from './testing/corpus';

const exp = expected('aiken');
const parse = (file: string) => parseAiken(corpusFile(file));

describe('Aiken corpus cases (expected.json)', () => {
  for (const c of exp.cases) {
    it(c.id, () => {
      const q = parse(c.file).questions[c.index];
      expect(mismatches(q, c)).toEqual([]);
      expect(q.line).toBe(c.startLine);
    });
  }
});

describe('Aiken corpus files', () => {
  for (const f of exp.files) {
    it(f.file, () => {
      const r = parse(f.file);
      expect(r.questions).toHaveLength(f.expectedQuestionCount);
      expect(r.errors.map((e) => ({ key: e.code, line: e.line, message: e.message }))).toEqual(
        f.expectedErrors.map((e: { key: string; line: number; message: string }) => ({ key: e.key.split('/')[1], line: e.line, message: e.message })),
      );
    });
  }
});

describe('Aiken rejects', () => {
  for (const rj of exp.rejects) {
    it(rj.id, () => {
      const r = parse(rj.file);
      const e = r.errors.find((x) => x.line === rj.line);
      expect(e).toMatchObject({ code: rj.key.split('/')[1], message: rj.message });
      if (rj.question) expect(e?.question).toBe(rj.question);
    });
  }
});

describe('Aiken export', () => {
  it('round-trips single-choice questions', () => {
    const a = parse('aiken/aiken_help_example.txt');
    const b = parseAiken(exportAiken(a.questions));
    expect(b.errors).toEqual([]);
    expect(b.questions.map((q) => ({ ...q, line: 0 }))).toEqual(a.questions.map((q) => ({ ...q, line: 0 })));
  });
  it('reports an ANSWER letter that names no option', () => {
    const r = parseAiken('Q?\nA) x\nB) y\nANSWER: D\n');
    expect(r.errors[0]).toMatchObject({ code: 'questionmissinganswer', line: 4 });
  });
});
