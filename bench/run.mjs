#!/usr/bin/env node
// Benchmark runner: `npm run bench` from the repository root. See bench/README.md.
//
// 1. a throw-away database (local PostgreSQL at 127.0.0.1:5432, BENCH_DATABASE_URL, or an embedded one),
//    migrated and seeded by the compiled backend, plus a 100,000-person roster in 60 units, 200 courses,
//    1,000,000 enrolments with item progress and completions, and 200 signed-in learner accounts;
// 2. the real server (`node backend/dist/main.js`) and a bare node:http "hello" server, each pinned to
//    CPU 0; this process (the load generator) pins itself to CPU 1;
// 3. closed-loop keep-alive clients per scenario; a Markdown table on stdout and bench/results/latest.json;
// 4. cleanup (child processes, database) on success, failure and Ctrl-C.
//
// A scenario is { name, target: 'app' | 'hello', concurrency, makeRequest(ctx, clientIndex),
// onResponse?(ctx, clientIndex, req, res, measured), thinkMs?: [min, max], notes?(stats, ctx) }.
// Add new ones to SCENARIOS below.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { measureExport, prepareTargets, rawSqlTimes, TARGET_GOAL_MS, TARGET_SCENARIOS } from './targets.mjs';
import { prepareQuizzes, QUIZ_SCENARIOS, runExamStorm, SAVE_GOAL_P99_MS, STATS_GOAL_MS } from './exam-storm.mjs';
import { CHECKIN_GOAL_P99_MS, prepareCheckinStorm, runCheckinStorm } from './checkin-storm.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const BACKEND = path.join(ROOT, 'backend');
// BENCH_BACKEND_DIST: benchmark another build (e.g. a patched copy) for an A/B comparison
const DIST = process.env.BENCH_BACKEND_DIST
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), process.env.BENCH_BACKEND_DIST) // npm -w runs us in bench/
  : path.join(BACKEND, 'dist');
const requireBackend = createRequire(path.join(BACKEND, 'package.json'));
const requireDist = createRequire(path.join(DIST, 'main.js'));

const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const UNITS = 60;
const PASSWORD = 'bench-Password-2025';
const SEARCH_GOAL_P95_MS = 50;

const log = (s) => process.stderr.write(`[bench] ${s}\n`);

// ---------------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------------

const SEARCH_QUERIES = [
  'nguyen van', 'tran thi', 'le minh', 'pham thu', 'hoang anh', 'vu duc', 'dang ngoc', 'bui thanh',
  'do hai', 'ngo quang', 'huynh bao', 'phan thi lan', 'vo van hung', 'duong thi', 'ly minh', 'ho thi hoa',
  'nguyen thi huong', 'tran van nam', 'le thi mai', 'pham van long', 'huong', 'tuan', 'nguyen', 'thao',
];

const json = (body) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const bearer = (ctx) => ({ authorization: `Bearer ${ctx.token}` });

export const SCENARIOS = [
  {
    name: 'baseline hello',
    target: 'hello',
    concurrency: 16,
    makeRequest: () => ({ method: 'GET', path: '/' }),
    notes: () => 'bare node:http, CPU 0',
  },
  {
    name: 'login',
    target: 'app',
    concurrency: 4,
    makeRequest: (ctx) => ({ method: 'POST', path: '/api/auth/login', ...json({ login: 'admin', password: ctx.password }) }),
    notes: () => 'argon2id verify + session insert; deliberately slow',
  },
  {
    name: 'people search',
    target: 'app',
    concurrency: 16,
    makeRequest: (ctx) => {
      const q = SEARCH_QUERIES[Math.floor(Math.random() * SEARCH_QUERIES.length)];
      return { method: 'GET', path: `/api/staff?q=${encodeURIComponent(q)}&page=1&pageSize=20`, headers: bearer(ctx) };
    },
    notes: (s) => `p95 ${fmt(s.p95_ms)} ms vs goal ${SEARCH_GOAL_P95_MS} ms: ${s.p95_ms <= SEARCH_GOAL_P95_MS ? 'met' : 'MISSED'}; ${SEARCH_QUERIES.length} diacritic-free queries`,
  },
  {
    name: 'people search, 1 client',
    target: 'app',
    concurrency: 1,
    makeRequest: (ctx) => SCENARIOS.find((s) => s.name === 'people search').makeRequest(ctx),
    notes: () => 'same queries, no queueing: the latency one user sees',
  },
  {
    name: 'people list of one unit',
    target: 'app',
    concurrency: 16,
    makeRequest: (ctx) => ({ method: 'GET', path: `/api/staff?unitId=${ctx.unitId}&page=1&pageSize=20`, headers: bearer(ctx) }),
    notes: (_s, ctx) => `unit of ${ctx.unitSize} people, first page, Vietnamese order`,
  },
  // --- courses and learning (1,000,000 enrolments; see prepareCourses) ---
  {
    name: 'my learning',
    target: 'app',
    concurrency: 16,
    makeRequest: (ctx) => ({ method: 'GET', path: '/api/me/learning', headers: { authorization: `Bearer ${ctx.learners[0].token}` } }),
    notes: (s, ctx) => `${goalNote(s, 'p95', LEARNING_GOAL_MS)}; one learner, ${ctx.learners[0].enrolments} enrolments (${ctx.learners[0].open} open)`,
  },
  {
    name: 'course progress table page',
    target: 'app',
    concurrency: 16,
    makeRequest: (ctx) => {
      const page = 1 + Math.floor(Math.random() * Math.ceil(ctx.progressCourse.learners / 50));
      return { method: 'GET', path: `/api/courses/${ctx.progressCourse.id}/progress?page=${page}&pageSize=50`, headers: bearer(ctx) };
    },
    notes: (s, ctx) => `${goalNote(s, 'p95', LEARNING_GOAL_MS)}; course of ${ctx.progressCourse.learners} learners, random page of 50, admin`,
  },
  {
    name: 'course progress table page, 1 client',
    target: 'app',
    concurrency: 1,
    makeRequest: (ctx) => SCENARIOS.find((s) => s.name === 'course progress table page').makeRequest(ctx),
    notes: (s) => `${goalNote(s, 'p95', LEARNING_GOAL_MS)}; the same pages, no queueing: the latency one trainer sees`,
  },
  {
    name: 'progress event',
    target: 'app',
    concurrency: 200,
    makeRequest: (ctx, i) => progressRequest(ctx.learners[i % ctx.learners.length]),
    onResponse: (ctx, i, req, res, measured) => progressAnswered(tallyOf(ctx, 'progress event'), ctx.learners[i % ctx.learners.length], req, res, measured),
    notes: (s, ctx) => {
      const t = tallyOf(ctx, 'progress event');
      return `${goalNote(s, 'p99', LEARNING_GOAL_MS)}; ${ctx.learners.length} learners, each on their own enrolments: `
        + `${t.completed} completed + ${t.progress} progress(share) events, ${t.courseDone} course completions, `
        + `${t.random} random-item picks (${t.locked}× 409 ITEM_LOCKED); closed loop, no think time: a saturation test (latency ≈ 200 ÷ req/s)`;
    },
  },
  {
    name: 'progress event, paced',
    target: 'app',
    concurrency: 200,
    thinkMs: [1000, 3000],
    makeRequest: (ctx, i) => progressRequest(ctx.learners[i % ctx.learners.length]),
    onResponse: (ctx, i, req, res, measured) => progressAnswered(tallyOf(ctx, 'progress event, paced'), ctx.learners[i % ctx.learners.length], req, res, measured),
    notes: (s, ctx) => {
      const t = tallyOf(ctx, 'progress event, paced');
      return `${goalNote(s, 'p99', LEARNING_GOAL_MS)}; the same ${ctx.learners.length} learners, each waiting 1-3 s between events (≈ 100 req/s offered): `
        + `${t.completed} completed + ${t.progress} progress(share), ${t.courseDone} course completions, ${t.random} random picks (${t.locked}× 409)`;
    },
  },
];
// --- training targets (1,000,000 completions, 500,000 attendance marks; see bench/targets.mjs) ---
SCENARIOS.push(...TARGET_SCENARIOS);
// --- quiz engine: statistics over 10,000 attempts (the exam storm is a scripted run, see main(); bench/exam-storm.mjs) ---
SCENARIOS.push(...QUIZ_SCENARIOS);

