/**
 * Question file converter:
 *   npm run questions -- convert FILE --from gift|aiken|moodlexml|xlsx --to json|gift|moodlexml|xlsx|aiken [--out FILE]
 * Output goes to stdout unless --out is given (xlsx needs --out). Malformed input: every error is printed with its
 * line (or row) on stderr and the exit code is 1; usage errors exit with 2. Legacy-font warnings go to stderr.
 */
import * as fs from 'node:fs';
import { exportQuestions, INPUT_FORMATS, OUTPUT_FORMATS, parseQuestions, type InputFormat, type OutputFormat } from '../modules/questions/formats';

export interface CliIo {
  stdout: (s: string | Buffer) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Buffer;
  writeFile: (path: string, data: string | Buffer) => void;
}

export const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => fs.readFileSync(p),
  writeFile: (p, d) => fs.writeFileSync(p, d),
};

const USAGE = `Usage / Cách dùng:
  npm run questions -- convert FILE --from ${INPUT_FORMATS.join('|')} --to ${OUTPUT_FORMATS.join('|')} [--out FILE]
  (FILE "-" is not supported; xlsx output needs --out)
`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

/** Run the CLI with argv (without "node script"); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const usage = (msg: string) => {
    io.stderr(`questions: ${msg}\n${USAGE}`);
    return 2;
  };
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    io.stderr(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] !== 'convert') return usage(`unknown command "${argv[0]}" (lệnh không hợp lệ)`);
  const rest = argv.slice(1);
  const valueFlags = new Set(['--from', '--to', '--out']);
  const positional = rest.filter((a, i) => !a.startsWith('--') && !valueFlags.has(rest[i - 1]));
  const file = positional[0];
  const from = option(rest, 'from') as InputFormat | undefined;
  const to = option(rest, 'to') as OutputFormat | undefined;
  const out = option(rest, 'out');
  if (!file) return usage('missing input FILE (thiếu tệp đầu vào)');
  if (positional.length > 1) return usage(`unexpected argument "${positional[1]}"`);
  if (!from || !(INPUT_FORMATS as readonly string[]).includes(from)) return usage(`--from must be one of ${INPUT_FORMATS.join(', ')}`);
  if (!to || !(OUTPUT_FORMATS as readonly string[]).includes(to)) return usage(`--to must be one of ${OUTPUT_FORMATS.join(', ')}`);
  if (to === 'xlsx' && !out) return usage('xlsx output needs --out FILE (xuất Excel cần --out)');

  let data: Buffer;
  try {
    data = io.readFile(file);
  } catch (e) {
    io.stderr(`questions: cannot read ${file}: ${(e as Error).message} (không đọc được tệp)\n`);
    return 1;
  }
  const result = await parseQuestions(data, from);
  if (result.errors.length) {
    for (const e of result.errors) {
      const where = e.line !== undefined ? `line ${e.line}` : e.row !== undefined ? `row ${e.row}` : 'file';
      const whereVi = e.line !== undefined ? `dòng ${e.line}` : e.row !== undefined ? `dòng ${e.row}` : 'tệp';
      io.stderr(`${file}: ${where}: ${e.message} [${e.code}]\n  ${whereVi}: ${e.messageVi}\n`);
    }
    io.stderr(`questions: ${result.errors.length} error(s), nothing written (${result.errors.length} lỗi, không ghi kết quả)\n`);
    return 1;
  }
  for (const q of result.questions) {
    for (const w of q.warnings ?? []) {
      const where = q.line !== undefined ? `line ${q.line}` : q.row !== undefined ? `row ${q.row}` : '';
      io.stderr(`${file}: ${where}: warning: ${w.message}\n`);
    }
  }
  const skipped: string[] = [];
  const output = await exportQuestions(result.questions, to, (_q, reason) => skipped.push(reason));
  for (const s of skipped) io.stderr(`questions: skipped (bỏ qua): ${s}\n`);
  if (out) io.writeFile(out, output);
  else io.stdout(output);
  return 0;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`questions: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
