/**
 * Demo quiz: "Kiểm tra cuối khóa: Kỹ năng truyền thông số", timed (20 minutes), drawing its questions from the demo
 * question bank, linked to the final quiz item of the demo course KNS-TTS-01, with graded attempts by three of the
 * ward's part-time DT officers (enrolled in the course by its rule). The attempts go through the quiz engine's own
 * code: the seeded draw, the grader and the course item score (LearningService.recordQuizScore).
 */
import type { EntityManager } from 'typeorm';
import { nfc } from '../../common/text/vietnamese';
import { AuditService } from '../../modules/audit/audit.service';
import { LearningService } from '../../modules/courses/learning.service';
import { AttemptGrader } from '../../modules/quizzes/attempt-grader';
import { createAttempt } from '../../modules/quizzes/attempts.service';
import { rightAnswer } from '../../modules/quizzes/grading';
import { effectiveSettings, QUIZ_SELECT, type Row } from '../../modules/quizzes/quiz-common';
import type { DemoQuestionBank } from './question-seed';

export const DEMO_QUIZ_TITLE = 'Kiểm tra cuối khóa: Kỹ năng truyền thông số';

/** Who took the quiz, and the share of questions (in slot order) they answered right, per attempt. */
const TAKERS = [
  { attempts: [0.5, 0.9], essay: 'Thứ nhất, đăng thông báo lịch tiếp công dân trên trang Zalo OA của phường trong ngày. Thứ hai, trả lời phản ánh của người dân trong 24 giờ. Thứ ba, hướng dẫn người dân cài đặt VNeID tại bộ phận một cửa.' },
  { attempts: [0.85], essay: 'Đăng tin ngắn gọn theo nguyên tắc 5W1H, có hình ảnh minh họa và số điện thoại liên hệ của cán bộ phụ trách.' },
  { attempts: [0.45], essay: 'Cần kiểm tra thông tin trước khi đăng.' },
];

