// Attendance (issue 5): the check-in storm used by bench/run.mjs.
//
// 300 people check in to one session within 60 s through the rotating-QR path while the trainer's screen polls
// (every 2 s: the check-in screen for the current token, and the live list since its cursor):
// - 200 residents without accounts: POST /api/check-in/resolve with the token on the screen (→ ticket + device
//   token), 1-4 s of "typing" their name and phone, then POST /api/check-in with the ticket, name, phone and the
//   phone's location (the class has a 200 m geofence);
// - 100 signed-in staff (bench learner accounts, sessions inserted directly): POST /api/check-in with the token at once.
// Arrivals are uniform over the 60 s. A 410 (token rotated meanwhile) or a dropped connection is retried with the
// newest token, as the page does. Afterwards the session's marks and mark history are read back: every person must be
// recorded exactly once (one mark, one history row). The same arrival schedule (same requests, same pacing) is then
// replayed against a bare node:http server pinned the same way: the baseline of this run.

import { performance } from 'node:perf_hooks';

export const CHECKIN_PEOPLE = Number(process.env.BENCH_CHECKIN_PEOPLE ?? 300);
export const CHECKIN_SECONDS = Number(process.env.BENCH_CHECKIN_SECONDS ?? 60);
export const CHECKIN_GOAL_P99_MS = 150;
const STAFF_SHARE = 1 / 3;
const POLL_MS = 2000;
const VENUE = { lat: 14.3497, lng: 108.0005 };

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Thu', 'Quang', 'Hữu', 'Kim'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Hà', 'Hạnh', 'Hoa', 'Hùng', 'Lài', 'Lan', 'Lực', 'Mai', 'Nam', 'Nga', 'Phúc', 'Sáu', 'Tám', 'Thảo', 'Tuấn', 'Yến'];

/** The class (standalone community class with a geofence), the session, 200 residents and 100 staff on the roster. */
export async function prepareCheckinStorm(ds, wardId, learners, log) {
  const t = performance.now();
  const staffCount = Math.min(learners.length, Math.round(CHECKIN_PEOPLE * STAFF_SHARE));
  const residentCount = CHECKIN_PEOPLE - staffCount;
  const [tdp] = await ds.query(`SELECT id FROM org_units WHERE code = 'BENCH-TDP-02'`);
  const unitId = tdp?.id ?? wardId;
  const [cls] = await ds.query(
    `INSERT INTO classes (code, title, class_type, owner_unit_id, venue_name, venue_lat, venue_lng, status,
       checkin_opens_before_min, checkin_closes_after_min, geofence_radius_m, device_cooldown_min, checkin_step_seconds)
     VALUES ('BENCH-CHECKIN', $1, 'digital_learning_class', $2, $3, $4, $5, 'in_progress', 240, 600, 200, 10, 10) RETURNING id`,
    ['Lớp "Bình dân học vụ số" thử tải điểm danh'.normalize('NFC'), unitId, 'Nhà văn hóa tổ dân phố'.normalize('NFC'), VENUE.lat, VENUE.lng],
  );
  // starts in 2 hours: the window (240 minutes before the start) is open for the whole benchmark, everyone is "present"
  const [session] = await ds.query(
    `INSERT INTO class_sessions (class_id, starts_at, ends_at, topic) VALUES ($1, now() + interval '2 hours', now() + interval '3 hours 30 minutes', $2) RETURNING id`,
    [cls.id, 'Cài đặt và kích hoạt VNeID'.normalize('NFC')],
  );
  const residents = Array.from({ length: residentCount }, (_, i) => ({
    fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 13) % GIVEN.length]} ${Math.floor(i / 40) + 1}`.normalize('NFC'),
    phone: `09${String(70_000_000 + i).padStart(8, '0')}`,
    birthYear: 1950 + (i % 50),
  }));
  const ids = await ds.query(
    `INSERT INTO residents (full_name, phone, birth_year, unit_id)
     SELECT n, p, y, $4 FROM unnest($1::text[], $2::text[], $3::int[]) AS x(n, p, y) RETURNING id`,
    [residents.map((r) => r.fullName), residents.map((r) => r.phone), residents.map((r) => r.birthYear), unitId],
  );
  const staff = learners.slice(0, staffCount);
  await ds.query(
    `INSERT INTO class_roster (class_id, resident_id, source) SELECT $1, x, 'manual' FROM unnest($2::uuid[]) x`,
    [cls.id, ids.map((r) => r.id)],
  );
  await ds.query(
    `INSERT INTO class_roster (class_id, staff_id, source) SELECT $1, x, 'manual' FROM unnest($2::uuid[]) x`,
    [cls.id, staff.map((l) => l.staffId)],
  );
  log(`check-in storm: class with ${residents.length} residents and ${staff.length} staff on the roster in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { classId: cls.id, sessionId: session.id, residents, staffTokens: staff.map((l) => l.token) };
}