const LEARNING_GOAL_MS = 50;
const goalNote = (s, q, goal) => `${q} ${fmt(s[`${q}_ms`])} ms vs goal ${goal} ms: ${s[`${q}_ms`] < goal ? 'met' : 'MISSED'}`;

/**
 * One learner's next progress event: the next incomplete item of their current open enrolment (so it is
 * allowed, sequential courses included); 25 % are 'progress' events with a share (no completion), 2 % pick a
 * random item of the course (may be locked in a sequential course: 409, counted as an error).
 */
function progressRequest(l) {
  const auth = { authorization: `Bearer ${l.token}` };
  let e = l.queue[l.cursor % l.queue.length];
  if (e.done >= e.items.length) { l.cursor++; e = l.queue[l.cursor % l.queue.length]; }
  const r = Math.random();
  let item;
  let body;
  let kind;
  if (r < 0.02) {
    kind = 'random';
    item = e.items[Math.floor(Math.random() * e.items.length)];
    body = { event: 'completed', share: 100, ...(item.type === 'quiz' ? { score: 90 } : {}) };
  } else if (r < 0.27 || e.done >= e.items.length) {
    kind = 'progress';
    item = e.items[Math.min(e.done, e.items.length - 1)];
    body = { event: 'progress', share: 10 + Math.floor(Math.random() * 50) };
  } else {
    kind = 'completed';
    item = e.items[e.done];
    body = { event: 'completed', ...(item.type === 'quiz' ? { score: 70 + Math.floor(Math.random() * 31) } : { share: 100 }) };
  }
  const { body: text, headers } = json(body);
  return { method: 'POST', path: `/api/me/learning/${e.courseId}/items/${item.id}/progress`, body: text, headers: { ...headers, ...auth }, meta: { kind, e, item } };
}

/** Per-scenario counters of the progress events sent (measured part only). */
function tallyOf(ctx, name) {
  ctx.progressTally[name] ??= { completed: 0, progress: 0, random: 0, locked: 0, courseDone: 0 };
  return ctx.progressTally[name];
}

