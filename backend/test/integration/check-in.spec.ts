/**
 * Self check-in by rotating QR: the trainer's screen (token, short code, live list), the learner's phone
 * (signed-in staff at once, residents by name + phone, a remembered device), and every refusal: expired and
 * forged tokens, a token of another session, outside the window or the geofence, a second check-in, one device
 * for several people, not on the roster. Each refusal is a 4xx with a code and a Vietnamese (or English) message.
 */
import { call, login, startTestApp, TestApp } from '../helpers';
import { CheckinKeyService } from '../../src/modules/attendance/checkin.service';
import { signTicket, signToken, stepOf } from '../../src/modules/attendance/checkin-token';
import { addResidents, addStaff, Json, newClass, phone, sessionAt } from './attendance-helpers';
import { createStaff, demoTokens, expectError, ok, rnd, Tokens, unitByCode } from './fixtures';

describe('check-in by rotating QR', () => {
  let t: TestApp;
  let tk: Tokens;
  let tdp: string;
  let key: Buffer;
  let learnerStaffId: string;
  beforeAll(async () => {
    t = await startTestApp();
    tk = await demoTokens(t.app);
    tdp = (await unitByCode(t.app, tk.admin, 'TDP06')).id;
    key = await t.app.get(CheckinKeyService).get();
    learnerStaffId = ok(await call(t.app, { url: '/api/auth/me', token: tk.learner })).staffId;
  });
  afterAll(async () => { await t.close(); });

  const screen = async (sessionId: string) => ok(await call(t.app, { url: `/api/sessions/${sessionId}/check-in-screen`, token: tk.trainer }));
  const checkIn = (body: Record<string, unknown>, token?: string, headers?: Record<string, string>) =>
    call(t.app, { method: 'POST', url: '/api/check-in', body, token, headers });
  const resolve = (body: Record<string, unknown>, token?: string, headers?: Record<string, string>) =>
    call(t.app, { method: 'POST', url: '/api/check-in/resolve', body, token, headers });

  /** a class with a session that started `startedMinutesAgo` minutes ago (negative: starts later) */
  async function liveSession(extra: Record<string, unknown> = {}, startedMinutesAgo = -5) {
    const cls = await newClass(t.app, tk.trainer, tdp, extra);
    const sessionId = await sessionAt(t.app, cls.id, new Date(Date.now() - startedMinutesAgo * 60_000));
    return { cls, sessionId };
  }

  it('shows the trainer a rotating token, a 6-digit code and the window', async () => {
    const { sessionId } = await liveSession();
    const s = await screen(sessionId);
    expect(s.code).toMatch(/^\d{6}$/);
    expect(s.path).toBe(`/check-in?t=${encodeURIComponent(s.token)}`);
    expect(s.stepSeconds).toBe(10);
    expect(new Date(s.validUntil).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(s.validUntil).getTime() - Date.now()).toBeLessThanOrEqual(10_000);
    expect(s.window.open).toBe(true);
    expect(s.geofence).toBeNull();
    // the token is signed over the session and the step: the next step gives another token
    const next = signToken(key, sessionId, stepOf(Date.now(), 10) + 1, 10);
    expect(next).not.toBe(s.token);
  });

  it('checks a signed-in learner in at once; a second check-in is a friendly 409', async () => {
    const { cls, sessionId } = await liveSession();
    await addStaff(t.app, tk.trainer, cls.id, [learnerStaffId]);
    const { token } = await screen(sessionId);
    const r = ok(await checkIn({ token }, tk.learner), 201);
    expect(r).toMatchObject({ result: 'checked_in', sessionId, status: 'present', lateMinutes: null, classTitle: cls.title });
    expect(r.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await checkIn({ token, deviceToken: r.deviceToken }, tk.learner);
    expectError(again, 409, 'CHECKIN_ALREADY');
    expect(again.body.message).toMatch(/^Bạn đã điểm danh buổi này lúc \d\d:\d\d\. Không cần điểm danh lại$/);
    const en = await checkIn({ token, deviceToken: r.deviceToken }, tk.learner, { 'accept-language': 'en' });
    expect(en.body.message).toMatch(/already checked in/);
    // the trainer's live list and counts
    const live = ok(await call(t.app, { url: `/api/sessions/${sessionId}/check-ins`, token: tk.trainer }));
    expect(live.items).toEqual([expect.objectContaining({ rosterId: r.rosterId, status: 'present', source: 'qr', kind: 'staff' })]);
    expect(live.counts).toMatchObject({ present: 1, total: 1, unmarked: 0 });
    const later = ok(await call(t.app, { url: `/api/sessions/${sessionId}/check-ins?after=${live.cursor}`, token: tk.trainer }));
    expect(later.items).toEqual([]);
    expect(later.cursor).toBe(live.cursor);
    expect((await call(t.app, { url: `/api/sessions/${sessionId}/check-ins?after=abc`, token: tk.trainer })).body.fields).toHaveProperty('after');
    const h = ok(await call(t.app, { url: `/api/sessions/${sessionId}/marks/history`, token: tk.trainer })).items;
    expect(h).toEqual([expect.objectContaining({ newStatus: 'present', source: 'qr', applied: true })]);
  });

  it('checks in a resident without an account by name and phone (diacritic-free), and the device remembers them', async () => {
    const { cls, sessionId } = await liveSession();
    const p = phone();
    await addResidents(t.app, tk.trainer, cls.id, [{ fullName: 'Nguyễn Thị Lài', phone: p, birthYear: 1958 }, { fullName: 'Y Bhăm', phone: phone() }]);
    const { token } = await screen(sessionId);
    const res = ok(await resolve({ token, sessionId }));
    expect(res).toMatchObject({ identity: { kind: 'none', fullName: null }, requiresLocation: false, session: { id: sessionId, classTitle: cls.title } });
    // the resident types slowly: the ticket outlives the rotating token
    const r = ok(await checkIn({ ticket: res.ticket, deviceToken: res.deviceToken, resident: { fullName: '  nguyen thi lai ', phone: `+84 ${p.slice(1, 4)} ${p.slice(4)}` } }), 201);
    expect(r).toMatchObject({ fullName: 'Nguyễn Thị Lài', status: 'present', deviceToken: res.deviceToken });
    // next session of the class: the remembered device needs no typing
    const next = await sessionAt(t.app, cls.id, new Date(Date.now() + 3 * 60_000));
    const s2 = await screen(next);
    const res2 = ok(await resolve({ token: s2.token, deviceToken: res.deviceToken }));
    expect(res2.identity).toEqual({ kind: 'resident', fullName: 'Nguyễn Thị Lài' });
    const r2 = ok(await checkIn({ ticket: res2.ticket, deviceToken: res.deviceToken }), 201);
    expect(r2).toMatchObject({ fullName: 'Nguyễn Thị Lài', sessionId: next });
    // a new phone number: the name alone is not enough, the name and the birth year are (she is then "already" in)
    const other = ok(await resolve({ token: s2.token }));
    expectError(await checkIn({ ticket: other.ticket, deviceToken: other.deviceToken, resident: { fullName: 'Nguyen Thi Lai', phone: phone() } }), 403, 'CHECKIN_NOT_ON_ROSTER');
    expectError(await checkIn({ ticket: other.ticket, deviceToken: other.deviceToken, resident: { fullName: 'Nguyen Thi Lai', phone: phone(), birthYear: 1958 } }), 409, 'CHECKIN_ALREADY');
  });

  it('refuses an expired token (a screenshot), a forged one and one of another session', async () => {
    const { cls, sessionId } = await liveSession();
    await addStaff(t.app, tk.trainer, cls.id, [learnerStaffId]);
    const { sessionId: otherSession } = await liveSession();
    const step = stepOf(Date.now(), 10);
    const old = signToken(key, sessionId, step - 2, 10);
    const expired = await checkIn({ token: old }, tk.learner);
    expectError(expired, 410, 'CHECKIN_TOKEN_EXPIRED');
    expect(expired.body.message).toMatch(/hết hạn.*ảnh chụp màn hình/);
    expectError(await resolve({ token: old }), 410, 'CHECKIN_TOKEN_EXPIRED');
    // the previous step is still accepted (the QR was just replaced)
    expect((await resolve({ token: signToken(key, sessionId, stepOf(Date.now(), 10) - 1, 10) })).status).toBe(200);
    const { token } = await screen(sessionId);
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expectError(await checkIn({ token: forged }, tk.learner), 400, 'CHECKIN_TOKEN_INVALID');
    const otherKey = Buffer.alloc(32, 7);
    expectError(await checkIn({ token: signToken(otherKey, sessionId, step, 10) }, tk.learner), 400, 'CHECKIN_TOKEN_INVALID');
    expectError(await checkIn({ token: 'not a token' }, tk.learner), 400, 'CHECKIN_TOKEN_INVALID');
    expectError(await checkIn({ token: signToken(key, sessionId, step + 5, 10) }, tk.learner), 400, 'CHECKIN_TOKEN_INVALID');
    expectError(await checkIn({ token, sessionId: otherSession }, tk.learner), 400, 'CHECKIN_TOKEN_WRONG_SESSION');
    // a ticket is bound to its device and expires after 5 minutes
    const res = ok(await resolve({ token }));
    expectError(await checkIn({ ticket: res.ticket, deviceToken: 'x'.repeat(43) }, tk.learner), 400, 'CHECKIN_TOKEN_INVALID');
    const stale = signTicket(key, sessionId, Math.floor(Date.now() / 1000) - 301, res.deviceToken);
    expectError(await checkIn({ ticket: stale, deviceToken: res.deviceToken }, tk.learner), 410, 'CHECKIN_TOKEN_EXPIRED');
    expectError(await checkIn({ deviceToken: res.deviceToken }, tk.learner), 400, 'VALIDATION_FAILED');
    // none of this wrote a mark
    expect(ok(await call(t.app, { url: `/api/sessions/${sessionId}/marks`, token: tk.trainer })).counts.unmarked).toBe(1);
  });

  it('refuses check-in outside the window, and for postponed or cancelled sessions', async () => {
    const { cls, sessionId: early } = await liveSession({}, -60); // starts in an hour; opens 15 minutes before
    await addStaff(t.app, tk.trainer, cls.id, [learnerStaffId]);
    const r1 = await checkIn({ token: (await screen(early)).token }, tk.learner);
    expectError(r1, 403, 'CHECKIN_WINDOW_NOT_OPEN');
    expect(r1.body.message).toMatch(/^Chưa đến giờ điểm danh: mở lúc \d\d:\d\d$/);
    const late = await sessionAt(t.app, cls.id, new Date(Date.now() - 45 * 60_000)); // closed 30 minutes after the start
    const r2 = await checkIn({ token: (await screen(late)).token }, tk.learner);
    expectError(r2, 403, 'CHECKIN_WINDOW_CLOSED');
    expect(r2.body.message).toMatch(/Đã hết giờ điểm danh/);
    const cancelled = await sessionAt(t.app, cls.id, new Date(Date.now() + 60_000));
    const tok = (await screen(cancelled)).token;
    ok(await call(t.app, { method: 'POST', url: `/api/sessions/${cancelled}/cancel`, token: tk.trainer, body: { reason: 'Mưa lớn' } }));
    expectError(await checkIn({ token: tok }, tk.learner), 409, 'CHECKIN_SESSION_NOT_ACTIVE');
  });

  it('marks a late arrival late, with the minutes since the start', async () => {
    const { cls, sessionId } = await liveSession({ checkIn: { lateAfterMinutes: 5 } }, 20);
    await addStaff(t.app, tk.trainer, cls.id, [learnerStaffId]);
    const r = ok(await checkIn({ token: (await screen(sessionId)).token }, tk.learner), 201);
    expect(r.status).toBe('late');
    expect(r.lateMinutes).toBeGreaterThanOrEqual(19);
    expect(r.lateMinutes).toBeLessThanOrEqual(21);
  });

  it('applies the geofence: location required, outside the radius refused, inside accepted', async () => {
    const venue = { lat: 14.3497, lng: 108.0005 };
    const { cls, sessionId } = await liveSession({ venueLat: venue.lat, venueLng: venue.lng, checkIn: { geofenceRadiusM: 100 } });
    await addStaff(t.app, tk.trainer, cls.id, [learnerStaffId]);
    const s = await screen(sessionId);
    expect(s.geofence).toEqual({ radiusM: 100, lat: venue.lat, lng: venue.lng });
    expect(ok(await resolve({ token: s.token }, tk.learner)).requiresLocation).toBe(true);
    const none = await checkIn({ token: s.token }, tk.learner);
    expectError(none, 403, 'CHECKIN_LOCATION_REQUIRED');
    expect(none.body.fields.location).toBeTruthy();
    const denied = await checkIn({ token: s.token, locationError: 'denied' }, tk.learner);
    expect(denied.body.fields.location).toMatch(/chặn quyền vị trí/);
    // about 1.1 km north
    const far = await checkIn({ token: s.token, location: { lat: venue.lat + 0.01, lng: venue.lng, accuracyM: 20 } }, tk.learner);
    expectError(far, 403, 'CHECKIN_OUTSIDE_GEOFENCE');
    expect(far.body.message).toMatch(/khoảng 11\d\d m \(cho phép 100 m\)/);
    expect((await checkIn({ token: s.token, location: { lat: 91, lng: 0 } }, tk.learner)).body.fields).toHaveProperty(['location.lat']);
    // 80 m away: inside
    const near = ok(await checkIn({ token: s.token, location: { lat: venue.lat + 0.00072, lng: venue.lng, accuracyM: 15 } }, tk.learner), 201);
    expect(near.status).toBe('present');
  });

  it('does not let one device check in several people within the cooldown', async () => {
    const { cls, sessionId } = await liveSession({ checkIn: { deviceCooldownMinutes: 10 } });
    const a = { fullName: 'Trần Văn Bảy', phone: phone() };
    const b = { fullName: 'Lê Thị Hoa', phone: phone() };
    await addResidents(t.app, tk.trainer, cls.id, [a, b]);
    const { token } = await screen(sessionId);
    const first = ok(await checkIn({ token, resident: a }), 201);
    const second = await checkIn({ token, resident: b, deviceToken: first.deviceToken });
    expectError(second, 429, 'CHECKIN_DEVICE_COOLDOWN');
    expect(second.headers['retry-after']).toBe('600');
    expect(second.body.message).toMatch(/vừa điểm danh cho người khác/);
    // her own phone works
    expect((await checkIn({ token, resident: b })).status).toBe(201);
    // the same person again from the same device is "already", not a cooldown
    expectError(await checkIn({ token, resident: a, deviceToken: first.deviceToken }), 409, 'CHECKIN_ALREADY');
  });

  it('refuses people not on the roster, unless the class takes walk-ins', async () => {
    const { sessionId } = await liveSession();
    const { token } = await screen(sessionId);
    const who = { fullName: 'Đinh Văn Mới', phone: phone(), birthYear: 1970 };
    const r = await checkIn({ token, resident: who });
    expectError(r, 403, 'CHECKIN_NOT_ON_ROSTER');
    expect(r.body.message).toMatch(/Không tìm thấy bạn trong danh sách lớp/);
    expectError(await checkIn({ token }, tk.learner), 403, 'CHECKIN_NOT_ON_ROSTER');
    const anon = await checkIn({ token });
    expectError(anon, 400, 'CHECKIN_IDENTITY_REQUIRED');
    expect(Object.keys(anon.body.fields).sort()).toEqual(['resident.fullName', 'resident.phone']);
    expect((await checkIn({ token, resident: { fullName: 'A', phone: '12345' } })).body.fields).toHaveProperty(['resident.phone']);

    const walk = await liveSession({ checkIn: { allowWalkIn: true } });
    const wt = (await screen(walk.sessionId)).token;
    const w = ok(await checkIn({ token: wt, resident: who }), 201);
    const staffWalk = ok(await checkIn({ token: wt }, tk.learner), 201);
    const roster = ok(await call(t.app, { url: `/api/classes/${walk.cls.id}/roster`, token: tk.trainer })).items;
    expect(roster.map((x: Json) => [x.id, x.source]).sort()).toEqual([[w.rosterId, 'walk_in'], [staffWalk.rosterId, 'walk_in']].sort());
  });

  it('accepts the typed 6-digit code, refuses wrong ones and throttles guessing', async () => {
    const { cls, sessionId } = await liveSession();
    await addStaff(t.app, tk.trainer, cls.id, [learnerStaffId]);
    const { code } = await screen(sessionId);
    const ip = `10.9.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200)}`;
    const res = ok(await call(t.app, { method: 'POST', url: '/api/check-in/resolve', body: { code }, token: tk.learner, remoteAddress: ip }));
    expect(res.session.id).toBe(sessionId);
    expect(res.identity.kind).toBe('staff');
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await call(t.app, { method: 'POST', url: '/api/check-in/resolve', body: { code: wrong }, remoteAddress: ip });
    expect([400, 410]).toContain(bad.status);
    expectError(await call(t.app, { method: 'POST', url: '/api/check-in/resolve', body: { code: '12ab' }, remoteAddress: ip }), 400, 'CHECKIN_TOKEN_INVALID');
    for (let i = 0; i < 10; i++) await call(t.app, { method: 'POST', url: '/api/check-in/resolve', body: { code: 'x' }, remoteAddress: ip });
    const limited = await call(t.app, { method: 'POST', url: '/api/check-in/resolve', body: { code }, remoteAddress: ip });
    expectError(limited, 429, 'CHECKIN_TOO_MANY_CODES');
    // with the ticket from the code, the check-in itself
    expect(ok(await checkIn({ ticket: res.ticket, deviceToken: res.deviceToken }, tk.learner), 201).sessionId).toBe(sessionId);
  });

  it('replaces an earlier absence mark by the person\'s own check-in; the history keeps both', async () => {
    const { cls, sessionId } = await liveSession();
    const r = (await addStaff(t.app, tk.trainer, cls.id, [learnerStaffId])).added[0];
    ok(await call(t.app, { method: 'PUT', url: `/api/sessions/${sessionId}/marks`, token: tk.trainer, body: { marks: [{ rosterId: r.id, status: 'unexcused', markedAt: new Date(Date.now() - 60_000).toISOString() }] } }));
    ok(await checkIn({ token: (await screen(sessionId)).token }, tk.learner), 201);
    const h = ok(await call(t.app, { url: `/api/sessions/${sessionId}/marks/history`, token: tk.trainer })).items;
    expect(h.map((x: Json) => [x.oldStatus, x.newStatus, x.source])).toEqual([['unexcused', 'present', 'qr'], [null, 'unexcused', 'trainer']]);
  });

  it('records every one of many simultaneous check-ins exactly once', async () => {
    const { cls, sessionId } = await liveSession({ checkIn: { deviceCooldownMinutes: 10 } });
    const people = Array.from({ length: 25 }, (_, i) => ({ fullName: `Người Dân Thứ ${i + 1} ${rnd(2)}`, phone: phone() }));
    await addResidents(t.app, tk.trainer, cls.id, people);
    const { token } = await screen(sessionId);
    const results = await Promise.all(people.map((p) => checkIn({ token, resident: p })));
    expect(results.map((r) => r.status)).toEqual(people.map(() => 201));
    // the same person from three phones at once: one check-in, two friendly 409s
    const dup = await Promise.all([0, 1, 2].map(() => checkIn({ token, resident: people[0] })));
    expect(dup.map((r) => r.status)).toEqual([409, 409, 409]);
    const staff = await createStaff(t.app, tk.admin, tdp);
    await addStaff(t.app, tk.trainer, cls.id, [staff.id]);
    const marks = ok(await call(t.app, { url: `/api/sessions/${sessionId}/marks`, token: tk.trainer }));
    expect(marks.counts).toMatchObject({ present: 25, unmarked: 1, total: 26 });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM attendance_mark_history WHERE session_id = $1`, [sessionId]);
    expect(n).toBe(25);
  });

  it('is public: no session needed for residents, and a signed-in learner is recognised', async () => {
    const { cls, sessionId } = await liveSession();
    await addStaff(t.app, tk.trainer, cls.id, [learnerStaffId]);
    const s = await screen(sessionId);
    const learnerAgain = await login(t.app, 'learner');
    expect(ok(await resolve({ token: s.token }, learnerAgain)).identity).toEqual({ kind: 'staff', fullName: expect.any(String) });
    expect(ok(await resolve({ token: s.token }, 'not-a-session-token')).identity.kind).toBe('none');
  });
});
