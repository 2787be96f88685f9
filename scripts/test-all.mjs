#!/usr/bin/env node
// `npm test`: every suite (backend, frontend, e2e), one after the other, with per-suite counts.
// Exits non-zero if any suite fails. The e2e suite runs against the built app, so it builds first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dakbla-test-'));
const only = process.argv.slice(2);

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  return { code: r.status ?? 1, seconds: (Date.now() - started) / 1000 };
}

function jestCounts(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    return { passed: j.numPassedTests, failed: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0), skipped: j.numPendingTests + j.numTodoTests };
  } catch {
    return null;
  }
}

/** The names of the failed tests of a Jest JSON report (suites that failed to run included). */
function jestFailures(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    const out = [];
    for (const t of j.testResults ?? []) {
      const failed = (t.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of failed) out.push(`${path.relative(root, t.name)} › ${a.fullName}`);
      if (!failed.length && t.status === 'failed') out.push(`${path.relative(root, t.name)}: ${(t.message ?? '').split('\n').find((l) => l.trim()) ?? 'failed'}`);
    }
    return out;
  } catch {
    return [];
  }
}

/** The titles of the tests Playwright reports as unexpected (failed after its retries). */
function playwrightFailures(file) {
  try {
    const out = [];
    const walk = (suite, trail) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) if (t.status === 'unexpected') out.push(`${spec.file} › ${[...trail, spec.title].join(' › ')} [${t.projectName}]`);
      }
      for (const child of suite.suites ?? []) walk(child, suite.title && !suite.title.endsWith('.ts') ? [...trail, suite.title] : trail);
    };
    for (const s of JSON.parse(fs.readFileSync(file, 'utf8')).suites ?? []) walk(s, []);
    return out;
  } catch {
    return [];
  }
}

function playwrightCounts(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    const s = j.stats;
    return { passed: s.expected + (s.flaky ?? 0), failed: s.unexpected, skipped: s.skipped };
  } catch {
    return null;
  }
}

const suites = [
  {
    name: 'backend',
    run: () => {
      // runs from its workspace so that backend/jest.config.js applies
      const out = path.join(tmp, 'backend.json');
      const r = run('npm', ['test', '-w', 'backend', '--', '--ci', '--json', `--outputFile=${out}`]);
      return { ...r, counts: jestCounts(out), failures: jestFailures(out) };
    },
  },
  {
    name: 'frontend',
    run: () => {
      const out = path.join(tmp, 'frontend.json');
      const r = run('npm', ['test', '-w', 'frontend', '--', '--ci', '--json', `--outputFile=${out}`]);
      return { ...r, counts: jestCounts(out), failures: jestFailures(out) };
    },
  },
  {
    name: 'e2e',
    run: () => {
      const build = run('npm', ['run', 'build']);
      if (build.code !== 0) return { ...build, counts: { passed: 0, failed: 1, skipped: 0 } };
      const out = path.join(tmp, 'e2e.json');
      const r = run('npm', ['test', '-w', 'e2e'], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: out } });
      return { ...r, seconds: r.seconds + build.seconds, counts: playwrightCounts(out), failures: playwrightFailures(out) };
    },
  },
];

const results = [];
for (const s of suites) {
  if (only.length && !only.includes(s.name)) continue;
  process.stdout.write(`\n=== ${s.name} ===\n`);
  const r = s.run();
  results.push({ name: s.name, ...r });
}

let passed = 0;
let failed = 0;
let skipped = 0;
process.stdout.write('\nsuite      passed  failed  skipped  seconds  result\n');
for (const r of results) {
  const c = r.counts ?? { passed: 0, failed: r.code === 0 ? 0 : 1, skipped: 0 };
  // a runner that crashed before reporting counts as one failure
  if (r.code !== 0 && c.failed === 0) c.failed = 1;
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  process.stdout.write(
    `${r.name.padEnd(10)} ${String(c.passed).padStart(6)}  ${String(c.failed).padStart(6)}  ${String(c.skipped).padStart(7)}  ${r.seconds.toFixed(0).padStart(7)}  ${r.code === 0 ? 'ok' : 'FAILED'}\n`,
  );
}
// the failed tests by name, at the end where a CI log's tail shows them
const failures = results.flatMap((r) => (r.failures ?? []).map((f) => `  ${r.name}: ${f}`));
if (failures.length) process.stdout.write(`\nfailed:\n${failures.join('\n')}\n`);
fs.rmSync(tmp, { recursive: true, force: true });
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(results.every((r) => r.code === 0) && failed === 0 ? 0 : 1);
