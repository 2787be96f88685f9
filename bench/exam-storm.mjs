// Quiz engine (issue "Quiz engine"): the data, the exam-storm run and the statistics scenario used by bench/run.mjs.
//
// Exam storm: 500 learners (accounts and sessions inserted directly, no login traffic) start one timed 20-question quiz
// within 30 s, save every answer as they go (a quarter of the answers are changed once more, 5 % of the saves are sent
// twice, as a client does after a dropped connection), and submit a few seconds before the deadline the server gave
// them. Latency and throughput per phase (start, save, submit); then every answer the server acknowledged is compared
// with what is stored (answers lost must be 0).
//
// Statistics: a second quiz with 10,000 graded attempts of 20 questions (generated in SQL), GET …/statistics.

import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export const STORM_LEARNERS = Number(process.env.BENCH_STORM_LEARNERS ?? 500);
export const STORM_MINUTES = Number(process.env.BENCH_STORM_MINUTES ?? 1);
const STORM_START_WINDOW_MS = 30_000;
export const SAVE_GOAL_P99_MS = 150;
export const STATS_GOAL_MS = 1000;
const STATS_ATTEMPTS = 10_000;

const a = (text, fraction = 0, feedback = '') => ({ text, fraction, feedback });
const base = (over) => ({ answers: [], pairs: [], numeric: [], generalFeedback: '', ...over });
/** question templates of the closed types; the storm quiz draws 10 from each of two categories of 15 */
const TEMPLATES = [
  (i) => ({ type: 'single_choice', data: base({ single: true, answers: [a(`Phương án đúng ${i}`, 1), a('Phương án B'), a('Phương án C'), a('Phương án D')] }) }),
  (i) => ({ type: 'multiple_choice', data: base({ single: false, answers: [a(`Đúng 1 (${i})`, 0.5), a('Đúng 2', 0.5), a('Sai', -0.5), a('Sai nữa', -0.5)] }) }),
  () => ({ type: 'true_false', data: base({ correctAnswer: true }) }),
  (i) => ({ type: 'short_answer', data: base({ ignoreDiacritics: true, answers: [a(`Đáp án ${i}`, 1)] }) }),
  (i) => ({ type: 'numeric', data: base({ answers: [a(String(i), 1)], numeric: [{ value: i, tolerance: 0.5 }] }) }),
  () => ({ type: 'matching', data: base({ pairs: [{ left: 'Zalo OA', right: 'Thông báo' }, { left: 'Cổng DVC', right: 'Nộp hồ sơ' }, { left: 'VNeID', right: 'Định danh' }] }) }),
  () => ({ type: 'ordering', data: base({ pairs: [{ left: 'Tiếp nhận', right: '' }, { left: 'Xác minh', right: '' }, { left: 'Phản hồi', right: '' }, { left: 'Báo cáo', right: '' }] }) }),
];

async function insertQuestions(ds, bankId, categoryId, n, label) {
  const rows = Array.from({ length: n }, (_, i) => {
    const t = TEMPLATES[i % TEMPLATES.length](i + 1);
    return { ...t, title: `${label} ${i + 1}`.normalize('NFC'), text: `<p>${label}: câu hỏi số ${i + 1} về chuyển đổi số?</p>`.normalize('NFC') };
  });
  return ds.query(
    `WITH r AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS r(type text, title text, text text, data jsonb)),
          q AS (INSERT INTO questions (bank_id, category_id, type, title, search_text)
                SELECT $1, $2, r.type, r.title, vn_fold(r.title) FROM r RETURNING id, title, type)
     INSERT INTO question_versions (question_id, version, type, title, text, data, default_mark)
     SELECT q.id, 1, q.type, q.title, r.text, r.data, 1 FROM q JOIN r ON r.title = q.title RETURNING question_id AS id`,
    [bankId, categoryId, JSON.stringify(rows)],
  );
}

