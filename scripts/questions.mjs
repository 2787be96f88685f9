#!/usr/bin/env node
// `npm run questions -- convert FILE --from gift --to json`: builds the backend when backend/dist/cli/questions.js
// is missing or older than its sources, then runs it with the same arguments (stdout, stderr and exit code forwarded).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'backend', 'dist', 'cli', 'questions.js');
const sources = [path.join(root, 'backend', 'src', 'cli', 'questions.ts'), path.join(root, 'backend', 'src', 'modules', 'questions', 'formats')];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) {
    if (name.endsWith('.spec.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

const builtAt = fs.existsSync(compiled) ? fs.statSync(compiled).mtimeMs : 0;
if (builtAt === 0 || sources.some((s) => newestMtime(s) > builtAt)) {
  process.stderr.write('questions: building the backend (npm run build -w backend)…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const b = spawnSync(npm, ['run', 'build', '-w', 'backend'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (b.status !== 0) {
    process.stderr.write('questions: build failed (biên dịch thất bại)\n');
    process.exit(b.status ?? 1);
  }
  // the compiled file of an unchanged source keeps its old mtime; touch it so the next run skips the build
  if (fs.existsSync(compiled)) fs.utimesSync(compiled, new Date(), new Date());
}
const r = spawnSync(process.execPath, [compiled, ...process.argv.slice(2)], { cwd: process.env.INIT_CWD ?? process.cwd(), stdio: 'inherit' });
process.exit(r.status ?? 1);
