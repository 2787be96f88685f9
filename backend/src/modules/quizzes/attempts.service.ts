import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { ITEMS_SQL, itemStates, type ProgressRow } from '../courses/course-common';
import { buildLayout, toPlayerQuestion, type QuestionLayout } from '../questions/question-render';
import type { QuestionVersionLike } from '../questions/question-types';
import { AttemptGrader, QUIZ_GRADE_SQL } from './attempt-grader';
import { answerKindOf, checkAgainst, checkShape, feedbackFor, layoutKeys, rightAnswer, type AnswerKind, type AnswerResponse } from './grading';
import {
  deadlineFor, drawRandom, effectiveSettings, iso, num, pageCount, pageOf, QUIZ_SELECT, randomPools, reviewShows, seededRandom, shuffle,
  type Effective, type RandomSlotSpec, type Row,
} from './quiz-common';
import type {
  AttemptDto, AttemptReviewDto, AttemptSummaryDto, GoToPageDto, MyQuizDto, PageAckDto, ReviewQuestionDto, SaveAckDto, SaveAnswerDto, SubmitDto,
} from './quizzes.dto';

const STAFF_OF_USER = `SELECT staff_id FROM users WHERE id = $1`;

/** A course quiz's enrolment gate: exempted, item still locked, start of the enrolment's current cycle (null: the first). */
type Gate = { exempted: boolean; locked: boolean; since: Date | null };

/**
 * The save: one statement. Finds the caller's attempt (key-share lock: a concurrent submit waits for it, or it waits for
 * the submit and then sees the attempt closed), checks the server-side cutoff, the slot, the response kind and keys
 * against the frozen question, and upserts the answer only when seq is newer. It also reads the stored seq, so an
 * ignored (older or repeated) save is acknowledged without another round trip.
 * $1 attempt, $2 user, $3 slot, $4 kind, $5-$7 keys used (options/items, left, right), $8 items in a full order,
 * $9 response, $10 seq, $11 flagged (null = keep).
 */
const SAVE_ANSWER_SQL = `WITH a AS (
         SELECT a.id, a.status, a.sequential, a.current_page, (a.cutoff_at IS NOT NULL AND now() > a.cutoff_at) AS late
           FROM quiz_attempts a JOIN users u ON u.staff_id = a.staff_id
          WHERE a.id = $1 AND u.id = $2
          FOR KEY SHARE OF a
       ), q AS (
         SELECT aq.answer_type, aq.page,
                CASE WHEN $4::text IS NULL THEN aq.answer_type <> 'none'
                     ELSE aq.answer_type = $4::text AND aq.option_keys @> $5::text[] AND aq.left_keys @> $6::text[]
                          AND aq.right_keys @> $7::text[] AND ($8::int IS NULL OR cardinality(aq.option_keys) = $8::int) END AS fits
           FROM attempt_questions aq WHERE aq.attempt_id = $1 AND aq.slot = $3
       ), ok AS (
         SELECT 1 FROM a, q WHERE a.status = 'in_progress' AND NOT a.late AND q.fits AND (NOT a.sequential OR q.page >= a.current_page)
       ), ins AS (
         INSERT INTO attempt_answers AS x (attempt_id, slot, response, seq, saved_at, flagged)
         SELECT $1, $3, $9::jsonb, $10, now(), coalesce($11::boolean, false) FROM ok
         ON CONFLICT (attempt_id, slot) DO UPDATE SET response = EXCLUDED.response, seq = EXCLUDED.seq, saved_at = EXCLUDED.saved_at,
           flagged = CASE WHEN $11::boolean IS NULL THEN x.flagged ELSE EXCLUDED.flagged END
         WHERE x.seq < EXCLUDED.seq
         RETURNING x.seq, x.saved_at
       )
       SELECT (SELECT row_to_json(a) FROM a) AS a, (SELECT row_to_json(q) FROM q) AS q, (SELECT row_to_json(ins) FROM ins) AS ins,
              (SELECT json_build_object('seq', o.seq, 'saved_at', o.saved_at) FROM attempt_answers o WHERE o.attempt_id = $1 AND o.slot = $3) AS old,
              now() AS server_now`;

/**
 * The learner side: the quiz page, starting (frozen draw, order, option order and versions from a stored seed),
 * saving answers (one SQL statement, idempotent by seq, deadline checked by the server clock), submitting (row lock:
 * grades once), reviewing by the quiz's review rules.
 */
