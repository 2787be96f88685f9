import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/permissions';
import { AuditService } from '../audit/audit.service';
import { LearningService } from '../courses/learning.service';
import type { QuestionLayout } from '../questions/question-render';
import { gradeResponse, markFor, type AnswerResponse, type GradeResult } from './grading';
import { num, round, type Row } from './quiz-common';

export interface GradedAnswer extends GradeResult { slot: number; mark: number | null; questionId: string; position: number }

/**
 * SQL: when the person's ($2) current cycle of the course whose item is linked to quiz $1 began (their last re-enrolment
 * before a certificate expired), else -infinity: attempts started before it belong to an earlier cycle.
 */
export const QUIZ_CYCLE_START_SQL = `coalesce((SELECT en.cycle_started_at FROM course_items ci JOIN enrolments en ON en.course_id = ci.course_id
      WHERE ci.quiz_id = $1 AND en.staff_id = $2), '-infinity'::timestamptz)`;

/**
 * The quiz grade of one person by the grading method, over graded, counted attempts of the current cycle (a re-enrolled
 * learner starts again: their attempts before the re-enrolment count no more).
 */
export const QUIZ_GRADE_SQL = `SELECT CASE z.grading_method
      WHEN 'highest' THEN max(a.percent)
      WHEN 'average' THEN avg(a.percent)
      WHEN 'first' THEN (array_agg(a.percent ORDER BY a.attempt_no))[1]
      ELSE (array_agg(a.percent ORDER BY a.attempt_no DESC))[1] END AS grade
    FROM quiz_attempts a JOIN quizzes z ON z.id = a.quiz_id
   WHERE a.quiz_id = $1 AND a.staff_id = $2 AND a.status = 'graded' AND a.counted AND a.started_at >= ${QUIZ_CYCLE_START_SQL}
   GROUP BY z.grading_method`;

/**
 * Grading of whole attempts: finalising (learner submit, deadline), rescoring after a manual grade or a regrade, and the
 * course item score. Always inside the caller's transaction, with the attempt row locked by the caller.
 */
@Injectable()
export class AttemptGrader {
  constructor(private readonly learning: LearningService, private readonly audit: AuditService) {}

  /** The attempt's questions with the version shown (text, layout) and the version that grades (key_version_id, else the shown one). */
  async questionsOf(tx: EntityManager, attemptId: string): Promise<Row[]> {
    return tx.query(
      `SELECT aq.*, sv.text AS v_text, sv.type AS v_type, sv.data AS v_data, sv.title AS v_title, sv.default_mark AS v_default_mark,
              kv.type AS k_type, kv.data AS k_data
         FROM attempt_questions aq
         JOIN question_versions sv ON sv.id = aq.question_version_id
         JOIN question_versions kv ON kv.id = coalesce(aq.key_version_id, aq.question_version_id)
        WHERE aq.attempt_id = $1 ORDER BY aq.slot`,
      [attemptId],
    );
  }

  /** Grades every question of an attempt from its saved answers; answers a grader marked by hand keep their mark. */
  grade(questions: Row[], answers: Row[]): GradedAnswer[] {
    const bySlot = new Map<number, Row>(answers.map((a) => [a.slot, a]));
    return questions.map((q) => {
      const a = bySlot.get(q.slot);
      const max = Number(q.mark);
      const at = { slot: q.slot, questionId: q.question_id, position: q.quiz_slot_position };
      if (a?.graded_by) {
        return { ...at, state: a.state, fraction: num(a.fraction), chosen: a.chosen ?? null, mark: num(a.mark) };
      }
      const g = gradeResponse({ type: q.k_type, data: q.k_data }, q.layout as QuestionLayout, (a?.response ?? null) as AnswerResponse | null);
      return { ...g, ...at, mark: g.state === 'info' ? null : markFor(g.fraction, max) };
    });
  }

  async writeGrades(tx: EntityManager, attemptId: string, grades: GradedAnswer[]): Promise<void> {
    if (!grades.length) return;
    await tx.query(
      `INSERT INTO attempt_answers (attempt_id, slot, state, fraction, mark, chosen, question_id, quiz_slot_position)
       SELECT $1, g.slot, g.state, g.fraction, g.mark, CASE WHEN g.chosen IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(g.chosen)::int) END,
              g.question_id, g.position
         FROM jsonb_to_recordset($2::jsonb) AS g(slot int, state text, fraction numeric, mark numeric, chosen jsonb, question_id uuid, position int)
       ON CONFLICT (attempt_id, slot) DO UPDATE SET state = EXCLUDED.state, fraction = EXCLUDED.fraction, mark = EXCLUDED.mark, chosen = EXCLUDED.chosen,
         question_id = EXCLUDED.question_id, quiz_slot_position = EXCLUDED.quiz_slot_position`,
      [attemptId, JSON.stringify(grades.map((g) => ({
        slot: g.slot, state: g.state, fraction: g.fraction, mark: g.mark, chosen: g.chosen, question_id: g.questionId, position: g.position,
      })))],
    );
  }

