/**
 * Certificate validity and re-enrolment before expiry: a course's certificateValidityMonths and renewalLeadDays (create,
 * patch, read, bad input), the hourly job and POST /api/courses/:id/renewals that enrol people again when their valid
 * certificate expires within the lead time (due on the expiry date), keeping every earlier completion and certificate as
 * it was, with the history of each renewal and an audit row. A renewed learner starts again: item progress, quiz
 * attempts and the quiz grade of the earlier cycle do not count.
 */
import { RenewalJob } from '../../src/modules/courses/renewal-job';
import { multipartForm, pdf } from '../file-samples';
import { call, startTestApp, TestApp } from '../helpers';
import { auditFor, createStaff, createUnit, createUser, demoTokens, expectError, ok, rnd, todayIso, Tokens, Unit, ward } from './fixtures';
import { addStaff, local, newClass } from './attendance-helpers';
import { bankWithEveryType, newLearner, publishedQuiz, responseFor } from './quiz-fixtures';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

process.env.QUIZ_FINALISER_INTERVAL_MS = '0';
process.env.CERTIFICATE_RENEWAL_INTERVAL_MS = '0';

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe('certificate validity and re-enrolment before expiry', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;
  let job: RenewalJob;

  beforeAll(async () => {
    t = await startTestApp({ CERTIFICATE_RENEWAL_INTERVAL_MS: '0' });
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
    job = t.app.get(RenewalJob);
  });
  afterAll(async () => { await t?.close(); });

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) => call(t.app, { method, url, token, body });
  const courseBody = (ownerUnitId: string, extra: Record<string, unknown> = {}) => ({
    code: `GH-${rnd()}`, title: `Khóa học có thời hạn ${rnd(2)}`, ownerUnitId, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 2, ...extra,
  });
  /** A published course of one lesson, certificates valid 12 months, re-enrolment 30 days before expiry (unless told). */
  const renewableCourse = async (ownerUnitId = wardUnit.id, extra: Record<string, unknown> = {}) => {
    const c = ok(await req('POST', '/api/courses', tok.admin, courseBody(ownerUnitId, { certificateValidityMonths: 12, renewalLeadDays: 30, ...extra })), 201);
    ok(await req('PUT', `/api/courses/${c.id}/outline`, tok.admin, { sections: [{ title: 'Phần 1', items: [{ type: 'lesson', title: 'Bài 1', bodyHtml: '<p>Nội dung</p>' }] }] }));
    ok(await req('POST', `/api/courses/${c.id}/publish`, tok.admin, {}));
    return c;
  };
  /**
   * `staffId` enrolled in `courseId` and completed on the day that makes the certificate (12 months) expire in `days`
   * days (negative: expired), as the learning path records it: the enrolment completed, one completion, its certificate.
   */
  const completedExpiringIn = async (courseId: string, staffId: string, days: number) => {
    ok(await req('POST', `/api/courses/${courseId}/enrolments`, tok.admin, { staffIds: [staffId] }));
    const [e] = await t.ds.query(`SELECT id FROM enrolments WHERE course_id = $1 AND staff_id = $2`, [courseId, staffId]);
    const [{ at }] = await t.ds.query(
      `SELECT ((((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + $1::int) - interval '12 months')::date + time '12:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at`,
      [days],
    );
    await t.ds.query(`UPDATE enrolments SET status = 'completed', completed_at = $2 WHERE id = $1`, [e.id, at]);
    const [k] = await t.ds.query(
      `INSERT INTO completions (staff_id, course_id, enrolment_id, course_version, completed_at, hours, rule) VALUES ($1, $2, $3, 1, $4, 2, 'all_required_items') RETURNING id`,
      [staffId, courseId, e.id, at],
    );
    const [certificate] = await t.ds.query(`SELECT * FROM certificates WHERE completion_id = $1`, [k.id]);
    return { enrolmentId: e.id as string, completionId: k.id as string, certificate };
  };
  const enrolment = async (id: string) => (await t.ds.query(`SELECT * FROM enrolments WHERE id = $1`, [id]))[0];

  // ------------------------------------------------------------------ course settings

  it('a course carries its certificate validity and re-enrolment lead time (create, read, patch, duplicate)', async () => {
    const c = ok(await req('POST', '/api/courses', tok.trainer, courseBody(wardUnit.id, { certificateValidityMonths: 24, renewalLeadDays: 60 })), 201);
    expect(c).toMatchObject({ certificateValidityMonths: 24, renewalLeadDays: 60 });
    expect(ok(await req('GET', `/api/courses/${c.id}`, tok.manager))).toMatchObject({ certificateValidityMonths: 24, renewalLeadDays: 60 });
    const plain = ok(await req('POST', '/api/courses', tok.trainer, courseBody(wardUnit.id)), 201);
    expect(plain).toMatchObject({ certificateValidityMonths: null, renewalLeadDays: null });
    expect(ok(await req('PATCH', `/api/courses/${c.id}`, tok.trainer, { renewalLeadDays: null }))).toMatchObject({ certificateValidityMonths: 24, renewalLeadDays: null });
    expect(ok(await req('PATCH', `/api/courses/${c.id}`, tok.trainer, { certificateValidityMonths: 6, renewalLeadDays: 14 }))).toMatchObject({ certificateValidityMonths: 6, renewalLeadDays: 14 });
    expect(ok(await req('PATCH', `/api/courses/${c.id}`, tok.trainer, { certificateValidityMonths: null, renewalLeadDays: null }))).toMatchObject({ certificateValidityMonths: null, renewalLeadDays: null });
    ok(await req('PATCH', `/api/courses/${c.id}`, tok.trainer, { certificateValidityMonths: 12, renewalLeadDays: 30 }));
    const copy = ok(await req('POST', `/api/courses/${c.id}/duplicate`, tok.trainer, { code: `GH-${rnd()}`, title: 'Bản sao' }), 201);
    expect(copy).toMatchObject({ certificateValidityMonths: 12, renewalLeadDays: 30 });
    const audit = await auditFor(t.app, tok.admin, c.id, 'course.updated');
    expect(audit.some((a) => a.details.fields.includes('certificate_validity_months') && a.details.fields.includes('renewal_lead_days'))).toBe(true);
  });

  it('bad validity and lead times are refused with a 400 naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ renewalLeadDays: 30 }, 'renewalLeadDays'],
      [{ certificateValidityMonths: null, renewalLeadDays: 30 }, 'renewalLeadDays'],
      [{ certificateValidityMonths: 0 }, 'certificateValidityMonths'],
      [{ certificateValidityMonths: 241 }, 'certificateValidityMonths'],
      [{ certificateValidityMonths: 1.5 }, 'certificateValidityMonths'],
      [{ certificateValidityMonths: '12' }, 'certificateValidityMonths'],
      [{ certificateValidityMonths: 12, renewalLeadDays: 0 }, 'renewalLeadDays'],
      [{ certificateValidityMonths: 12, renewalLeadDays: 366 }, 'renewalLeadDays'],
      [{ certificateValidityMonths: 12, renewalLeadDays: 7.5 }, 'renewalLeadDays'],
      [{ certificateValidityMonths: 12, renewalLeadDays: 'ba mươi' }, 'renewalLeadDays'],
      // re-enrolment must start before the validity is over, else people would be enrolled again on completion
      [{ certificateValidityMonths: 1, renewalLeadDays: 30 }, 'renewalLeadDays'],
    ];
    for (const [extra, field] of bad) {
      const res = await req('POST', '/api/courses', tok.manager, courseBody(wardUnit.id, extra));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect({ extra, fields: Object.keys(res.body.fields) }).toEqual({ extra, fields: [field] });
    }
    const c = ok(await req('POST', '/api/courses', tok.manager, courseBody(wardUnit.id, { certificateValidityMonths: 12 })), 201);
    for (const [extra, field] of bad.filter(([x]) => x.certificateValidityMonths !== undefined || x.renewalLeadDays !== 30)) {
      const res = await req('PATCH', `/api/courses/${c.id}`, tok.manager, extra);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect({ extra, fields: Object.keys(res.body.fields) }).toEqual({ extra, fields: [field] });
    }
    // the course has a validity now: a lead time alone is fine; then the validity cannot go while the lead time stays
    ok(await req('PATCH', `/api/courses/${c.id}`, tok.manager, { renewalLeadDays: 30 }));
    const res = await req('PATCH', `/api/courses/${c.id}`, tok.manager, { certificateValidityMonths: null });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['certificateValidityMonths']);
    expect(res.body.fields.certificateValidityMonths).toMatch(/ghi danh học lại/);
    const en = await call(t.app, { method: 'POST', url: '/api/courses', token: tok.manager, body: courseBody(wardUnit.id, { renewalLeadDays: 30 }), headers: { 'accept-language': 'en' } });
    expect(en.body.fields.renewalLeadDays).toMatch(/validity/);
    expect(ok(await req('GET', `/api/courses/${c.id}`, tok.manager))).toMatchObject({ certificateValidityMonths: 12, renewalLeadDays: 30 });
  });

  // ------------------------------------------------------------------ renewal

  it('the job re-enrols a learner whose certificate expires within the lead time; the old completion and certificate stay; attempts and progress start afresh; a second completion is recorded', async () => {
    const bank = await bankWithEveryType(t.ds, wardUnit.id);
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, [{ kind: 'fixed', questionId: bank.ids.single }, { kind: 'fixed', questionId: bank.ids.tf }],
      { passMark: 50, maxAttempts: 2, gradingMethod: 'highest' });
    const course = ok(await req('POST', '/api/courses', tok.manager, courseBody(wardUnit.id, { sequential: true, certificateValidityMonths: 12, renewalLeadDays: 30 })), 201);
    const o = ok(await req('PUT', `/api/courses/${course.id}/outline`, tok.manager, {
      sections: [{ title: 'Phần 1', items: [{ type: 'lesson', title: 'Bài 1', bodyHtml: '<p>x</p>' }, { type: 'quiz', title: 'Kiểm tra cuối khóa', isFinal: true, quizId: quiz.id }] }],
    }));
    const [lessonId, quizItemId] = o.sections[0].items.map((i: Any) => i.id);
    ok(await req('POST', `/api/courses/${course.id}/publish`, tok.manager, {}));
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [l.person.id] }));

    const attempt = async (right: boolean) => {
      const a = ok(await req('POST', `/api/me/quizzes/${quiz.id}/attempts`, l.token, {}), 201);
      let seq = 0;
      for (const x of a.questions) {
        const r = responseFor(x, right);
        if (r !== null) ok(await req('PUT', `/api/me/attempts/${a.id}/answers/${x.slot}`, l.token, { response: r, seq: ++seq }));
      }
      return ok(await req('POST', `/api/me/attempts/${a.id}/submit`, l.token, {}));
    };
    const learn = async () => {
      ok(await req('POST', `/api/me/learning/${course.id}/items/${lessonId}/progress`, l.token, { event: 'completed' }));
      expect(await attempt(false)).toMatchObject({ status: 'graded', result: { percent: 0 } });
      expect(ok(await req('GET', `/api/me/learning/${course.id}`, l.token)).sections[0].items[1]).toMatchObject({ itemId: quizItemId, status: 'in_progress', score: 0 });
      expect(await attempt(true)).toMatchObject({ status: 'graded', result: { percent: 100 } });
      return ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    };

    // cycle 1: two attempts (the quiz allows two), completed, certificate valid 12 months
    let player = await learn();
    expect(player.enrolment).toMatchObject({ status: 'completed', cycle: 1, renewedAt: null });
    expect(ok(await req('GET', `/api/me/quizzes/${quiz.id}`, l.token))).toMatchObject({ canStart: false, reason: 'NO_ATTEMPTS_LEFT' });
    const [first] = ok(await req('GET', `/api/certificates?staffId=${l.person.id}`, tok.manager)).items;
    expect(first).toMatchObject({ state: 'valid', courseId: course.id });
    expect(first.expiresOn > addDays(todayIso(), 360)).toBe(true);

    // a year later: the completion is backdated so that the certificate expires in 20 days
    const expiresOn = addDays(todayIso(), 20);
    await t.ds.query(`UPDATE completions SET completed_at = completed_at - interval '345 days' WHERE enrolment_id = $1`, [player.enrolment.id]);
    await t.ds.query(`UPDATE enrolments SET completed_at = completed_at - interval '345 days' WHERE id = $1`, [player.enrolment.id]);
    await t.ds.query(`UPDATE certificates SET completed_on = completed_on - 345, expires_on = $2 WHERE id = $1`, [first.id, expiresOn]);
    const [completionBefore] = await t.ds.query(`SELECT * FROM completions WHERE enrolment_id = $1`, [player.enrolment.id]);
    const [certificateBefore] = await t.ds.query(`SELECT * FROM certificates WHERE id = $1`, [first.id]);
    const progressBefore = await t.ds.query(`SELECT item_id, status, score FROM item_progress WHERE enrolment_id = $1 ORDER BY item_id`, [player.enrolment.id]);
    expect(progressBefore).toHaveLength(2);

    const run = await job.runOnce();
    expect(run.renewed).toBeGreaterThanOrEqual(1);
    expect(run.failed).toBe(0);

    // the enrolment starts cycle 2: enrolled, due on the expiry date, no item progress
    const e = await enrolment(player.enrolment.id);
    expect(e).toMatchObject({ cycle: 2, status: 'enrolled', completed_at: null, due_date: expiresOn });
    expect(e.cycle_started_at).not.toBeNull();
    expect(await t.ds.query(`SELECT * FROM item_progress WHERE enrolment_id = $1`, [e.id])).toEqual([]);
    // the earlier completion and its certificate are untouched, and the certificate is still valid until it expires
    expect((await t.ds.query(`SELECT * FROM completions WHERE id = $1`, [completionBefore.id]))[0]).toEqual(completionBefore);
    expect((await t.ds.query(`SELECT * FROM certificates WHERE id = $1`, [first.id]))[0]).toEqual(certificateBefore);
    expect(ok(await req('GET', `/api/certificates/${first.id}`, tok.manager))).toMatchObject({ state: 'valid', expiresOn });
    // the history of the renewal, and its audit row
    const [history] = await t.ds.query(`SELECT * FROM enrolment_renewals WHERE enrolment_id = $1`, [e.id]);
    expect(history).toMatchObject({
      certificate_id: first.id, previous_cycle: 1, previous_status: 'completed', due_date: expiresOn, triggered_by_kind: 'job', triggered_by: null,
    });
    expect(new Date(history.previous_completed_at).toISOString()).toBe(new Date(completionBefore.completed_at).toISOString());
    expect(history.previous_item_progress.map((p: Any) => ({ item_id: p.item_id, status: p.status, score: p.score })))
      .toEqual(progressBefore);
    await expect(t.ds.query(`DELETE FROM enrolment_renewals WHERE id = $1`, [history.id])).rejects.toThrow(/append-only/);
    const audit = await auditFor(t.app, tok.admin, e.id, 'enrolment.renewed');
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ courseId: course.id, staffId: l.person.id, certificateId: first.id, previousCycle: 1, cycle: 2, dueDate: expiresOn, trigger: 'job' });
    expect(audit[0].summary).toContain(expiresOn.split('-').reverse().join('/'));

    // "My learning": assigned again, due on the expiry date; the person's record keeps the earlier completion
    const assigned = ok(await req('GET', '/api/me/learning?filter=assigned', l.token)).items.find((i: Any) => i.courseId === course.id);
    expect(assigned).toMatchObject({ status: 'enrolled', dueDate: expiresOn, cycle: 2, progress: 0, overdue: false });
    expect(ok(await req('GET', '/api/me/learning?filter=completed', l.token)).items.map((i: Any) => i.courseId)).not.toContain(course.id);
    const record = ok(await req('GET', `/api/staff/${l.person.id}/learning`, tok.manager));
    expect(record.completions.filter((k: Any) => k.courseId === course.id).map((k: Any) => k.id)).toEqual([completionBefore.id]);
    expect(record.enrolments.find((x: Any) => x.courseId === course.id)).toMatchObject({ status: 'enrolled', cycle: 2 });
    expect(ok(await req('GET', `/api/courses/${course.id}`, tok.manager))).toMatchObject({ enrolledCount: 1, completedCount: 0 });

    // running again renews nothing more
    const again = await job.runOnce();
    expect(again.renewed).toBe(0);
    expect(await enrolment(e.id)).toMatchObject({ cycle: 2, status: 'enrolled' });
    expect(await t.ds.query(`SELECT id FROM enrolment_renewals WHERE enrolment_id = $1`, [e.id])).toHaveLength(1);

    // cycle 2: the items start again (the quiz locked behind the lesson), the quiz allows two new attempts, and the
    // 100% of the earlier cycle does not complete the item
    player = ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    expect(player.sections[0].items.map((i: Any) => i.status)).toEqual(['not_started', 'locked']);
    expect(ok(await req('GET', `/api/me/quizzes/${quiz.id}`, l.token))).toMatchObject({ canStart: false, reason: 'ITEM_LOCKED' });
    player = await learn();
    expect(player.enrolment).toMatchObject({ status: 'completed', cycle: 2 });
    expect(ok(await req('GET', `/api/me/quizzes/${quiz.id}`, l.token))).toMatchObject({ canStart: false, reason: 'NO_ATTEMPTS_LEFT' });
    const completions = await t.ds.query(`SELECT id, cycle, enrolment_id FROM completions WHERE staff_id = $1 AND course_id = $2 ORDER BY cycle`, [l.person.id, course.id]);
    expect(completions.map((k: Any) => [k.cycle, k.enrolment_id])).toEqual([[1, e.id], [2, e.id]]);
    const certificates = ok(await req('GET', `/api/certificates?staffId=${l.person.id}`, tok.manager)).items;
    expect(certificates).toHaveLength(2);
    const second = certificates.find((c: Any) => c.id !== first.id);
    expect(second).toMatchObject({ state: 'valid', kind: 'auto' });
    expect(second.expiresOn > addDays(todayIso(), 360)).toBe(true);
    expect((await t.ds.query(`SELECT completion_id FROM certificates WHERE id = $1`, [second.id]))[0].completion_id).toBe(completions[1].id);
    expect(ok(await req('GET', `/api/staff/${l.person.id}/learning`, tok.manager)).completions.filter((k: Any) => k.courseId === course.id)).toHaveLength(2);
    // the new certificate is far from expiry and the old one is no longer the latest: nothing to renew
    await job.runOnce();
    expect(await enrolment(e.id)).toMatchObject({ cycle: 2, status: 'completed' });
    // the completions export shows each completion with its own cycle's score
    const csv = await call(t.app, { url: `/api/exports/completions.csv?courseId=${course.id}`, token: tok.manager });
    expect(csv.status).toBe(200);
    expect(csv.raw.body.split('\r\n').filter((line: string) => line.includes(l.person.fullName))).toHaveLength(2);
  });

  it('a renewed learner\'s attendance item counts only the class sessions of the new cycle', async () => {
    const course = ok(await req('POST', '/api/courses', tok.admin, courseBody(wardUnit.id, { deliveryMode: 'in_person', certificateValidityMonths: 12, renewalLeadDays: 30 })), 201);
    const o = ok(await req('PUT', `/api/courses/${course.id}/outline`, tok.admin, { sections: [{ title: 'Học trên lớp', items: [{ type: 'attendance', title: 'Tham dự lớp', minShare: 75 }] }] }));
    const itemId = o.sections[0].items[0].id;
    ok(await req('POST', `/api/courses/${course.id}/publish`, tok.admin, {}));
    const cls = await newClass(t.app, tok.admin, wardUnit.id, { classType: 'course_class', courseId: course.id, courseItemId: itemId });
    const today = local(new Date()).date;
    const first = addDays(today, -28);
    const wd = ((new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const sessions = ok(await req('POST', `/api/classes/${cls.id}/sessions/series`, tok.admin,
      { startDate: first, until: addDays(today, -1), weekdays: [wd], startTime: '08:00', endTime: '09:30' }), 201).items as Any[];
    expect(sessions).toHaveLength(4);
    const p = await createStaff(t.app, tok.admin, wardUnit.id);
    const rosterId = (await addStaff(t.app, tok.admin, cls.id, [p.id])).added[0].id;
    const during = (x: Any) => new Date(new Date(x.startsAt).getTime() + 10 * 60_000).toISOString();
    // corrections after the session carry their own (later) device time: a mark never overrides a newer one
    let corrections = 0;
    const correctionAt = () => new Date(Date.now() - 60_000 + 1000 * ++corrections).toISOString();
    const mark = (x: Any, status: string, markedAt = during(x)) =>
      req('PUT', `/api/sessions/${x.id}/marks`, tok.admin, { reason: 'Bổ sung điểm danh', marks: [{ rosterId, status, markedAt }] });
    for (const [i, x] of sessions.entries()) ok(await mark(x, i < 3 ? 'present' : 'unexcused'));
    const [e] = await t.ds.query(`SELECT * FROM enrolments WHERE course_id = $1 AND staff_id = $2`, [course.id, p.id]);
    expect(e).toMatchObject({ status: 'completed', cycle: 1 });
    await t.ds.query(`UPDATE certificates SET expires_on = $2 WHERE staff_id = $1 AND course_id = $3`, [p.id, addDays(today, 10), course.id]);
    expect(ok(await req('POST', `/api/courses/${course.id}/renewals`, tok.admin, {}))).toEqual({ renewed: 1, alreadyRenewed: 0 });

    // a correction of a session of the earlier cycle does not complete the new one
    const corrected = ok(await mark(sessions[3], 'present', correctionAt()));
    expect(corrected.saved).toBe(1);
    expect(await enrolment(e.id)).toMatchObject({ status: 'enrolled', cycle: 2 });
    expect(await t.ds.query(`SELECT * FROM item_progress WHERE enrolment_id = $1`, [e.id])).toEqual([]);
    // had the renewal been before the last session, that session alone would count (1 of 1: 100%)
    await t.ds.query(`UPDATE enrolments SET cycle_started_at = $2 WHERE id = $1`, [e.id, new Date(new Date(sessions[3].startsAt).getTime() - 60_000)]);
    ok(await mark(sessions[3], 'unexcused', correctionAt()));
    expect(await enrolment(e.id)).toMatchObject({ status: 'enrolled', cycle: 2 });
    ok(await mark(sessions[3], 'present', correctionAt()));
    expect(await enrolment(e.id)).toMatchObject({ status: 'completed', cycle: 2 });
    expect((await t.ds.query(`SELECT cycle FROM completions WHERE enrolment_id = $1 ORDER BY cycle`, [e.id])).map((k: Any) => k.cycle)).toEqual([1, 2]);
  });

  it('only active people with a completed enrolment and a due, valid, latest certificate are re-enrolled; an expired one is renewed too', async () => {
    const course = await renewableCourse();
    const due = await createStaff(t.app, tok.admin, wardUnit.id);
    const expired = await createStaff(t.app, tok.admin, wardUnit.id);
    const far = await createStaff(t.app, tok.admin, wardUnit.id);
    const onLeave = await createStaff(t.app, tok.admin, wardUnit.id, { status: 'on_leave', leaveKind: 'maternity_leave' });
    const withdrawn = await createStaff(t.app, tok.admin, wardUnit.id);
    const exempted = await createStaff(t.app, tok.admin, wardUnit.id);
    const revoked = await createStaff(t.app, tok.admin, wardUnit.id);
    const d = await completedExpiringIn(course.id, due.id, 20);
    const x = await completedExpiringIn(course.id, expired.id, -5);
    const f = await completedExpiringIn(course.id, far.id, 200);
    const lv = await completedExpiringIn(course.id, onLeave.id, 10);
    const w = await completedExpiringIn(course.id, withdrawn.id, 10);
    const ex = await completedExpiringIn(course.id, exempted.id, 10);
    const rv = await completedExpiringIn(course.id, revoked.id, 10);
    await t.ds.query(`UPDATE enrolments SET status = 'withdrawn', reason = 'Chuyển công tác' WHERE id = $1`, [w.enrolmentId]);
    await t.ds.query(`UPDATE enrolments SET status = 'exempted', reason = 'Đã học nơi khác' WHERE id = $1`, [ex.enrolmentId]);
    ok(await req('POST', `/api/certificates/${rv.certificate.id}/revoke`, tok.manager, { reason: 'Cấp nhầm' }));
    expect(d.certificate.expires_on).toBe(addDays(todayIso(), 20));

    await job.runOnce();
    expect(await enrolment(d.enrolmentId)).toMatchObject({ cycle: 2, status: 'enrolled', due_date: d.certificate.expires_on });
    expect(await enrolment(x.enrolmentId)).toMatchObject({ cycle: 2, status: 'enrolled', due_date: x.certificate.expires_on });
    for (const other of [f, lv, rv]) expect(await enrolment(other.enrolmentId)).toMatchObject({ cycle: 1, status: 'completed' });
    expect(await enrolment(w.enrolmentId)).toMatchObject({ cycle: 1, status: 'withdrawn' });
    expect(await enrolment(ex.enrolmentId)).toMatchObject({ cycle: 1, status: 'exempted' });
    const list = ok(await req('GET', `/api/courses/${course.id}/enrolments?pageSize=50`, tok.manager)).items;
    expect(list.find((e: Any) => e.staffId === expired.id)).toMatchObject({ status: 'enrolled', dueDate: x.certificate.expires_on, cycle: 2 });
    // the endpoint now finds the two renewed ones and renews nobody else
    expect(ok(await req('POST', `/api/courses/${course.id}/renewals`, tok.manager, {}))).toEqual({ renewed: 0, alreadyRenewed: 2 });

    // an approved completion earned elsewhere completes the new cycle, beside the earlier internal completion
    const m = multipartForm(
      { staffId: due.id, source: 'bdhvs', courseId: course.id, provider: 'binhdanhocvuso.gov.vn', completedOn: todayIso(), hours: '2' },
      { field: 'evidence', name: 'Giấy chứng nhận.pdf', content: pdf() },
    );
    const ext = ok(await call(t.app, { method: 'POST', url: '/api/external-completions', token: tok.manager, payload: m.payload, headers: m.headers }), 201);
    ok(await req('POST', `/api/external-completions/${ext.id}/approve`, tok.manager, {}));
    expect(await enrolment(d.enrolmentId)).toMatchObject({ cycle: 2, status: 'completed' });
    expect((await t.ds.query(`SELECT source, cycle FROM completions WHERE enrolment_id = $1 ORDER BY cycle`, [d.enrolmentId])))
      .toEqual([{ source: 'internal', cycle: 1 }, { source: 'bdhvs', cycle: 2 }]);
    // no new certificate (earned elsewhere): the renewed one stays the latest, already renewed
    expect(ok(await req('POST', `/api/courses/${course.id}/renewals`, tok.manager, {}))).toEqual({ renewed: 0, alreadyRenewed: 2 });
  });

  it('POST /api/courses/:id/renewals renews the caller\'s people now, once; same permission and scope as enrolling people', async () => {
    const unitA = await createUnit(t.app, tok.admin, wardUnit.id);
    const unitB = await createUnit(t.app, tok.admin, wardUnit.id);
    const course = await renewableCourse(unitA.id);
    const inA = await createStaff(t.app, tok.admin, unitA.id);
    const inA2 = await createStaff(t.app, tok.admin, unitA.id);
    const inB = await createStaff(t.app, tok.admin, unitB.id);
    const a = await completedExpiringIn(course.id, inA.id, 3);
    const a2 = await completedExpiringIn(course.id, inA2.id, 29);
    const b = await completedExpiringIn(course.id, inB.id, 3);
    const trainerA = await createUser(t.app, tok.admin, ['trainer'], unitA.id);
    const trainerB = await createUser(t.app, tok.admin, ['trainer'], unitB.id);
    const url = `/api/courses/${course.id}/renewals`;

    expectError(await call(t.app, { method: 'POST', url, body: {} }), 401, 'UNAUTHENTICATED');
    expectError(await req('POST', url, tok.learner, {}), 403, 'FORBIDDEN');
    expectError(await req('POST', url, trainerB.token, {}), 404, 'NOT_FOUND'); // the course is outside their scope
    expectError(await req('POST', `/api/courses/${course.id.replace(/.$/, '0')}0/renewals`, tok.manager, {}), 400);
    expectError(await req('POST', url, trainerA.token, { note: 'x'.repeat(1001) }), 400);

    // the scoped trainer renews the people of their unit only
    expect(ok(await req('POST', url, trainerA.token, { note: 'Chạy trước kỳ kiểm tra' }))).toEqual({ renewed: 2, alreadyRenewed: 0 });
    expect(await enrolment(a.enrolmentId)).toMatchObject({ cycle: 2, status: 'enrolled', due_date: a.certificate.expires_on });
    expect(await enrolment(a2.enrolmentId)).toMatchObject({ cycle: 2, status: 'enrolled', due_date: a2.certificate.expires_on });
    expect(await enrolment(b.enrolmentId)).toMatchObject({ cycle: 1, status: 'completed' });
    const [history] = await t.ds.query(`SELECT * FROM enrolment_renewals WHERE enrolment_id = $1`, [a.enrolmentId]);
    expect(history).toMatchObject({ triggered_by_kind: 'manual', triggered_by: trainerA.id, certificate_id: a.certificate.id });
    expect(await auditFor(t.app, tok.admin, a.enrolmentId, 'enrolment.renewed')).toHaveLength(1);
    const run = await auditFor(t.app, tok.admin, course.id, 'course.renewals_run');
    expect(run).toHaveLength(1);
    expect(run[0].details).toMatchObject({ renewed: 2, alreadyRenewed: 0, note: 'Chạy trước kỳ kiểm tra' });

    // idempotent: a second run renews nobody again
    expect(ok(await req('POST', url, trainerA.token, {}))).toEqual({ renewed: 0, alreadyRenewed: 2 });
    // the ward's manager (both units in scope) renews the one left
    expect(ok(await req('POST', url, tok.manager, {}))).toEqual({ renewed: 1, alreadyRenewed: 2 });
    expect(await enrolment(b.enrolmentId)).toMatchObject({ cycle: 2, status: 'enrolled' });
    expect(ok(await req('POST', url, tok.admin, {}))).toEqual({ renewed: 0, alreadyRenewed: 3 });
    expect(await t.ds.query(`SELECT id FROM enrolment_renewals WHERE certificate_id = ANY($1::uuid[])`, [[a.certificate.id, a2.certificate.id, b.certificate.id]])).toHaveLength(3);

    // a course without a lead time has nothing to run; an archived one cannot be changed
    const plain = ok(await req('POST', '/api/courses', tok.admin, courseBody(unitA.id, { certificateValidityMonths: 12 })), 201);
    const notSet = await req('POST', `/api/courses/${plain.id}/renewals`, trainerA.token, {});
    expectError(notSet, 409, 'RENEWAL_NOT_CONFIGURED');
    expect(Object.keys(notSet.body.fields)).toEqual(['renewalLeadDays']);
    const archived = await renewableCourse(unitA.id);
    ok(await req('POST', `/api/courses/${archived.id}/archive`, tok.admin, {}));
    expectError(await req('POST', `/api/courses/${archived.id}/renewals`, trainerA.token, {}), 409, 'COURSE_ARCHIVED');
  });
});