function progressAnswered(t, l, req, res, measured) {
  const { kind, e, item } = req.meta;
  if (measured) {
    t[kind]++;
    if (res.status === 409) t.locked++;
  }
  if (kind !== 'progress' && res.status === 200 && e.items[e.done]?.id === item.id) {
    e.done++;
    if (e.done >= e.items.length) {
      if (measured) t.courseDone++;
      l.cursor++;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Cleanup: every resource registers an undo step; they run in reverse order exactly once.
// ---------------------------------------------------------------------------------------------------

const undo = [];
let cleaning = null;
function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      while (undo.length) {
        const step = undo.pop();
        try {
          await step.fn();
        } catch (e) {
          log(`cleanup (${step.what}) failed: ${e?.message ?? e}`);
        }
      }
    })();
  }
  return cleaning;
}
const onUndo = (what, fn) => undo.push({ what, fn });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: cleaning up …`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0 && os.cpus().length >= 2;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Deterministic PRNG so every run generates the same roster. */
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ensureBuilt() {
  if (process.env.BENCH_BACKEND_DIST) {
    if (!fs.existsSync(path.join(DIST, 'main.js'))) throw new Error(`BENCH_BACKEND_DIST: no main.js in ${DIST}`);
    return;
  }
  if (fs.existsSync(path.join(DIST, 'main.js')) && fs.existsSync(path.join(DIST, 'database', 'migrate.js'))) return;
  log('backend/dist is missing: running `npm run build -w backend` …');
  const r = spawnSync('npm', ['run', 'build', '-w', 'backend'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(path.join(DIST, 'main.js'))) {
    throw new Error('backend/dist/main.js is missing and the build failed; run `npm run build` from the repository root first');
  }
}

// ---------------------------------------------------------------------------------------------------
// Database
// ---------------------------------------------------------------------------------------------------

const { Client } = requireBackend('pg');

async function canConnect(url) {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function withDatabase(serverUrl, db) {
  const u = new URL(serverUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Returns the URL of a fresh database, and registers its removal. */
async function provideDatabase() {
  const dbName = `dakbla_bench_${process.pid}`;
  const candidates = process.env.BENCH_DATABASE_URL
    ? [process.env.BENCH_DATABASE_URL]
    : process.env.BENCH_EMBEDDED === '1' ? [] : ['postgres://postgres@127.0.0.1:5432/postgres'];
  for (const serverUrl of candidates) {
    if (!(await canConnect(serverUrl))) {
      if (process.env.BENCH_DATABASE_URL) throw new Error(`BENCH_DATABASE_URL: cannot connect to ${new URL(serverUrl).host}`);
      continue;
    }
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    const [{ version }] = (await admin.query('SHOW server_version')).rows.map((r) => ({ version: r.server_version }));
    await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE template0 ENCODING 'UTF8'`);
    await admin.end();
    onUndo('drop database', async () => {
      if (process.env.BENCH_KEEP_DB === '1') return log(`kept database ${withDatabase(serverUrl, dbName)} (BENCH_KEEP_DB=1); drop it yourself`);
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
      log(`dropped database ${dbName}`);
    });
    log(`database ${dbName} on PostgreSQL ${version} at ${new URL(serverUrl).host}`);
    return { url: withDatabase(serverUrl, dbName), where: `PostgreSQL ${version} (${new URL(serverUrl).host})` };
  }
  // no server: an embedded PostgreSQL in a throw-away directory (/tmp is reachable by the postgres user when run as root)
  const { startEmbeddedPostgres } = requireDist('./database/embedded.js');
  const dir = path.join(os.tmpdir(), `dakbla-bench-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  onUndo('remove embedded data dir', async () => fs.rmSync(dir, { recursive: true, force: true }));
  log('no PostgreSQL at 127.0.0.1:5432: starting an embedded PostgreSQL …');
  const emb = await startEmbeddedPostgres(dir, log, dbName);
  onUndo('stop embedded PostgreSQL', async () => {
    await emb.stop();
    fs.rmSync(emb.dataDir, { recursive: true, force: true });
    log('stopped the embedded PostgreSQL');
  });
  return { url: emb.url, where: 'embedded PostgreSQL' };
}

// Roster: realistic Vietnamese names (NFC), family names weighted by their real frequency.
const FAMILY = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 4], ['Phan', 4.5], ['Vũ', 4],
  ['Võ', 3.9], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
];
const MIDDLE_M = ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Thanh', 'Ngọc', 'Xuân', 'Hoàng', 'Anh', 'Đình', 'Trọng', 'Bảo', 'Quốc', 'Tiến'];
const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Bảo', 'Kim', 'Mai', 'Phương', 'Hồng', 'Diệu', 'Khánh', 'Thùy'];
const GIVEN_M = ['Anh', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khang', 'Khánh',
  'Khoa', 'Kiên', 'Lâm', 'Long', 'Luân', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thành',
  'Thắng', 'Thịnh', 'Toàn', 'Trung', 'Tuấn', 'Tuân', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Hưng', 'Lộc', 'Tú', 'Đông'];
const GIVEN_F = ['Anh', 'Chi', 'Diệp', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Huyền', 'Lan', 'Liên',
  'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Thảo', 'Thơ', 'Thu', 'Thủy',
  'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến', 'Lụa', 'Nhàn'];
const CATEGORIES = [['civil_servant', 30], ['public_employee', 35], ['cadre', 10], ['contract_worker', 10], ['citizen', 15]];

function weighted(pairs, rnd) {
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  let x = rnd() * total;
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}

function makeRoster(n) {
  const rnd = mulberry32(20250701);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const cols = { code: [], family: [], middle: [], given: [], full: [], gender: [], birth: [], unit: [], category: [], dt: [], status: [], leave: [] };
  for (let i = 0; i < n; i++) {
    const female = rnd() < 0.5;
    const family = weighted(FAMILY, rnd);
    let middle = pick(female ? MIDDLE_F : MIDDLE_M);
    if (rnd() < 0.15) middle = `${middle} ${pick(female ? ['Thu', 'Ngọc', 'Minh', 'Thanh'] : ['Minh', 'Quốc', 'Anh', 'Đức'])}`;
    if (middle.split(' ')[0] === middle.split(' ')[1]) middle = middle.split(' ')[0];
    const given = pick(female ? GIVEN_F : GIVEN_M);
    const status = rnd() < 0.04 ? 'on_leave' : 'active';
    cols.code.push(`BENCH${String(i + 1).padStart(6, '0')}`);
    cols.family.push(family.normalize('NFC'));
    cols.middle.push(middle.normalize('NFC'));
    cols.given.push(given.normalize('NFC'));
    cols.full.push(`${family} ${middle} ${given}`.normalize('NFC'));
    cols.gender.push(female ? 'female' : 'male');
    cols.birth.push(1960 + Math.floor(rnd() * 46));
    cols.unit.push(i % UNITS);
    cols.category.push(weighted(CATEGORIES, rnd));
    cols.dt.push(rnd() < 0.05 ? 'concurrent' : 'none');
    cols.status.push(status);
    cols.leave.push(status === 'on_leave' ? (rnd() < 0.6 ? 'maternity_leave' : 'long_term_study') : null);
  }
  return cols;
}

async function prepareDatabase(url) {
  const { runMigrations } = requireDist('./database/migrate.js');
  const { seedDemo } = requireDist('./database/seed/demo-seed.js');
  let t = performance.now();
  const ds = await runMigrations(url);
  try {
    await seedDemo(ds, PASSWORD);
    log(`migrated and seeded the demo data in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const [ward] = await ds.query(`SELECT id FROM org_units WHERE type = 'ward' ORDER BY created_at LIMIT 1`);
    if (!ward) throw new Error('the demo seed has no ward unit');
    const units = await ds.query(
      `INSERT INTO org_units (code, name, type, parent_id, search_text, valid_from)
       SELECT 'BENCH-TDP-' || lpad(g::text, 2, '0'), 'Tổ dân phố thử tải ' || g, 'residential_group', $1,
              vn_fold('Tổ dân phố thử tải ' || g || ' | BENCH-TDP-' || lpad(g::text, 2, '0')), DATE '2025-07-01'
         FROM generate_series(1, $2::int) g
       RETURNING id`,
      [ward.id, UNITS],
    );
    const unitIds = units.map((u) => u.id);
    const r = makeRoster(PEOPLE);
    await ds.query(
      `WITH src AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[],
                              $9::text[], $10::text[], $11::text[], $12::text[])
           AS x(code, family, middle, given, full_name, gender, birth, unit_ix, category, dt, status, leave)
       ), ins AS (
         INSERT INTO staff_members (staff_code, family_name, middle_name, given_name, full_name, gender, birth_year, unit_id,
                                    position, category, dt_role, status, leave_kind, status_since)
         SELECT code, family, middle, given, full_name, gender, birth, ($13::uuid[])[unit_ix + 1],
                'Chuyên viên', category, dt, status, leave, DATE '2025-07-01'
           FROM src
         RETURNING id, unit_id, category, dt_role, status, leave_kind, status_since
       )
       INSERT INTO staff_history (staff_id, valid_from, unit_id, category, dt_role, status, leave_kind)
       SELECT id, status_since, unit_id, category, dt_role, status, leave_kind FROM ins`,
      [r.code, r.family, r.middle, r.given, r.full, r.gender, r.birth, r.unit, r.category, r.dt, r.status, r.leave, unitIds],
    );
    log(`generated ${PEOPLE} people in ${UNITS} units (+ history rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const learning = await prepareCourses(ds, ward.id);
    const targets = await prepareTargets(ds, ward.id, log);
    const quizzes = await prepareQuizzes(ds, ward.id, log, requireDist('./modules/auth/auth.service.js').hashPassword, PASSWORD);
    const checkin = await prepareCheckinStorm(ds, ward.id, learning.learners, log);
    // what autovacuum would have done by the time a real roster is queried: hint bits, visibility map, statistics
    t = performance.now();
    await ds.query(`VACUUM (ANALYZE) staff_members, staff_history, org_units, courses, course_sections, course_items, enrolments,
                      item_progress, completions, users, sessions`);
    await ds.query('ANALYZE');
    log(`VACUUM (ANALYZE) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM staff_members`);
    const [unit] = await ds.query(`SELECT unit_id, count(*)::int AS n FROM staff_members WHERE unit_id = $1 GROUP BY unit_id`, [unitIds[0]]);
    return { unitId: unit.unit_id, unitSize: unit.n, people: n, targets, quizzes, checkin, ...learning };
  } finally {
    await ds.destroy();
  }
}

// Courses and learning: 200 published courses (2 sections, 5 required items: 4 lessons and a final quiz;
// every third course sequential, every fifth with minProgressBeforeFinal 80), 1,000,000 enrolments (10 per
// person, unique per course/person): course #1 has exactly 5,000 learners (every 20th person), the other 199
// share the rest with a Zipf-like popularity (s = 0.5: ~35k learners for the most popular, ~2.5k for the least).
// Progress per enrolment: 1 % withdrawn, 54 % untouched, 5 % first item started, 25 % 1-4 items done (the next
// one started half the time), 15 % completed (all items, a completions row). Items are done in order, so the
// data respects sequential locks. 200 learner accounts (users.staff_id) with a session each.
const COURSES = 200;
const COURSE_PER_PERSON = 10;
const PROGRESS_COURSE_LEARNERS = 5000;
const LEARNERS = 200;
const LESSON_HTML = `<h2>Nội dung bài học</h2><p>${'Cán bộ, công chức phường nắm vững quy trình tiếp nhận và giải quyết thủ tục hành chính trên môi trường số, hướng dẫn người dân sử dụng dịch vụ công trực tuyến. '.repeat(4)}</p><ul><li>Mục tiêu</li><li>Nội dung chính</li><li>Câu hỏi ôn tập</li></ul>`.normalize('NFC');

function makeEnrolments(people) {
  const rnd = mulberry32(20251128);
  // Zipf-like weights for courses 1..199 (index 0 is the 5,000-learner course)
  const cum = [];
  let total = 0;
  for (let c = 1; c < COURSES; c++) cum.push((total += 1 / Math.sqrt(c)));
  const draw = () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] < x) lo = mid + 1; else hi = mid; }
    return lo + 1;
  };
  const every = Math.max(1, Math.floor(people / PROGRESS_COURSE_LEARNERS));
  const byCourse = Array.from({ length: COURSES }, () => []);
  const mine = new Set();
  for (let p = 0; p < people; p++) {
    mine.clear();
    if (p % every === 0 && byCourse[0].length < PROGRESS_COURSE_LEARNERS) mine.add(0);
    while (mine.size < COURSE_PER_PERSON) mine.add(draw());
    for (const c of mine) byCourse[c].push(p);
  }
  // enrolments arrive course by course (rules, unit batches): the heap is clustered by course, as in production
  const n = people * COURSE_PER_PERSON;
  const cols = { c: new Int32Array(n), p: new Int32Array(n), done: new Int16Array(n), partial: new Int16Array(n), kind: new Int16Array(n),
    ago: new Int32Array(n), due: new Int32Array(n) };
  let k = 0;
  for (let c = 0; c < COURSES; c++) {
    for (const p of byCourse[c]) {
      const r = rnd();
      // kind: 0 enrolled/in progress/completed by `done`, 1 withdrawn, 2 self-enrolled
      let done = 0;
      let partial = 0;
      let kind = rnd() < 0.1 ? 2 : 0;
      if (r < 0.01) kind = 1;
      else if (r < 0.55) { /* untouched */ } else if (r < 0.60) partial = 1;
      else if (r < 0.85) { done = 1 + Math.floor(rnd() * 4); partial = rnd() < 0.5 ? 1 : 0; } else done = 5;
      cols.c[k] = c; cols.p[k] = p; cols.done[k] = done; cols.partial[k] = partial; cols.kind[k] = kind;
      cols.ago[k] = 5 + Math.floor(rnd() * 400);
      cols.due[k] = rnd() < 0.4 ? -1 : 30 + Math.floor(rnd() * 120); // days after enrolment, -1: no due date
      k++;
    }
  }
  return { cols, sizes: byCourse.map((a) => a.length) };
}

const arr = (typed) => Array.from(typed);

/**
 * Bulk load into the course tables: on one connection, foreign-key triggers off (session_replication_role =
 * replica, superuser only: every row is built by joins to existing rows) and the secondary indexes plus
 * item_progress's primary key dropped, then recreated from their exact catalog definitions. About 3x faster
 * than plain INSERTs (≈ 13 s instead of ≈ 75 s for 1M enrolments + 1.5M item_progress rows).
 */
async function bulkLoad(q, fn) {
  const tables = ['enrolments', 'item_progress', 'completions'];
  let replica = true;
  try {
    await q(`SET session_replication_role = replica`);
  } catch (e) {
    replica = false;
    log(`session_replication_role: ${e.message}; foreign-key checks stay on (slower)`);
  }
  const indexes = await q(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  // primary keys nothing references (item_progress): dropped and added back too
  const pkeys = await q(
    `SELECT c.conname, c.conrelid::regclass::text AS tbl, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND c.contype = 'p'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid)`,
    [tables],
  );
  for (const i of indexes) await q(`DROP INDEX ${i.name}`);
  for (const k of pkeys) await q(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${k.conname}`);
  try {
    await fn();
  } finally {
    for (const k of pkeys) await q(`ALTER TABLE ${k.tbl} ADD CONSTRAINT ${k.conname} ${k.def}`);
    for (const i of indexes) await q(i.def);
    if (replica) await q(`SET session_replication_role = origin`);
  }
}

