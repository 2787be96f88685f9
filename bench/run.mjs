#!/usr/bin/env node
// Benchmark runner: `npm run bench` from the repository root. See bench/README.md.
//
// 1. a throw-away database (local PostgreSQL at 127.0.0.1:5432, BENCH_DATABASE_URL, or an embedded one),
//    migrated and seeded by the compiled backend, plus a 100,000-person roster in 60 units;
// 2. the real server (`node backend/dist/main.js`) and a bare node:http "hello" server, each pinned to
//    CPU 0; this process (the load generator) pins itself to CPU 1;
// 3. closed-loop keep-alive clients per scenario; a Markdown table on stdout and bench/results/latest.json;
// 4. cleanup (child processes, database) on success, failure and Ctrl-C.
//
// A scenario is { name, target: 'app' | 'hello', concurrency, makeRequest(ctx, clientIndex), notes?(stats, ctx) }.
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
];

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
    // what autovacuum would have done by the time a real roster is queried: hint bits, visibility map, statistics
    await ds.query('VACUUM (ANALYZE) staff_members, staff_history, org_units');
    await ds.query('ANALYZE');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM staff_members`);
    const [unit] = await ds.query(`SELECT unit_id, count(*)::int AS n FROM staff_members WHERE unit_id = $1 GROUP BY unit_id`, [unitIds[0]]);
    log(`generated ${PEOPLE} people in ${UNITS} units (+ history rows) in ${((performance.now() - t) / 1000).toFixed(1)} s; ${n} people in total`);
    return { unitId: unit.unit_id, unitSize: unit.n, people: n };
  } finally {
    await ds.destroy();
  }
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
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
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
  setTimeout(() => { cpu0 = { server: cpuSeconds(server.pid), pg: cpuSecondsOf('postgres') }; }, WARMUP_MS).unref();
  const measureFrom = t0 + WARMUP_MS;
  const end = measureFrom + DURATION_MS;
  const client = async (i) => {
    for (;;) {
      const start = performance.now();
      if (start >= end) return;
      const res = await send(agent, port, scenario.makeRequest(ctx, i));
      const took = performance.now() - start;
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
  const ctx = { password: PASSWORD, unitId: data.unitId, unitSize: data.unitSize, token: null };

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
        `CPU/req: server ${fmt(stats.server_cpu_ms_per_req)} ms, postgres ${fmt(stats.pg_cpu_ms_per_req)} ms`,
        stats.errors ? `${stats.errors} non-2xx (first: ${stats.firstError})` : null].filter(Boolean).join('; '),
    };
    results.push(entry);
    log(`${s.name}: ${entry.rps} req/s, p50 ${fmt(entry.p50_ms)} ms, p95 ${fmt(entry.p95_ms)} ms, p99 ${fmt(entry.p99_ms)} ms${stats.errors ? `, ${stats.errors} errors` : ''}`);
  };

  // baseline first, alone on CPU 0
  const hello = await startChild('hello server', [path.join(BENCH_DIR, 'hello-server.mjs')], {}, '/');
  for (const s of byTarget('hello')) record(s, await runLoad(hello, s, ctx));
  await hello.stop();

  const app = await startChild(
    'backend',
    [path.join(DIST, 'main.js')],
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
  const login = await send(new http.Agent(), app.port, { method: 'POST', path: '/api/auth/login', ...json({ login: 'admin', password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.body}`);
  ctx.token = JSON.parse(login.body.toString('utf8')).token;
  for (const s of byTarget('app')) record(s, await runLoad(app, s, ctx));

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
    `Benchmark ${new Date().toISOString()} — ${os.cpus().length} CPUs (${os.cpus()[0]?.model?.trim()}), Node ${process.version}, ${db.where}, ${data.people} people`,
    `${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s per scenario, closed-loop keep-alive clients; ${pinned ? 'server on CPU 0, load generator on CPU 1' : 'not pinned'}`,
    '',
    line(header),
    line(header.map((h, i) => (i === 0 || i === header.length - 1 ? '---' : '---:'))),
    ...rows.map(line),
    '',
  ];
  const search = results.find((r) => r.name === 'people search');
  if (search) out.push(`people search p95: ${fmt(search.p95_ms)} ms (goal ≤ ${SEARCH_GOAL_P95_MS} ms: ${search.p95_ms <= SEARCH_GOAL_P95_MS ? 'met' : 'MISSED'})`, '');
  process.stdout.write(out.join('\n') + '\n');

  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(path.join(BENCH_DIR, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
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
