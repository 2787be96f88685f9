/**
 * Course outline ↔ quiz: a quiz item may name the quiz whose graded attempts score it (course_items.quiz_id).
 * Called by CoursesService.saveOutline inside its transaction, before anything is written.
 */
import type { EntityManager } from 'typeorm';
import type { OrgAccessService } from '../../common/access/org-access.service';
import type { Actor } from '../../common/auth/permissions';
import { fieldError } from '../../common/errors/app-error';

type OutlineSections = { items: { type: string; quizId?: string | null }[] }[];

/** Every quizId exists, is in the caller's scope, belongs to no other course, and is used by one item only. */
export async function checkQuizLinks(tx: EntityManager, access: OrgAccessService, actor: Actor, courseId: string, sections: OutlineSections): Promise<void> {
  const refs: { field: string; quizId: string }[] = [];
  sections.forEach((s, si) => s.items.forEach((it, ii) => {
    const field = `sections.${si}.items.${ii}.quizId`;
    if (it.quizId && it.type !== 'quiz') throw fieldError(field, 'Chỉ nội dung loại bài kiểm tra mới gắn được với bài kiểm tra', 'Only a quiz item can be linked to a quiz');
    if (it.quizId) refs.push({ field, quizId: it.quizId });
  }));
  if (!refs.length) return;
  const seen = new Set<string>();
  for (const r of refs) {
    if (seen.has(r.quizId)) throw fieldError(r.field, 'Một bài kiểm tra chỉ gắn với một nội dung', 'A quiz can be linked to one item only');
    seen.add(r.quizId);
  }
  const rows: { id: string; owner_unit_id: string; course_id: string | null; other_course: string | null }[] = await tx.query(
    `SELECT z.id, z.owner_unit_id, z.course_id,
            (SELECT ci.course_id FROM course_items ci WHERE ci.quiz_id = z.id AND ci.course_id <> $2 LIMIT 1) AS other_course
       FROM quizzes z WHERE z.id = ANY($1::uuid[])`,
    [[...seen], courseId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const scope = await access.scopeUnitIds(actor, tx);
  for (const r of refs) {
    const q = byId.get(r.quizId);
    if (!q || (scope !== null && !scope.includes(q.owner_unit_id))) {
      throw fieldError(r.field, 'Bài kiểm tra không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown quiz or outside your scope');
    }
    if ((q.course_id && q.course_id !== courseId) || q.other_course) {
      throw fieldError(r.field, 'Bài kiểm tra này thuộc khóa học khác', 'This quiz belongs to another course');
    }
  }
}