@Injectable()
export class AttemptsService {
  constructor(private readonly dataSource: DataSource, private readonly grader: AttemptGrader, private readonly audit: AuditService) {}

  /** The driver's pg pool, for the prepared save statement. */
  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  private async staffOf(actor: Actor, tx?: EntityManager): Promise<string> {
    const [u] = await (tx ?? this.dataSource.manager).query(STAFF_OF_USER, [actor.userId]);
    if (!u?.staff_id) throw notFound();
    return u.staff_id;
  }

  private async dbNow(tx: EntityManager): Promise<Date> {
    const [{ now }] = await tx.query(`SELECT now() AS now`);
    return new Date(now);
  }

  private async overrideOf(tx: EntityManager, quizId: string, staffId: string): Promise<Row | null> {
    const [o] = await tx.query(`SELECT * FROM quiz_overrides WHERE quiz_id = $1 AND staff_id = $2`, [quizId, staffId]);
    return o ?? null;
  }

  /**
   * A published quiz the person may see: a quiz linked to a course item needs an enrolment in that (non-draft) course,
   * else 404. Returns whether the enrolment is exempted, whether the item is still locked, and when the enrolment's
   * current cycle began (a re-enrolment before a certificate expired; null in the first cycle).
   */
  private async learnerQuiz(tx: EntityManager, quizId: string, staffId: string) {
    const [quiz] = await tx.query(
      `SELECT q.*, (SELECT row_to_json(o) FROM quiz_overrides o WHERE o.quiz_id = q.id AND o.staff_id = $2) AS override
         FROM (${QUIZ_SELECT} WHERE z.id = $1 AND z.status = 'published') q`,
      [quizId, staffId],
    );
    if (!quiz) throw notFound();
    let gate: Gate | null = null;
    if (quiz.course_item_id) {
      const [e] = await tx.query(
        `SELECT e.id, e.status, e.cycle_started_at, c.sequential, c.min_progress_before_final, c.status AS course_status
           FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.course_id = $1 AND e.staff_id = $2`,
        [quiz.item_course_id, staffId],
      );
      if (!e || e.status === 'withdrawn' || e.course_status === 'draft') throw notFound();
      const items: Row[] = await tx.query(ITEMS_SQL, [[quiz.item_course_id]]);
      const progress: ProgressRow[] = await tx.query(`SELECT * FROM item_progress WHERE enrolment_id = $1`, [e.id]);
      const states = itemStates(e, items, new Map(progress.map((p) => [p.item_id, p])), e.status);
      gate = {
        exempted: e.status === 'exempted', locked: states.find((s) => s.itemId === quiz.course_item_id)?.status === 'locked',
        since: e.cycle_started_at ? new Date(e.cycle_started_at) : null,
      };
    }
    return { quiz, override: quiz.override as Row | null, eff: effectiveSettings(quiz, quiz.override), gate };
  }

  /**
   * Why a new attempt cannot start now, or null. Only attempts of the enrolment's current cycle count: a learner
   * re-enrolled before their certificate expires gets the quiz's attempts afresh.
   */
  private blocker(quiz: Row, eff: Effective, all: Row[], gate: Gate | null, now: Date): { code: string; retryAt?: Date } | null {
    if (gate?.exempted) return { code: 'ENROLMENT_CLOSED' };
    if (gate?.locked) return { code: 'ITEM_LOCKED' };
    if (eff.openAt && now < eff.openAt) return { code: 'QUIZ_NOT_OPEN' };
    if (eff.closeAt && now >= eff.closeAt) return { code: 'QUIZ_CLOSED' };
    const since = gate?.since;
    const attempts = since ? all.filter((a) => new Date(a.started_at) >= since) : all;
    if (eff.maxAttempts !== null && attempts.length >= eff.maxAttempts) return { code: 'NO_ATTEMPTS_LEFT' };
    const last = attempts.filter((a) => a.submitted_at).sort((a, b) => b.attempt_no - a.attempt_no)[0];
    if (last && quiz.attempt_delay_minutes > 0) {
      const retryAt = new Date(new Date(last.submitted_at).getTime() + quiz.attempt_delay_minutes * 60_000);
      if (now < retryAt) return { code: 'ATTEMPT_DELAY', retryAt };
    }
    return null;
  }