const percentile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : NaN);
function statsOf(calls, seconds, cpu) {
  const ms = calls.map((c) => c.ms).sort((a, b) => a - b);
  const errors = calls.filter((c) => c.error);
  return {
    count: ms.length, errors: errors.length, firstError: errors[0]?.error ?? null,
    p50_ms: percentile(ms, 0.5), p95_ms: percentile(ms, 0.95), p99_ms: percentile(ms, 0.99), rps: ms.length / seconds,
    server_cpu_ms_per_req: cpu ? cpu.server / Math.max(1, cpu.total) * 1000 : NaN,
    pg_cpu_ms_per_req: cpu ? cpu.pg / Math.max(1, cpu.total) * 1000 : NaN,
    db_cpu_ms_per_req: NaN,
  };
}

/**
 * One storm against `server` ({ port, pid }). `real`: the app (answers are parsed and checked); otherwise the bare
 * node:http server, which answers "hello" to everything: the same requests are sent at the same moments.
 */
async function storm(server, ctx, tools, real) {
  const { send, http, cpuSeconds, cpuSecondsOf } = tools;
  const c = ctx.checkin;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const calls = { checkin: [], resolve: [], poll: [] };
  const outcome = { created: 0, already: 0, retried: 0, failed: 0, firstFailure: null };
  const admin = { authorization: `Bearer ${ctx.token}` };
  const json = { 'content-type': 'application/json' };
  let token = null;
  let cursor = '0';
  let liveSeen = 0;
  const timed = async (kind, req, ok) => {
    const at = performance.now();
    const res = await send(agent, server.port, req);
    const good = real ? ok(res.status) : res.status === 200;
    calls[kind].push({ ms: performance.now() - at, error: good ? null : `${res.status} ${res.body.toString('utf8').slice(0, 160)}` });
    return res;
  };
  const parse = (res) => (real ? JSON.parse(res.body.toString('utf8')) : {});

  // the trainer's screen
  let polling = true;
  const poll = async () => {
    const s = await timed('poll', { method: 'GET', path: `/api/sessions/${c.sessionId}/check-in-screen`, headers: admin }, (st) => st === 200);
    if (real && s.status === 200) token = parse(s).token;
    else if (!real) token = 'x';
    const l = await timed('poll', { method: 'GET', path: `/api/sessions/${c.sessionId}/check-ins?after=${cursor}`, headers: admin }, (st) => st === 200);
    if (real && l.status === 200) {
      const b = parse(l);
      cursor = b.cursor;
      liveSeen += b.items.length;
    }
  };
  await poll();
  const poller = (async () => { while (polling) { await sleep(POLL_MS); if (polling) await poll(); } })();

  const near = () => ({ lat: VENUE.lat + (Math.random() - 0.5) * 0.0008, lng: VENUE.lng + (Math.random() - 0.5) * 0.0008, accuracyM: 10 + Math.random() * 20 });
  const people = [
    ...c.residents.map((r) => ({ kind: 'resident', r })),
    ...c.staffTokens.map((tk) => ({ kind: 'staff', tk })),
  ];
  // a fixed shuffle and fixed arrival times, so the baseline replays the same schedule
  ctx.checkinPlan ??= people.map((_, i) => ({ i, at: Math.random() * CHECKIN_SECONDS * 1000, typing: 1000 + Math.random() * 3000 })).sort((a, b) => a.at - b.at);
  const t0 = performance.now();
  const cpu0 = { server: cpuSeconds(server.pid), pg: cpuSecondsOf('postgres') };
  const person = async ({ i, at, typing }) => {
    await sleep(t0 + at - performance.now());
    const p = people[i];
    const checkedIn = (st) => st === 201 || st === 409;
    for (let attempt = 0; attempt < 4; attempt++) {
      let res;
      if (p.kind === 'staff') {
        res = await timed('checkin', { method: 'POST', path: '/api/check-in', headers: { ...json, authorization: `Bearer ${p.tk}` }, body: JSON.stringify({ token, location: near() }) }, checkedIn);
      } else {
        const r = await timed('resolve', { method: 'POST', path: '/api/check-in/resolve', headers: json, body: JSON.stringify({ token }) }, (st) => st === 200);
        if (r.status !== 200) { outcome.retried++; await sleep(300); continue; }
        const { ticket, deviceToken } = parse(r);
        await sleep(typing);
        res = await timed('checkin', { method: 'POST', path: '/api/check-in', headers: json, body: JSON.stringify({ ticket, deviceToken, resident: p.r, location: near() }) }, checkedIn);
      }
      if (!real) return;
      if (res.status === 201) { outcome.created++; return; }
      if (res.status === 409 && attempt > 0) { outcome.already++; return; } // a retry of a check-in that was recorded
      if (res.status === 0 || res.status === 410) { outcome.retried++; await sleep(300); continue; }
      outcome.failed++;
      outcome.firstFailure ??= `${res.status} ${res.body.toString('utf8').slice(0, 200)}`;
      return;
    }
    outcome.failed++;
  };
  await Promise.all(ctx.checkinPlan.map(person));
  polling = false;
  await poller;
  const seconds = (performance.now() - t0) / 1000;
  const all = calls.checkin.length + calls.resolve.length + calls.poll.length;
  const cpu = { server: cpuSeconds(server.pid) - cpu0.server, pg: cpuSecondsOf('postgres') - cpu0.pg, total: all };
  agent.destroy();
  return { calls, outcome, seconds, cpu, liveSeen };
}

