import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, forbidden, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape } from '../../common/http/params';
import { todayVn } from '../../common/text/dates';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { addDays, COURSE_SELECT, ENROLMENT_SELECT, ITEMS_SQL, itemStates, ProgressRow, toCourseDto, toEnrolmentDto, toItemDto } from './course-common';
import { CatalogueQueryDto, CourseResponseDto, LearningCourseDto, MyLearningDto, PlayerDto, ProgressEventDto } from './courses.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const OPEN = ['enrolled', 'in_progress'];

@Injectable()
export class LearningService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  private async staffIdOf(actor: Actor, tx?: EntityManager): Promise<string | null> {
    const [u] = await (tx ?? this.dataSource.manager).query(`SELECT staff_id FROM users WHERE id = $1`, [actor.userId]);
    return u?.staff_id ?? null;
  }

  /** Items and progress of several enrolments, grouped, for learning cards and the player. */
  private async statesFor(tx: EntityManager, enrolments: Row[]) {
    if (!enrolments.length) return new Map<string, { items: Row[]; states: ReturnType<typeof itemStates> }>();
    const items: Row[] = await tx.query(ITEMS_SQL, [[...new Set(enrolments.map((e) => e.course_id))]]);
    const progress: Row[] = await tx.query(`SELECT * FROM item_progress WHERE enrolment_id = ANY($1::uuid[])`, [enrolments.map((e) => e.id)]);
    const out = new Map<string, { items: Row[]; states: ReturnType<typeof itemStates> }>();
    for (const e of enrolments) {
      const own = items.filter((i) => i.course_id === e.course_id);
      const p = new Map<string, ProgressRow>(progress.filter((x) => x.enrolment_id === e.id).map((x) => [x.item_id, x]));
      out.set(e.id, { items: own, states: itemStates({ sequential: e.sequential, min_progress_before_final: e.min_progress_before_final }, own, p, e.status) });
    }
    return out;
  }

  private learningDto(e: Row, states: ReturnType<typeof itemStates> | undefined, today: string): LearningCourseDto {
    const open = OPEN.includes(e.status);
    const next = states?.find((s) => s.status === 'in_progress' || s.status === 'not_started') ?? null;
    const due = e.due_date ? String(e.due_date) : null;
    return {
      ...toEnrolmentDto(e),
      durationHours: Number(e.duration_hours),
      sequential: e.sequential,
      nextItemId: open ? next?.itemId ?? null : null,
      overdue: open && !!due && due < today,
      dueSoon: open && !!due && due >= today && due <= addDays(today, 14),
    };
  }

  private readonly LEARNER_SELECT = ENROLMENT_SELECT.replace('SELECT e.*,', 'SELECT e.*, c.min_progress_before_final, c.status AS course_status,');

  async myLearning(actor: Actor, filter = 'all'): Promise<MyLearningDto> {
    const staffId = await this.staffIdOf(actor);
    if (!staffId) return { items: [], hoursThisYear: 0 };
    const rows = await this.dataSource.query(
      `${this.LEARNER_SELECT} WHERE e.staff_id = $1 AND c.status <> 'draft' AND e.status <> 'withdrawn'
        ORDER BY (e.status = 'completed'), e.due_date NULLS LAST, c.title COLLATE vi_vn, e.id`,
      [staffId],
    );
    const states = await this.statesFor(this.dataSource.manager, rows);
    const today = todayVn();
    let items = rows.map((e: Row) => this.learningDto(e, states.get(e.id)?.states, today));
    const keep: Record<string, (i: LearningCourseDto) => boolean> = {
      all: () => true,
      assigned: (i) => i.source !== 'self' && OPEN.includes(i.status),
      in_progress: (i) => i.status === 'in_progress',
      due_soon: (i) => i.dueSoon,
      overdue: (i) => i.overdue,
      completed: (i) => i.status === 'completed',
    };
    items = items.filter(keep[filter] ?? keep.all);
    const [{ hours }] = await this.dataSource.query(
      `SELECT coalesce(sum(hours), 0)::float AS hours FROM completions WHERE staff_id = $1 AND status = 'approved'
         AND extract(year FROM completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $2`,
      [staffId, Number(today.slice(0, 4))],
    );
    return { items, hoursThisYear: hours };
  }

  private async enrolmentOf(tx: EntityManager, actor: Actor, courseId: string, lock = false): Promise<Row> {
    const staffId = await this.staffIdOf(actor, tx);
    if (!staffId) throw notFound();
    const [e] = await tx.query(
      `${this.LEARNER_SELECT} WHERE e.staff_id = $1 AND e.course_id = $2 AND c.status <> 'draft' AND e.status <> 'withdrawn' ${lock ? 'FOR UPDATE OF e' : ''}`,
      [staffId, courseId],
    );
    if (!e) throw notFound();
    return e;
  }

  private async playerFor(tx: EntityManager, e: Row): Promise<PlayerDto> {
    const [course] = await tx.query(`${COURSE_SELECT} WHERE c.id = $1`, [e.course_id]);
    const st = (await this.statesFor(tx, [e])).get(e.id) as { items: Row[]; states: ReturnType<typeof itemStates> };
    const sections = await tx.query(`SELECT id, title FROM course_sections WHERE course_id = $1 ORDER BY position`, [e.course_id]);
    const enrolment = this.learningDto(e, st.states, todayVn());
    const stateOf = new Map(st.states.map((s) => [s.itemId, s]));
    return {
      enrolment,
      course: toCourseDto(course),
      sections: sections.map((s: Row) => ({
        id: s.id,
        title: s.title,
        items: st.items.filter((i) => i.section_id === s.id).map((i) => ({ ...toItemDto(i), ...(stateOf.get(i.id) as ReturnType<typeof itemStates>[number]) })),
      })),
      resumeItemId: enrolment.nextItemId ?? st.states.find((s) => s.status !== 'locked')?.itemId ?? null,
    };
  }

  async player(actor: Actor, courseId: string): Promise<PlayerDto> {
    const e = await this.enrolmentOf(this.dataSource.manager, actor, courseId);
    return this.playerFor(this.dataSource.manager, e);
  }

  async progress(actor: Actor, courseId: string, itemId: string, dto: ProgressEventDto): Promise<PlayerDto> {
    return this.dataSource.transaction(async (tx) => {
      const e = await this.enrolmentOf(tx, actor, courseId, true);
      if (e.status === 'exempted') throw new AppError(409, 'ENROLMENT_CLOSED');
      const st = (await this.statesFor(tx, [e])).get(e.id) as { items: Row[]; states: ReturnType<typeof itemStates> };
      const idx = st.items.findIndex((i) => i.id === itemId);
      if (idx < 0) throw notFound();
      const item = st.items[idx];
      const state = st.states[idx];
      if (state.status === 'locked') throw new AppError(409, 'ITEM_LOCKED', {}, { itemId: { vi: state.lockReason === 'min_progress_before_final' ? 'Cần hoàn thành đủ các nội dung bắt buộc trước bài cuối khóa' : 'Cần hoàn thành nội dung bắt buộc trước đó', en: state.lockReason ?? 'locked' } });
      if (state.status === 'completed') return this.playerFor(tx, await this.enrolmentOf(tx, actor, courseId));

      let progress = state.progress;
      let score = state.score;
      let completed = false;
      if (item.type === 'lesson') {
        const rule = item.completion_rule ?? 'opened_to_end';
        if (dto.share !== undefined) progress = Math.max(progress, dto.share);
        if (rule === 'video_share') {
          const need = item.video_share ?? 90;
          if (progress >= need) completed = true;
          else if (dto.event === 'completed') throw fieldError('share', `Cần xem ít nhất ${need}% video`, `Watch at least ${need}% of the video`);
        } else if (dto.event === 'completed') completed = true;
      } else if (item.type === 'quiz') {
        if (dto.event === 'completed' && dto.score === undefined) throw fieldError('score', 'Cần có điểm bài kiểm tra', 'A score is required');
        if (dto.score !== undefined) score = Math.max(score ?? 0, dto.score);
        const [c] = await tx.query(`SELECT pass_mark FROM courses WHERE id = $1`, [courseId]);
        const need = item.min_score ?? c.pass_mark ?? 0;
        if (score !== null && score >= need) completed = true;
        progress = completed ? 100 : progress;
      } else {
        if (dto.event === 'completed' && dto.share === undefined) throw fieldError('share', 'Cần có tỷ lệ tham dự', 'An attendance share is required');
        if (dto.share !== undefined) progress = Math.max(progress, dto.share);
        if (dto.share !== undefined && progress >= (item.min_share ?? 100)) completed = true;
      }
      await tx.query(
        `INSERT INTO item_progress (enrolment_id, item_id, status, progress, score, completed_at)
         VALUES ($1, $2, $3::text, $4, $5, CASE WHEN $3::text = 'completed' THEN now() END)
         ON CONFLICT (enrolment_id, item_id) DO UPDATE SET status = EXCLUDED.status, progress = EXCLUDED.progress, score = EXCLUDED.score,
           completed_at = coalesce(item_progress.completed_at, EXCLUDED.completed_at), updated_at = now()`,
        [e.id, itemId, completed ? 'completed' : 'in_progress', completed ? 100 : progress, score],
      );
      if (e.status === 'enrolled') await tx.query(`UPDATE enrolments SET status = 'in_progress', updated_at = now() WHERE id = $1`, [e.id]);
      if (completed) {
        await this.audit.record(tx, actor, {
          action: 'learning.item_completed', entityType: 'enrolment', entityId: e.id, summary: `Hoàn thành nội dung "${item.title}" của khóa học ${e.course_title}`,
          details: { courseId, itemId, score },
        });
        await this.completeIfDone(tx, actor, e);
      }
      return this.playerFor(tx, await this.enrolmentOf(tx, actor, courseId));
    });
  }

  /** Records the course completion once, when every required item is complete; it is never undone here. */
  private async completeIfDone(tx: EntityManager, actor: Actor, e: Row) {
    if (e.status === 'completed') return;
    const [{ total, done }] = await tx.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE p.status = 'completed')::int AS done
         FROM course_items i LEFT JOIN item_progress p ON p.item_id = i.id AND p.enrolment_id = $1 WHERE i.course_id = $2 AND i.required`,
      [e.id, e.course_id],
    );
    if (!total || done < total) return;
    await tx.query(`UPDATE enrolments SET status = 'completed', completed_at = now(), updated_at = now() WHERE id = $1`, [e.id]);
    const rows = await tx.query(
      `INSERT INTO completions (staff_id, course_id, enrolment_id, course_version, completed_at, hours, rule, source, status)
       SELECT $1, c.id, $3, c.version, now(), c.duration_hours, 'all_required_items', 'internal', 'approved' FROM courses c WHERE c.id = $2
       ON CONFLICT (enrolment_id) WHERE enrolment_id IS NOT NULL DO NOTHING RETURNING id, hours, course_version`,
      [e.staff_id, e.course_id, e.id],
    );
    if (rows.length) {
      await this.audit.record(tx, actor, {
        action: 'course.completed', entityType: 'enrolment', entityId: e.id, summary: `${e.full_name} hoàn thành khóa học ${e.course_title}`,
        details: { courseId: e.course_id, staffId: e.staff_id, completionId: rows[0].id, hours: Number(rows[0].hours), courseVersion: rows[0].course_version },
      });
    }
  }

  async catalogue(_actor: Actor, q: CatalogueQueryDto): Promise<Page<CourseResponseDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where = [`c.status = 'published'`, 'c.self_enrol'];
    if (q.q) for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) { params.push(`%${likeEscape(w)}%`); where.push(`c.search_text LIKE $${params.length}`); }
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM courses c ${whereSql}`, params);
    const rows = total ? await this.dataSource.query(`${COURSE_SELECT} ${whereSql} ORDER BY c.title COLLATE vi_vn, c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params) : [];
    return { items: rows.map(toCourseDto), total, page, pageSize };
  }

  async selfEnrol(actor: Actor, courseId: string, enrolKey: string | undefined): Promise<LearningCourseDto> {
    const staffId = await this.staffIdOf(actor);
    if (!staffId) throw forbidden();
    const [course] = await this.dataSource.query(`SELECT * FROM courses WHERE id = $1 AND status = 'published' AND self_enrol`, [courseId]);
    if (!course) throw notFound();
    if (course.enrol_key_hash && !(enrolKey && (await argon2.verify(course.enrol_key_hash, enrolKey).catch(() => false)))) {
      throw new AppError(403, 'WRONG_ENROL_KEY', {}, { enrolKey: { vi: 'Mã ghi danh không đúng', en: 'Wrong enrolment key' } });
    }
    return this.dataSource.transaction(async (tx) => {
      const ins = await tx.query(
        `INSERT INTO enrolments (course_id, staff_id, source, enrolled_by) VALUES ($1, $2, 'self', $3) ON CONFLICT (course_id, staff_id) DO NOTHING RETURNING id`,
        [courseId, staffId, actor.userId],
      );
      if (!ins.length) {
        // withdrawn earlier: enrolling oneself again reopens the enrolment
        await tx.query(`UPDATE enrolments SET status = 'enrolled', reason = NULL, updated_at = now() WHERE course_id = $1 AND staff_id = $2 AND status = 'withdrawn'`, [courseId, staffId]);
      }
      await this.audit.record(tx, actor, {
        action: 'course.self_enrolled', entityType: 'course', entityId: courseId, summary: `Tự ghi danh khóa học: ${course.title}`, details: { staffId },
      });
      const e = await this.enrolmentOf(tx, actor, courseId);
      const st = await this.statesFor(tx, [e]);
      return this.learningDto(e, st.get(e.id)?.states, todayVn());
    });
  }
}