async function prepareCourses(ds, wardId) {
  const { createHash, randomBytes } = await import('node:crypto');
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    return await generateCourses((sql, params) => qr.query(sql, params), wardId, createHash, randomBytes);
  } finally {
    await qr.release();
  }
}

async function generateCourses(q, wardId, createHash, randomBytes) {
  let t = performance.now();
  await q(`CREATE UNLOGGED TABLE bench_people AS
                    SELECT (row_number() OVER (ORDER BY staff_code) - 1)::int AS ix, id FROM staff_members WHERE staff_code LIKE 'BENCH%'`);
  await q(`ALTER TABLE bench_people ADD PRIMARY KEY (ix)`);
  const [{ people }] = await q(`SELECT count(*)::int AS people FROM bench_people`);

  await q(
    `CREATE UNLOGGED TABLE bench_courses AS
       SELECT g - 1 AS ix, gen_random_uuid() AS id, 'BENCH-K' || lpad(g::text, 3, '0') AS code, $2 || g AS title,
              (g % 3 = 1) AS sequential, CASE WHEN g % 5 = 0 THEN 80 END AS min_final, (1 + g % 8)::numeric AS hours
         FROM generate_series(1, $1::int) g`,
    [COURSES, 'Khóa bồi dưỡng thử tải số '.normalize('NFC')],
  );
  await q(
    `INSERT INTO courses (id, code, title, description, owner_unit_id, tags, target_group, delivery_mode, duration_hours, status, version,
                          sequential, pass_mark, min_progress_before_final, self_enrol, created_at, updated_at, published_at)
     SELECT id, code, title, $2, $1, ARRAY['2.1', 'digital_communication'], 'cbccvc', 'self_paced', hours, 'published', 1,
            sequential, 70, min_final, ix % 2 = 1, now() - interval '500 days', now() - interval '500 days', now() - interval '450 days'
       FROM bench_courses ORDER BY ix`,
    [wardId, '<p>Khóa học dùng cho đo hiệu năng.</p>'.normalize('NFC')],
  );
  // 2 sections; items: ord 1-3 in section 1 (lesson opened_to_end, lesson video_share 80, lesson confirm), 4-5 in section 2 (lesson, final quiz)
  await q(
    `CREATE UNLOGGED TABLE bench_items AS
       SELECT c.ix AS course_ix, c.id AS course_id, o.ord, gen_random_uuid() AS id, gen_random_uuid() AS section_id
         FROM bench_courses c CROSS JOIN generate_series(1, 5) o(ord)`,
  );
  await q(`UPDATE bench_items i SET section_id = s.section_id FROM bench_items s WHERE s.course_id = i.course_id AND s.ord = CASE WHEN i.ord <= 3 THEN 1 ELSE 4 END`);
  await q(
    `INSERT INTO course_sections (id, course_id, position, title)
     SELECT section_id, course_id, CASE WHEN ord = 1 THEN 0 ELSE 1 END, CASE WHEN ord = 1 THEN $1 ELSE $2 END FROM bench_items WHERE ord IN (1, 4)
      ORDER BY course_ix, ord`,
    ['Phần 1. Kiến thức chung'.normalize('NFC'), 'Phần 2. Thực hành và kiểm tra'.normalize('NFC')],
  );
  await q(
    `INSERT INTO course_items (id, course_id, section_id, position, type, title, required, is_final, body_html, video_url, completion_rule, video_share, min_score)
     SELECT id, course_id, section_id, CASE WHEN ord <= 3 THEN ord - 1 ELSE ord - 4 END, CASE WHEN ord = 5 THEN 'quiz' ELSE 'lesson' END,
            CASE WHEN ord = 5 THEN $2 ELSE $1 || ord END, true, ord = 5, CASE WHEN ord < 5 THEN $3 END,
            CASE WHEN ord = 2 THEN 'https://video.example.vn/bai-' || ord END,
            CASE ord WHEN 1 THEN 'opened_to_end' WHEN 2 THEN 'video_share' WHEN 3 THEN 'confirm' WHEN 4 THEN 'opened_to_end' END,
            CASE WHEN ord = 2 THEN 80 END, CASE WHEN ord = 5 THEN 70 END
       FROM bench_items ORDER BY course_ix, ord`,
    ['Bài '.normalize('NFC'), 'Bài kiểm tra cuối khóa'.normalize('NFC'), LESSON_HTML],
  );

  const { cols, sizes } = makeEnrolments(people);
  await q(
    `CREATE UNLOGGED TABLE bench_enrol AS
       SELECT gen_random_uuid() AS id, x.* FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])
         WITH ORDINALITY AS x(c, p, done, partial, kind, ago, due, n)`,
    [arr(cols.c), arr(cols.p), arr(cols.done), arr(cols.partial), arr(cols.kind), arr(cols.ago), arr(cols.due)],
  );
  const tGen = performance.now();
  let tEnrol;
  let tProgress;
  // columns that triggers fill in production (off during the bulk load): the enrolment's copy of its person's name
  // (migration LearningSpeed; absent when benchmarking an older build)
  const [{ sortNames }] = await q(
    `SELECT count(*) = 3 AS "sortNames" FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = 'enrolments' AND column_name IN ('sort_given_name', 'sort_family_name', 'sort_middle_name')`,
  );
  await bulkLoad(q, async () => {
    await q(
      `INSERT INTO enrolments (id, course_id, staff_id, source, due_date, status, reason, completed_at, enrolled_at, updated_at
                               ${sortNames ? ', sort_given_name, sort_family_name, sort_middle_name' : ''})
       SELECT b.id, c.id, p.id, CASE WHEN b.kind = 2 THEN 'self' ELSE 'manual' END,
              CASE WHEN b.due >= 0 THEN (now() - b.ago * interval '1 day' + b.due * interval '1 day')::date END,
              CASE WHEN b.kind = 1 THEN 'withdrawn' WHEN b.done = 5 THEN 'completed' WHEN b.done > 0 OR b.partial = 1 THEN 'in_progress' ELSE 'enrolled' END,
              CASE WHEN b.kind = 1 THEN $1 END,
              CASE WHEN b.done = 5 THEN now() - b.ago * interval '1 day' * 0.3 END,
              now() - b.ago * interval '1 day', now() - b.ago * interval '1 day' * 0.3
              ${sortNames ? ', s.given_name, s.family_name, s.middle_name' : ''}
         FROM bench_enrol b JOIN bench_courses c ON c.ix = b.c JOIN bench_people p ON p.ix = b.p
         ${sortNames ? 'JOIN staff_members s ON s.id = p.id' : ''} ORDER BY b.n`,
      ['Chuyển công tác'.normalize('NFC')],
    );
    tEnrol = performance.now();
    await q(
      `INSERT INTO item_progress (enrolment_id, item_id, status, progress, score, completed_at, updated_at)
       SELECT b.id, i.id, CASE WHEN i.ord <= b.done THEN 'completed' ELSE 'in_progress' END, CASE WHEN i.ord <= b.done THEN 100 ELSE 40 END,
              CASE WHEN i.ord = 5 AND i.ord <= b.done THEN 70 + (b.n % 31)::int END,
              CASE WHEN i.ord <= b.done THEN now() - b.ago * interval '1 day' * (1 - 0.14 * i.ord) END,
              now() - b.ago * interval '1 day' * (1 - 0.14 * i.ord)
         FROM bench_enrol b JOIN bench_items i ON i.course_ix = b.c AND (i.ord <= b.done OR (i.ord = b.done + 1 AND b.partial = 1))
        WHERE b.kind <> 1 ORDER BY b.n, i.ord`,
    );
    tProgress = performance.now();
    await q(
      `INSERT INTO completions (staff_id, course_id, enrolment_id, course_version, completed_at, hours, rule, source, status)
       SELECT p.id, c.id, b.id, 1, now() - b.ago * interval '1 day' * 0.3, c.hours, 'all_required_items', 'internal', 'approved'
         FROM bench_enrol b JOIN bench_courses c ON c.ix = b.c JOIN bench_people p ON p.ix = b.p WHERE b.done = 5 AND b.kind <> 1 ORDER BY b.n`,
    );
  });
  const tIndex = performance.now();
  // what the enrolment triggers (off during the bulk load) keep in production: each course's enrolled / completed counts
  // (migration LearningSpeed; absent when benchmarking an older build)
  const [{ counts: countsTable }] = await q(`SELECT to_regclass('public.course_enrolment_counts') IS NOT NULL AS counts`);
  if (countsTable) {
    await q(`DELETE FROM course_enrolment_counts`);
    await q(
      `INSERT INTO course_enrolment_counts (course_id, enrolled, completed)
       SELECT course_id, count(*) FILTER (WHERE status NOT IN ('withdrawn','exempted')), count(*) FILTER (WHERE status = 'completed')
         FROM enrolments GROUP BY course_id`,
    );
  }
  const [counts] = await q(
    `SELECT (SELECT count(*) FROM enrolments)::int AS enrolments, (SELECT count(*) FROM item_progress)::int AS progress,
            (SELECT count(*) FROM completions)::int AS completions`,
  );
  log(`generated ${COURSES} courses (+ source rows: ${fmt((tGen - t) / 1000)} s), ${counts.enrolments} enrolments (${fmt((tEnrol - tGen) / 1000)} s), `
    + `${counts.progress} item_progress rows (${fmt((tProgress - tEnrol) / 1000)} s), ${counts.completions} completions, indexes `
    + `(${fmt((tIndex - tProgress) / 1000)} s); course sizes ${Math.min(...sizes)}-${Math.max(...sizes)}`);

  // learner accounts: every (people / LEARNERS)-th person from index 7, one argon2 hash (the bench password) for all
  const hash = await requireDist('./modules/auth/auth.service.js').hashPassword(PASSWORD);
  const step = Math.floor(people / LEARNERS);
  const learnerIx = Array.from({ length: LEARNERS }, (_, i) => 7 + i * step);
  const users = await q(
    `INSERT INTO users (username, display_name, password_hash, roles, staff_id)
     SELECT 'bench.learner.' || lpad(x.n::text, 3, '0'), s.full_name, $2, ARRAY['learner'], s.id
       FROM unnest($1::int[]) WITH ORDINALITY AS x(ix, n) JOIN bench_people p ON p.ix = x.ix JOIN staff_members s ON s.id = p.id
      ORDER BY x.n
     RETURNING id, staff_id`,
    [learnerIx, hash],
  );
  const tokens = users.map(() => randomBytes(32).toString('base64url'));
  await q(
    `INSERT INTO sessions (token_hash, user_id, expires_at, user_agent)
     SELECT decode(h, 'hex'), u, now() + interval '1 day', 'bench' FROM unnest($1::text[], $2::uuid[]) AS x(h, u)`,
    [tokens.map((tk) => createHash('sha256').update(tk).digest('hex')), users.map((u) => u.id)],
  );
  // what each learner can do next: their enrolments with the items in order and how many are done
  const itemRows = await q(`SELECT i.course_id, i.id, i.type FROM course_items i JOIN bench_items b ON b.id = i.id ORDER BY b.course_ix, b.ord`);
  const itemsOf = new Map();
  for (const r of itemRows) {
    if (!itemsOf.has(r.course_id)) itemsOf.set(r.course_id, []);
    itemsOf.get(r.course_id).push({ id: r.id, type: r.type });
  }
  const enrolRows = await q(
    `SELECT x.n::int AS learner, c.id AS course_id, b.done::int AS done, b.kind::int AS kind
       FROM unnest($1::int[]) WITH ORDINALITY AS x(ix, n) JOIN bench_enrol b ON b.p = x.ix JOIN bench_courses c ON c.ix = b.c ORDER BY x.n, b.n`,
    [learnerIx],
  );
  const learners = users.map((u, i) => ({ userId: u.id, staffId: u.staff_id, token: tokens[i], enrolments: 0, open: 0, queue: [], cursor: 0 }));
  for (const r of enrolRows) {
    const l = learners[r.learner - 1];
    if (r.kind === 1) continue;
    l.enrolments++;
    if (r.done < 5) { l.open++; l.queue.push({ courseId: r.course_id, items: itemsOf.get(r.course_id), done: r.done }); }
  }
  for (const l of learners) if (!l.queue.length) throw new Error('a bench learner has no open enrolment');
  const [progressCourse] = await q(`SELECT c.id, count(e.*)::int AS learners FROM bench_courses c JOIN enrolments e ON e.course_id = c.id WHERE c.ix = 0 GROUP BY c.id`);
  await q('DROP TABLE bench_enrol, bench_items, bench_courses, bench_people');
  log(`courses, enrolments, progress and ${learners.length} learner sessions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return {
    learners,
    progressCourse,
    progressTally: {},
    enrolments: counts.enrolments,
    courses: COURSES,
  };
}

// ---------------------------------------------------------------------------------------------------
// Child servers
// ---------------------------------------------------------------------------------------------------

async function startChild(name, args, env, readyPath) {
  const port = await freePort();
  const cmd = hasTaskset ? 'taskset' : process.execPath;
  const argv = hasTaskset ? ['-c', '0', process.execPath, ...args] : args;
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d) => { output = (output + d).slice(-8000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exitP = new Promise((resolve) => child.once('exit', (code, sig) => { exited = { code, sig }; resolve(); }));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    await Promise.race([exitP, sleep(8000)]);
    if (!exited) {
      child.kill('SIGKILL');
      await exitP;
    }
  };
  onUndo(`stop ${name}`, stop);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited (${exited.code ?? exited.sig}) before it was ready:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${name} did not answer ${readyPath} within 90 s:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  return { port, pid: child.pid, stop, output: () => output };
}

// ---------------------------------------------------------------------------------------------------
// Load generator: N closed-loop clients on one keep-alive agent.
// ---------------------------------------------------------------------------------------------------

function send(agent, port, req) {
  return new Promise((resolve) => {
    const headers = { ...(req.headers ?? {}) };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    const r = http.request({ agent, host: '127.0.0.1', port, method: req.method, path: req.path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ status: 0, body: Buffer.from(String(e)) }));
    });
    r.on('error', (e) => resolve({ status: 0, body: Buffer.from(String(e)) }));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

const CLK_TCK = 100; // USER_HZ on Linux
/** CPU seconds used so far by one process (user + system), or by every process whose name is `comm`. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}
function cpuSecondsOf(comm) {
  let total = 0;
  try {
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm) total += cpuSeconds(d);
      } catch { /* gone */ }
    }
  } catch { /* no /proc */ }
  return total;
}

/** CPU seconds used so far by each backend connected to the benchmark database (pid → seconds). */
async function benchBackendsCpu(url) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
  } finally {
    await c.end();
  }
}

function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function runLoad(server, scenario, ctx) {
  const port = server.port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: scenario.concurrency });
  const latencies = [];
  let errors = 0;
  let firstError = null;
  const t0 = performance.now();
  let cpu0 = null;
  let db0 = null;
  setTimeout(() => {
    cpu0 = { server: cpuSeconds(server.pid), pg: cpuSecondsOf('postgres') };
    if (server.dbUrl) benchBackendsCpu(server.dbUrl).then((m) => { db0 = m; }, () => undefined);
  }, WARMUP_MS).unref();
  const measureFrom = t0 + WARMUP_MS;
  const end = measureFrom + DURATION_MS;
  const client = async (i) => {
    for (;;) {
      const start = performance.now();
      if (start >= end) return;
      const req = scenario.makeRequest(ctx, i);
      const res = await send(agent, port, req);
      const took = performance.now() - start;
      scenario.onResponse?.(ctx, i, req, res, start >= measureFrom);
      // optional think time (a paced learner): uniform in [min, max] ms between one answer and the next request
      if (scenario.thinkMs) await sleep(scenario.thinkMs[0] + Math.random() * (scenario.thinkMs[1] - scenario.thinkMs[0]));
      if (start < measureFrom) continue;
      latencies.push(took);
      if (res.status < 200 || res.status >= 300) {
        errors++;
        firstError ??= `${res.status} ${res.body.toString('utf8').slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: scenario.concurrency }, (_, i) => client(i)));
  const cpu1 = { server: cpuSeconds(server.pid), pg: cpuSecondsOf('postgres') };
  const db1 = server.dbUrl ? await benchBackendsCpu(server.dbUrl).catch(() => null) : null;
  agent.destroy();
  const n = Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    firstError,
    p50_ms: percentile(latencies, 0.5),
    p95_ms: percentile(latencies, 0.95),
    p99_ms: percentile(latencies, 0.99),
    rps: latencies.length / (DURATION_MS / 1000),
    server_cpu_ms_per_req: cpu0 ? ((cpu1.server - cpu0.server) * 1000) / n : NaN,
    pg_cpu_ms_per_req: cpu0 ? ((cpu1.pg - cpu0.pg) * 1000) / n : NaN,
    // only the backends serving the benchmark database (the server's pool): other work on the machine does not count
    db_cpu_ms_per_req: db0 && db1 ? ([...db1].reduce((a, [pid, t]) => a + t - (db0.get(pid) ?? 0), 0) * 1000) / n : NaN,
  };
}