export async function seedQuiz(tx: EntityManager, wardId: string, bank: DemoQuestionBank, learnerStaffId: string | undefined): Promise<{ quizId: string } | null> {
  const [course] = await tx.query(`SELECT id FROM courses WHERE code = 'KNS-TTS-01'`);
  const [item] = course ? await tx.query(`SELECT id FROM course_items WHERE course_id = $1 AND type = 'quiz' AND is_final`, [course.id]) : [];
  if (!course || !item) return null;
  const [trainer] = await tx.query(`SELECT id, username FROM users WHERE username = 'trainer'`);

  const [{ id: quizId }] = await tx.query(
    `INSERT INTO quizzes (title, description, owner_unit_id, course_id, status, time_limit_minutes, max_attempts, attempt_delay_minutes, grading_method,
       pass_mark, shuffle_questions, shuffle_options, questions_per_page, navigation, review_score, review_correct, review_feedback, overdue,
       created_by, published_at)
     VALUES ($1, $2, $3, $4, 'published', 20, 3, 0, 'highest', 70, true, true, 5, 'free', 'immediately', 'immediately', 'immediately', 'autosubmit', $5, now())
     RETURNING id`,
    [nfc(DEMO_QUIZ_TITLE),
      '<p>Bài kiểm tra cuối khóa gồm 10 câu hỏi rút ngẫu nhiên từ ngân hàng câu hỏi Chuyển đổi số, làm trong <strong>20 phút</strong>. Đạt từ 70% trở lên để hoàn thành khóa học; được làm tối đa 3 lần, lấy điểm cao nhất.</p>',
      wardId, course.id, trainer?.id ?? null],
  );
  const slots = [
    { kind: 'random', category_id: bank.categoryIds.communication, include_subcategories: false, count: 4, mark: 1 },
    { kind: 'random', category_id: bank.categoryIds.security, include_subcategories: false, count: 3, mark: 1 },
    { kind: 'random', category_id: bank.categoryIds.skills, include_subcategories: true, count: 2, mark: 1 },
    { kind: 'random', category_id: bank.categoryIds.resolution, include_subcategories: false, count: 1, mark: 1 },
  ];
  await tx.query(
    `INSERT INTO quiz_slots (quiz_id, position, kind, category_id, include_subcategories, count, mark)
     SELECT $1, r.position, r.kind, r.category_id, r.include_subcategories, r.count, r.mark
       FROM jsonb_to_recordset($2::jsonb) AS r(position int, kind text, category_id uuid, include_subcategories boolean, count int, mark numeric)`,
    [quizId, JSON.stringify(slots.map((s, i) => ({ ...s, position: i + 1 })))],
  );
  // the course's final quiz item takes its score from this quiz
  await tx.query(`UPDATE course_items SET quiz_id = $1 WHERE id = $2`, [quizId, item.id]);

  // three part-time DT officers enrolled by the course rule (not the demo learner, whose own journey starts in the SPA)
  const people: Row[] = await tx.query(
    `SELECT s.id, e.id AS enrolment_id FROM staff_members s JOIN enrolments e ON e.staff_id = s.id AND e.course_id = $1
      WHERE s.dt_role = 'concurrent' AND s.status = 'active' AND s.id <> coalesce($2::uuid, '00000000-0000-0000-0000-000000000000')
      ORDER BY s.given_name COLLATE vi_vn, s.id OFFSET 1 LIMIT $3`,
    [course.id, learnerStaffId ?? null, TAKERS.length],
  );
  const audit = new AuditService(tx.dataSource);
  const grader = new AttemptGrader(new LearningService(tx.dataSource, audit), audit);
  const [quiz] = await tx.query(`${QUIZ_SELECT} WHERE z.id = $1`, [quizId]);
  const lessons: Row[] = await tx.query(`SELECT id FROM course_items WHERE course_id = $1 AND required AND id <> $2`, [course.id, item.id]);
  for (const [p, person] of people.entries()) {
    const taker = TAKERS[p];
    // the lessons before the final quiz are done (a sequential course)
    for (const l of lessons) {
      await tx.query(
        `INSERT INTO item_progress (enrolment_id, item_id, status, progress, completed_at) VALUES ($1, $2, 'completed', 100, now())
         ON CONFLICT (enrolment_id, item_id) DO UPDATE SET status = 'completed', progress = 100, completed_at = coalesce(item_progress.completed_at, now())`,
        [person.enrolment_id, l.id],
      );
    }
    await tx.query(`UPDATE enrolments SET status = 'in_progress', updated_at = now() WHERE id = $1 AND status = 'enrolled'`, [person.enrolment_id]);
    for (const [n, share] of taker.attempts.entries()) {
      const [{ now }] = await tx.query(`SELECT now() AS now`);
      const a = await createAttempt(tx, quiz, effectiveSettings(quiz, null), {
        staffId: person.id, userId: null, attemptNo: n + 1, now: new Date(now), seed: `demo-quiz-seed-${p}-${n}`,
      });
      const questions = await grader.questionsOf(tx, a.id);
      const gradable = questions.filter((q) => q.type !== 'description' && q.type !== 'essay');
      const right = Math.round(share * gradable.length);
      let seq = 1;
      for (const q of questions) {
        let response: unknown = null;
        if (q.type === 'essay') response = { text: `<p>${nfc(taker.essay)}</p>` };
        else if (gradable.indexOf(q) < right) response = rightAnswer({ type: q.k_type, data: q.k_data }, q.layout)?.response ?? null;
        if (response === null) continue;
        await tx.query(
          `INSERT INTO attempt_answers (attempt_id, slot, response, seq, saved_at) VALUES ($1, $2, $3, $4, now())`,
          [a.id, q.slot, JSON.stringify(response), seq++],
        );
      }
      await grader.finalise(tx, a, quiz, 'learner', null);
      // essays of the first takers are graded by the trainer; the last taker's stay in the grading queue
      const essays: Row[] = await tx.query(`SELECT aa.slot, aq.mark FROM attempt_answers aa JOIN attempt_questions aq USING (attempt_id, slot)
        WHERE aa.attempt_id = $1 AND aa.state = 'needs_grading' ORDER BY aa.slot`, [a.id]);
      if (essays.length && p < TAKERS.length - 1 && trainer) {
        const comment = nfc('Nêu được việc làm cụ thể, cần bổ sung thời hạn thực hiện.');
        for (const essay of essays) {
          const mark = Math.round(Number(essay.mark) * 0.8 * 100) / 100;
          const [before] = await tx.query(`SELECT * FROM quiz_attempts WHERE id = $1`, [a.id]);
          await tx.query(
            `UPDATE attempt_answers SET state = 'partial', fraction = 0.8, mark = $3, graded_by = $4, grader_comment = $5, graded_at = now()
              WHERE attempt_id = $1 AND slot = $2`,
            [a.id, essay.slot, mark, trainer.id, comment],
          );
          const r = await grader.rescore(tx, before, quiz);
          await tx.query(
            `INSERT INTO attempt_grade_history (attempt_id, slot, kind, old_mark, new_mark, old_score, new_score, old_percent, new_percent, comment, actor_id)
             VALUES ($1, $2, 'manual', NULL, $3, $4, $5, $6, $7, $8, $9)`,
            [a.id, essay.slot, mark, before.score, r.score, before.percent, r.percent, comment, trainer.id],
          );
          await audit.record(tx, { userId: trainer.id, username: trainer.username, ip: null, requestId: null }, {
            action: 'quiz.answer_graded', entityType: 'quiz_attempt', entityId: a.id, summary: `Chấm điểm câu ${essay.slot} bài làm lần ${n + 1} của bài kiểm tra: ${DEMO_QUIZ_TITLE}`,
            details: { quizId, staffId: person.id, slot: essay.slot, mark, comment, status: r.status, score: r.score },
          });
          if (r.status === 'graded') await grader.recordCourse(tx, quiz, person.id, null);
        }
      }
    }
  }
  return { quizId };
}