  /** Score, status and pass from the stored marks (after grading, a manual grade or a regrade). */
  async rescore(tx: EntityManager, attempt: Row, quiz: Row): Promise<{ status: string; score: number; percent: number | null; passed: boolean | null }> {
    const [t] = await tx.query(
      `SELECT coalesce(sum(aa.mark), 0) AS score, coalesce(bool_or(aa.state = 'needs_grading'), false) AS needs
         FROM attempt_answers aa WHERE aa.attempt_id = $1`,
      [attempt.id],
    );
    const score = round(Number(t.score));
    const max = Number(attempt.max_score);
    const percent = round(Math.min(100, Math.max(0, max > 0 ? (100 * score) / max : 0)));
    let status = attempt.status;
    if (status !== 'submitted') status = t.needs ? 'needs_grading' : 'graded';
    const passed = status === 'graded' ? percent + 1e-9 >= Number(quiz.pass_mark) : null;
    const shownPercent = status === 'needs_grading' ? null : percent;
    await tx.query(
      `UPDATE quiz_attempts SET status = $2::text, score = $3, percent = $4, passed = $5,
         graded_at = CASE WHEN $2::text = 'graded' THEN now() ELSE graded_at END WHERE id = $1`,
      [attempt.id, status, score, shownPercent, passed],
    );
    return { status, score, percent: shownPercent, passed };
  }

  /**
   * Finalises an open attempt: grades the saved answers, stores the score and the status, records the course item
   * score when it is graded. `timer` on a "discard" quiz: submitted, not counted.
   */
  async finalise(tx: EntityManager, attempt: Row, quiz: Row, by: 'learner' | 'timer', actor: Actor | null): Promise<void> {
    const questions = await this.questionsOf(tx, attempt.id);
    const answers = await tx.query(`SELECT * FROM attempt_answers WHERE attempt_id = $1`, [attempt.id]);
    await this.writeGrades(tx, attempt.id, this.grade(questions, answers));
    const discard = by === 'timer' && quiz.overdue === 'discard';
    await tx.query(
      `UPDATE quiz_attempts SET status = $2, counted = $3, submitted_at = now(), finished_by = $4 WHERE id = $1`,
      [attempt.id, discard ? 'submitted' : 'graded', !discard, by],
    );
    const r = await this.rescore(tx, { ...attempt, status: discard ? 'submitted' : 'graded' }, quiz);
    await this.audit.record(tx, actor, {
      action: by === 'learner' ? 'quiz.attempt_submitted' : 'quiz.attempt_finalised',
      entityType: 'quiz_attempt', entityId: attempt.id,
      summary: by === 'learner' ? `Nộp bài kiểm tra: ${quiz.title} (lần ${attempt.attempt_no})` : `Hết giờ, hệ thống tự kết thúc bài làm: ${quiz.title} (lần ${attempt.attempt_no})`,
      details: { quizId: quiz.id, staffId: attempt.staff_id, attemptNo: attempt.attempt_no, status: r.status, score: r.score, percent: r.percent, counted: !discard },
    });
    if (r.status === 'graded' && !discard) await this.recordCourse(tx, quiz, attempt.staff_id, actor);
  }

  /** The course quiz item linked to this quiz gets the person's quiz grade (LearningService.recordQuizScore). */
  async recordCourse(tx: EntityManager, quiz: Row, staffId: string, actor: Actor | null): Promise<void> {
    const [item] = await tx.query(`SELECT id FROM course_items WHERE quiz_id = $1`, [quiz.id]);
    if (!item) return;
    const [g] = await tx.query(QUIZ_GRADE_SQL, [quiz.id, staffId]);
    if (!g || g.grade === null) return;
    await this.learning.recordQuizScore(tx, actor, { staffId, itemId: item.id, percent: Number(g.grade), quizPassMark: Number(quiz.pass_mark) });
  }
}