function pinSelf() {
  if (!hasTaskset) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  ensureBuilt();
  const db = await provideDatabase();
  const data = await prepareDatabase(db.url);
  const ctx = {
    password: PASSWORD, unitId: data.unitId, unitSize: data.unitSize, token: null,
    learners: data.learners, progressCourse: data.progressCourse, progressTally: data.progressTally,
    checkin: data.checkin,
    targets: data.targets, quizzes: data.quizzes, people: data.people, today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
  };

  const pinned = pinSelf();
  log(pinned ? 'servers pinned to CPU 0, load generator to CPU 1' : 'taskset unavailable (or one CPU): nothing is pinned');

  const results = [];
  // BENCH_ONLY="people search,login": run only the scenarios whose name starts with one of these (the baseline always runs)
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const selected = (s) => s.target === 'hello' || !only.length || only.some((o) => s.name.startsWith(o));
  const byTarget = (t) => SCENARIOS.filter((s) => s.target === t && selected(s));
  const record = (s, stats) => {
    const entry = {
      name: s.name,
      p50_ms: +stats.p50_ms.toFixed(2),
      p95_ms: +stats.p95_ms.toFixed(2),
      p99_ms: +stats.p99_ms.toFixed(2),
      rps: Math.round(stats.rps),
      baseline_rps: null,
      notes: [
        s.notes?.(stats, ctx),
        `CPU/req: server ${fmt(stats.server_cpu_ms_per_req)} ms, postgres ${fmt(stats.pg_cpu_ms_per_req)} ms`
          + (Number.isNaN(stats.db_cpu_ms_per_req) ? '' : ` (of which the bench database's backends ${fmt(stats.db_cpu_ms_per_req)} ms)`),
        stats.errors ? `${stats.errors} non-2xx (first: ${stats.firstError})` : null].filter(Boolean).join('; '),
    };
    results.push(entry);
    log(`${s.name}: ${entry.rps} req/s, p50 ${fmt(entry.p50_ms)} ms, p95 ${fmt(entry.p95_ms)} ms, p99 ${fmt(entry.p99_ms)} ms${stats.errors ? `, ${stats.errors} errors` : ''}`);
  };

  // baseline first, alone on CPU 0
  const hello = await startChild('hello server', [path.join(BENCH_DIR, 'hello-server.mjs')], {}, '/');
  for (const s of byTarget('hello')) record(s, await runLoad(hello, s, ctx));
  await hello.stop();

  const startApp = (name = 'backend') => startChild(
    name,
    // BENCH_NODE_ARGS: extra node flags for the app server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (written when it stops)
    [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(DIST, 'main.js')],
    {
      DATABASE_URL: db.url,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      LOGIN_MAX_FAILURES_PER_IP: '100000',
      LOGIN_MAX_FAILURES_PER_NAME: '1000',
      DATA_DIR: path.join(BENCH_DIR, '.tmp'),
      HOST: '127.0.0.1',
    },
    '/api/health',
  );
  const app = await startApp();
  const login = await send(new http.Agent(), app.port, { method: 'POST', path: '/api/auth/login', ...json({ login: 'admin', password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.body}`);
  ctx.token = JSON.parse(login.body.toString('utf8')).token;
  app.dbUrl = db.url;
  if (byTarget('app').some((s) => s.name.startsWith('target') || s.name.startsWith('untrained'))) {
    ctx.rawSql = await rawSqlTimes(Client, db.url, requireDist, ctx);
  }
  for (const s of byTarget('app')) record(s, await runLoad(app, s, ctx));
  // the exam storm: a scripted run (500 learners, start / save / submit), not a closed loop
  let storm = null;
  if (selected({ target: 'app', name: 'exam storm' })) {
    const startHello = () => startChild('hello server (exam storm baseline)', [path.join(BENCH_DIR, 'hello-server.mjs')], {}, '/');
    storm = await runExamStorm(app, ctx, { send, http, cpuSeconds, cpuSecondsOf, Client, dbUrl: db.url, log, startHello });
    for (const r of storm.rows) record({ name: r.name, notes: () => r.notes }, r.stats);
  }
  // the check-in storm (attendance): 300 QR check-ins within 60 s while the trainer's screen polls, then the same
  // schedule against a bare node:http server (bench/checkin-storm.mjs)
  let checkin = null;
  if (selected({ target: 'app', name: 'check-in storm' })) {
    const startHello = () => startChild('hello server (check-in baseline)', [path.join(BENCH_DIR, 'hello-server.mjs')], {}, '/');
    checkin = await runCheckinStorm(app, ctx, { send, http, cpuSeconds, cpuSecondsOf, log, startHello });
    for (const r of checkin.rows) record({ name: r.name, notes: () => r.notes }, r.stats);
  }
  if (!only.length || only.some((o) => 'export'.startsWith(o) || o.startsWith('export'))) {
    for (const format of ['xlsx', 'csv']) {
      // each export on a server just started (its memory not grown by the load above), alone on CPU 0
      const fresh = await startApp(`backend (export ${format})`);
      const e = await measureExport(fresh, ctx, send, http, fs, format);
      await fresh.stop();
      results.push({ ...e, p50_ms: +e.p50_ms.toFixed(0), p95_ms: +e.p95_ms.toFixed(0), p99_ms: +e.p99_ms.toFixed(0), baseline_rps: null });
      log(`${e.name}: ${e.notes}`);
    }
  }

  const baseline = results.find((r) => r.name === 'baseline hello')?.rps ?? null;
  for (const r of results) r.baseline_rps = baseline;

  const rows = results.map((r) => [
    r.name, fmt(r.p50_ms), fmt(r.p95_ms), fmt(r.p99_ms), String(r.rps), String(r.baseline_rps ?? '-'),
    r.baseline_rps ? (r.rps / r.baseline_rps).toFixed(3) : '-', r.notes,
  ]);
  const header = ['scenario', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'baseline req/s', 'ratio', 'notes'];
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const out = [
    '',
    `Benchmark ${new Date().toISOString()} — ${os.cpus().length} CPUs (${os.cpus()[0]?.model?.trim()}), Node ${process.version}, ${db.where}, ${data.people} people, ${data.courses} courses, ${data.enrolments} enrolments`,
    `${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s per scenario, closed-loop keep-alive clients; ${pinned ? 'server on CPU 0, load generator on CPU 1' : 'not pinned'}`,
    '',
    line(header),
    line(header.map((h, i) => (i === 0 || i === header.length - 1 ? '---' : '---:'))),
    ...rows.map(line),
    '',
  ];
  const search = results.find((r) => r.name === 'people search');
  if (search) out.push(`people search p95: ${fmt(search.p95_ms)} ms (goal ≤ ${SEARCH_GOAL_P95_MS} ms: ${search.p95_ms <= SEARCH_GOAL_P95_MS ? 'met' : 'MISSED'})`);
  for (const [name, q] of [['my learning', 'p95'], ['course progress table page', 'p95'], ['course progress table page, 1 client', 'p95'], ['progress event', 'p99'], ['progress event, paced', 'p99']]) {
    const r = results.find((x) => x.name === name);
    if (r) out.push(`${name} ${q}: ${fmt(r[`${q}_ms`])} ms (goal < ${LEARNING_GOAL_MS} ms: ${r[`${q}_ms`] < LEARNING_GOAL_MS ? 'met' : 'MISSED'})`);
  }
  for (const r of results.filter((x) => x.name.startsWith('target') || x.name.startsWith('untrained'))) {
    out.push(`${r.name} p95: ${fmt(r.p95_ms)} ms (goal < ${TARGET_GOAL_MS} ms: ${r.p95_ms < TARGET_GOAL_MS ? 'met' : 'MISSED'})`);
  }
  for (const r of results.filter((x) => x.name.startsWith('export '))) out.push(`${r.name}: ${r.notes}`);
  const stats = results.find((x) => x.name.startsWith('quiz statistics'));
  if (stats) out.push(`${stats.name} p95: ${fmt(stats.p95_ms)} ms (goal < ${STATS_GOAL_MS} ms: ${stats.p95_ms < STATS_GOAL_MS ? 'met' : 'MISSED'})`);
  if (storm) {
    const save = results.find((x) => x.name === 'exam storm: save');
    out.push(`exam storm save p99: ${fmt(save.p99_ms)} ms (goal < ${SAVE_GOAL_P99_MS} ms: ${save.p99_ms < SAVE_GOAL_P99_MS ? 'met' : 'MISSED'})`);
    out.push(`exam storm answers: ${storm.check.sent} saves sent, ${storm.check.distinct} distinct answers acknowledged, ${storm.check.stored} stored, ${storm.check.lost} lost (goal 0: ${storm.check.lost === 0 ? 'met' : 'MISSED'})`);
  }
  if (checkin) {
    out.push(`check-in storm p99: ${fmt(checkin.p99)} ms (goal < ${CHECKIN_GOAL_P99_MS} ms: ${checkin.p99 < CHECKIN_GOAL_P99_MS ? 'met' : 'MISSED'})`);
    out.push(`check-in storm: ${checkin.check.sent} sent, ${checkin.check.recorded} recorded, ${checkin.check.history} history rows for ${checkin.check.distinct} people (exactly once: ${checkin.check.exactlyOnce ? 'met' : 'MISSED'})`);
  }
  out.push('');
  process.stdout.write(out.join('\n') + '\n');

  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  const file = path.join(BENCH_DIR, 'results', 'latest.json');
  // BENCH_ONLY: the scenarios of this run replace theirs in latest.json; the others keep their last figures (each
  // entry carries the baseline of its own run)
  let kept = [];
  if (only.length && fs.existsSync(file)) {
    try {
      kept = JSON.parse(fs.readFileSync(file, 'utf8')).filter((r) => r.name !== 'baseline hello' && !results.some((x) => x.name === r.name));
    } catch { /* unreadable: replaced */ }
  }
  fs.writeFileSync(file, `${JSON.stringify([...results, ...kept], null, 2)}\n`);
  log(`wrote bench/results/latest.json; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

let exitCode = 0;
try {
  await main();
} catch (e) {
  log(`FAILED: ${e?.stack ?? e}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
