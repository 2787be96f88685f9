/**
 * Quizzes from the trainer's side: settings, slots with random draws checked against the bank, publishing, per-person
 * overrides, the grading queue and manual grades, regrades with history, statistics in SQL, export, and the link to a
 * course quiz item (scores feed course completion).
 */
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { QuizzesService } from '../../src/modules/quizzes/quizzes.service';
import { call, startTestApp, TestApp } from '../helpers';
import { auditFor, createUnit, createUser, demoTokens, expectError, ok, rnd, Tokens, Unit, ward } from './fixtures';
import {
  bankWithEveryType, insertBank, insertCategory, insertQuestion, newLearner, newVersion, publishedQuiz, QUESTIONS, responseFor,
} from './quiz-fixtures';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

process.env.QUIZ_FINALISER_INTERVAL_MS = '0';

describe('quizzes (trainer)', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;
  let bank: Awaited<ReturnType<typeof bankWithEveryType>>;

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
    bank = await bankWithEveryType(t.ds, wardUnit.id);
  });
  afterAll(async () => { await t.close(); });

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) => call(t.app, { method, url, token, body });
  const fixed = (...keys: string[]) => keys.map((k) => ({ kind: 'fixed', questionId: bank.ids[k] }));
  const start = (quizId: string, token: string) => req('POST', `/api/me/quizzes/${quizId}/attempts`, token, {});
  const save = (id: string, slot: number, token: string, response: unknown, seq = 1) => req('PUT', `/api/me/attempts/${id}/answers/${slot}`, token, { response, seq });
  const submit = (id: string, token: string) => req('POST', `/api/me/attempts/${id}/submit`, token, {});
  const q = (at: Any, key: keyof typeof QUESTIONS) => at.questions.find((x: Any) => x.text === QUESTIONS[key].text);
  /** answers every question of an attempt (right or wrong) and submits */
  const answerAll = async (at: Any, token: string, right: (x: Any) => boolean) => {
    let seq = 0;
    for (const x of at.questions) {
      const r = responseFor(x, right(x));
      if (r !== null) ok(await save(at.id, x.slot, token, r, ++seq));
    }
    return ok(await submit(at.id, token));
  };

  it('the demo seed has the timed final quiz of the demo course, drawn from the demo bank, with graded attempts', async () => {
    const list = ok(await req('GET', `/api/quizzes?q=${encodeURIComponent('kiem tra cuoi khoa ky nang truyen thong so')}`, tok.manager));
    expect(list.items).toHaveLength(1);
    const demo = list.items[0];
    const [course] = await t.ds.query(`SELECT id FROM courses WHERE code = 'KNS-TTS-01'`);
    const [item] = await t.ds.query(`SELECT id FROM course_items WHERE course_id = $1 AND is_final`, [course.id]);
    expect(demo).toMatchObject({ title: 'Kiểm tra cuối khóa: Kỹ năng truyền thông số', status: 'published', timeLimitMinutes: 20, courseId: course.id, courseItemId: item.id, questionCount: 10 });
    const slots = ok(await req('GET', `/api/quizzes/${demo.id}/slots`, tok.manager)).slots;
    expect(slots.every((x: Any) => x.kind === 'random' && x.available >= x.count)).toBe(true);
    const attempts = ok(await req('GET', `/api/quizzes/${demo.id}/attempts`, tok.manager));
    expect(attempts.total).toBe(4);
    expect(attempts.items.filter((a: Any) => a.status === 'graded').length).toBeGreaterThanOrEqual(3);
    const stats = ok(await req('GET', `/api/quizzes/${demo.id}/statistics`, tok.manager));
    expect(stats.attempts).toBeGreaterThanOrEqual(3);
    // the passing takers completed the course through the quiz item
    const done: Any[] = await t.ds.query(
      `SELECT p.score FROM item_progress p JOIN enrolments e ON e.id = p.enrolment_id JOIN quiz_attempts a ON a.staff_id = e.staff_id AND a.quiz_id = $1
        WHERE p.item_id = $2 AND p.status = 'completed' GROUP BY p.enrolment_id, p.score`,
      [demo.id, item.id],
    );
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done.every((d) => d.score >= 70)).toBe(true);
  });

  it('creates, reads, lists and updates a quiz; every setting is checked and named; audited; outside the scope = 404', async () => {
    const quiz = ok(await req('POST', '/api/quizzes', tok.trainer, {
      title: 'Kiểm tra An toàn thông tin', ownerUnitId: wardUnit.id, description: '<p onclick="x()">Mô tả <script>1</script></p>',
      openAt: '2026-06-01T08:00:00+07:00', closeAt: '2026-06-30T17:00:00+07:00', timeLimitMinutes: 45, maxAttempts: 2, attemptDelayMinutes: 60,
      gradingMethod: 'average', passMark: 62.5, shuffleQuestions: true, shuffleOptions: false, questionsPerPage: 5, navigation: 'sequential',
      review: { score: 'immediately', correctAnswers: 'after_close', feedback: 'never' }, overdue: 'grace', graceMinutes: 5,
    }), 201);
    expect(quiz).toMatchObject({
      status: 'draft', description: '<p>Mô tả </p>', ownerUnitName: wardUnit.name, openAt: '2026-06-01T01:00:00.000Z', closeAt: '2026-06-30T10:00:00.000Z',
      timeLimitMinutes: 45, maxAttempts: 2, attemptDelayMinutes: 60, gradingMethod: 'average', passMark: 62.5, shuffleQuestions: true, shuffleOptions: false,
      questionsPerPage: 5, navigation: 'sequential', review: { score: 'immediately', correctAnswers: 'after_close', feedback: 'never' }, overdue: 'grace',
      graceMinutes: 5, slotCount: 0, questionCount: 0, totalMarks: 0, attemptCount: 0, courseId: null, courseItemId: null,
    });
    expect(ok(await req('GET', `/api/quizzes/${quiz.id}`, tok.manager)).title).toBe('Kiểm tra An toàn thông tin');
    expect(ok(await req('GET', `/api/quizzes?q=${encodeURIComponent('an toan thong')}&pageSize=200`, tok.manager)).items.map((x: Any) => x.id)).toContain(quiz.id);
    const upd = ok(await req('PATCH', `/api/quizzes/${quiz.id}`, tok.manager, { title: 'Kiểm tra ATTT', closeAt: null, overdue: 'autosubmit' }));
    expect(upd).toMatchObject({ title: 'Kiểm tra ATTT', closeAt: null, openAt: '2026-06-01T01:00:00.000Z' });
    const bad: [unknown, string][] = [
      [{ closeAt: '2026-05-01T08:00:00+07:00' }, 'closeAt'], // before the open date
      [{ overdue: 'grace', graceMinutes: 0 }, 'graceMinutes'],
      [{ openAt: '2026-06-01' }, 'openAt'], // a date without a time and zone
      [{ openAt: '2026-02-30T08:00:00+07:00' }, 'openAt'],
      [{ timeLimitMinutes: 0 }, 'timeLimitMinutes'],
      [{ passMark: 101 }, 'passMark'],
      [{ gradingMethod: 'best' }, 'gradingMethod'],
      [{ review: { score: 'sometimes', correctAnswers: 'never', feedback: 'never' } }, 'review.score'],
      [{ ownerUnitId: '00000000-0000-4000-8000-000000000000' }, 'ownerUnitId'],
      [{ courseId: '00000000-0000-4000-8000-000000000000' }, 'courseId'],
      [{ title: '   ' }, 'title'],
      [{ secret: 1 }, 'secret'],
    ];
    for (const [body, field] of bad) {
      const res = await req('PATCH', `/api/quizzes/${quiz.id}`, tok.manager, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.fields)).toEqual([field]);
    }
    expect(ok(await req('GET', `/api/quizzes/${quiz.id}`, tok.manager)).title).toBe('Kiểm tra ATTT');
    // a trainer scoped to a sub-unit: the ward's quiz does not exist for them, and they cannot create one outside
    const unit = await createUnit(t.app, tok.admin, wardUnit.id);
    const scoped = await createUser(t.app, tok.admin, ['trainer'], unit.id);
    expectError(await req('GET', `/api/quizzes/${quiz.id}`, scoped.token), 404, 'NOT_FOUND');
    expectError(await req('PATCH', `/api/quizzes/${quiz.id}`, scoped.token, { title: 'x' }), 404, 'NOT_FOUND');
    expect(ok(await req('GET', '/api/quizzes?pageSize=200', scoped.token)).items).toEqual([]);
    const out = await req('POST', '/api/quizzes', scoped.token, { title: 'Ngoài', ownerUnitId: wardUnit.id });
    expectError(out, 400);
    expect(Object.keys(out.body.fields)).toEqual(['ownerUnitId']);
    expect((await auditFor(t.app, tok.admin, quiz.id)).map((a) => a.action).sort()).toEqual(['quiz.created', 'quiz.updated']);
  });

  it('slots: fixed questions and random draws (category, subcategories, tag) checked against the questions available', async () => {
    const { bankId, rootId } = await insertBank(t.ds, wardUnit.id);
    const sub = await insertCategory(t.ds, bankId, rootId, 'Con');
    const inRoot: string[] = [];
    for (let i = 0; i < 4; i++) inRoot.push((await insertQuestion(t.ds, bankId, rootId, { ...QUESTIONS.single, title: `Gốc ${i}`, tags: i < 2 ? ['x'] : [] })).id);
    await insertQuestion(t.ds, bankId, rootId, { ...QUESTIONS.description, title: 'Mô tả không được rút' });
    const deleted = (await insertQuestion(t.ds, bankId, rootId, { ...QUESTIONS.single, title: 'Đã xóa' })).id;
    await t.ds.query(`UPDATE questions SET deleted_at = now() WHERE id = $1`, [deleted]);
    const inSub: string[] = [];
    for (let i = 0; i < 3; i++) inSub.push((await insertQuestion(t.ds, bankId, sub, { ...QUESTIONS.tf, title: `Con ${i}` })).id);
    const quiz = ok(await req('POST', '/api/quizzes', tok.manager, { title: `Rút ngẫu nhiên ${rnd()}`, ownerUnitId: wardUnit.id }), 201);
    const put = (slots: unknown[]) => req('PUT', `/api/quizzes/${quiz.id}/slots`, tok.manager, { slots });
    const refused = async (slots: unknown[], field: string) => {
      const res = await put(slots);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.fields)).toEqual([field]);
    };
    // overlapping draws: 3 from the subcategory leave only 4 for "5 from the root with its subcategories"
    await refused([{ kind: 'random', categoryId: rootId, includeSubcategories: true, count: 5 }, { kind: 'random', categoryId: sub, count: 3 }], 'slots.0.count');
    await refused([{ kind: 'random', categoryId: rootId, tag: 'x', count: 3 }], 'slots.0.count');
    await refused([{ kind: 'random', categoryId: rootId, count: 5 }], 'slots.0.count'); // neither the description nor the deleted one counts
    await refused([{ kind: 'fixed', questionId: '00000000-0000-4000-8000-000000000000' }], 'slots.0.questionId');
    await refused([{ kind: 'fixed', questionId: deleted }], 'slots.0.questionId');
    await refused([{ kind: 'fixed', questionId: inRoot[0] }, { kind: 'fixed', questionId: inRoot[0] }], 'slots.1.questionId');
    await refused([{ kind: 'fixed', questionId: inRoot[0], categoryId: rootId }], 'slots.0.kind');
    await refused([{ kind: 'random', count: 2 }], 'slots.0.categoryId');
    await refused([{ kind: 'random', categoryId: rootId, count: 0 }], 'slots.0.count');
    await refused([{ kind: 'fixed', questionId: inRoot[0], mark: -1 }], 'slots.0.mark');
    await refused([{ kind: 'random', categoryId: '00000000-0000-4000-8000-000000000000', count: 1 }], 'slots.0.categoryId');
    // a bank outside a scoped trainer's unit
    const unit = await createUnit(t.app, tok.admin, wardUnit.id);
    const scoped = await createUser(t.app, tok.admin, ['trainer'], unit.id);
    const own = ok(await req('POST', '/api/quizzes', scoped.token, { title: 'Của tổ', ownerUnitId: unit.id }), 201);
    const outside = await req('PUT', `/api/quizzes/${own.id}/slots`, scoped.token, { slots: [{ kind: 'fixed', questionId: inRoot[0] }] });
    expect(Object.keys(outside.body.fields)).toEqual(['slots.0.questionId']);
    expectError(await req('POST', `/api/quizzes/${quiz.id}/publish`, tok.manager, {}), 400);

    // 1 fixed + 2 from the subcategory + 4 from the root with its subcategories: exactly enough
    const saved = ok(await put([
      { kind: 'fixed', questionId: inRoot[0], mark: 2 },
      { kind: 'random', categoryId: rootId, includeSubcategories: true, count: 4, mark: 1.5 },
      { kind: 'random', categoryId: sub, count: 2 },
    ]));
    expect(saved.slots).toEqual([
      expect.objectContaining({ position: 1, kind: 'fixed', questionId: inRoot[0], mark: 2, question: { title: 'Gốc 0', type: 'single_choice', version: 1 } }),
      expect.objectContaining({ position: 2, kind: 'random', categoryId: rootId, categoryName: 'Mặc định', includeSubcategories: true, count: 4, mark: 1.5, available: 6, tag: null }),
      expect.objectContaining({ position: 3, kind: 'random', categoryId: sub, count: 2, mark: 1, available: 3 }),
    ]);
    const pub = ok(await req('POST', `/api/quizzes/${quiz.id}/publish`, tok.manager, {}));
    expect(pub).toMatchObject({ status: 'published', slotCount: 3, questionCount: 7, totalMarks: 10 });

    // every attempt freezes its own draw: the fixed question, 2 of the subcategory, no repeats, never a description
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const draws = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const at = ok(await start(quiz.id, l.token), 201);
      const rows: Any[] = await t.ds.query(`SELECT question_id, quiz_slot_position, mark FROM attempt_questions WHERE attempt_id = $1 ORDER BY slot`, [at.id]);
      expect(rows).toHaveLength(7);
      expect(new Set(rows.map((r) => r.question_id)).size).toBe(7);
      expect(rows.filter((r) => r.quiz_slot_position === 1).map((r) => r.question_id)).toEqual([inRoot[0]]);
      expect(rows.filter((r) => r.quiz_slot_position === 3).every((r) => inSub.includes(r.question_id))).toBe(true);
      expect(rows.every((r) => [...inRoot, ...inSub].includes(r.question_id))).toBe(true);
      expect(ok(await req('GET', `/api/me/attempts/${at.id}`, l.token)).questions).toEqual(at.questions);
      draws.add(rows.map((r) => r.question_id).join()); // the picks and their order come from each attempt's seed
      if (i === 0) {
        // a question edited after the start: the attempt keeps the version it showed
        const shown = at.questions[0];
        const [aq] = await t.ds.query(`SELECT question_id FROM attempt_questions WHERE attempt_id = $1 AND slot = 1`, [at.id]);
        const spec = Object.values(QUESTIONS).find((x) => x.text === shown.text) as Any;
        await newVersion(t.ds, aq.question_id, { ...spec, text: '<p>Nội dung đã sửa</p>' });
        expect(ok(await req('GET', `/api/me/attempts/${at.id}`, l.token)).questions[0].text).toBe(shown.text);
      }
      ok(await submit(at.id, l.token));
    }
    expect(draws.size).toBeGreaterThan(1);
    // the questions cannot change once someone has an attempt
    expectError(await put([{ kind: 'fixed', questionId: inRoot[1] }]), 409, 'QUIZ_HAS_ATTEMPTS');
    expect((await auditFor(t.app, tok.admin, quiz.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['quiz.slots_saved', 'quiz.published']));
  });

  it('overrides: extra time, extra attempts and other dates for one person; an attempt in progress gets the new deadline', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'), { timeLimitMinutes: 10, maxAttempts: 1 });
    const a = await newLearner(t.app, tok.admin, wardUnit.id);
    const b = await newLearner(t.app, tok.admin, wardUnit.id);
    const oa = ok(await req('POST', `/api/quizzes/${quiz.id}/overrides`, tok.manager, { staffId: a.person.id, extraMinutes: 15 }), 201);
    expect(oa).toMatchObject({ quizId: quiz.id, staffId: a.person.id, fullName: a.person.fullName, extraMinutes: 15, extraAttempts: null, openAt: null, closeAt: null });
    expect(ok(await req('GET', `/api/me/quizzes/${quiz.id}`, a.token)).quiz.timeLimitMinutes).toBe(25);
    const at = ok(await start(quiz.id, a.token), 201);
    expect(Date.parse(at.deadlineAt) - Date.parse(at.startedAt)).toBe(25 * 60_000);
    // an override given during the attempt moves its deadline; removing it moves it back
    const bt = ok(await start(quiz.id, b.token), 201);
    expect(Date.parse(bt.deadlineAt) - Date.parse(bt.startedAt)).toBe(10 * 60_000);
    const ob = ok(await req('POST', `/api/quizzes/${quiz.id}/overrides`, tok.manager, { staffId: b.person.id, extraMinutes: 5 }), 201);
    const moved = ok(await req('GET', `/api/me/attempts/${bt.id}`, b.token));
    expect(Date.parse(moved.deadlineAt) - Date.parse(moved.startedAt)).toBe(15 * 60_000);
    await req('DELETE', `/api/quiz-overrides/${ob.id}`, tok.manager);
    expect(Date.parse(ok(await req('GET', `/api/me/attempts/${bt.id}`, b.token)).deadlineAt) - Date.parse(bt.startedAt)).toBe(10 * 60_000);
    // extra attempts (the override is replaced as a whole)
    ok(await submit(at.id, a.token));
    expectError(await start(quiz.id, a.token), 409, 'NO_ATTEMPTS_LEFT');
    ok(await req('POST', `/api/quizzes/${quiz.id}/overrides`, tok.manager, { staffId: a.person.id, extraAttempts: 1 }), 201);
    const again = ok(await start(quiz.id, a.token), 201);
    expect(Date.parse(again.deadlineAt) - Date.parse(again.startedAt)).toBe(10 * 60_000);
    // other dates: a closed quiz stays open for one person, whose deadline is the earlier of the time limit and their close date
    const closedQuiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'), { timeLimitMinutes: 60, openAt: '2020-01-01T00:00:00Z', closeAt: '2020-01-02T00:00:00Z' });
    expectError(await start(closedQuiz.id, b.token), 409, 'QUIZ_CLOSED');
    const closeAt = new Date(Date.now() + 20 * 60_000);
    ok(await req('POST', `/api/quizzes/${closedQuiz.id}/overrides`, tok.manager, { staffId: b.person.id, closeAt: closeAt.toISOString() }), 201);
    const late = ok(await start(closedQuiz.id, b.token), 201);
    expect(Date.parse(late.deadlineAt)).toBe(closeAt.getTime());
    expect(ok(await req('GET', `/api/quizzes/${closedQuiz.id}/overrides`, tok.trainer)).items.map((o: Any) => o.staffId)).toEqual([b.person.id]);
    // bad input
    const bad: [unknown, string][] = [
      [{ staffId: b.person.id }, 'extraMinutes'],
      [{ staffId: b.person.id, openAt: '2026-06-02T00:00:00Z', closeAt: '2026-06-01T00:00:00Z' }, 'closeAt'],
      [{ staffId: '00000000-0000-4000-8000-000000000000', extraMinutes: 5 }, 'staffId'],
      [{ staffId: b.person.id, extraMinutes: 0 }, 'extraMinutes'],
    ];
    for (const [body, field] of bad) {
      const res = await req('POST', `/api/quizzes/${quiz.id}/overrides`, tok.manager, body);
      expectError(res, 400);
      expect(Object.keys(res.body.fields)).toEqual([field]);
    }
    const unit = await createUnit(t.app, tok.admin, wardUnit.id);
    const scoped = await createUser(t.app, tok.admin, ['trainer'], unit.id);
    expectError(await req('POST', `/api/quizzes/${quiz.id}/overrides`, scoped.token, { staffId: b.person.id, extraMinutes: 5 }), 404, 'NOT_FOUND');
    expectError(await req('DELETE', `/api/quiz-overrides/${oa.id}`, scoped.token), 404, 'NOT_FOUND');
    expectError(await req('DELETE', `/api/quiz-overrides/00000000-0000-4000-8000-000000000000`, tok.manager), 404, 'NOT_FOUND');
    const ownQuiz = ok(await req('POST', '/api/quizzes', scoped.token, { title: 'Của tổ', ownerUnitId: unit.id }), 201);
    const notMine = await req('POST', `/api/quizzes/${ownQuiz.id}/overrides`, scoped.token, { staffId: b.person.id, extraMinutes: 5 });
    expect(Object.keys(notMine.body.fields)).toEqual(['staffId']); // a person outside the trainer's unit
    expect((await auditFor(t.app, tok.admin, quiz.id)).map((x) => x.action)).toEqual(expect.arrayContaining(['quiz.override_set', 'quiz.override_deleted']));
  });

  it('grading queue and manual grades: audited, history kept, the attempt becomes graded; bad input refused', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single', 'essay', 'description'), { passMark: 50 });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const at = ok(await start(quiz.id, l.token), 201);
    expectError(await req('POST', `/api/attempts/${at.id}/slots/2/grade`, tok.trainer, { mark: 1 }), 409, 'ATTEMPT_IN_PROGRESS');
    const done = await answerAll(at, l.token, () => true);
    expect(done).toMatchObject({ status: 'needs_grading', result: { score: 1, maxScore: 6, percent: null } });
    const queue = ok(await req('GET', `/api/quizzes/${quiz.id}/grading-queue`, tok.trainer));
    const essaySlot = q(at, 'essay').slot;
    expect(queue).toMatchObject({ total: 1, items: [{ attemptId: at.id, slot: essaySlot, staffId: l.person.id, fullName: l.person.fullName, questionTitle: 'Tự luận', maxMark: 5 }] });
    expect(queue.items[0].response.text).toContain('cải cách thủ tục');
    expect(ok(await req('GET', `/api/quizzes/${quiz.id}/attempts?needsGrading=true`, tok.trainer)).items).toEqual([expect.objectContaining({ id: at.id, toGrade: 1, status: 'needs_grading' })]);
    const bad: [number, unknown, string][] = [
      [essaySlot, { mark: 5.5 }, 'mark'], [essaySlot, { mark: -1 }, 'mark'], [essaySlot, {}, 'mark'], [99, { mark: 1 }, 'slot'],
      [q(at, 'description').slot, { mark: 0 }, 'slot'], [essaySlot, { mark: 1, comment: 'x'.repeat(5001) }, 'comment'],
    ];
    for (const [slot, body, field] of bad) {
      const res = await req('POST', `/api/attempts/${at.id}/slots/${slot}/grade`, tok.trainer, body);
      expectError(res, 400);
      expect(Object.keys(res.body.fields)).toEqual([field]);
    }
    const unit = await createUnit(t.app, tok.admin, wardUnit.id);
    const scoped = await createUser(t.app, tok.admin, ['trainer'], unit.id);
    expectError(await req('POST', `/api/attempts/${at.id}/slots/${essaySlot}/grade`, scoped.token, { mark: 1 }), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/quizzes/${quiz.id}/grading-queue`, scoped.token), 404, 'NOT_FOUND');

    const g = ok(await req('POST', `/api/attempts/${at.id}/slots/${essaySlot}/grade`, tok.trainer, { mark: 3.5, comment: 'Nêu được 2/3 việc cụ thể' }));
    expect(g).toMatchObject({ attemptId: at.id, slot: essaySlot, mark: 3.5, maxMark: 5, comment: 'Nêu được 2/3 việc cụ thể', attempt: { status: 'graded', score: 4.5, maxScore: 6, percent: 75, passed: true } });
    expect(ok(await req('GET', `/api/quizzes/${quiz.id}/grading-queue`, tok.trainer)).total).toBe(0);
    // a second grade of the same answer (a correction) keeps both in the history
    ok(await req('POST', `/api/attempts/${at.id}/slots/${essaySlot}/grade`, tok.manager, { mark: 2 }));
    const hist: Any[] = await t.ds.query(`SELECT kind, slot, old_mark, new_mark, old_score, new_score, comment FROM attempt_grade_history WHERE attempt_id = $1 ORDER BY created_at`, [at.id]);
    expect(hist.map((h) => ({ ...h, old_mark: h.old_mark && Number(h.old_mark), new_mark: Number(h.new_mark), old_score: Number(h.old_score), new_score: Number(h.new_score) }))).toEqual([
      { kind: 'manual', slot: essaySlot, old_mark: null, new_mark: 3.5, old_score: 1, new_score: 4.5, comment: 'Nêu được 2/3 việc cụ thể' },
      { kind: 'manual', slot: essaySlot, old_mark: 3.5, new_mark: 2, old_score: 4.5, new_score: 3, comment: null },
    ]);
    expect((await auditFor(t.app, tok.admin, at.id, 'quiz.answer_graded'))).toHaveLength(2);
    const mine = ok(await req('GET', `/api/me/attempts/${at.id}`, l.token));
    expect(mine).toMatchObject({ status: 'graded', result: { score: 3, percent: 50, passed: true } });
    const review = ok(await req('GET', `/api/me/attempts/${at.id}/review`, l.token));
    expect(review.questions.find((x: Any) => x.type === 'essay')).toMatchObject({ awarded: 2, state: 'partial' });
  });

  it('regrade after a corrected key keeps the old and the new scores; grader marks stay; a changed structure is skipped', async () => {
    const own = await bankWithEveryType(t.ds, wardUnit.id); // new versions of its questions must not touch the other tests
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, ['single', 'short', 'multi', 'essay'].map((k) => ({ kind: 'fixed', questionId: own.ids[k] })));
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const at = ok(await start(quiz.id, l.token), 201);
    ok(await save(at.id, q(at, 'single').slot, l.token, { choice: q(at, 'single').options.find((o: Any) => o.text === 'Quốc hội').key }));
    ok(await save(at.id, q(at, 'short').slot, l.token, { text: 'de an 06' }));
    ok(await save(at.id, q(at, 'multi').slot, l.token, responseFor(q(at, 'multi'), true)));
    ok(await save(at.id, q(at, 'essay').slot, l.token, responseFor(q(at, 'essay'), true)));
    ok(await submit(at.id, l.token));
    ok(await req('POST', `/api/attempts/${at.id}/slots/${q(at, 'essay').slot}/grade`, tok.trainer, { mark: 4 }));
    expect(ok(await req('GET', `/api/me/attempts/${at.id}`, l.token)).result).toMatchObject({ score: 5.5, maxScore: 8 });
    // corrected keys: "Quốc hội" is right after all (same options), "Đề án 06" is worth full marks; multi gets a 4th option (another structure)
    const single = QUESTIONS.single;
    const vSingle = await newVersion(t.ds, own.ids.single, { ...single, data: { ...single.data, answers: single.data.answers.map((a: Any) => ({ ...a, fraction: a.text === 'Quốc hội' ? 1 : 0 })) } });
    await newVersion(t.ds, own.ids.short, { ...QUESTIONS.short, data: { ...QUESTIONS.short.data, answers: QUESTIONS.short.data.answers.map((a: Any) => ({ ...a, fraction: 1 })) } });
    await newVersion(t.ds, own.ids.multi, { ...QUESTIONS.multi, data: { ...QUESTIONS.multi.data, answers: [...QUESTIONS.multi.data.answers, { text: 'Thêm', fraction: 0, feedback: '' }] } });
    const r = ok(await req('POST', `/api/quizzes/${quiz.id}/regrade`, tok.manager, {}));
    expect(r).toEqual({ attempts: 1, changed: 1, updatedQuestions: 2, skipped: 1 });
    expect(ok(await req('GET', `/api/me/attempts/${at.id}`, l.token)).result).toMatchObject({ score: 7, maxScore: 8, percent: 87.5 });
    const hist: Any[] = await t.ds.query(
      `SELECT slot, old_mark, new_mark, old_score, new_score, new_version_id FROM attempt_grade_history WHERE attempt_id = $1 AND kind = 'regrade' ORDER BY slot NULLS LAST`, [at.id],
    );
    expect(hist.map((h) => ({ slot: h.slot, old: h.old_mark ?? h.old_score, new: h.new_mark ?? h.new_score, v: h.new_version_id })).map((h) => ({ ...h, old: Number(h.old), new: Number(h.new) }))).toEqual([
      { slot: q(at, 'single').slot, old: 0, new: 1, v: vSingle },
      { slot: q(at, 'short').slot, old: 0.5, new: 1, v: expect.any(String) },
      { slot: null, old: 5.5, new: 7, v: null },
    ].sort((x, y) => (x.slot ?? 99) - (y.slot ?? 99)));
    // the attempt still shows the version it showed; the essay keeps the grader's mark
    const [aq] = await t.ds.query(`SELECT question_version_id, key_version_id FROM attempt_questions WHERE attempt_id = $1 AND slot = $2`, [at.id, q(at, 'single').slot]);
    expect(aq.key_version_id).toBe(vSingle);
    expect(aq.question_version_id).not.toBe(vSingle);
    const [essay] = await t.ds.query(`SELECT mark FROM attempt_answers WHERE attempt_id = $1 AND slot = $2`, [at.id, q(at, 'essay').slot]);
    expect(Number(essay.mark)).toBe(4);
    // a second regrade changes nothing
    expect(ok(await req('POST', `/api/quizzes/${quiz.id}/regrade`, tok.manager, { questionId: own.ids.single }))).toEqual({ attempts: 1, changed: 0, updatedQuestions: 0, skipped: 0 });
    expect((await auditFor(t.app, tok.admin, quiz.id, 'quiz.regraded'))).toHaveLength(2);
    const badQ = await req('POST', `/api/quizzes/${quiz.id}/regrade`, tok.manager, { questionId: 'abc' });
    expect(Object.keys(badQ.body.fields)).toEqual(['questionId']);
  });

  it('a course quiz item takes its score from graded attempts: locked until the lessons are done, completed at minScore, never by a hand-posted score', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single', 'tf'), { passMark: 50 });
    const course = ok(await req('POST', '/api/courses', tok.manager, { code: `QZ-${rnd()}`, title: 'Khóa có bài kiểm tra', ownerUnitId: wardUnit.id, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 2, sequential: true }), 201);
    const outline = (quizId: unknown, extra: Any = {}) => req('PUT', `/api/courses/${course.id}/outline`, tok.manager, {
      sections: [{ title: 'Phần 1', items: [{ type: 'lesson', title: 'Bài 1', bodyHtml: '<p>x</p>', ...(extra.lesson ?? {}) }, { type: 'quiz', title: 'Kiểm tra', isFinal: true, minScore: 100, quizId }] }],
    });
    const other = ok(await req('POST', '/api/quizzes', tok.manager, { title: 'Khác', ownerUnitId: wardUnit.id, courseId: (ok(await req('POST', '/api/courses', tok.manager, { code: `QO-${rnd()}`, title: 'Khóa khác', ownerUnitId: wardUnit.id, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 1 }), 201)).id }), 201);
    for (const [body, field] of [
      [await outline('00000000-0000-4000-8000-000000000000'), 'sections.0.items.1.quizId'],
      [await outline(other.id), 'sections.0.items.1.quizId'],
      [await outline(quiz.id, { lesson: { quizId: quiz.id } }), 'sections.0.items.0.quizId'],
    ] as [Any, string][]) {
      expectError(body, 400);
      expect(Object.keys(body.body.fields)).toEqual([field]);
    }
    const o = ok(await outline(quiz.id));
    const [lessonId, itemId] = o.sections[0].items.map((i: Any) => i.id);
    expect(o.sections[0].items[1]).toMatchObject({ type: 'quiz', quizId: quiz.id, minScore: 100 });
    expect(ok(await req('GET', `/api/quizzes/${quiz.id}`, tok.manager))).toMatchObject({ courseId: course.id, courseItemId: itemId });
    ok(await req('POST', `/api/courses/${course.id}/publish`, tok.manager, {}));

    const outsider = await newLearner(t.app, tok.admin, wardUnit.id);
    expectError(await req('GET', `/api/me/quizzes/${quiz.id}`, outsider.token), 404, 'NOT_FOUND'); // not enrolled in the course
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [l.person.id] }));
    expect(ok(await req('GET', `/api/me/quizzes/${quiz.id}`, l.token))).toMatchObject({ canStart: false, reason: 'ITEM_LOCKED', quiz: { courseItemId: itemId } });
    expectError(await start(quiz.id, l.token), 409, 'ITEM_LOCKED');
    ok(await req('POST', `/api/me/learning/${course.id}/items/${lessonId}/progress`, l.token, { event: 'completed' }));
    // the item's score comes from the quiz only
    const hand = await req('POST', `/api/me/learning/${course.id}/items/${itemId}/progress`, l.token, { event: 'completed', score: 100 });
    expectError(hand, 400);
    expect(Object.keys(hand.body.fields)).toEqual(['score']);

    const a1 = ok(await start(quiz.id, l.token), 201);
    expect(await answerAll(a1, l.token, (x) => x.type === 'single_choice')).toMatchObject({ status: 'graded', result: { percent: 50, passed: true } });
    let player = ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    expect(player.sections[0].items[1]).toMatchObject({ itemId, status: 'in_progress', score: 50 }); // passed the quiz, below the item's minScore
    const a2 = ok(await start(quiz.id, l.token), 201);
    await answerAll(a2, l.token, () => true);
    player = ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    expect(player.sections[0].items[1]).toMatchObject({ status: 'completed', score: 100 });
    expect(player.enrolment.status).toBe('completed');
    const [completion] = await t.ds.query(`SELECT * FROM completions WHERE staff_id = $1 AND course_id = $2`, [l.person.id, course.id]);
    expect(completion).toMatchObject({ rule: 'all_required_items', status: 'approved' });
  });

  it('the attempts list shows people in the caller\'s scope only; export of the fixed questions is audited', async () => {
    const unit = await createUnit(t.app, tok.admin, wardUnit.id);
    const scoped = await createUser(t.app, tok.admin, ['manager'], unit.id);
    const own = await insertBank(t.ds, unit.id);
    const qid = (await insertQuestion(t.ds, own.bankId, own.rootId, QUESTIONS.single)).id;
    const qid2 = (await insertQuestion(t.ds, own.bankId, own.rootId, QUESTIONS.ordering)).id;
    const quiz = await publishedQuiz(t.app, scoped.token, unit.id, [{ kind: 'fixed', questionId: qid }, { kind: 'fixed', questionId: qid2 }]);
    const inside = await newLearner(t.app, tok.admin, unit.id);
    const outside = await newLearner(t.app, tok.admin, wardUnit.id);
    for (const l of [inside, outside]) ok(await submit(ok(await start(quiz.id, l.token), 201).id, l.token));
    expect(ok(await req('GET', `/api/quizzes/${quiz.id}/attempts`, scoped.token)).items.map((a: Any) => a.staffId)).toEqual([inside.person.id]);
    expect(ok(await req('GET', `/api/quizzes/${quiz.id}/attempts?status=graded`, tok.admin)).total).toBe(2);
    const bad = await req('GET', `/api/quizzes/${quiz.id}/attempts?status=done`, tok.admin);
    expect(Object.keys(bad.body.fields)).toEqual(['status']);

    const gift = await call(t.app, { url: `/api/quizzes/${quiz.id}/export?format=gift`, token: scoped.token });
    expect(gift.status).toBe(200);
    expect(gift.headers['content-type']).toContain('text/plain');
    expect(gift.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(gift.raw.body).toContain('Bộ Chính trị');
    expect(gift.headers['x-skipped-questions']).toBe('1'); // GIFT has no ordering questions
    const xml = await call(t.app, { url: `/api/quizzes/${quiz.id}/export?format=moodlexml`, token: scoped.token });
    expect(xml.raw.body).toContain('<quiz>');
    expectError(await call(t.app, { url: `/api/quizzes/${quiz.id}/export?format=pdf`, token: scoped.token }), 400);
    expect((await auditFor(t.app, tok.admin, quiz.id, 'quiz.exported'))).toHaveLength(2);
  });

  it('statistics in SQL over a few thousand attempts: summary, distribution, facility, discrimination, option counts; a constant number of statements and an index on quiz_id', async () => {
    const keys = ['single', 'multi', 'tf', 'short', 'numeric'];
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed(...keys), { passMark: 60 });
    const people = await t.ds.query(`SELECT id FROM staff_members ORDER BY id LIMIT 50`);
    const N = 3000;
    // every attempt: question i gets fraction f(n, i) in {0, 1/3, 2/3, 1}; choice questions record option (n + i) % 3
    const f = (n: number, i: number) => ((n * (i + 3) + i) % 4) / 3;
    await t.ds.query(
      `WITH a AS (
         INSERT INTO quiz_attempts (quiz_id, staff_id, attempt_no, status, counted, seed, max_score, submitted_at, finished_by)
         SELECT $1, ($2::uuid[])[1 + g % 50], 1 + g / 50, 'graded', true, 'thong-ke', 5, now(), 'learner' FROM generate_series(0, $3::int - 1) g
         RETURNING id, attempt_no, staff_id
       ), n AS (SELECT id, row_number() OVER (ORDER BY attempt_no, staff_id) - 1 AS n FROM a),
       q AS (
         INSERT INTO attempt_questions (attempt_id, slot, quiz_slot_position, question_id, question_version_id, type, answer_type, mark, page)
         SELECT n.id, s.position, s.position, s.question_id, v.id, v.type, 'choice', 1, 1
           FROM n CROSS JOIN quiz_slots s JOIN questions qq ON qq.id = s.question_id JOIN question_versions v ON v.question_id = qq.id AND v.version = 1
          WHERE s.quiz_id = $1 RETURNING attempt_id, slot, question_id, quiz_slot_position
       )
       INSERT INTO attempt_answers (attempt_id, slot, question_id, quiz_slot_position, state, fraction, mark, chosen)
       SELECT q.attempt_id, q.slot, q.question_id, q.quiz_slot_position, 'partial', ((n.n * (q.slot - 1 + 3) + q.slot - 1) % 4) / 3.0, ((n.n * (q.slot - 1 + 3) + q.slot - 1) % 4) / 3.0,
              CASE WHEN q.slot <= 3 THEN ARRAY[((n.n + q.slot - 1) % 3)::int] END
         FROM q JOIN n ON n.id = q.attempt_id`,
      [quiz.id, people.map((p: Any) => p.id), N],
    );
    await t.ds.query(
      `UPDATE quiz_attempts a SET score = s.score, percent = s.score * 20 FROM (SELECT attempt_id, sum(mark) AS score FROM attempt_answers GROUP BY attempt_id) s
        WHERE s.attempt_id = a.id AND a.quiz_id = $1`,
      [quiz.id],
    );
    // another quiz with many attempts, so that reading this one's must go through the index
    const noise = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'));
    await t.ds.query(
      `INSERT INTO quiz_attempts (quiz_id, staff_id, attempt_no, status, seed, max_score, submitted_at) SELECT $1, ($2::uuid[])[1 + g % 50], 1 + g / 50, 'graded', 'x', 1, now()
         FROM generate_series(0, 39999) g`,
      [noise.id, people.map((p: Any) => p.id)],
    );
    await t.ds.query(`ANALYZE quiz_attempts, attempt_questions, attempt_answers`);

    // expected values, computed here from the same formula
    const mark = (n: number, i: number) => Math.round(f(n, i) * 1e4) / 1e4; // stored marks have 4 decimals
    const scores = Array.from({ length: N }, (_, n) => keys.reduce((s, _k, i) => s + mark(n, i), 0));
    const pct = scores.map((s) => s * 20).sort((x, y) => x - y);
    const mean = pct.reduce((x, y) => x + y, 0) / N;
    const median = (pct[N / 2 - 1] + pct[N / 2]) / 2;
    const pearson = (xs: number[], ys: number[]) => {
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      let sxy = 0; let sxx = 0; let syy = 0;
      xs.forEach((x, k) => { sxy += (x - mx) * (ys[k] - my); sxx += (x - mx) ** 2; syy += (ys[k] - my) ** 2; });
      return sxy / Math.sqrt(sxx * syy);
    };

    // every statement the app sends (the data source and transactions both go through the query runner)
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const stats = ok(await req('GET', `/api/quizzes/${quiz.id}/statistics`, tok.manager));
    const statements = spy.mock.calls.length;
    spy.mockClear();
    const empty = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'));
    spy.mockClear();
    const none = ok(await req('GET', `/api/quizzes/${empty.id}/statistics`, tok.manager));
    expect(spy.mock.calls.length).toBeLessThanOrEqual(statements);
    spy.mockRestore();
    expect(statements).toBeLessThanOrEqual(8); // scope and quiz, BEGIN, SET LOCAL jit, the statistics statement, COMMIT, question titles
    expect(none).toMatchObject({ attempts: 0, mean: null, median: null, passRate: null, questions: [] });

    expect(stats.attempts).toBe(N);
    expect(stats.mean).toBeCloseTo(mean, 1);
    expect(stats.median).toBeCloseTo(median, 1);
    expect(stats.passRate).toBeCloseTo(pct.filter((p) => p >= 60 - 1e-9).length / N, 3);
    expect(stats.distribution).toHaveLength(10);
    expect(stats.distribution.reduce((s: number, d: Any) => s + d.count, 0)).toBe(N);
    expect(stats.distribution[9]).toMatchObject({ from: 90, to: 100, count: pct.filter((p) => p >= 90 - 1e-9).length });
    expect(stats.questions.map((x: Any) => x.slot)).toEqual([1, 2, 3, 4, 5]);
    keys.forEach((k, i) => {
      const fr = Array.from({ length: N }, (_, n) => f(n, i));
      const rest = Array.from({ length: N }, (_, n) => scores[n] - mark(n, i));
      const s = stats.questions[i];
      expect(s).toMatchObject({ questionId: bank.ids[k], count: N, title: QUESTIONS[k].title });
      expect(s.facility).toBeCloseTo((100 * fr.reduce((x, y) => x + y, 0)) / N, 1);
      expect(s.discrimination).toBeCloseTo(100 * pearson(fr, rest), 1);
    });
    expect(stats.questions[0].options).toEqual([
      { text: 'Bộ Chính trị', count: N / 3 }, { text: 'Quốc hội', count: N / 3 }, { text: 'Chính phủ', count: N / 3 },
    ]);
    expect(stats.questions[2].options.map((o: Any) => o.text)).toEqual(['Đúng', 'Sai']);
    expect(stats.questions[3].options).toEqual([]);

    // the plan: attempts of this quiz are found through the index on quiz_id, and each answer row is read once
    const [plan] = await t.ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${QuizzesService.STATISTICS_SQL}`, [quiz.id, 60]);
    const nodes: Any[] = [];
    const walk = (n: Any) => { nodes.push(n); (n.Plans ?? []).forEach(walk); };
    walk(plan['QUERY PLAN'][0].Plan);
    const onAttempts = nodes.filter((n) => n['Relation Name'] === 'quiz_attempts');
    expect(onAttempts.length).toBeGreaterThan(0);
    for (const n of onAttempts) expect(n['Index Name'] ?? n.Plans?.[0]?.['Index Name']).toBe('ix_quiz_attempts_quiz');
    const answersRead = nodes.filter((n) => n['Relation Name'] === 'attempt_answers').reduce((s, n) => s + n['Actual Rows'] * n['Actual Loops'], 0);
    const [{ total }] = await t.ds.query(`SELECT count(*)::int AS total FROM attempt_answers`);
    expect(answersRead).toBeLessThanOrEqual(total);
    expect(answersRead).toBeGreaterThanOrEqual(N * keys.length);
  });
});
