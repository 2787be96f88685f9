import * as path from 'node:path';
import { runCli, type CliIo } from '../../../cli/questions';
import { parseGift } from './gift';
import { toNeutral } from './question';
import { CORPORA } from './testing/corpus';
import { parseQuestionXlsx } from './xlsx';

function fakeIo(files: Record<string, string | Buffer> = {}) {
  const out: (string | Buffer)[] = [];
  const errs: string[] = [];
  const written: Record<string, string | Buffer> = {};
  const fs = jest.requireActual('node:fs') as typeof import('node:fs');
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => errs.push(s),
    readFile: (p) => (p in files ? Buffer.from(files[p]) : fs.readFileSync(p)),
    writeFile: (p, d) => (written[p] = d),
  };
  return { io, out, errs, written, stdout: () => out.join(''), stderr: () => errs.join('') };
}

const corpus = (rel: string) => path.join(CORPORA, rel);

describe('questions CLI (runCli)', () => {
  it('converts GIFT to the neutral JSON', async () => {
    const t = fakeIo();
    const file = corpus('gift/synthetic/vietnamese_sample.gift');
    expect(await runCli(['convert', file, '--from', 'gift', '--to', 'json'], t.io)).toBe(0);
    const json = JSON.parse(t.stdout());
    expect(json).toEqual(parseGift(require('node:fs').readFileSync(file)).questions.map(toNeutral));
    expect(json[0]).toMatchObject({ type: 'single_choice', title: 'Thủ đô', category: '$course$/top/Địa lý Việt Nam' });
    expect(Object.keys(json[0])).not.toContain('line');
  });

  it('converts Moodle XML to GIFT and Aiken to Moodle XML', async () => {
    const a = fakeIo();
    expect(await runCli(['convert', corpus('moodlexml/unit/import_truefalse_19.xml'), '--from=moodlexml', '--to=gift'], a.io)).toBe(0);
    expect(a.stdout()).toContain('::True false question::');
    const b = fakeIo();
    expect(await runCli(['convert', corpus('aiken/aiken_help_example.txt'), '--from', 'aiken', '--to', 'moodlexml'], b.io)).toBe(0);
    expect(b.stdout()).toContain('<question type="multichoice">');
  });

  it('writes xlsx with --out and refuses xlsx on stdout', async () => {
    const t = fakeIo();
    expect(await runCli(['convert', corpus('gift/moodle_examples/examples.txt'), '--from', 'gift', '--to', 'xlsx', '--out', 'x.xlsx'], t.io)).toBe(0);
    const r = await parseQuestionXlsx(t.written['x.xlsx'] as Buffer);
    expect(r.errors).toEqual([]);
    expect(r.questions).toHaveLength(43);
    const u = fakeIo();
    expect(await runCli(['convert', corpus('gift/moodle_examples/examples.txt'), '--from', 'gift', '--to', 'xlsx'], u.io)).toBe(2);
    expect(u.stderr()).toMatch(/--out/);
  });

  it('exits non-zero with the reason and the line for malformed input', async () => {
    const t = fakeIo({ 'bad.gift': '::ok:: fine {T}\n\n// comment\n::Bad1:: Who? {~Grant ~Jefferson =no one\n' });
    expect(await runCli(['convert', 'bad.gift', '--from', 'gift', '--to', 'json'], t.io)).toBe(1);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toContain('bad.gift: line 3: Could not find {...} around answers [braceerror]');
    expect(t.stderr()).toContain('dòng 3');
    const x = fakeIo();
    expect(await runCli(['convert', corpus('moodlexml/fixtures/error_invalid_grades.xml'), '--from', 'moodlexml', '--to', 'json'], x.io)).toBe(1);
    expect(x.stderr()).toMatch(/line 4: .*invalid grades/i);
  });

  it('reports usage errors with exit code 2', async () => {
    for (const argv of [[], ['frobnicate'], ['convert'], ['convert', 'a.gift', '--from', 'word', '--to', 'json'], ['convert', 'a.gift', '--from', 'gift', '--to', 'pdf']]) {
      const t = fakeIo();
      expect(await runCli(argv, t.io)).toBe(2);
      expect(t.stderr()).toMatch(/Usage/);
    }
  });

  it('fails cleanly on a missing file', async () => {
    const t = fakeIo();
    expect(await runCli(['convert', '/nonexistent/q.gift', '--from', 'gift', '--to', 'json'], t.io)).toBe(1);
    expect(t.stderr()).toMatch(/cannot read/);
  });
});