/** The bank, the two quizzes, 500 learner accounts with sessions, and 10,000 graded attempts for the statistics. */
export async function prepareQuizzes(ds, wardId, log, hashPassword, password) {
  const t = performance.now();
  const [bank] = await ds.query(`INSERT INTO question_banks (name, owner_unit_id) VALUES ($1, $2) RETURNING id`, ['Ngân hàng câu hỏi thử tải'.normalize('NFC'), wardId]);
  const [root] = await ds.query(`INSERT INTO question_categories (bank_id, name) VALUES ($1, 'Mặc định') RETURNING id`, [bank.id]);
  const cats = [];
  for (const name of ['Kỹ năng số', 'An toàn thông tin']) {
    const [c] = await ds.query(`INSERT INTO question_categories (bank_id, parent_id, name) VALUES ($1, $2, $3) RETURNING id`, [bank.id, root.id, name.normalize('NFC')]);
    await insertQuestions(ds, bank.id, c.id, 15, name);
    cats.push(c.id);
  }
  const fixed = await insertQuestions(ds, bank.id, root.id, 20, 'Thống kê');

  // the storm quiz: 20 questions drawn at random (10 + 10), options shuffled, a short time limit
  const [storm] = await ds.query(
    `INSERT INTO quizzes (title, owner_unit_id, status, time_limit_minutes, shuffle_questions, shuffle_options, questions_per_page, published_at)
     VALUES ($1, $2, 'published', $3, true, true, 5, now()) RETURNING id`,
    ['Kiểm tra thử tải'.normalize('NFC'), wardId, STORM_MINUTES],
  );
  await ds.query(
    `INSERT INTO quiz_slots (quiz_id, position, kind, category_id, count, mark) VALUES ($1, 1, 'random', $2, 10, 1), ($1, 2, 'random', $3, 10, 1)`,
    [storm.id, cats[0], cats[1]],
  );

  // learners: bench people without an account, one argon2 hash for all, one session each
  const people = await ds.query(
    `SELECT s.id, s.full_name FROM staff_members s WHERE s.staff_code LIKE 'BENCH%' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.staff_id = s.id)
      ORDER BY s.staff_code OFFSET $2 LIMIT $1`,
    [STORM_LEARNERS, Number(process.env.BENCH_STORM_OFFSET ?? 5000)],
  );
  const hash = await hashPassword(password);
  const users = await ds.query(
    `INSERT INTO users (username, display_name, password_hash, roles, staff_id)
     SELECT 'bench.exam.' || lpad(x.n::text, 3, '0'), s.full_name, $2, ARRAY['learner'], s.id
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) JOIN staff_members s ON s.id = x.id ORDER BY x.n
     RETURNING id`,
    [people.map((p) => p.id), hash],
  );
  const tokens = users.map(() => randomBytes(32).toString('base64url'));
  await ds.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at, user_agent)
     SELECT decode(h, 'hex'), u, now() + interval '1 day', 'bench exam' FROM unnest($1::text[], $2::uuid[]) AS x(h, u)`,
    [tokens.map((tk) => createHash('sha256').update(tk).digest('hex')), users.map((u) => u.id)],
  );

  // the closed-loop save scenario: the same draws, no time limit
  const [saveQuiz] = await ds.query(
    `INSERT INTO quizzes (title, owner_unit_id, status, shuffle_questions, shuffle_options, questions_per_page, published_at)
     VALUES ($1, $2, 'published', true, true, 5, now()) RETURNING id`,
    ['Lưu câu trả lời thử tải'.normalize('NFC'), wardId],
  );
  await ds.query(
    `INSERT INTO quiz_slots (quiz_id, position, kind, category_id, count, mark) VALUES ($1, 1, 'random', $2, 10, 1), ($1, 2, 'random', $3, 10, 1)`,
    [saveQuiz.id, cats[0], cats[1]],
  );

  // statistics: 20 fixed questions, 10,000 graded attempts; question i gets fraction ((n·(i+3) + i) mod 4) / 3
  const [statsQuiz] = await ds.query(
    `INSERT INTO quizzes (title, owner_unit_id, status, pass_mark, published_at) VALUES ($1, $2, 'published', 60, now()) RETURNING id`,
    ['Thống kê thử tải (10.000 bài làm)'.normalize('NFC'), wardId],
  );
  await ds.query(
    `INSERT INTO quiz_slots (quiz_id, position, kind, question_id, mark) SELECT $1, x.n, 'fixed', x.id, 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, n)`,
    [statsQuiz.id, fixed.map((q) => q.id)],
  );
  const pool = await ds.query(`SELECT id FROM staff_members WHERE staff_code LIKE 'BENCH%' ORDER BY staff_code LIMIT 2000`);
  await ds.query(
    `WITH a AS (
       INSERT INTO quiz_attempts (quiz_id, staff_id, attempt_no, status, counted, seed, max_score, submitted_at, finished_by)
       SELECT $1, ($2::uuid[])[1 + g % cardinality($2::uuid[])], 1 + g / cardinality($2::uuid[]), 'graded', true, 'bench', 20, now(), 'learner'
         FROM generate_series(0, $3::int - 1) g
       RETURNING id, attempt_no, staff_id
     ), n AS (SELECT id, row_number() OVER (ORDER BY attempt_no, staff_id) - 1 AS n FROM a),
     q AS (
       INSERT INTO attempt_questions (attempt_id, slot, quiz_slot_id, quiz_slot_position, question_id, question_version_id, type, answer_type, mark, page)
       SELECT n.id, s.position, s.id, s.position, s.question_id, v.id, v.type, 'choice', 1, 1
         FROM n CROSS JOIN quiz_slots s JOIN question_versions v ON v.question_id = s.question_id AND v.version = 1
        WHERE s.quiz_id = $1 RETURNING attempt_id, slot, type, question_id, quiz_slot_position
     )
     INSERT INTO attempt_answers (attempt_id, slot, question_id, quiz_slot_position, state, fraction, mark, chosen)
     SELECT q.attempt_id, q.slot, q.question_id, q.quiz_slot_position, 'partial', ((n.n * (q.slot + 2) + q.slot - 1) % 4) / 3.0, round(((n.n * (q.slot + 2) + q.slot - 1) % 4) / 3.0, 4),
            CASE WHEN q.type IN ('single_choice','multiple_choice','true_false') THEN ARRAY[((n.n + q.slot) % 4)::int] END
       FROM q JOIN n ON n.id = q.attempt_id`,
    [statsQuiz.id, pool.map((p) => p.id), STATS_ATTEMPTS],
  );
  await ds.query(
    `UPDATE quiz_attempts a SET score = s.score, percent = s.score * 5 FROM (
       SELECT aa.attempt_id, sum(aa.mark) AS score FROM attempt_answers aa JOIN quiz_attempts x ON x.id = aa.attempt_id AND x.quiz_id = $1 GROUP BY aa.attempt_id) s
      WHERE s.attempt_id = a.id`,
    [statsQuiz.id],
  );
  await ds.query(`VACUUM (ANALYZE) quizzes, quiz_slots, quiz_attempts, attempt_questions, attempt_answers, questions, question_versions`);
  log(`quizzes: a 20-question storm quiz, ${users.length} exam learners with sessions, ${STATS_ATTEMPTS} graded attempts for the statistics, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { stormQuizId: storm.id, saveQuizId: saveQuiz.id, statsQuizId: statsQuiz.id, examTokens: tokens, saving: [] };
}