  private blockerError(b: { code: string; retryAt?: Date }): AppError {
    if (b.code === 'ATTEMPT_DELAY' && b.retryAt) {
      const retryAt = b.retryAt.toISOString();
      const seconds = Math.max(1, Math.ceil((b.retryAt.getTime() - Date.now()) / 1000));
      return new AppError(409, b.code, { retryAt }, { retryAt }, { 'retry-after': String(seconds) });
    }
    return new AppError(409, b.code);
  }

  /** Finalises an attempt past its cutoff (deadline + grace), under its row lock; the scheduled job does the same. */
  async finaliseOverdue(tx: EntityManager, attemptId: string, lockMode: 'wait' | 'skip' = 'wait'): Promise<boolean> {
    const [a] = await tx.query(
      `SELECT * FROM quiz_attempts WHERE id = $1 AND status = 'in_progress' AND cutoff_at < now() FOR UPDATE ${lockMode === 'skip' ? 'SKIP LOCKED' : ''}`,
      [attemptId],
    );
    if (!a) return false;
    const [quiz] = await tx.query(`SELECT * FROM quizzes WHERE id = $1`, [a.quiz_id]);
    await this.grader.finalise(tx, a, quiz, 'timer', null);
    return true;
  }

  private async finaliseOverdueOf(quizId: string, staffId: string): Promise<void> {
    const [a] = await this.dataSource.query(
      `SELECT id FROM quiz_attempts WHERE quiz_id = $1 AND staff_id = $2 AND status = 'in_progress' AND cutoff_at < now()`,
      [quizId, staffId],
    );
    if (a) await this.dataSource.transaction((tx) => this.finaliseOverdue(tx, a.id));
  }

  // ---------------------------------------------------------------------------------------- quiz page

  async myQuiz(actor: Actor, quizId: string): Promise<MyQuizDto> {
    const staffId = await this.staffOf(actor);
    await this.finaliseOverdueOf(quizId, staffId);
    const tx = this.dataSource.manager;
    const { quiz, eff, gate } = await this.learnerQuiz(tx, quizId, staffId);
    const now = await this.dbNow(tx);
    const attempts: Row[] = await tx.query(`SELECT * FROM quiz_attempts WHERE quiz_id = $1 AND staff_id = $2 ORDER BY attempt_no`, [quizId, staffId]);
    const open = attempts.find((a) => a.status === 'in_progress') ?? null;
    const b = open ? null : this.blocker(quiz, eff, attempts, gate, now);
    const shows = (a: Row) => reviewShows(quiz, eff, now, a.status !== 'in_progress');
    const anyScore = attempts.some((a) => shows(a).score);
    const [g] = anyScore ? await tx.query(QUIZ_GRADE_SQL, [quizId, staffId]) : [];
    return {
      quiz: {
        id: quiz.id, title: quiz.title, description: quiz.description, openAt: iso(eff.openAt), closeAt: iso(eff.closeAt),
        timeLimitMinutes: eff.timeLimitMinutes, maxAttempts: eff.maxAttempts, attemptDelayMinutes: quiz.attempt_delay_minutes,
        gradingMethod: quiz.grading_method, passMark: Number(quiz.pass_mark), questionCount: quiz.question_count ?? 0,
        totalMarks: Number(quiz.total_marks ?? 0), questionsPerPage: quiz.questions_per_page, navigation: quiz.navigation,
        overdue: quiz.overdue, graceMinutes: quiz.grace_minutes,
        review: { score: quiz.review_score, correctAnswers: quiz.review_correct, feedback: quiz.review_feedback },
        courseId: quiz.course_id ?? quiz.item_course_id ?? null, courseItemId: quiz.course_item_id ?? null,
      },
      attempts: attempts.map((a): AttemptSummaryDto => {
        const s = shows(a);
        const out: AttemptSummaryDto = {
          id: a.id, attemptNo: a.attempt_no, status: a.status, counted: a.counted, startedAt: new Date(a.started_at).toISOString(),
          deadlineAt: iso(a.deadline_at), submittedAt: iso(a.submitted_at), reviewAvailable: s.score || s.correctAnswers || s.feedback,
        };
        if (s.score) Object.assign(out, { score: num(a.score), maxScore: Number(a.max_score), percent: num(a.percent), passed: a.passed });
        return out;
      }),
      canStart: !b,
      ...(b ? { reason: b.code } : {}),
      ...(b?.retryAt ? { retryAt: b.retryAt.toISOString() } : {}),
      openAttemptId: open?.id ?? null,
      bestPercent: g?.grade === null || g?.grade === undefined ? null : Number(g.grade),
      serverNow: now.toISOString(),
    };
  }

