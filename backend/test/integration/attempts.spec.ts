/**
 * Attempts from the learner's side: start (frozen questions), resume, idempotent saves, submit (once, even from two tabs),
 * the server clock (deadline, grace, the finaliser job), review rules, and every bad input of the issue.
 */
import { QuizFinaliser } from '../../src/modules/quizzes/quiz-finaliser';
import { call, startTestApp, TestApp } from '../helpers';
import { auditFor, createUser, demoTokens, expectError, ok, Tokens, Unit, ward } from './fixtures';
import { bankWithEveryType, expectNoKey, newLearner, publishedQuiz, QUESTIONS, responseFor } from './quiz-fixtures';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// the tests drive the finaliser themselves
process.env.QUIZ_FINALISER_INTERVAL_MS = '0';

describe('attempts (learner)', () => {
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
  const everyType = () => fixed(...Object.keys(QUESTIONS));
  const closed = () => fixed('single', 'multi', 'tf', 'short', 'numeric', 'matching', 'ordering', 'missing');
  const start = (quizId: string, token: string) => req('POST', `/api/me/quizzes/${quizId}/attempts`, token, {});
  const save = (id: string, slot: number, token: string, body: unknown) => req('PUT', `/api/me/attempts/${id}/answers/${slot}`, token, body);
  const submit = (id: string, token: string, body: unknown = {}) => req('POST', `/api/me/attempts/${id}/submit`, token, body);
  const q = (at: Any, key: keyof typeof QUESTIONS) => at.questions.find((x: Any) => x.text === QUESTIONS[key].text);
  const never = { review: { score: 'never', correctAnswers: 'never', feedback: 'never' } };
  const row = async (id: string) => (await t.ds.query(`SELECT * FROM quiz_attempts WHERE id = $1`, [id]))[0];
  const expire = (id: string, deadlineAgo = '2 minutes', cutoffAgo = '1 second') =>
    t.ds.query(`UPDATE quiz_attempts SET deadline_at = now() - $2::interval, cutoff_at = now() - $3::interval WHERE id = $1`, [id, deadlineAgo, cutoffAgo]);

  it('start freezes the questions; resume (reload, another device) gives the same attempt with every acknowledged answer; submit grades every closed type', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, everyType(), {
      timeLimitMinutes: 30, shuffleQuestions: true, questionsPerPage: 3, passMark: 60,
      review: { score: 'immediately', correctAnswers: 'after_close', feedback: 'never' }, closeAt: '2099-01-01T00:00:00+07:00',
    });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const page = ok(await req('GET', `/api/me/quizzes/${quiz.id}`, l.token));
    expect(page).toMatchObject({ canStart: true, openAttemptId: null, attempts: [], bestPercent: null, quiz: { id: quiz.id, timeLimitMinutes: 30, questionCount: 10 } });

    const at = ok(await start(quiz.id, l.token), 201);
    expect(at).toMatchObject({ status: 'in_progress', attemptNo: 1, questionsPerPage: 3, pageCount: 4, currentPage: 1, navigation: 'free', answers: [] });
    expect(at.questions).toHaveLength(10);
    expect(at.questions.map((x: Any) => x.slot)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(at.questions.map((x: Any) => x.page)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4]);
    // the server clock: deadline stored at start = start + 30 minutes
    expect(Date.parse(at.deadlineAt) - Date.parse(at.startedAt)).toBe(30 * 60_000);
    expect(Math.abs(Date.parse(at.serverNow) - Date.now())).toBeLessThan(60_000);
    expect(q(at, 'multi').multiple).toBe(true);
    expect(q(at, 'description').mark).toBe(0);
    expect(q(at, 'essay')).toMatchObject({ mark: 5, essay: { minWords: 10, maxWords: 300 } });

    // a second start (another tab) gives the same attempt with 200
    const again = ok(await start(quiz.id, l.token), 200);
    expect(again.id).toBe(at.id);

    let seq = 0;
    for (const x of at.questions) {
      const r = responseFor(x, true);
      if (r === null) continue;
      const ack = ok(await save(at.id, x.slot, l.token, { response: r, seq: ++seq, flagged: x.slot === 2 }));
      expect(ack).toMatchObject({ slot: x.slot, seq, applied: true });
      expect(Date.parse(ack.savedAt)).toBeGreaterThan(0);
    }
    // reload on another device: same questions in the same order with the same keys, every acknowledged answer
    const other = await newDeviceToken(l.userId);
    const resumed = ok(await req('GET', `/api/me/attempts/${at.id}`, other));
    expect(resumed.questions).toEqual(at.questions);
    expect(resumed.answers).toHaveLength(9);
    for (const x of at.questions) {
      const r = responseFor(x, true);
      if (r === null) continue;
      expect(resumed.answers.find((a: Any) => a.slot === x.slot)).toMatchObject({ response: r, flagged: x.slot === 2 });
    }
    expect(ok(await req('GET', `/api/me/quizzes/${quiz.id}`, l.token))).toMatchObject({ canStart: true, openAttemptId: at.id });

    const done = ok(await submit(at.id, l.token));
    // the essay waits for a grader; every closed type is right
    expect(done).toMatchObject({ status: 'needs_grading', result: { score: 8, maxScore: 13, percent: null, passed: null } });
    for (const r of done.result.perQuestion) {
      const x = at.questions.find((y: Any) => y.slot === r.slot);
      expect({ type: x.type, state: r.state }).toEqual({ type: x.type, state: x.type === 'essay' ? 'needs_grading' : 'correct' });
    }
    // review: the score now, the right answers only after the close date, feedback never
    const review = ok(await req('GET', `/api/me/attempts/${at.id}/review`, l.token));
    expect(review.shows).toEqual({ score: true, correctAnswers: false, feedback: false });
    expect(JSON.stringify(review)).not.toContain('rightAnswer');
    expect(JSON.stringify(review)).not.toContain('SECRET');
    expect(review.questions.find((x: Any) => x.type === 'single_choice')).toMatchObject({ state: 'correct', awarded: 1 });
    const audit = await auditFor(t.app, tok.admin, at.id);
    expect(audit.map((a) => a.action).sort()).toEqual(['quiz.attempt_started', 'quiz.attempt_submitted']);
  });

  /** A second session of the same user (another device). */
  async function newDeviceToken(userId: string): Promise<string> {
    const { randomBytes, createHash } = await import('node:crypto');
    const token = randomBytes(32).toString('base64url');
    await t.ds.query(`INSERT INTO sessions (token_hash, user_id, expires_at, user_agent) VALUES ($1, $2, now() + interval '1 hour', 'other device')`,
      [createHash('sha256').update(token).digest(), userId]);
    return token;
  }

  it('no fraction, feedback, right answer or accepted answer reaches the learner before the review allows it (raw responses)', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, everyType(), {
      timeLimitMinutes: 20, questionsPerPage: 2, closeAt: '2099-01-01T00:00:00+07:00',
      review: { score: 'after_close', correctAnswers: 'after_close', feedback: 'after_close' },
    });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const raw: string[] = [];
    const keep = (res: Any, status = 200) => { ok(res, status); raw.push(res.raw.body); return res.body; };
    keep(await req('GET', `/api/me/quizzes/${quiz.id}`, l.token));
    const at = keep(await start(quiz.id, l.token), 201);
    keep(await start(quiz.id, l.token));
    let seq = 0;
    for (const x of at.questions) {
      const r = responseFor(x, x.slot % 2 === 0 || x.type === 'essay');
      if (r !== null) keep(await save(at.id, x.slot, l.token, { response: r, seq: ++seq }));
    }
    keep(await req('POST', `/api/me/attempts/${at.id}/page`, l.token, { page: 3 }));
    keep(await req('GET', `/api/me/attempts/${at.id}`, l.token));
    const done = keep(await submit(at.id, l.token, { answers: [{ slot: q(at, 'short').slot, response: { text: 'VNeID' }, seq: 1000 }] }));
    keep(await submit(at.id, l.token));
    keep(await req('GET', `/api/me/attempts/${at.id}`, l.token));
    keep(await req('GET', `/api/me/quizzes/${quiz.id}`, l.token));
    expect(done.status).toBe('needs_grading');
    for (const body of raw) {
      expectNoKey(body);
      expect(body).not.toMatch(/"(result|score|percent|passed|bestPercent)":\s*[0-9t]/);
    }
    expect(raw.every((b) => !b.includes('"result"'))).toBe(true);
    expectError(await req('GET', `/api/me/attempts/${at.id}/review`, l.token), 403, 'REVIEW_NOT_AVAILABLE');

    // once the quiz closes, the same review shows scores, right answers and feedback (the check above can fail)
    await t.ds.query(`UPDATE quizzes SET close_at = now() - interval '1 minute' WHERE id = $1`, [quiz.id]);
    const review = await req('GET', `/api/me/attempts/${at.id}/review`, l.token);
    ok(review);
    expect(review.body.shows).toEqual({ score: true, correctAnswers: true, feedback: true });
    expect(review.raw.body).toContain('SECRET-FB');
    expect(review.raw.body).toContain('"rightAnswer"');
    const sa = review.body.questions.find((x: Any) => x.type === 'short_answer');
    expect(sa.rightAnswer).toEqual({ response: { text: 'VNeID' }, accepted: [{ text: 'VNeID', percent: 100 }, { text: 'Đề án 06', percent: 50 }] });
    expect(sa).toMatchObject({ state: 'correct', awarded: 1, response: { text: 'VNeID' }, feedback: { specific: ['SECRET-FB-9'] } });
    const single = review.body.questions.find((x: Any) => x.type === 'single_choice');
    expect(single.rightAnswer.response.choice).toBe(single.options.find((o: Any) => o.text === 'Bộ Chính trị').key);
    expect(ok(await req('GET', `/api/me/attempts/${at.id}`, l.token)).result).toMatchObject({ maxScore: 13 });
  });

  it('saves are idempotent by seq: a repeated or older save is acknowledged and ignored, the newest wins', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single', 'short'), { timeLimitMinutes: 10 });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const at = ok(await start(quiz.id, l.token), 201);
    const s = q(at, 'short').slot;
    expect(ok(await save(at.id, s, l.token, { response: { text: 'bản 5' }, seq: 5 }))).toMatchObject({ seq: 5, applied: true });
    // the retry of a dropped request, and an older save arriving late
    expect(ok(await save(at.id, s, l.token, { response: { text: 'bản 5' }, seq: 5 }))).toMatchObject({ seq: 5, applied: false });
    expect(ok(await save(at.id, s, l.token, { response: { text: 'bản 3 (cũ)' }, seq: 3 }))).toMatchObject({ seq: 5, applied: false });
    expect(ok(await req('GET', `/api/me/attempts/${at.id}`, l.token)).answers).toEqual([expect.objectContaining({ slot: s, seq: 5, response: { text: 'bản 5' }, flagged: false })]);
    ok(await save(at.id, s, l.token, { response: { text: 'bản 6' }, seq: 6, flagged: true }));
    // a save without `flagged` keeps the flag; null clears the answer
    ok(await save(at.id, s, l.token, { response: null, seq: 7 }));
    expect(ok(await req('GET', `/api/me/attempts/${at.id}`, l.token)).answers).toEqual([expect.objectContaining({ slot: s, seq: 7, response: null, flagged: true })]);
    // many saves at once, out of order: the highest seq is stored
    const seqs = Array.from({ length: 20 }, (_, i) => 100 + i).sort(() => Math.random() - 0.5);
    const acks = await Promise.all(seqs.map((n) => save(at.id, s, l.token, { response: { text: `bản ${n}` }, seq: n })));
    expect(acks.every((a) => a.status === 200)).toBe(true);
    const [stored] = await t.ds.query(`SELECT seq, response FROM attempt_answers WHERE attempt_id = $1 AND slot = $2`, [at.id, s]);
    expect({ seq: Number(stored.seq), response: stored.response }).toEqual({ seq: 119, response: { text: 'bản 119' } });
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, everyType(), { timeLimitMinutes: 10 });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const at = ok(await start(quiz.id, l.token), 201);
    const m = q(at, 'matching');
    const single = q(at, 'single');
    const cases: [unknown, number, string][] = [
      [{ response: { choice: 'khong-co-khoa-nay' }, seq: 1 }, single.slot, 'response'],
      [{ response: { choice: m.left[0].key }, seq: 1 }, single.slot, 'response'], // a key of another question
      [{ response: { text: 'Bộ Chính trị' }, seq: 1 }, single.slot, 'response'], // wrong shape for the type
      [{ response: { choice: single.options[0].key, text: 'x' }, seq: 1 }, single.slot, 'response'],
      [{ response: { pairs: { [m.left[0].key]: 'khoa-la' } }, seq: 1 }, m.slot, 'response'], // matching: unknown right key
      [{ response: { pairs: { 'khoa-la': m.right[0].key } }, seq: 1 }, m.slot, 'response'], // matching: unknown left key
      [{ response: { pairs: { [m.right[0].key]: m.left[0].key } }, seq: 1 }, m.slot, 'response'], // sides swapped
      [{ response: { order: [q(at, 'ordering').items[0].key] }, seq: 1 }, q(at, 'ordering').slot, 'response'], // not every item placed
      [{ response: { text: 'x'.repeat(20_001) }, seq: 1 }, q(at, 'essay').slot, 'response.text'], // a huge answer
      [{ response: { text: 'x' }, seq: 1 }, q(at, 'description').slot, 'response'],
      [{ response: { score: 100 }, seq: 1 }, single.slot, 'response.score'],
      [{ seq: 1 }, single.slot, 'response'],
      [{ response: { choice: single.options[0].key }, seq: -1 }, single.slot, 'seq'],
      [{ response: { choice: single.options[0].key }, seq: 1, extra: true }, single.slot, 'extra'],
      [{ response: { choice: single.options[0].key }, seq: 1 }, 99, 'slot'], // a question not in the attempt
    ];
    for (const [body, slot, field] of cases) {
      const res = await save(at.id, slot, l.token, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.fields ?? {})).toContain(field);
    }
    expectError(await save(at.id, 0, l.token, { response: null, seq: 1 }), 400);
    expectError(await save(at.id, 'abc' as unknown as number, l.token, { response: null, seq: 1 }), 400);
    // a forged id: another learner's attempt, an unknown id, a malformed one
    const other = await newLearner(t.app, tok.admin, wardUnit.id);
    for (const res of [
      await req('GET', `/api/me/attempts/${at.id}`, other.token),
      await save(at.id, single.slot, other.token, { response: { choice: single.options[0].key }, seq: 1 }),
      await submit(at.id, other.token),
      await req('GET', `/api/me/attempts/${at.id}/review`, other.token),
      await req('POST', `/api/me/attempts/${at.id}/page`, other.token, { page: 1 }),
      await req('GET', `/api/me/attempts/00000000-0000-4000-8000-000000000000`, l.token),
    ]) expectError(res, 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/me/attempts/not-a-uuid`, l.token), 400);
    // submit: one bad final answer refuses the whole submission, nothing is written
    const bad = await submit(at.id, l.token, { answers: [{ slot: single.slot, response: { choice: single.options[0].key }, seq: 1 }, { slot: 77, response: null, seq: 1 }] });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(Object.keys(bad.body.fields)).toEqual(['answers.1.slot']);
    const dup = await submit(at.id, l.token, { answers: [{ slot: 1, response: null, seq: 1 }, { slot: 1, response: null, seq: 2 }] });
    expect(Object.keys(dup.body.fields)).toEqual(['answers.1.slot']);
    expect(await t.ds.query(`SELECT * FROM attempt_answers WHERE attempt_id = $1`, [at.id])).toEqual([]);
    expect((await row(at.id)).status).toBe('in_progress');
    // nobody else's data was touched, and the attempt still works
    ok(await save(at.id, single.slot, l.token, { response: { choice: single.options[0].key }, seq: 1 }));
    // a learner without a linked person, a draft quiz, an unknown quiz
    const draft = ok(await req('POST', '/api/quizzes', tok.manager, { title: 'Nháp', ownerUnitId: wardUnit.id }), 201);
    expectError(await start(draft.id, l.token), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/me/quizzes/${draft.id}`, l.token), 404, 'NOT_FOUND');
    expectError(await start('00000000-0000-4000-8000-000000000000', l.token), 404, 'NOT_FOUND');
    // (a new account: other specs may link the demo admin to a person)
    const unlinked = await createUser(t.app, tok.admin, ['learner'], null);
    const [acc] = await t.ds.query(`SELECT staff_id FROM users WHERE id = $1`, [unlinked.id]);
    expect(acc.staff_id).toBeNull();
    expectError(await start(quiz.id, unlinked.token), 404, 'NOT_FOUND');
  });

  it('start: before the open date, after the close date, beyond the maximum, within the delay between attempts', async () => {
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const future = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'), { openAt: '2099-01-01T08:00:00+07:00' });
    expectError(await start(future.id, l.token), 409, 'QUIZ_NOT_OPEN');
    expect(ok(await req('GET', `/api/me/quizzes/${future.id}`, l.token))).toMatchObject({ canStart: false, reason: 'QUIZ_NOT_OPEN' });
    const past = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'), { openAt: '2020-01-01T08:00:00+07:00', closeAt: '2020-02-01T08:00:00+07:00' });
    expectError(await start(past.id, l.token), 409, 'QUIZ_CLOSED');

    const limited = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'), { maxAttempts: 2, attemptDelayMinutes: 30 });
    const a1 = ok(await start(limited.id, l.token), 201);
    ok(await submit(a1.id, l.token));
    const delayed = await start(limited.id, l.token);
    expectError(delayed, 409, 'ATTEMPT_DELAY');
    const retryAt = Date.parse(delayed.body.fields.retryAt);
    expect(retryAt - Date.parse(ok(await req('GET', `/api/me/attempts/${a1.id}`, l.token)).submittedAt)).toBe(30 * 60_000);
    expect(Number(delayed.headers['retry-after'])).toBeGreaterThan(1700);
    expect(ok(await req('GET', `/api/me/quizzes/${limited.id}`, l.token))).toMatchObject({ canStart: false, reason: 'ATTEMPT_DELAY', retryAt: new Date(retryAt).toISOString() });
    await t.ds.query(`UPDATE quiz_attempts SET submitted_at = submitted_at - interval '31 minutes' WHERE id = $1`, [a1.id]);
    const a2 = ok(await start(limited.id, l.token), 201);
    expect(a2.attemptNo).toBe(2);
    ok(await submit(a2.id, l.token));
    await t.ds.query(`UPDATE quiz_attempts SET submitted_at = submitted_at - interval '31 minutes' WHERE id = $1`, [a2.id]);
    expectError(await start(limited.id, l.token), 409, 'NO_ATTEMPTS_LEFT');
    expect(ok(await req('GET', `/api/me/quizzes/${limited.id}`, l.token))).toMatchObject({ canStart: false, reason: 'NO_ATTEMPTS_LEFT' });
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE quiz_id = $1`, [limited.id])).toEqual([{ n: 2 }]);
  });

  it('the server owns the clock: a save or a submission after deadline + grace is refused (409) and changes nothing', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single', 'short'), { timeLimitMinutes: 5 });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const at = ok(await start(quiz.id, l.token), 201);
    const s = q(at, 'single');
    ok(await save(at.id, s.slot, l.token, { response: { choice: s.options.find((o: Any) => o.text === 'Bộ Chính trị').key }, seq: 1 }));
    await expire(at.id);
    expectError(await save(at.id, s.slot, l.token, { response: { choice: s.options[1].key }, seq: 2 }), 409, 'ATTEMPT_DEADLINE_PASSED');
    const [a] = await t.ds.query(`SELECT seq, response FROM attempt_answers WHERE attempt_id = $1`, [at.id]);
    expect(Number(a.seq)).toBe(1);
    // a late submission is refused too; the attempt is closed by the overdue rule with what was saved in time
    expectError(await submit(at.id, l.token, { answers: [{ slot: q(at, 'short').slot, response: { text: 'VNeID' }, seq: 1 }] }), 409, 'ATTEMPT_DEADLINE_PASSED');
    const after = ok(await req('GET', `/api/me/attempts/${at.id}`, l.token));
    expect(after).toMatchObject({ status: 'graded', result: { score: 1, maxScore: 2 } });
    expect((await row(at.id)).finished_by).toBe('timer');
    expectError(await save(at.id, s.slot, l.token, { response: null, seq: 9 }), 409, 'ATTEMPT_CLOSED');
  });

  it('grace period: answers are taken until deadline + grace, then refused', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'), { timeLimitMinutes: 5, overdue: 'grace', graceMinutes: 10 });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const at = ok(await start(quiz.id, l.token), 201);
    expect(Date.parse(at.cutoffAt) - Date.parse(at.deadlineAt)).toBe(10 * 60_000);
    const s = q(at, 'single');
    await t.ds.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '1 minute', cutoff_at = now() + interval '9 minutes' WHERE id = $1`, [at.id]);
    ok(await save(at.id, s.slot, l.token, { response: { choice: s.options[0].key }, seq: 1 }));
    await expire(at.id, '11 minutes', '1 second');
    expectError(await save(at.id, s.slot, l.token, { response: { choice: s.options[1].key }, seq: 2 }), 409, 'ATTEMPT_DEADLINE_PASSED');
  });

  it('the finaliser closes expired attempts the learners never came back to: autosubmit/grace graded with the saved answers, discard not counted', async () => {
    const finaliser = t.app.get(QuizFinaliser);
    const auto = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single', 'tf'), { timeLimitMinutes: 5, passMark: 60 });
    const discard = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single', 'tf'), { timeLimitMinutes: 5, overdue: 'discard' });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const a1 = ok(await start(auto.id, l.token), 201);
    const a2 = ok(await start(discard.id, l.token), 201);
    const live = ok(await start((await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'), { timeLimitMinutes: 5 })).id, l.token), 201);
    for (const at of [a1, a2]) {
      const s = q(at, 'single');
      ok(await save(at.id, s.slot, l.token, { response: { choice: s.options.find((o: Any) => o.text === 'Bộ Chính trị').key }, seq: 1 }));
      await expire(at.id);
    }
    expect(await finaliser.runOnce()).toBeGreaterThanOrEqual(2);
    expect(await row(a1.id)).toMatchObject({ status: 'graded', counted: true, finished_by: 'timer', score: '1.0000', percent: '50.0000', passed: false });
    expect(await row(a2.id)).toMatchObject({ status: 'submitted', counted: false, finished_by: 'timer' });
    expect((await row(live.id)).status).toBe('in_progress');
    expect(await finaliser.runOnce()).toBe(0);
    expect((await auditFor(t.app, tok.admin, a1.id)).map((a) => a.action)).toContain('quiz.attempt_finalised');
    // a "discard" attempt does not count for the grade
    expect(ok(await req('GET', `/api/me/quizzes/${discard.id}`, l.token))).toMatchObject({ bestPercent: null, attempts: [{ status: 'submitted', counted: false }] });
  });

  it('two concurrent submits (two tabs) grade once; saves racing a submit are either in the grade or refused', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, closed(), { timeLimitMinutes: 10 });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const at = ok(await start(quiz.id, l.token), 201);
    const [s1, s2] = await Promise.all([submit(at.id, l.token), submit(at.id, l.token)]);
    expect([s1.status, s2.status]).toEqual([200, 200]);
    expect(s1.body.result).toEqual(s2.body.result);
    expect(s1.body.submittedAt).toBe(s2.body.submittedAt);
    expect((await auditFor(t.app, tok.admin, at.id, 'quiz.attempt_submitted'))).toHaveLength(1);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM attempt_answers WHERE attempt_id = $1`, [at.id])).toEqual([{ n: 8 }]);

    const b = ok(await start(quiz.id, l.token), 201);
    const saves = b.questions.map((x: Any, i: number) => save(b.id, x.slot, l.token, { response: responseFor(x, true), seq: i + 1 }));
    const results = await Promise.all([...saves, submit(b.id, l.token)]);
    const acked = results.slice(0, -1).map((r, i) => ({ r, slot: b.questions[i].slot })).filter((x) => x.r.status === 200).map((x) => x.slot);
    for (const r of results.slice(0, -1)) expect([200, 409]).toContain(r.status);
    const graded: Any[] = await t.ds.query(`SELECT slot, state, saved_at FROM attempt_answers WHERE attempt_id = $1`, [b.id]);
    // every acknowledged answer was graded (none lost), every refused one is absent
    for (const g of graded) expect({ slot: g.slot, answered: g.saved_at !== null }).toEqual({ slot: g.slot, answered: acked.includes(g.slot) });
    expect(graded.filter((g) => g.state === 'correct').map((g) => g.slot).sort()).toEqual(acked.sort());
  });

  it('two starts at once (two tabs) make one attempt', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single'), { timeLimitMinutes: 10 });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const [a, b] = await Promise.all([start(quiz.id, l.token), start(quiz.id, l.token)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE quiz_id = $1`, [quiz.id])).toEqual([{ n: 1 }]);
  });

  it('sequential navigation: earlier pages are closed to saves and to going back', async () => {
    const quiz = await publishedQuiz(t.app, tok.manager, wardUnit.id, fixed('single', 'tf', 'short'), { navigation: 'sequential', questionsPerPage: 1 });
    const l = await newLearner(t.app, tok.admin, wardUnit.id);
    const at = ok(await start(quiz.id, l.token), 201);
    expect(at).toMatchObject({ navigation: 'sequential', currentPage: 1, pageCount: 3 });
    const [p1, p2] = at.questions;
    ok(await save(at.id, p1.slot, l.token, { response: responseFor(p1, true), seq: 1 }));
    expect(ok(await req('POST', `/api/me/attempts/${at.id}/page`, l.token, { page: 2 }))).toEqual({ currentPage: 2 });
    expectError(await save(at.id, p1.slot, l.token, { response: responseFor(p1, false), seq: 2 }), 409, 'PAGE_LOCKED');
    expectError(await req('POST', `/api/me/attempts/${at.id}/page`, l.token, { page: 1 }), 409, 'PAGE_LOCKED');
    const beyond = await req('POST', `/api/me/attempts/${at.id}/page`, l.token, { page: 4 });
    expectError(beyond, 400);
    expect(Object.keys(beyond.body.fields)).toEqual(['page']);
    ok(await save(at.id, p2.slot, l.token, { response: responseFor(p2, true), seq: 3 }));
    expect(ok(await req('GET', `/api/me/attempts/${at.id}`, l.token)).currentPage).toBe(2);
  });
});