export async function runCheckinStorm(app, ctx, tools) {
  const { log, send, http, startHello } = tools;
  const c = ctx.checkin;
  log(`check-in storm: ${c.residents.length + c.staffTokens.length} people within ${CHECKIN_SECONDS} s …`);
  const run = await storm(app, ctx, tools, true);
  // read back: one mark and one history row per person
  const agent = new http.Agent();
  const get = async (p) => JSON.parse((await send(agent, app.port, { method: 'GET', path: p, headers: { authorization: `Bearer ${ctx.token}` } })).body.toString('utf8'));
  const marks = await get(`/api/sessions/${c.sessionId}/marks`);
  const history = await get(`/api/sessions/${c.sessionId}/marks/history`);
  agent.destroy();
  const sent = c.residents.length + c.staffTokens.length;
  const recorded = marks.items.filter((m) => m.status && m.source === 'qr').length;
  const distinct = new Set(history.items.map((h) => h.rosterId)).size;
  const exactlyOnce = recorded === sent && history.items.length === sent && distinct === sent;
  log(`check-in storm: sent ${sent}, recorded ${recorded}, history rows ${history.items.length} (${distinct} people): ${exactlyOnce ? 'exactly once' : 'NOT exactly once'}`);

  log('check-in storm: the same schedule against the bare node:http server …');
  const hello = await startHello();
  let base;
  try {
    base = await storm(hello, ctx, tools, false);
  } finally {
    await hello.stop();
  }
  const s = (calls, secs, cpu) => statsOf(calls, secs, cpu);
  const ci = s(run.calls.checkin, run.seconds, run.cpu);
  const goal = `p99 ${ci.p99_ms.toFixed(1)} ms vs goal < ${CHECKIN_GOAL_P99_MS} ms: ${ci.p99_ms < CHECKIN_GOAL_P99_MS ? 'met' : 'MISSED'}`;
  const baseAll = [...base.calls.checkin, ...base.calls.resolve, ...base.calls.poll];
  const rows = [
    {
      name: 'check-in storm: check-in',
      stats: ci,
      notes: `${goal}; ${sent} people in ${CHECKIN_SECONDS} s through the QR path (${c.residents.length} residents: resolve → ticket → name + phone; ${c.staffTokens.length} signed-in staff at once), `
        + `200 m geofence; recorded ${recorded} of ${sent} sent, history ${history.items.length} rows for ${distinct} people: ${exactlyOnce ? 'every one exactly once' : 'NOT exactly once'}; `
        + `${run.outcome.created}× 201, ${run.outcome.already}× 409 after a retry, ${run.outcome.retried} retries (410 rotated token / dropped connection), ${run.outcome.failed} failed${run.outcome.firstFailure ? ` (first: ${run.outcome.firstFailure})` : ''}`,
    },
    {
      name: 'check-in storm: resolve',
      stats: s(run.calls.resolve, run.seconds, null),
      notes: 'POST /api/check-in/resolve by the residents (rotating token → 5-minute ticket and device token)',
    },
    {
      name: 'check-in storm: trainer screen poll',
      stats: s(run.calls.poll, run.seconds, null),
      notes: `every ${POLL_MS / 1000} s: GET check-in-screen (the rotating token) + GET check-ins?after=cursor; the live list showed ${run.liveSeen} check-ins`,
    },
    {
      name: 'check-in storm: bare node baseline',
      stats: s(baseAll, base.seconds, base.cpu),
      notes: `the same ${baseAll.length} requests on the same schedule against the bare node:http server (all kinds together)`,
    },
  ];
  return { rows, check: { sent, recorded, history: history.items.length, distinct, exactlyOnce }, p99: ci.p99_ms };
}