export const QUIZ_SCENARIOS = [
  {
    // the save path alone, closed loop: what one answer save costs (CPU per request) and how many the server takes per second
    name: 'answer save',
    target: 'app',
    concurrency: 16,
    makeRequest: (ctx, i) => {
      const token = ctx.quizzes.examTokens[ctx.quizzes.examTokens.length - 1 - i];
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const mine = ctx.quizzes.saving[i];
      if (!mine) return { method: 'POST', path: `/api/me/quizzes/${ctx.quizzes.saveQuizId}/attempts`, headers, body: '{}', meta: { start: true } };
      const q = pick(mine.questions);
      mine.seq++;
      return { method: 'PUT', path: `/api/me/attempts/${mine.id}/answers/${q.slot}`, headers, body: JSON.stringify({ response: responseFor(q), seq: mine.seq }) };
    },
    onResponse: (ctx, i, req, res) => {
      if (req.meta?.start && (res.status === 200 || res.status === 201)) {
        const at = JSON.parse(res.body.toString('utf8'));
        ctx.quizzes.saving[i] = { id: at.id, questions: at.questions, seq: 0 };
      }
    },
    notes: () => '16 learners, each saving answers to its own attempt (20 questions) without pause; the first request of each starts the attempt (warm-up)',
  },
  {
    name: 'quiz statistics (10,000 attempts)',
    target: 'app',
    concurrency: 1,
    makeRequest: (ctx) => ({ method: 'GET', path: `/api/quizzes/${ctx.quizzes.statsQuizId}/statistics`, headers: { authorization: `Bearer ${ctx.token}` } }),
    notes: (s) => `p95 ${s.p95_ms.toFixed(0)} ms vs goal ${STATS_GOAL_MS} ms: ${s.p95_ms < STATS_GOAL_MS ? 'met' : 'MISSED'}; ${STATS_ATTEMPTS} graded attempts x 20 questions, one SQL statement, admin`,
  },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const shuffled = (list) => list.map((x) => [Math.random(), x]).sort((p, q) => p[0] - q[0]).map((p) => p[1]);

/** A plausible answer to a question as the learner view shows it (not necessarily right). */
function responseFor(q) {
  if (q.options) return q.multiple ? { choices: shuffled(q.options).slice(0, 1 + Math.floor(Math.random() * 2)).map((o) => o.key) } : { choice: pick(q.options).key };
  if (q.left) return { pairs: Object.fromEntries(q.left.map((l) => [l.key, pick(q.right).key])) };
  if (q.items) return { order: shuffled(q.items).map((o) => o.key) };
  if (q.type === 'numeric') return { number: String(Math.floor(Math.random() * 20)) + (Math.random() < 0.5 ? ',5' : '') };
  return { text: pick(['Đáp án 3', 'dap an 5', 'VNeID', 'Chữ ký số', 'không biết']) };
}

/** JSON with object keys sorted (jsonb stores keys in its own order). */
const canonical = (v) => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1))) : x));
const pct = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : NaN);
function phaseStats(list) {
  const lat = list.map((x) => x.ms).sort((p, q) => p - q);
  const first = Math.min(...list.map((x) => x.at));
  const last = Math.max(...list.map((x) => x.at + x.ms));
  const errors = list.filter((x) => x.status < 200 || x.status >= 300);
  return {
    count: list.length, p50_ms: pct(lat, 0.5), p95_ms: pct(lat, 0.95), p99_ms: pct(lat, 0.99),
    rps: list.length / Math.max(0.001, (last - first) / 1000), errors: errors.length, firstError: errors[0]?.error ?? null,
  };
}