  // ---------------------------------------------------------------------------------------- start

  /** Starts an attempt, or returns the one in progress (created = false). */
  async start(actor: Actor, quizId: string): Promise<{ attempt: AttemptDto; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const staffId = await this.staffOf(actor, tx);
      // two tabs starting at once: one waits for the other and gets its attempt
      const [{ now: dbNow }] = await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), now() AS now`, [`quiz-start:${quizId}:${staffId}`]);
      const now = new Date(dbNow);
      const { quiz, eff, gate } = await this.learnerQuiz(tx, quizId, staffId);
      const attempts: Row[] = await tx.query(`SELECT * FROM quiz_attempts WHERE quiz_id = $1 AND staff_id = $2 ORDER BY attempt_no FOR UPDATE`, [quizId, staffId]);
      const open = attempts.find((a) => a.status === 'in_progress');
      if (open) {
        if (!(open.cutoff_at && new Date(open.cutoff_at) < now)) return { attempt: await this.render(tx, open, quiz, eff, now), created: false };
        await this.grader.finalise(tx, open, quiz, 'timer', null);
        open.submitted_at = now; // for the delay between attempts
      }
      const b = this.blocker(quiz, eff, attempts, gate, now);
      if (b) throw this.blockerError(b);

      const a = await createAttempt(tx, quiz, eff, { staffId, userId: actor.userId, attemptNo: (attempts[attempts.length - 1]?.attempt_no ?? 0) + 1, now });
      await this.audit.record(tx, actor, {
        action: 'quiz.attempt_started', entityType: 'quiz_attempt', entityId: a.id, summary: `Bắt đầu làm bài kiểm tra: ${quiz.title} (lần ${a.attempt_no})`,
        details: { quizId, staffId, attemptNo: a.attempt_no, deadlineAt: iso(a.deadline_at) },
      });
      return { attempt: await this.render(tx, a, quiz, eff, now, a.questions, []), created: true };
    });
  }

  // ---------------------------------------------------------------------------------------- rendering

  private playerQuestion(q: Row, seed: string) {
    const version: QuestionVersionLike = { id: q.question_version_id, type: q.v_type, text: q.v_text, data: q.v_data, defaultMark: q.v_default_mark };
    return { ...toPlayerQuestion(version, { slot: q.slot, seed, mark: Number(q.mark), layout: q.layout as QuestionLayout }), page: q.page };
  }

  private async render(tx: EntityManager, a: Row, quiz: Row, eff: Effective, now: Date, questions?: Row[], answers?: Row[]): Promise<AttemptDto> {
    questions ??= await this.grader.questionsOf(tx, a.id);
    answers ??= await tx.query(`SELECT * FROM attempt_answers WHERE attempt_id = $1 ORDER BY slot`, [a.id]);
    const finished = a.status !== 'in_progress';
    const shows = reviewShows(quiz, eff, now, finished);
    const bySlot = new Map<number, Row>((answers as Row[]).map((x) => [x.slot, x]));
    const dto: AttemptDto = {
      id: a.id, quizId: a.quiz_id, quizTitle: quiz.title, attemptNo: a.attempt_no, status: a.status, counted: a.counted,
      startedAt: new Date(a.started_at).toISOString(), deadlineAt: iso(a.deadline_at), cutoffAt: iso(a.cutoff_at), serverNow: now.toISOString(),
      submittedAt: iso(a.submitted_at), navigation: a.sequential ? 'sequential' : 'free', questionsPerPage: a.per_page,
      pageCount: pageCount(questions.length, a.per_page), currentPage: a.current_page,
      questions: questions.map((q) => this.playerQuestion(q, a.seed)),
      answers: (answers as Row[]).filter((x) => x.saved_at).map((x) => ({
        slot: x.slot, response: x.response, seq: Number(x.seq), savedAt: iso(x.saved_at), flagged: x.flagged,
      })),
      reviewAvailable: shows.score || shows.correctAnswers || shows.feedback,
    };
    if (shows.score) {
      dto.result = {
        score: num(a.score), maxScore: Number(a.max_score), percent: num(a.percent), passed: a.passed,
        perQuestion: questions.filter((q) => q.type !== 'description').map((q) => ({
          slot: q.slot, mark: num(bySlot.get(q.slot)?.mark), maxMark: Number(q.mark), state: bySlot.get(q.slot)?.state ?? 'unanswered',
        })),
      };
    }
    return dto;
  }

  /** The caller's own attempt (another person's id answers 404), finalised first when it is past its cutoff. */
  private async ownAttempt(actor: Actor, id: string): Promise<Row> {
    const staffId = await this.staffOf(actor);
    const [a] = await this.dataSource.query(`SELECT a.*, a.cutoff_at < now() AS overdue FROM quiz_attempts a WHERE a.id = $1 AND a.staff_id = $2`, [id, staffId]);
    if (!a) throw notFound();
    if (a.status === 'in_progress' && a.overdue) {
      await this.dataSource.transaction((tx) => this.finaliseOverdue(tx, id));
      const [b] = await this.dataSource.query(`SELECT * FROM quiz_attempts WHERE id = $1`, [id]);
      return b;
    }
    return a;
  }

  private async quizFor(tx: EntityManager, a: Row) {
    const [quiz] = await tx.query(`${QUIZ_SELECT} WHERE z.id = $1`, [a.quiz_id]);
    const eff = effectiveSettings(quiz, await this.overrideOf(tx, a.quiz_id, a.staff_id));
    return { quiz, eff };
  }

  async get(actor: Actor, id: string): Promise<AttemptDto> {
    const a = await this.ownAttempt(actor, id);
    const tx = this.dataSource.manager;
    const { quiz, eff } = await this.quizFor(tx, a);
    return this.render(tx, a, quiz, eff, await this.dbNow(tx));
  }

  // ---------------------------------------------------------------------------------------- save

  /** Saves one answer: the shape is checked here, everything else by SAVE_ANSWER_SQL in one round trip (plus the session's). */
  async save(actor: Actor, id: string, slot: number, dto: SaveAnswerDto): Promise<SaveAckDto> {
    if (dto.response === undefined) throw fieldError('response', 'Bắt buộc nhập (null để xóa câu trả lời)', 'Required (null clears the answer)');
    const shape = checkShape(dto.response);
    if (!shape.ok) throw fieldError(shape.field, shape.vi, shape.en);
    // a named prepared statement: planned once per connection instead of at every save (planning costs more than running it)
    const { rows: [r] } = await this.pool.query({
      name: 'quiz-save-answer',
      text: SAVE_ANSWER_SQL,
      values: [id, actor.userId, slot, shape.kind, shape.optionKeys, shape.leftKeys, shape.rightKeys, shape.fullOrder,
        shape.response === null ? null : JSON.stringify(shape.response), dto.seq, dto.flagged ?? null],
    });
    const serverNow = new Date(r.server_now).toISOString();
    if (r.ins) return { slot, seq: Number(r.ins.seq), savedAt: iso(r.ins.saved_at), serverNow, applied: true };
    if (!r.a) throw notFound();
    if (r.a.status !== 'in_progress') throw new AppError(409, 'ATTEMPT_CLOSED');
    if (r.a.late) throw new AppError(409, 'ATTEMPT_DEADLINE_PASSED');
    if (!r.q) throw fieldError('slot', 'Câu hỏi này không có trong bài làm', 'This question is not part of the attempt');
    if (!r.q.fits) throw this.misfit(r.q.answer_type, shape.kind);
    if (r.a.sequential && r.q.page < r.a.current_page) throw new AppError(409, 'PAGE_LOCKED');
    // an equal or newer save is stored already: acknowledged, nothing changed
    return { slot, seq: Number(r.old?.seq ?? 0), savedAt: iso(r.old?.saved_at), serverNow, applied: false };
  }

  private misfit(answerType: AnswerKind, kind: AnswerKind | null): AppError {
    if (answerType === 'none') return fieldError('response', 'Câu mô tả không cần trả lời', 'A description takes no answer');
    if (kind !== answerType) return fieldError('response', 'Dạng câu trả lời không đúng với loại câu hỏi', 'This response does not fit the question type');
    return fieldError('response', 'Có lựa chọn không thuộc câu hỏi này', 'Unknown option key for this question');
  }

  // ---------------------------------------------------------------------------------------- page (sequential navigation)

  async goToPage(actor: Actor, id: string, dto: GoToPageDto): Promise<PageAckDto> {
    return this.dataSource.transaction(async (tx) => {
      const staffId = await this.staffOf(actor, tx);
      const [a] = await tx.query(
        `SELECT a.*, a.cutoff_at < now() AS late, (SELECT count(*)::int FROM attempt_questions q WHERE q.attempt_id = a.id) AS questions
           FROM quiz_attempts a WHERE a.id = $1 AND a.staff_id = $2 FOR UPDATE`,
        [id, staffId],
      );
      if (!a) throw notFound();
      if (a.status !== 'in_progress') throw new AppError(409, 'ATTEMPT_CLOSED');
      if (a.late) throw new AppError(409, 'ATTEMPT_DEADLINE_PASSED');
      const pages = pageCount(a.questions, a.per_page);
      if (dto.page > pages) throw fieldError('page', `Bài làm có ${pages} trang`, `The attempt has ${pages} pages`);
      if (a.sequential && dto.page < a.current_page) throw new AppError(409, 'PAGE_LOCKED');
      await tx.query(`UPDATE quiz_attempts SET current_page = $2 WHERE id = $1`, [id, dto.page]);
      return { currentPage: dto.page };
    });
  }

  // ---------------------------------------------------------------------------------------- submit

  async submit(actor: Actor, id: string, dto: SubmitDto): Promise<AttemptDto> {
    const finals = (dto.answers ?? []).map((x, i) => {
      if (x.response === undefined) throw fieldError(`answers.${i}.response`, 'Bắt buộc nhập', 'Required');
      const shape = checkShape(x.response, `answers.${i}.response`);
      if (!shape.ok) throw fieldError(shape.field, shape.vi, shape.en);
      return { i, slot: x.slot, seq: x.seq, flagged: x.flagged ?? null, shape };
    });
    const slots = new Set<number>();
    for (const f of finals) {
      if (slots.has(f.slot)) throw fieldError(`answers.${f.i}.slot`, 'Câu hỏi bị lặp lại', 'This slot appears twice');
      slots.add(f.slot);
    }
    const staffId = await this.staffOf(actor);
    let late = false;
    await this.dataSource.transaction(async (tx) => {
      // the row lock serialises submits, saves (key-share) and the finaliser: one of two concurrent submits grades
      const [a] = await tx.query(`SELECT a.*, now() AS db_now FROM quiz_attempts a WHERE a.id = $1 AND a.staff_id = $2 FOR UPDATE`, [id, staffId]);
      if (!a) throw notFound();
      if (a.status !== 'in_progress') return;
      const [quiz] = await tx.query(`SELECT * FROM quizzes WHERE id = $1`, [a.quiz_id]);
      if (a.cutoff_at && new Date(a.db_now) > new Date(a.cutoff_at)) {
        // too late: closed by the overdue rule with what was saved; the request is refused below, after the commit
        await this.grader.finalise(tx, a, quiz, 'timer', null);
        late = true;
        return;
      }
      if (finals.length) {
        const qs: Row[] = await tx.query(`SELECT slot, answer_type, page, layout FROM attempt_questions WHERE attempt_id = $1`, [id]);
        const bySlot = new Map(qs.map((q) => [q.slot, q]));
        for (const f of finals) {
          const q = bySlot.get(f.slot);
          if (!q) throw fieldError(`answers.${f.i}.slot`, 'Câu hỏi này không có trong bài làm', 'This question is not part of the attempt');
          const bad = checkAgainst(q.answer_type, q.layout, f.shape as Extract<typeof f.shape, { ok: true }>, `answers.${f.i}.response`);
          if (bad) throw fieldError(bad.field, bad.vi, bad.en);
          if (a.sequential && q.page < a.current_page) throw new AppError(409, 'PAGE_LOCKED');
        }
        await tx.query(
          `INSERT INTO attempt_answers AS x (attempt_id, slot, response, seq, saved_at, flagged)
           SELECT $1, f.slot, f.response, f.seq, now(), coalesce(f.flagged, false)
             FROM jsonb_to_recordset($2::jsonb) AS f(slot int, response jsonb, seq bigint, flagged boolean)
           ON CONFLICT (attempt_id, slot) DO UPDATE SET response = EXCLUDED.response, seq = EXCLUDED.seq, saved_at = EXCLUDED.saved_at,
             flagged = EXCLUDED.flagged
           WHERE x.seq < EXCLUDED.seq`,
          [id, JSON.stringify(finals.map((f) => ({ slot: f.slot, response: (f.shape as { response: AnswerResponse | null }).response, seq: f.seq, flagged: f.flagged })))],
        );
      }
      await this.grader.finalise(tx, a, quiz, 'learner', actor);
    });
    if (late) throw new AppError(409, 'ATTEMPT_DEADLINE_PASSED');
    return this.get(actor, id);
  }

  // ---------------------------------------------------------------------------------------- review

  async review(actor: Actor, id: string): Promise<AttemptReviewDto> {
    const a = await this.ownAttempt(actor, id);
    const tx = this.dataSource.manager;
    const { quiz, eff } = await this.quizFor(tx, a);
    const now = await this.dbNow(tx);
    const shows = reviewShows(quiz, eff, now, a.status !== 'in_progress');
    if (!shows.score && !shows.correctAnswers && !shows.feedback) throw new AppError(403, 'REVIEW_NOT_AVAILABLE');
    const questions = await this.grader.questionsOf(tx, a.id);
    const answers: Row[] = await tx.query(`SELECT * FROM attempt_answers WHERE attempt_id = $1 ORDER BY slot`, [a.id]);
    const bySlot = new Map<number, Row>(answers.map((x) => [x.slot, x]));
    const attempt = await this.render(tx, a, quiz, eff, now, questions, answers);
    return {
      attempt,
      shows,
      questions: questions.map((q): ReviewQuestionDto => {
        const ans = bySlot.get(q.slot);
        const key = { type: q.k_type, data: q.k_data };
        const response = (ans?.saved_at ? ans.response : null) as AnswerResponse | null;
        const out: ReviewQuestionDto = { ...this.playerQuestion(q, a.seed), response: response as Record<string, unknown> | null };
        if (q.type === 'description') return out;
        if (shows.score) Object.assign(out, { state: ans?.state ?? 'unanswered', awarded: num(ans?.mark) });
        if (shows.correctAnswers) out.rightAnswer = rightAnswer(key, q.layout) as ReviewQuestionDto['rightAnswer'];
        if (shows.feedback) {
          out.feedback = feedbackFor(key, q.layout, response);
          out.graderComment = ans?.grader_comment ?? null;
        }
        return out;
      }),
    };
  }
}

/** The frozen questions of a new attempt: fixed slots, random draws, question order and option layout from the seed. */
export async function drawQuestions(tx: EntityManager, quiz: Row, seed: string) {
  const slots: Row[] = await tx.query(`SELECT * FROM quiz_slots WHERE quiz_id = $1 ORDER BY position`, [quiz.id]);
  const incomplete = () => new AppError(409, 'QUIZ_INCOMPLETE');
  if (!slots.length) throw incomplete();
  const specs: RandomSlotSpec[] = slots.filter((s) => s.kind === 'random').map((s) => ({
    key: s.id, categoryId: s.category_id, includeSubcategories: s.include_subcategories, tag: s.tag, count: s.count,
  }));
  const fixedIds = new Set<string>(slots.filter((s) => s.kind === 'fixed').map((s) => s.question_id));
  const pools = await randomPools(tx, specs);
  let picks: Map<string, string[]> | null = null;
  // overlapping pools (tags) may need another order of draws: a few tries with derived seeds
  for (let i = 0; i < 10 && !picks; i++) {
    const r = drawRandom(specs, pools, fixedIds, seededRandom(seed, `draw-${i}`));
    if (r.ok) picks = r.picks;
  }
  if (!picks) throw incomplete();
  const chosen = picks;
  let list = slots.flatMap((s) => (s.kind === 'fixed'
    ? [{ slot: s, questionId: s.question_id as string }]
    : (chosen.get(s.id) ?? []).map((questionId) => ({ slot: s, questionId }))));
  if (quiz.shuffle_questions) list = shuffle(list, seededRandom(seed, 'order'));
  const versions: Row[] = await tx.query(
    `SELECT v.id, v.question_id, v.type, v.text, v.data, v.default_mark FROM questions q
       JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version WHERE q.id = ANY($1::uuid[])`,
    [[...new Set(list.map((x) => x.questionId))]],
  );
  const byQuestion = new Map(versions.map((v) => [v.question_id, v]));
  return list.map((x, i) => {
    const v = byQuestion.get(x.questionId);
    if (!v) throw incomplete();
    const slot = i + 1;
    const layout = buildLayout({ id: v.id, type: v.type, data: v.data }, { slot, seed, shuffle: quiz.shuffle_options });
    return {
      slot, quizSlotId: x.slot.id as string, quizSlotPosition: x.slot.position as number, questionId: x.questionId, versionId: v.id as string,
      type: v.type as string, answerType: answerKindOf(v.type, v.data), mark: v.type === 'description' ? 0 : Number(x.slot.mark), layout, keys: layoutKeys(layout),
      version: v as Row,
    };
  });
}

/**
 * Inserts a new attempt with its frozen questions: a fresh secret seed (or the given one), the deadline and cutoff
 * from the person's settings at `now`. Used by AttemptsService.start and the demo seed.
 */
export async function createAttempt(
  tx: EntityManager, quiz: Row, eff: Effective, o: { staffId: string; userId: string | null; attemptNo: number; now: Date; seed?: string },
): Promise<Row> {
  const seed = o.seed ?? randomBytes(16).toString('hex');
  const questions = await drawQuestions(tx, quiz, seed);
  const { deadlineAt, cutoffAt } = deadlineFor(o.now, quiz, eff);
  const maxScore = questions.reduce((s, q) => s + (q.type === 'description' ? 0 : q.mark), 0);
  const [a] = await tx.query(
    `INSERT INTO quiz_attempts (quiz_id, staff_id, user_id, attempt_no, seed, sequential, per_page, started_at, deadline_at, cutoff_at, max_score)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [quiz.id, o.staffId, o.userId, o.attemptNo, seed, quiz.navigation === 'sequential', quiz.questions_per_page, o.now, deadlineAt, cutoffAt, maxScore],
  );
  await tx.query(
    `INSERT INTO attempt_questions (attempt_id, slot, quiz_slot_id, quiz_slot_position, question_id, question_version_id, type, answer_type,
       mark, page, layout, option_keys, left_keys, right_keys)
     SELECT $1, r.slot, r.quiz_slot_id, r.quiz_slot_position, r.question_id, r.version_id, r.type, r.answer_type, r.mark, r.page, r.layout,
            ARRAY(SELECT jsonb_array_elements_text(r.option_keys)), ARRAY(SELECT jsonb_array_elements_text(r.left_keys)),
            ARRAY(SELECT jsonb_array_elements_text(r.right_keys))
       FROM jsonb_to_recordset($2::jsonb) AS r(slot int, quiz_slot_id uuid, quiz_slot_position int, question_id uuid, version_id uuid, type text,
            answer_type text, mark numeric, page int, layout jsonb, option_keys jsonb, left_keys jsonb, right_keys jsonb)`,
    [a.id, JSON.stringify(questions.map((q) => ({
      slot: q.slot, quiz_slot_id: q.quizSlotId, quiz_slot_position: q.quizSlotPosition, question_id: q.questionId, version_id: q.versionId, type: q.type,
      answer_type: q.answerType, mark: q.mark, page: pageOf(q.slot, quiz.questions_per_page), layout: q.layout,
      option_keys: q.keys.optionKeys, left_keys: q.keys.leftKeys, right_keys: q.keys.rightKeys,
    })))],
  );
  // the questions as AttemptGrader.questionsOf reads them, so that the new attempt renders without reading them back
  a.questions = questions.map((q) => ({
    attempt_id: a.id, slot: q.slot, page: pageOf(q.slot, quiz.questions_per_page), mark: q.mark, layout: q.layout, type: q.type,
    question_id: q.questionId, quiz_slot_position: q.quizSlotPosition, question_version_id: q.versionId, key_version_id: null,
    v_type: q.version.type, v_text: q.version.text, v_data: q.version.data, v_default_mark: q.version.default_mark, k_type: q.version.type, k_data: q.version.data,
  }));
  return a;
}
