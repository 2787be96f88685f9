/**
 * Attendance: classes, sessions (one-off, repeating series, postpone / cancel / make-up), roster with residents
 * (matching, import), marks batch upsert for offline sync (conflict rule, bad rows, changes after the session),
 * reports and exports, the sign-in sheet, course completion and the training-hours ledger. Bad input gets a 4xx
 * naming the field, and nothing half-written.
 */
import * as ExcelJS from 'exceljs';
import { call, multipart, startTestApp, TestApp } from '../helpers';
import { addDays, addResidents, addStaff, Json, local, newClass, phone } from './attendance-helpers';
import { auditFor, createStaff, createUnit, createUser, demoTokens, expectError, ok, rnd, Tokens, unitByCode, ward } from './fixtures';

describe('attendance', () => {
  let t: TestApp;
  let tk: Tokens;
  let tdp: string; // a residential group in the demo trainer's scope
  let wardId: string;
  beforeAll(async () => {
    t = await startTestApp();
    tk = await demoTokens(t.app);
    tdp = (await unitByCode(t.app, tk.admin, 'TDP05')).id;
    wardId = (await ward(t.app, tk.admin)).id;
  });
  afterAll(async () => { await t.close(); });

  const put = (url: string, body: unknown, token = tk.trainer, headers?: Record<string, string>) => call(t.app, { method: 'PUT', url, token, body, headers });
  const post = (url: string, body: unknown, token = tk.trainer) => call(t.app, { method: 'POST', url, token, body });
  const get = (url: string, token = tk.trainer) => call(t.app, { url, token });

  /** a class with n past weekly sessions (the last one ended yesterday or earlier) */
  async function pastClass(n: number, extra: Record<string, unknown> = {}) {
    const cls = await newClass(t.app, tk.trainer, tdp, extra);
    const today = local(new Date()).date;
    const first = addDays(today, -7 * n);
    const wd = ((new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const series = ok(await post(`/api/classes/${cls.id}/sessions/series`, { startDate: first, until: addDays(today, -1), weekdays: [wd], startTime: '08:00', endTime: '09:30' }), 201);
    expect(series.items).toHaveLength(n);
    return { cls, sessions: series.items as Json[] };
  }
  const during = (s: Json, minutes = 10) => new Date(new Date(s.startsAt).getTime() + minutes * 60_000).toISOString();

  it('seeds a demo "Bình dân học vụ số" class at Tổ dân phố 3 with a weekly series, residents and marks, visible to the demo trainer', async () => {
    const list = ok(await get('/api/classes?q=binh dan hoc vu so to dan pho 3'));
    const demo = list.items.find((c: Json) => c.code === 'BDHVS-TDP3-2026');
    expect(demo).toMatchObject({ classType: 'digital_learning_class', ownerUnitName: 'Tổ dân phố 3', status: 'in_progress', sessionCount: 8, rosterCount: 14 });
    const sessions = ok(await get(`/api/classes/${demo.id}/sessions`)).items;
    expect(new Set(sessions.map((s: Json) => s.seriesId)).size).toBe(1);
    expect(sessions.every((s: Json) => s.startTime === '19:00' && s.endTime === '20:30')).toBe(true);
    const report = ok(await get(`/api/classes/${demo.id}/report`, tk.manager));
    expect(report.rows.map((r: Json) => r.fullName)).toContain('Y Bhăm');
    expect(report.totals.sessionsHeld).toBeGreaterThanOrEqual(3);
    const marked = report.rows.flatMap((r: Json) => r.cells).filter((c: Json) => c.status).length;
    expect(marked).toBe(14 * 3);
    const history = ok(await get(`/api/sessions/${report.sessions[1].id}/marks/history`)).items;
    expect(history.some((h: Json) => h.afterSessionEnd && h.reason)).toBe(true);
    // the demo learner attended the Resolution 57 briefing: its hours are in the ledger
    const me = ok(await call(t.app, { url: '/api/auth/me', token: tk.learner }));
    const ledger = ok(await get(`/api/staff/${me.staffId}/learning`, tk.manager));
    const fromCompletions = ledger.completions.reduce((a: number, c: Json) => a + c.hours, 0);
    // other specs (check-in) may have checked the demo learner in to classes of their own: only theirs are set apart
    const [{ others }] = await t.ds.query(
      `SELECT coalesce(sum(h.hours), 0)::float AS others FROM attendance_hours h JOIN classes c ON c.id = h.class_id
        WHERE h.staff_id = $1 AND h.course_id IS NULL AND h.hours > 0 AND c.code <> 'HN-NQ57-2026'`,
      [me.staffId],
    );
    expect(ledger.hoursByYear.reduce((a: number, h: Json) => a + h.hours, 0) - fromCompletions - others).toBeCloseTo(2.5, 5);
  });

  describe('classes', () => {
    it('creates a standalone community class with defaults, in Vietnamese NFC', async () => {
      const title = 'Lớp "Bình dân học vụ số" Tổ dân phố 5'.normalize('NFD');
      const c = await newClass(t.app, tk.trainer, tdp, { title, venueName: 'Nhà văn hóa TDP 5', venueLat: 14.35, venueLng: 108.0, capacity: 40 });
      expect(c.title).toBe(title.normalize('NFC'));
      expect(c).toMatchObject({ classType: 'digital_learning_class', courseId: null, status: 'planned', capacity: 40, venueLat: 14.35, sessionCount: 0, rosterCount: 0 });
      expect(c.checkIn).toEqual({ opensBeforeMinutes: 15, closesAfterMinutes: 30, lateAfterMinutes: 5, geofenceRadiusM: null, deviceCooldownMinutes: 10, stepSeconds: 10, allowWalkIn: false });
      expect(c.rule).toEqual({ statuses: ['present', 'late', 'left_early', 'excused', 'unexcused'], weights: { present: 1, late: 1, left_early: 0.5, excused: 0, unexcused: 0 }, rateBasis: 'sessions', minShare: 80 });
      const list = ok(await get(`/api/classes?q=${encodeURIComponent('binh dan hoc vu so to dan pho 5')}`));
      expect(list.items.map((x: Json) => x.id)).toContain(c.id);
      const audit = await auditFor(t.app, tk.admin, c.id, 'class.created');
      expect(audit).toHaveLength(1);
    });

    it('refuses bad settings with a 400 naming the field', async () => {
      const base = { code: `L-${rnd()}`, title: 'Lớp', classType: 'digital_learning_class', ownerUnitId: tdp };
      expectError(await post('/api/classes', { ...base, classType: 'course_class' }), 400);
      expect((await post('/api/classes', { ...base, classType: 'course_class' })).body.fields).toHaveProperty('courseId');
      expect((await post('/api/classes', { ...base, venueLat: 14.3 })).body.fields).toHaveProperty('venueLng');
      expect((await post('/api/classes', { ...base, checkIn: { geofenceRadiusM: 100 } })).body.fields).toHaveProperty(['checkIn.geofenceRadiusM']);
      expect((await post('/api/classes', { ...base, rule: { statuses: ['late', 'excused'] } })).body.fields).toHaveProperty(['rule.statuses']);
      expect((await post('/api/classes', { ...base, rule: { weights: { late: 2 } } })).body.fields).toHaveProperty(['rule.weights.late']);
      expect((await post('/api/classes', { ...base, checkIn: { stepSeconds: 2 } })).body.fields).toHaveProperty(['checkIn.stepSeconds']);
      expect((await post('/api/classes', { ...base, classType: 'party' })).body.fields).toHaveProperty('classType');
      expect((await post('/api/classes', { ...base, capacity: 0 })).body.fields).toHaveProperty('capacity');
      expect((await post('/api/classes', { ...base, surprise: 1 })).body.fields).toHaveProperty('surprise');
      const province = (await unitByCode(t.app, tk.admin, 'SKHCN')).id;
      expect((await post('/api/classes', { ...base, ownerUnitId: province })).body.fields).toHaveProperty('ownerUnitId');
      const ok1 = await post('/api/classes', base);
      expect(ok1.status).toBe(201);
      expectError(await post('/api/classes', { ...base, title: 'Khác' }), 409, 'CLASS_CODE_TAKEN');
    });

    it('follows the status lifecycle and needs a reason to postpone or cancel', async () => {
      const c = await newClass(t.app, tk.trainer, tdp);
      expectError(await post(`/api/classes/${c.id}/status`, { status: 'completed' }), 409, 'CLASS_STATUS_MOVE');
      expect((await post(`/api/classes/${c.id}/status`, { status: 'postponed' })).body.fields).toHaveProperty('reason');
      expect(ok(await post(`/api/classes/${c.id}/status`, { status: 'enrolling' })).status).toBe('enrolling');
      expect(ok(await post(`/api/classes/${c.id}/status`, { status: 'postponed', reason: 'Mưa bão' })).status).toBe('postponed');
      expect(ok(await post(`/api/classes/${c.id}/status`, { status: 'in_progress' })).status).toBe('in_progress');
      expect(ok(await post(`/api/classes/${c.id}/status`, { status: 'completed' })).status).toBe('completed');
      expectError(await post(`/api/classes/${c.id}/status`, { status: 'in_progress' }), 409, 'CLASS_STATUS_MOVE');
      expectError(await call(t.app, { method: 'PATCH', url: `/api/classes/${c.id}`, token: tk.trainer, body: { title: 'Đổi tên' } }), 409, 'CLASS_CLOSED');
      expectError(await post(`/api/classes/${c.id}/sessions`, { date: '2031-01-04', startTime: '08:00', endTime: '09:00' }), 409, 'CLASS_CLOSED');
    });

    it('hides classes outside the caller\'s scope (404)', async () => {
      const tdp1 = (await unitByCode(t.app, tk.admin, 'TDP01')).id;
      const tdp2 = (await unitByCode(t.app, tk.admin, 'TDP02')).id;
      const leader = await createUser(t.app, tk.admin, ['trainer'], tdp1);
      const other = await newClass(t.app, tk.admin, tdp2);
      expectError(await get(`/api/classes/${other.id}`, leader.token), 404, 'NOT_FOUND');
      expectError(await get(`/api/classes/${other.id}/roster`, leader.token), 404, 'NOT_FOUND');
      expect(ok(await get('/api/classes?pageSize=200', leader.token)).items.map((x: Json) => x.id)).not.toContain(other.id);
      expectError(await call(t.app, { url: `/api/classes/${other.id}`, token: tk.learner }), 403, 'FORBIDDEN');
    });
  });

  describe('sessions', () => {
    let cls: Json;
    beforeAll(async () => { cls = await newClass(t.app, tk.trainer, tdp, { venueName: 'Nhà văn hóa' }); });

    it('stores local times as UTC and answers both', async () => {
      const s = ok(await post(`/api/classes/${cls.id}/sessions`, { date: '2031-03-15', startTime: '19:00', endTime: '20:30', topic: 'Cài đặt VNeID' }), 201);
      expect(s).toMatchObject({ startsAt: '2031-03-15T12:00:00.000Z', endsAt: '2031-03-15T13:30:00.000Z', date: '2031-03-15', startTime: '19:00', endTime: '20:30', hours: 1.5, status: 'scheduled' });
    });

    it('refuses a session that ends before it starts, or longer than 12 hours', async () => {
      const r = await post(`/api/classes/${cls.id}/sessions`, { date: '2031-03-16', startTime: '10:00', endTime: '09:00' });
      expectError(r, 400, 'VALIDATION_FAILED');
      expect(r.body.fields.endTime).toMatch(/sau giờ bắt đầu/);
      expect((await post(`/api/classes/${cls.id}/sessions`, { date: '2031-03-16', startTime: '10:00', endTime: '10:00' })).body.fields).toHaveProperty('endTime');
      expect((await post(`/api/classes/${cls.id}/sessions`, { date: '2031-03-16', startTime: '25:00', endTime: '26:00' })).body.fields).toHaveProperty('startTime');
      expect((await post(`/api/classes/${cls.id}/sessions`, { date: '2031-02-30', startTime: '08:00', endTime: '09:00' })).body.fields).toHaveProperty('date');
      const en = await call(t.app, { method: 'POST', url: `/api/classes/${cls.id}/sessions`, token: tk.trainer, headers: { 'accept-language': 'en' }, body: { date: '2031-03-16', startTime: '10:00', endTime: '09:00' } });
      expect(en.body.fields.endTime).toMatch(/after the start/);
      // and the database itself refuses it
      await expect(t.ds.query(`INSERT INTO class_sessions (class_id, starts_at, ends_at) VALUES ($1, now(), now() - interval '1 hour')`, [cls.id])).rejects.toThrow(/ck_class_sessions_time/);
    });

    it('creates a weekly series of 4 Saturdays, every N weeks, and refuses a series without an end', async () => {
      // 2031-03-01 is a Saturday
      const r = ok(await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-03-01', until: '2031-03-22', weekdays: [6], startTime: '19:30', endTime: '21:00', topic: 'Kỹ năng số' }), 201);
      expect(r.items.map((s: Json) => s.date)).toEqual(['2031-03-01', '2031-03-08', '2031-03-15', '2031-03-22']);
      expect(new Set(r.items.map((s: Json) => s.seriesId))).toEqual(new Set([r.seriesId]));
      const two = ok(await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-04-01', until: '2031-04-30', weekdays: [2, 4], everyNWeeks: 2, startTime: '08:00', endTime: '09:00' }), 201);
      expect(two.items.map((s: Json) => s.date)).toEqual(['2031-04-01', '2031-04-03', '2031-04-15', '2031-04-17', '2031-04-29']);

      const noEnd = await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-05-01', weekdays: [6], startTime: '19:30', endTime: '21:00' });
      expectError(noEnd, 400, 'VALIDATION_FAILED');
      expect(noEnd.body.fields.until).toMatch(/ngày kết thúc/);
      expect((await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-05-10', until: '2031-05-01', weekdays: [6], startTime: '19:30', endTime: '21:00' })).body.fields).toHaveProperty('until');
      expect((await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-05-01', until: '2031-05-02', weekdays: [7], startTime: '19:30', endTime: '21:00' })).body.fields).toHaveProperty('weekdays');
      expect((await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-05-01', until: '2033-05-01', weekdays: [1, 2, 3, 4, 5], startTime: '19:30', endTime: '21:00' })).body.fields).toHaveProperty('until');
      expect((await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-05-01', until: '2031-06-01', weekdays: [], startTime: '19:30', endTime: '21:00' })).body.fields).toHaveProperty('weekdays');
      expect((await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-05-01', until: '2031-06-01', weekdays: [8], startTime: '19:30', endTime: '21:00' })).body.fields).toHaveProperty('weekdays');
      expect((await post(`/api/classes/${cls.id}/sessions/series`, { startDate: '2031-05-01', until: '2031-06-01', weekdays: [6], startTime: '21:00', endTime: '19:30' })).body.fields).toHaveProperty('endTime');
      // nothing of the refused series was written
      const all = ok(await get(`/api/classes/${cls.id}/sessions`)).items;
      expect(all.filter((s: Json) => s.date >= '2031-05-01')).toHaveLength(0);
    });

    it('postpones with a make-up, cancels, adds make-ups only for stopped sessions', async () => {
      const s = ok(await post(`/api/classes/${cls.id}/sessions`, { date: '2031-07-05', startTime: '19:00', endTime: '20:30' }), 201);
      expect((await post(`/api/sessions/${s.id}/postpone`, {})).body.fields).toHaveProperty('reason');
      const p = ok(await post(`/api/sessions/${s.id}/postpone`, { reason: 'Mất điện', makeUp: { date: '2031-07-12', startTime: '19:00', endTime: '20:30' } }));
      expect(p.session.status).toBe('postponed');
      expect(p.makeUp).toMatchObject({ makeUpForId: s.id, date: '2031-07-12', status: 'scheduled' });
      expectError(await post(`/api/sessions/${s.id}/cancel`, { reason: 'x' }), 409, 'SESSION_NOT_ACTIVE');
      expectError(await post(`/api/sessions/${p.makeUp.id}/make-up`, { date: '2031-07-19', startTime: '19:00', endTime: '20:30' }), 409, 'SESSION_NOT_POSTPONED');
      const c = ok(await post(`/api/sessions/${p.makeUp.id}/cancel`, { reason: 'Trùng lịch họp tổ' }));
      expect(c.status).toBe('cancelled');
      const m = ok(await post(`/api/sessions/${p.makeUp.id}/make-up`, { date: '2031-07-19', startTime: '19:00', endTime: '20:30' }), 201);
      expect(m.makeUpForId).toBe(p.makeUp.id);
      const moved = ok(await call(t.app, { method: 'PATCH', url: `/api/sessions/${m.id}`, token: tk.trainer, body: { startTime: '18:30', topic: 'Thực hành' } }));
      expect(moved).toMatchObject({ startTime: '18:30', endTime: '20:30', topic: 'Thực hành' });
      expect((await call(t.app, { method: 'PATCH', url: `/api/sessions/${m.id}`, token: tk.trainer, body: { endTime: '18:00' } })).body.fields).toHaveProperty('endTime');
    });

    it('does not cancel or move a session that has marks (nothing is lost)', async () => {
      const { cls: c2, sessions } = await pastClass(1);
      const r = await addResidents(t.app, tk.trainer, c2.id, [{ fullName: 'Lê Văn Mốt', phone: phone() }]);
      ok(await put(`/api/sessions/${sessions[0].id}/marks`, { marks: [{ rosterId: r.added[0].id, status: 'present', markedAt: during(sessions[0]) }] }));
      expectError(await post(`/api/sessions/${sessions[0].id}/cancel`, { reason: 'Nhầm' }), 409, 'SESSION_HAS_MARKS');
      expectError(await call(t.app, { method: 'PATCH', url: `/api/sessions/${sessions[0].id}`, token: tk.trainer, body: { startTime: '07:00' } }), 409, 'SESSION_HAS_MARKS');
      expect(ok(await call(t.app, { method: 'PATCH', url: `/api/sessions/${sessions[0].id}`, token: tk.trainer, body: { topic: 'Đổi nội dung' } })).topic).toBe('Đổi nội dung');
    });
  });

  describe('roster and residents', () => {
    it('adds staff and residents, matches known residents instead of duplicating them', async () => {
      const c = await newClass(t.app, tk.trainer, tdp);
      const p1 = phone();
      const a = await addResidents(t.app, tk.trainer, c.id, [
        { fullName: 'Nguyễn Thị Lài', phone: p1, birthYear: 1958 },
        { fullName: 'Võ Văn Sáu', birthYear: 1950 },
        { fullName: "Rơ Châm H’Lan", phone: phone() },
      ]);
      expect(a.added).toHaveLength(3);
      expect(a.added.map((x: Json) => x.fullName)).toContain("Rơ Châm H'Lan");
      expect(a.added.find((x: Json) => x.fullName === 'Nguyễn Thị Lài').phoneMasked).toBe(`${p1.slice(0, 3)}****${p1.slice(7)}`);
      // the same person typed without diacritics and with +84 in another class: matched, not created again
      const c2 = await newClass(t.app, tk.trainer, tdp);
      const b = await addResidents(t.app, tk.trainer, c2.id, [{ fullName: 'nguyen thi lai', phone: `+84 ${p1.slice(1)}` }, { fullName: 'Võ  Văn Sáu', birthYear: 1950 }]);
      expect(b.matched.map((m: Json) => m.index).sort()).toEqual([0, 1]);
      expect(b.added.map((x: Json) => x.residentId).sort()).toEqual(a.added.filter((x: Json) => x.fullName !== "Rơ Châm H'Lan").map((x: Json) => x.residentId).sort());
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM residents WHERE phone = $1`, [p1]);
      expect(n).toBe(1);
      // again in the same class: already on the roster
      const again = await addResidents(t.app, tk.trainer, c2.id, [{ fullName: 'Nguyễn Thị Lài', phone: p1 }]);
      expect(again).toMatchObject({ added: [], alreadyOnRoster: 1 });
      // staff: in scope, out of scope (404), a resident who is a staff person with the same phone and name
      const staff = await createStaff(t.app, tk.admin, tdp, { phone: phone() });
      const s = await addStaff(t.app, tk.trainer, c2.id, [staff.id]);
      expect(s.added[0]).toMatchObject({ kind: 'staff', staffId: staff.id, fullName: staff.fullName });
      const province = (await unitByCode(t.app, tk.admin, 'SKHCN')).id;
      const outside = await createStaff(t.app, tk.admin, (await createUnit(t.app, tk.admin, province)).id);
      expectError(await post(`/api/classes/${c2.id}/roster`, { staffIds: [outside.id] }), 404, 'NOT_FOUND');
      const viaPhone = await addResidents(t.app, tk.trainer, c.id, [{ fullName: staff.fullName, phone: staff.phone }]);
      expect(viaPhone.added[0]).toMatchObject({ kind: 'staff', staffId: staff.id });
    });

    it('refuses bad residents with the field named, and nothing is added', async () => {
      const c = await newClass(t.app, tk.trainer, tdp);
      const r1 = await post(`/api/classes/${c.id}/roster`, { residents: [{ fullName: 'Trần Văn A', phone: phone() }, { fullName: 'Lê Thị B' }] });
      expectError(r1, 400);
      expect(r1.body.fields).toHaveProperty(['residents.1.phone']);
      const r2 = await post(`/api/classes/${c.id}/roster`, { residents: [{ fullName: 'Lê Thị B', phone: '0241234567' }] });
      expect(r2.body.fields).toHaveProperty(['residents.0.phone']);
      expect((await post(`/api/classes/${c.id}/roster`, { residents: [{ fullName: '', phone: phone() }] })).body.fields).toHaveProperty(['residents.0.fullName']);
      expect((await post(`/api/classes/${c.id}/roster`, { residents: [{ fullName: 'A', phone: phone(), cccd: '0123' }] })).body.fields).toHaveProperty(['residents.0.cccd']);
      expect((await post(`/api/classes/${c.id}/roster`, {})).body.fields).toHaveProperty('staffIds');
      expect(ok(await get(`/api/classes/${c.id}/roster`)).items).toHaveLength(0);
    });

    it('keeps to the capacity (409, nothing added) and lists in Vietnamese order with diacritic-free search', async () => {
      const c = await newClass(t.app, tk.trainer, tdp, { capacity: 3 });
      await addResidents(t.app, tk.trainer, c.id, [{ fullName: 'Đặng Văn Lực', phone: phone() }, { fullName: 'Bùi Thị Ánh', phone: phone() }]);
      const full = await post(`/api/classes/${c.id}/roster`, { residents: [{ fullName: 'Lý Văn Ân', phone: phone() }, { fullName: 'Hồ Thị Ba', phone: phone() }] });
      expectError(full, 409, 'CLASS_FULL');
      expect(full.body.message).toMatch(/3 người/);
      await addResidents(t.app, tk.trainer, c.id, [{ fullName: 'Lý Văn Ân', phone: phone() }]);
      const list = ok(await get(`/api/classes/${c.id}/roster`)).items.map((x: Json) => x.fullName);
      expect(list).toEqual(['Bùi Thị Ánh', 'Lý Văn Ân', 'Đặng Văn Lực']); // given names: Ánh < Ân (a < â) < Lực
      expect(ok(await get(`/api/classes/${c.id}/roster?q=dang van luc`)).items.map((x: Json) => x.fullName)).toEqual(['Đặng Văn Lực']);
      expectError(await call(t.app, { method: 'PATCH', url: `/api/classes/${c.id}`, token: tk.trainer, body: { capacity: 2 } }), 409, 'CLASS_FULL');
    });

    it('removes a member without marks, refuses one with marks', async () => {
      const { cls, sessions } = await pastClass(1);
      const r = await addResidents(t.app, tk.trainer, cls.id, [{ fullName: 'Hà Văn Một', phone: phone() }, { fullName: 'Hà Văn Hai', phone: phone() }]);
      ok(await put(`/api/sessions/${sessions[0].id}/marks`, { marks: [{ rosterId: r.added[0].id, status: 'present', markedAt: during(sessions[0]) }] }));
      expectError(await call(t.app, { method: 'DELETE', url: `/api/classes/${cls.id}/roster/${r.added[0].id}`, token: tk.trainer }), 409, 'ROSTER_HAS_MARKS');
      expect((await call(t.app, { method: 'DELETE', url: `/api/classes/${cls.id}/roster/${r.added[1].id}`, token: tk.trainer })).status).toBe(204);
      expectError(await call(t.app, { method: 'DELETE', url: `/api/classes/${cls.id}/roster/${r.added[1].id}`, token: tk.trainer }), 404);
    });

    it('imports a roster from XLSX: a preview, all-or-nothing with a bad row, then the fixed file', async () => {
      const c = await newClass(t.app, tk.trainer, tdp);
      const staff = await createStaff(t.app, tk.admin, tdp, { staffCode: `CB-${rnd()}` });
      const p = [phone(), phone()];
      const sheet = async (rows: (string | number | null)[][]) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Danh sách lớp');
        ws.addRow(['DANH SÁCH HỌC VIÊN LỚP BÌNH DÂN HỌC VỤ SỐ']);
        ws.addRow(['STT', 'Họ và tên', 'Số điện thoại', 'Năm sinh', 'Mã cán bộ']);
        rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      const upload = async (buf: Buffer, dryRun: boolean) => {
        const m = multipart('lop.xlsx', buf);
        return call(t.app, { method: 'POST', url: `/api/classes/${c.id}/roster/import${dryRun ? '?dryRun=true' : ''}`, token: tk.trainer, payload: m.payload, headers: m.headers });
      };
      const bad = await sheet([['Y Bhăm', p[0], 1972, null], ['Lê Thị Hoa', '12345', 1962, null], [null, null, null, staff.staffCode], ['A Tuấn', null, null, null]]);
      const preview = ok(await upload(bad, true));
      expect(preview).toMatchObject({ added: 2, errorCount: 2, committed: false });
      expect(preview.rows[1].errors[0].field).toBe('phone');
      expect(preview.rows[3].errors[0].field).toBe('phone');
      expect(preview.rows[2]).toMatchObject({ kind: 'staff', staffId: staff.id, status: 'add' });
      const refused = ok(await upload(bad, false));
      expect(refused.committed).toBe(false);
      expect(ok(await get(`/api/classes/${c.id}/roster`)).items).toHaveLength(0);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM residents WHERE phone = $1`, [p[0]]);
      expect(n).toBe(0);
      const good = await sheet([['Y Bhăm', p[0], 1972, null], ['Lê Thị Hoa', p[1], 1962, null], [null, null, null, staff.staffCode], ['A Tuấn', null, 1980, null]]);
      const done = ok(await upload(good, false));
      expect(done).toMatchObject({ added: 4, errorCount: 0, committed: true });
      expect(ok(await get(`/api/classes/${c.id}/roster`)).items.map((x: Json) => x.source)).toEqual(['import', 'import', 'import', 'import']);
      expect(ok(await upload(good, false))).toMatchObject({ added: 0, already: 4, committed: true });
      const notSheet = multipart('x.xlsx', Buffer.from('MZ\u0090\u0000binary'));
      expectError(await call(t.app, { method: 'POST', url: `/api/classes/${c.id}/roster/import`, token: tk.trainer, payload: notSheet.payload, headers: notSheet.headers }), 415);
    });

    it('searches residents in scope by folded name and phone', async () => {
      const c = await newClass(t.app, tk.trainer, tdp);
      const p = phone();
      await addResidents(t.app, tk.trainer, c.id, [{ fullName: 'Đinh Thị Mãi Mãi', phone: p }]);
      expect(ok(await get('/api/residents?q=dinh thi mai mai')).items.map((r: Json) => r.fullName)).toContain('Đinh Thị Mãi Mãi');
      expect(ok(await get(`/api/residents?phone=${encodeURIComponent(`+84${p.slice(1)}`)}`)).items).toHaveLength(1);
      expect((await get('/api/residents?phone=123')).body.fields).toHaveProperty('phone');
      const leader = await createUser(t.app, tk.admin, ['trainer'], (await unitByCode(t.app, tk.admin, 'TDP01')).id);
      expect(ok(await get(`/api/residents?phone=${p}`, leader.token)).items).toHaveLength(0);
    });
  });

  describe('marks: batch upsert for offline sync', () => {
    let cls: Json;
    let sessions: Json[];
    let people: Json[];
    beforeAll(async () => {
      ({ cls, sessions } = await pastClass(2));
      const names = ['Trần Văn Bảy', 'Lê Thị Hoa', 'Phạm Văn Đức', 'Hoàng Thị Thu Hà'];
      const added = (await addResidents(t.app, tk.trainer, cls.id, names.map((fullName) => ({ fullName, phone: phone() })))).added;
      people = names.map((n) => added.find((a: Json) => a.fullName === n)); // the answer is in Vietnamese name order
    });

    it('saves the good rows and reports the bad ones (one transaction, nothing else lost)', async () => {
      const s = sessions[0];
      const stranger = (await addResidents(t.app, tk.trainer, (await newClass(t.app, tk.trainer, tdp)).id, [{ fullName: 'Người Lạ', phone: phone() }])).added[0];
      const r = ok(await put(`/api/sessions/${s.id}/marks`, {
        marks: [
          { rosterId: people[0].id, status: 'present', markedAt: during(s, 5) },
          { rosterId: people[1].id, status: 'absent', markedAt: during(s, 5) },
          { rosterId: stranger.id, status: 'present', markedAt: during(s, 5) },
          { rosterId: people[2].id, status: 'late', lateMinutes: 15, remark: 'Đi làm về muộn', markedAt: during(s, 20) },
          { rosterId: people[3].id, status: 'present', lateMinutes: 3, markedAt: during(s, 5) },
          { rosterId: people[0].id, status: 'excused', markedAt: during(s, 6) },
          { rosterId: 'not-a-uuid', status: 'present', markedAt: during(s, 5) },
          { rosterId: people[3].id, status: 'present', markedAt: '2099-01-01T00:00:00Z' },
          { rosterId: people[3].id, status: 'present', markedAt: 'hôm qua' },
          { rosterId: people[3].id, status: 'present', markedAt: during(s, 5), extra: true },
        ],
      }));
      expect(r.results.map((x: Json) => x.result)).toEqual(['saved', 'error', 'error', 'saved', 'error', 'error', 'error', 'error', 'error', 'error']);
      expect(r.results.map((x: Json) => x.code)).toEqual([undefined, 'INVALID_STATUS', 'ROSTER_NOT_FOUND', undefined, 'INVALID_LATE_MINUTES', 'DUPLICATE_ROW',
        'INVALID_ROSTER_ID', 'MARKED_AT_IN_FUTURE', 'INVALID_MARKED_AT', 'INVALID_ROW']);
      expect(r.results[2].message).toBe('Người này không có trong danh sách lớp');
      expect(r.results[3].mark).toMatchObject({ status: 'late', lateMinutes: 15, remark: 'Đi làm về muộn', source: 'trainer' });
      expect(r).toMatchObject({ saved: 2, errors: 8, counts: { present: 1, late: 1, unmarked: 2, total: 4 } });
      const marks = ok(await get(`/api/sessions/${s.id}/marks`));
      expect(marks.items.filter((m: Json) => m.status).map((m: Json) => [m.fullName, m.status])).toEqual(
        expect.arrayContaining([['Trần Văn Bảy', 'present'], ['Phạm Văn Đức', 'late']]),
      );
      expect(marks.counts).toMatchObject({ present: 1, late: 1, unmarked: 2 });
    });

    it('resolves a conflict by the later marking time; the older mark is kept in the history', async () => {
      const s = sessions[1];
      const p = people[1];
      ok(await put(`/api/sessions/${s.id}/marks`, { marks: [{ rosterId: p.id, status: 'unexcused', markedAt: during(s, 30) }] }));
      // another trainer's phone was offline and marked earlier: it syncs now and loses
      const older = ok(await put(`/api/sessions/${s.id}/marks`, { marks: [{ rosterId: p.id, status: 'present', markedAt: during(s, 10) }] }, tk.manager));
      expect(older.results[0]).toMatchObject({ result: 'superseded', mark: { status: 'unexcused' } });
      // a later mark wins
      const newer = ok(await put(`/api/sessions/${s.id}/marks`, { marks: [{ rosterId: p.id, status: 'late', lateMinutes: 20, markedAt: during(s, 40) }] }, tk.manager));
      expect(newer.results[0]).toMatchObject({ result: 'saved', mark: { status: 'late', lateMinutes: 20 } });
      // re-sending the same batch changes nothing
      const again = ok(await put(`/api/sessions/${s.id}/marks`, { marks: [{ rosterId: p.id, status: 'late', lateMinutes: 20, markedAt: during(s, 40) }] }, tk.manager));
      expect(again.results[0].result).toBe('unchanged');
      const h = ok(await get(`/api/sessions/${s.id}/marks/history?rosterId=${p.id}`)).items;
      expect(h.map((x: Json) => [x.oldStatus, x.newStatus, x.applied])).toEqual([['unexcused', 'late', true], ['unexcused', 'present', false], [null, 'unexcused', true]]);
      expect(h[1].changedByName).toBe('Cán bộ quản lý đào tạo');
      await expect(t.ds.query(`DELETE FROM attendance_mark_history WHERE roster_id = $1`, [p.id])).rejects.toThrow(/append-only/);
    });

    it('audits changes after the session with a reason, and refuses them without one', async () => {
      const s = sessions[0];
      const now = new Date().toISOString();
      const r = ok(await put(`/api/sessions/${s.id}/marks`, { marks: [{ rosterId: people[3].id, status: 'excused', markedAt: now }] }));
      expect(r.results[0]).toMatchObject({ result: 'error', code: 'REASON_REQUIRED', field: 'reason' });
      const ok2 = ok(await put(`/api/sessions/${s.id}/marks`, { reason: 'Giấy xác nhận ốm nộp sau', marks: [{ rosterId: people[3].id, status: 'excused', markedAt: now }] }));
      expect(ok2.results[0].result).toBe('saved');
      const h = ok(await get(`/api/sessions/${s.id}/marks/history?rosterId=${people[3].id}`)).items;
      expect(h[0]).toMatchObject({ newStatus: 'excused', afterSessionEnd: true, reason: 'Giấy xác nhận ốm nộp sau', source: 'trainer' });
      const audit = await auditFor(t.app, tk.admin, cls.id, 'attendance.marks_saved');
      const last = audit[0];
      expect(last.details.changesAfterSession).toEqual([expect.objectContaining({ rosterId: people[3].id, from: null, to: 'excused', reason: 'Giấy xác nhận ốm nộp sau' })]);
    });

    it('takes paper marks with source paper and a default reason', async () => {
      const s = sessions[1];
      const r = ok(await put(`/api/sessions/${s.id}/paper-marks`, { marks: [{ rosterId: people[3].id, status: 'left_early', remark: 'Ký tên, về lúc 9 giờ', markedAt: new Date().toISOString() }] }));
      expect(r.results[0]).toMatchObject({ result: 'saved', mark: { source: 'paper', status: 'left_early' } });
      const h = ok(await get(`/api/sessions/${s.id}/marks/history?rosterId=${people[3].id}`)).items;
      expect(h[0]).toMatchObject({ source: 'paper', reason: 'Nhập từ phiếu điểm danh giấy', afterSessionEnd: true });
    });

    it('respects the class status set and refuses whole-request problems with a 4xx', async () => {
      const c = await newClass(t.app, tk.trainer, tdp, { rule: { statuses: ['present', 'late', 'unexcused'] } });
      const sid = (await import('./attendance-helpers')).sessionAt;
      const s = await sid(t.app, c.id, new Date(Date.now() - 3600_000));
      const p = (await addResidents(t.app, tk.trainer, c.id, [{ fullName: 'Kiều Văn Chín', phone: phone() }])).added[0];
      const r = ok(await put(`/api/sessions/${s}/marks`, { marks: [{ rosterId: p.id, status: 'excused', markedAt: new Date().toISOString() }] }));
      expect(r.results[0]).toMatchObject({ code: 'STATUS_NOT_ENABLED', message: 'Lớp này không dùng trạng thái "Vắng có phép"' });
      expect((await put(`/api/sessions/${s}/marks`, { marks: [] })).body.fields).toHaveProperty('marks');
      expect((await put(`/api/sessions/${s}/marks`, { marks: 'present' })).body.fields).toHaveProperty('marks');
      expect((await put(`/api/sessions/${s}/marks`, { marks: [1, 2] })).body.fields).toHaveProperty('marks');
      const many = Array.from({ length: 1001 }, () => ({ rosterId: p.id, status: 'present', markedAt: new Date().toISOString() }));
      expect((await put(`/api/sessions/${s}/marks`, { marks: many })).body.fields).toHaveProperty('marks');
      const s2 = await sid(t.app, c.id, new Date(Date.now() + 86_400_000));
      ok(await post(`/api/sessions/${s2}/cancel`, { reason: 'Hủy' }));
      expectError(await put(`/api/sessions/${s2}/marks`, { marks: [{ rosterId: p.id, status: 'present', markedAt: new Date().toISOString() }] }), 409, 'SESSION_NOT_ACTIVE');
      expectError(await put(`/api/sessions/00000000-0000-4000-8000-000000000000/marks`, { marks: [{ rosterId: p.id, status: 'present', markedAt: new Date().toISOString() }] }), 404);
    });
  });

  describe('reports, exports and the sign-in sheet', () => {
    let cls: Json;
    let sessions: Json[];
    let people: Json[];
    let staff: Json;
    beforeAll(async () => {
      ({ cls, sessions } = await pastClass(4, { code: `BDHVS-${rnd(2)}`, title: 'Lớp "Bình dân học vụ số" Tổ dân phố 5', rule: { minShare: 75 } }));
      staff = await createStaff(t.app, tk.admin, tdp, { familyName: 'Ngô', middleName: 'Thị', givenName: 'Yến' });
      await addStaff(t.app, tk.trainer, cls.id, [staff.id]);
      people = ok(await get(`/api/classes/${cls.id}/roster`)).items;
      const more = await addResidents(t.app, tk.trainer, cls.id, [{ fullName: '=HYPERLINK("http://x")', phone: phone() }, { fullName: 'Y Bhăm', phone: phone() }]);
      people = [...people, ...more.added];
      const [yen, formula, bham] = people;
      const rows = (s: Json, st: [Json, string][]) => put(`/api/sessions/${s.id}/marks`, { marks: st.map(([p, status]) => ({ rosterId: p.id, status, markedAt: during(s) })) });
      ok(await rows(sessions[0], [[yen, 'present'], [formula, 'present'], [bham, 'late']]));
      ok(await rows(sessions[1], [[yen, 'present'], [formula, 'unexcused'], [bham, 'left_early']]));
      ok(await rows(sessions[2], [[yen, 'present'], [formula, 'unexcused'], [bham, 'present']]));
      ok(await rows(sessions[3], [[yen, 'excused'], [formula, 'unexcused']]));
    });

    it('builds the people × sessions matrix with weighted rates and hours, and the at-risk list', async () => {
      const r = ok(await get(`/api/classes/${cls.id}/report`));
      expect(r.sessions).toHaveLength(4);
      expect(r.sessions.every((s: Json) => s.held)).toBe(true);
      const by = Object.fromEntries(r.rows.map((x: Json) => [x.fullName, x]));
      expect(by['Ngô Thị Yến']).toMatchObject({ attendedSessions: 3, rateSoFar: 75, share: 75, hours: 4.5, atRisk: false, completed: true });
      // late 1 + left early 0.5 + present 1 + unmarked 0 = 2.5 of 4
      expect(by['Y Bhăm']).toMatchObject({ attendedSessions: 3, rateSoFar: 62.5, hours: 3.75, atRisk: true, completed: false });
      expect(by['=HYPERLINK("http://x")']).toMatchObject({ attendedSessions: 1, rateSoFar: 25, atRisk: true });
      expect(r.atRisk).toEqual([by['=HYPERLINK("http://x")'].rosterId, by['Y Bhăm'].rosterId]);
      expect(by['Y Bhăm'].cells.map((c: Json) => c.status)).toEqual(['late', 'left_early', 'present', null]);
      expect(r.totals).toMatchObject({ rosterCount: 3, sessionsHeld: 4, sessionsScheduled: 4 });
    });

    it('exports XLSX and CSV (UTF-8 BOM, formulas neutralised), each audited', async () => {
      const x = await get(`/api/classes/${cls.id}/report.xlsx`);
      expect(x.status).toBe(200);
      expect(x.headers['content-type']).toMatch(/spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.raw.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(String(ws.getRow(1).getCell(1).value)).toContain('Bình dân học vụ số');
      expect(ws.getRow(2).getCell(2).value).toBe('Họ và tên');
      const names = [3, 4, 5].map((i) => String(ws.getRow(i).getCell(2).value));
      expect(names).toEqual(expect.arrayContaining(['Ngô Thị Yến', 'Y Bhăm', `'=HYPERLINK("http://x")`]));
      const c = await get(`/api/classes/${cls.id}/report.csv`);
      expect(c.headers['content-type']).toMatch(/text\/csv/);
      const buf = c.raw.rawPayload;
      expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = buf.toString('utf8');
      expect(text).toContain('Ngô Thị Yến');
      expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(text).not.toMatch(/;=HYPERLINK/);
      const audit = await auditFor(t.app, tk.admin, cls.id, 'export.class_attendance');
      expect(audit.map((a: Json) => a.details.format).sort()).toEqual(['csv', 'xlsx']);
    });

    it('reports per person (staff and resident) and per unit, distinct people and person-attendances labelled', async () => {
      const year = Number(sessions[0].date.slice(0, 4));
      const pr = ok(await get(`/api/attendance/staff/${staff.id}?year=${year}`));
      const mine = pr.classes.find((c: Json) => c.classId === cls.id);
      if (Number(sessions[3].date.slice(0, 4)) === year) expect(mine).toMatchObject({ sessions: 4, attended: 3, hours: 4.5 });
      expect(pr.sessions.filter((s: Json) => s.classId === cls.id).every((s: Json) => s.date.startsWith(String(year)))).toBe(true);
      const bham = people.find((p) => p.fullName === 'Y Bhăm');
      const rr = ok(await get(`/api/attendance/residents/${bham.residentId}?year=${year}`));
      expect(rr.person).toMatchObject({ kind: 'resident', fullName: 'Y Bhăm' });
      const u = ok(await get(`/api/attendance/units/${tdp}?year=${year}`));
      expect(u.labels.distinctParticipants).toBe('Số người tham gia (không trùng)');
      expect(u.labels.personAttendances).toBe('Số lượt người tham gia (lượt)');
      expect(u.total.personAttendances).toBeGreaterThanOrEqual(u.total.distinctParticipants);
      expect(u.total.distinctParticipants).toBe(u.total.distinctResidents + u.total.distinctStaff);
      const wardReport = ok(await get(`/api/attendance/units/${wardId}?year=${year}`));
      // distinct over the subtree is not the sum of the rows when a person attends classes of two units
      expect(wardReport.total.distinctParticipants).toBeLessThanOrEqual(wardReport.rows.reduce((a: number, r: Json) => a + r.distinctParticipants, 0));
      const csv = await get(`/api/attendance/units/${tdp}/report.csv?year=${year}`);
      expect(csv.raw.rawPayload.toString('utf8')).toContain('Số lượt người tham gia (lượt)');
      expect((await get(`/api/attendance/units/${tdp}/report.xlsx?year=${year}`)).status).toBe(200);
      expect((await auditFor(t.app, tk.admin, tdp, 'export.unit_attendance')).length).toBe(2);
      const leader = await createUser(t.app, tk.admin, ['trainer'], (await unitByCode(t.app, tk.admin, 'TDP01')).id);
      expectError(await get(`/api/attendance/staff/${staff.id}`, leader.token), 404);
      expectError(await get(`/api/attendance/units/${tdp}`, leader.token), 404);
      expect((await get(`/api/attendance/units/${tdp}?year=1999`)).body.fields).toHaveProperty('year');
    });

    it('prints an A4 sign-in sheet with an embedded Vietnamese font', async () => {
      const r = await get(`/api/sessions/${sessions[0].id}/sign-in-sheet.pdf`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      const pdf = r.raw.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdf.toString('latin1');
      expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(text).toMatch(/\/FontFile2/);
      expect((await auditFor(t.app, tk.admin, cls.id, 'export.sign_in_sheet')).length).toBe(1);
    });
  });

  describe('course completion and the training-hours ledger', () => {
    it('completes the course of a learner who attended 3 of 4 sessions when the item needs 75%', async () => {
      const course = ok(await post('/api/courses', { code: `KDD-${rnd()}`, title: 'Kỹ năng số cơ bản (học tại lớp)', ownerUnitId: wardId, targetGroup: 'cbccvc', deliveryMode: 'in_person', durationHours: 6 }, tk.admin), 201);
      const outline = ok(await put(`/api/courses/${course.id}/outline`, { sections: [{ title: 'Học trên lớp', items: [{ type: 'attendance', title: 'Tham dự lớp', minShare: 75 }] }] }, tk.admin));
      ok(await post(`/api/courses/${course.id}/publish`, {}, tk.admin));
      const itemId = outline.sections[0].items[0].id;
      const { cls, sessions } = await pastClass(4, { classType: 'course_class', courseId: course.id, courseItemId: itemId });
      expect(cls.courseItemId).toBe(itemId);
      const a = await createStaff(t.app, tk.admin, tdp);
      const b = await createStaff(t.app, tk.admin, tdp);
      const added = (await addStaff(t.app, tk.trainer, cls.id, [a.id, b.id])).added;
      const ra = added.find((x: Json) => x.staffId === a.id);
      const rb = added.find((x: Json) => x.staffId === b.id);
      // both are enrolled in the course by being on the roster
      expect(ok(await get(`/api/staff/${a.id}/learning`)).enrolments.map((e: Json) => e.courseId)).toContain(course.id);
      for (const [i, s] of sessions.entries()) {
        ok(await put(`/api/sessions/${s.id}/marks`, { marks: [{ rosterId: ra.id, status: i < 3 ? 'present' : 'unexcused', markedAt: during(s) }, { rosterId: rb.id, status: i < 2 ? 'present' : 'unexcused', markedAt: during(s) }] }));
      }
      const la = ok(await get(`/api/staff/${a.id}/learning`));
      expect(la.enrolments.find((e: Json) => e.courseId === course.id).status).toBe('completed');
      expect(la.completions.find((c: Json) => c.courseId === course.id)).toMatchObject({ hours: 6, rule: 'all_required_items' });
      const lb = ok(await get(`/api/staff/${b.id}/learning`));
      expect(lb.enrolments.find((e: Json) => e.courseId === course.id).status).toBe('in_progress');
      // a class of a course adds the course hours (through the completion), not the attended hours as well
      const year = Number(new Date(la.completions.find((c: Json) => c.courseId === course.id).completedAt).toISOString().slice(0, 4));
      expect(la.hoursByYear.find((h: Json) => h.year === year).hours).toBe(6);
      // a later absence mark does not undo the completion
      ok(await put(`/api/sessions/${sessions[0].id}/marks`, { reason: 'Sửa nhầm', marks: [{ rosterId: ra.id, status: 'unexcused', markedAt: new Date().toISOString() }] }));
      expect(ok(await get(`/api/staff/${a.id}/learning`)).enrolments.find((e: Json) => e.courseId === course.id).status).toBe('completed');
      // an attendance item of another course cannot be linked
      const wrong = await call(t.app, { method: 'PATCH', url: `/api/classes/${cls.id}`, token: tk.trainer, body: { courseItemId: '00000000-0000-4000-8000-000000000000' } });
      expect(wrong.body.fields).toHaveProperty('courseItemId');
    });

    it('adds attended hours of a standalone class to the staff person\'s hours by year', async () => {
      const { cls, sessions } = await pastClass(2, { classType: 'resolution_briefing' });
      const p = await createStaff(t.app, tk.admin, tdp);
      const r = (await addStaff(t.app, tk.trainer, cls.id, [p.id])).added[0];
      const before = ok(await get(`/api/staff/${p.id}/learning`)).hoursByYear;
      expect(before).toEqual([]);
      ok(await put(`/api/sessions/${sessions[0].id}/marks`, { marks: [{ rosterId: r.id, status: 'present', markedAt: during(sessions[0]) }] }));
      ok(await put(`/api/sessions/${sessions[1].id}/marks`, { marks: [{ rosterId: r.id, status: 'left_early', markedAt: during(sessions[1]) }] }));
      const hours = ok(await get(`/api/staff/${p.id}/learning`)).hoursByYear;
      const total = hours.reduce((a: number, h: Json) => a + h.hours, 0);
      expect(total).toBeCloseTo(1.5 + 0.75, 5);
    });
  });
});