/**
 * The storm itself. Returns one row per phase for run.mjs's table, and the answers check.
 * `tools` = { send, http, cpuSeconds, cpuSecondsOf, Client, dbUrl, log }.
 */
export async function runExamStorm(app, ctx, tools) {
  const { send, http, cpuSeconds, cpuSecondsOf, Client, dbUrl, log, startHello } = tools;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const quizId = ctx.quizzes.stormQuizId;
  const calls = { start: [], save: [], submit: [] };
  const expected = new Map(); // `${attemptId}:${slot}` → { seq, response } of the newest acknowledged save
  let sent = 0;
  let retries = 0;
  let resaves = 0;
  const t0 = performance.now();
  const cpu0 = { server: cpuSeconds(app.pid), pg: cpuSecondsOf('postgres') };
  const schedule = []; // every request and when it was sent, replayed against the bare node:http server afterwards
  const timed = async (phase, req) => {
    const at = performance.now();
    schedule.push({ offset: at - t0, req });
    const res = await send(agent, app.port, req);
    calls[phase].push({ at, ms: performance.now() - at, status: res.status, error: res.status >= 300 || res.status < 200 ? `${res.status} ${res.body.toString('utf8').slice(0, 160)}` : null });
    return res;
  };
  const learner = async (token, i) => {
    await sleep(t0 + (i / ctx.quizzes.examTokens.length) * STORM_START_WINDOW_MS + Math.random() * 200 - performance.now());
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const res = await timed('start', { method: 'POST', path: `/api/me/quizzes/${quizId}/attempts`, headers: auth, body: '{}' });
    if (res.status !== 201 && res.status !== 200) return;
    const at = JSON.parse(res.body.toString('utf8'));
    // the server's deadline on this machine's clock
    const deadline = performance.now() + (Date.parse(at.deadlineAt) - Date.parse(at.serverNow));
    const submitAt = deadline - 1000 - Math.random() * 4000;
    const plan = [];
    let seq = 0;
    for (const q of at.questions) {
      plan.push({ q, time: 0 });
      if (Math.random() < 0.25) { plan.push({ q, time: 0 }); resaves++; }
    }
    const from = performance.now() + 500;
    const span = Math.max(1000, submitAt - 1500 - from);
    const times = plan.map(() => from + Math.random() * span).sort((p, q) => p - q);
    for (const [k, step] of plan.entries()) {
      await sleep(times[k] - performance.now());
      const body = JSON.stringify({ response: responseFor(step.q), seq: ++seq });
      const req = { method: 'PUT', path: `/api/me/attempts/${at.id}/answers/${step.q.slot}`, headers: auth, body };
      const acked = (r) => {
        if (r.status !== 200) return;
        const ack = JSON.parse(r.body.toString('utf8'));
        const key = `${at.id}:${step.q.slot}`;
        const prev = expected.get(key);
        // the ack carries the stored seq: ours when applied, an equal or newer one when ignored
        if (ack.applied && (!prev || ack.seq > prev.seq)) expected.set(key, { seq: ack.seq, response: JSON.parse(body).response });
      };
      acked(await timed('save', req));
      sent++;
      if (Math.random() < 0.05) { acked(await timed('save', req)); sent++; retries++; } // the same save again (a retry after a dropped connection)
    }
    await sleep(submitAt - performance.now());
    await timed('submit', { method: 'POST', path: `/api/me/attempts/${at.id}/submit`, headers: auth, body: '{}' });
  };
  log(`exam storm: ${ctx.quizzes.examTokens.length} learners start within ${STORM_START_WINDOW_MS / 1000} s, ${STORM_MINUTES} min time limit …`);
  await Promise.all(ctx.quizzes.examTokens.map((tk, i) => learner(tk, i)));
  const cpu1 = { server: cpuSeconds(app.pid), pg: cpuSecondsOf('postgres') };
  agent.destroy();

  // every acknowledged answer must be stored with its newest seq
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  let stored = 0;
  let lost = 0;
  let statuses;
  try {
    const { rows } = await c.query(
      `SELECT aa.attempt_id || ':' || aa.slot AS key, aa.seq, aa.response FROM attempt_answers aa JOIN quiz_attempts a ON a.id = aa.attempt_id
        WHERE a.quiz_id = $1 AND aa.saved_at IS NOT NULL`,
      [quizId],
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const [key, e] of expected) {
      const r = byKey.get(key);
      if (r && Number(r.seq) === e.seq && canonical(r.response) === canonical(e.response)) stored++;
      else lost++;
    }
    statuses = (await c.query(`SELECT status, count(*)::int AS n FROM quiz_attempts WHERE quiz_id = $1 GROUP BY status ORDER BY status`, [quizId])).rows;
  } finally {
    await c.end();
  }
  // the baseline: the same requests at the same moments against the bare node:http server, pinned the same way
  let base = null;
  if (startHello) {
    log(`exam storm: replaying the ${schedule.length} requests against the bare node:http server …`);
    const hello = await startHello();
    const helloAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const replay = [];
    const b0 = performance.now();
    try {
      await Promise.all(schedule.map(async ({ offset, req }) => {
        await sleep(b0 + offset - performance.now());
        const at = performance.now();
        const res = await send(helloAgent, hello.port, req);
        replay.push({ at, ms: performance.now() - at, status: res.status, error: res.status === 200 ? null : String(res.status) });
      }));
    } finally {
      helloAgent.destroy();
      await hello.stop();
    }
    base = phaseStats(replay);
  }
  const total = calls.start.length + calls.save.length + calls.submit.length;
  const cpu = { server_cpu_ms_per_req: ((cpu1.server - cpu0.server) * 1000) / total, pg_cpu_ms_per_req: ((cpu1.pg - cpu0.pg) * 1000) / total, db_cpu_ms_per_req: NaN };
  const check = { sent, retries, resaves, distinct: expected.size, stored, lost, statuses: statuses.map((s) => `${s.n} ${s.status}`).join(', ') };
  const answers = `saves sent ${sent} (${retries} repeated as after a dropped connection, ${resaves} answers changed), `
    + `${expected.size} distinct answers acknowledged, ${stored} stored with the newest seq, ${lost} lost; attempts: ${check.statuses}`;
  const s = { start: phaseStats(calls.start), save: phaseStats(calls.save), submit: phaseStats(calls.submit) };
  return {
    check,
    rows: [
      { name: 'exam storm: start', stats: { ...s.start, ...cpu }, notes: `${s.start.count} learners started a ${STORM_MINUTES}-min 20-question quiz (random draw, shuffled options) within ${STORM_START_WINDOW_MS / 1000} s; CPU/req over the whole storm` },
      { name: 'exam storm: save', stats: { ...s.save, ...cpu }, notes: `p99 ${s.save.p99_ms.toFixed(0)} ms vs goal ${SAVE_GOAL_P99_MS} ms: ${s.save.p99_ms < SAVE_GOAL_P99_MS ? 'met' : 'MISSED'}; ${answers}` },
      { name: 'exam storm: submit', stats: { ...s.submit, ...cpu }, notes: `${s.submit.count} submits 1-5 s before each learner's deadline (grading, audit row)` },
      ...(base ? [{
        name: 'exam storm: bare node baseline', stats: { ...base, server_cpu_ms_per_req: NaN, pg_cpu_ms_per_req: NaN, db_cpu_ms_per_req: NaN },
        notes: `the same ${base.count} requests (start, save, submit) at the same moments against the bare node:http server`,
      }] : []),
    ],
  };
}
