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
import {
  addDays, COURSE_JSON, COURSE_SELECT, courseOutline, ENROLMENT_COLUMNS, ENROLMENT_FROM, ENROLMENT_SELECT, ITEMS_SQL, itemStates, Outline,
  OUTLINE_STAMP, preparedQuery, PROGRESS_JSON, ProgressRow, progressPercent, toCourseDto, toEnrolmentDto, toItemDto,
} from './course-common';
import { CatalogueQueryDto, CourseResponseDto, LearningCourseDto, MyLearningDto, PlayerDto, ProgressEventDto } from './courses.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const OPEN = ['enrolled', 'in_progress'];

/**
 * A person's ($1) training hours in a year ($2), for "My learning": training_hours = approved completions + attended hours
 * of standalone classes (attendance migration). Read in the same statement as the learner's enrolments.
 */
const MY_HOURS_SQL = `SELECT coalesce(sum(hours), 0)::float AS hours FROM training_hours WHERE staff_id = $1
         AND extract(year FROM at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $2`;

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

  /**
   * LEARNER_SELECT's columns without the progress subquery, plus the outline's stamp (the outline then comes from
   * memory: courseOutline) and, when asked, the enrolment's item progress (`progress_rows`, JSON) and its course
   * (`course_row`, COURSE_JSON): what a learning card or the player needs in one statement. `progress` is computed
   * afterwards (withProgress).
   */
  private learnerSql(opts: { progress?: boolean; course?: boolean } = {}) {
    return `SELECT ${ENROLMENT_COLUMNS}, c.min_progress_before_final, c.status AS course_status, ${OUTLINE_STAMP('e.course_id')} AS outline_stamp
        ${opts.progress ? `, ${PROGRESS_JSON} AS progress_rows` : ''}${opts.course ? `, ${COURSE_JSON} AS course_row` : ''}
      FROM ${ENROLMENT_FROM}`;
  }

  /** Item states of an enrolment (learnerSql row) and its `progress` percent, as ENROLMENT_SELECT computes it. */
  private withProgress(e: Row, outline: Outline, progress: Map<string, ProgressRow>) {
    e.progress = progressPercent(e.status, outline.items, progress);
    return itemStates({ sequential: e.sequential, min_progress_before_final: e.min_progress_before_final }, outline.items, progress, e.status);
  }

  private static progressMap(rows: ProgressRow[]) {
    return new Map<string, ProgressRow>(rows.map((p) => [p.item_id, p]));
  }

  async myLearning(actor: Actor, filter = 'all'): Promise<MyLearningDto> {
    // the learner's person, their hours this year and their enrolments (item progress included) in one statement;
    // outlines from memory
    const today = todayVn();
    const found: Row[] = await preparedQuery(this.dataSource.manager,
      `SELECT u.staff_id AS me, (${MY_HOURS_SQL.replace('$1', 'u.staff_id')}) AS hours_this_year, x.* FROM users u
         LEFT JOIN LATERAL (${this.learnerSql({ progress: true })} WHERE e.staff_id = u.staff_id AND c.status <> 'draft' AND e.status <> 'withdrawn') x ON true
        WHERE u.id = $1
        ORDER BY (x.status = 'completed'), x.due_date NULLS LAST, x.course_title COLLATE vi_vn, x.id`,
      [actor.userId, Number(today.slice(0, 4))],
    );
    const staffId: string | null = found[0]?.me ?? null;
    if (!staffId) return { items: [], hoursThisYear: 0 };
    const rows = found.filter((r) => r.id);
    const outlines = new Map<string, Outline>();
    for (const e of rows) if (!outlines.has(e.course_id)) outlines.set(e.course_id, await courseOutline(this.dataSource.manager, e.course_id, e.outline_stamp));
    let items = rows.map((e: Row) => {
      const states = this.withProgress(e, outlines.get(e.course_id) as Outline, LearningService.progressMap(e.progress_rows));
      return this.learningDto(e, states, today);
    });
    const keep: Record<string, (i: LearningCourseDto) => boolean> = {
      all: () => true,
      // a re-enrolment before a certificate expires is assigned, whoever enrolled the person the first time
      assigned: (i) => (i.source !== 'self' || i.cycle > 1) && OPEN.includes(i.status),
      in_progress: (i) => i.status === 'in_progress',
      due_soon: (i) => i.dueSoon,
      overdue: (i) => i.overdue,
      completed: (i) => i.status === 'completed',
    };
    items = items.filter(keep[filter] ?? keep.all);
    return { items, hoursThisYear: found[0].hours_this_year };
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

  /** The learner's enrolment in a course (learnerSql row with its course), 404 when none; `lock`: FOR UPDATE of the enrolment. */
  private async learnerEnrolment(q: EntityManager, actor: Actor, courseId: string, opts: { progress?: boolean; lock?: boolean }): Promise<Row> {
    const [e] = await preparedQuery(q,
      `${this.learnerSql({ progress: opts.progress, course: true })}
        WHERE e.staff_id = (SELECT staff_id FROM users WHERE id = $1) AND e.course_id = $2 AND c.status <> 'draft' AND e.status <> 'withdrawn'
        ${opts.lock ? 'FOR UPDATE OF e' : ''}`,
      [actor.userId, courseId],
    );
    if (!e) throw notFound();
    return e;
  }

  /** The Player of an enrolment (learnerSql row with `course_row`), its outline and its item progress. */
  private playerDto(e: Row, outline: Outline, progress: Map<string, ProgressRow>): PlayerDto {
    const states = this.withProgress(e, outline, progress);
    const enrolment = this.learningDto(e, states, todayVn());
    const stateOf = new Map(states.map((s) => [s.itemId, s]));
    return {
      enrolment,
      course: toCourseDto(e.course_row),
      sections: outline.sections.map((s) => ({
        id: s.id,
        title: s.title,
        items: outline.items.filter((i) => i.section_id === s.id)
          .map((i) => ({ ...toItemDto(i, outline.attachments), ...(stateOf.get(i.id) as ReturnType<typeof itemStates>[number]) })),
      })),
      resumeItemId: enrolment.nextItemId ?? states.find((s) => s.status !== 'locked')?.itemId ?? null,
    };
  }

  async player(actor: Actor, courseId: string): Promise<PlayerDto> {
    const e = await this.learnerEnrolment(this.dataSource.manager, actor, courseId, { progress: true });
    const outline = await courseOutline(this.dataSource.manager, courseId, e.outline_stamp);
    return this.playerDto(e, outline, LearningService.progressMap(e.progress_rows));
  }

  /**
   * A progress event. Reads the enrolment (locked: events of one learner run one after the other) with its course and
   * outline stamp, then its item progress; writes the item's progress (and 'in_progress') in one statement; on the last
   * required item records the course completion. The Player answered is built from what the transaction read and
   * wrote (the same answer as reading it all again): 4-8 statements instead of 17-20.
   */
  async progress(actor: Actor, courseId: string, itemId: string, dto: ProgressEventDto): Promise<PlayerDto> {
    return this.dataSource.transaction(async (tx) => {
      const e = await this.learnerEnrolment(tx, actor, courseId, { lock: true });
      if (e.status === 'exempted') throw new AppError(409, 'ENROLMENT_CLOSED');
      // read after the lock: a concurrent event of the same enrolment has committed by now
      const progressRows = await preparedQuery(tx,
        `SELECT item_id, status, progress, score, completed_at FROM item_progress WHERE enrolment_id = $1`, [e.id],
      ) as ProgressRow[];
      const outline = await courseOutline(tx, courseId, e.outline_stamp);
      const progressOf = LearningService.progressMap(progressRows);
      const states = itemStates({ sequential: e.sequential, min_progress_before_final: e.min_progress_before_final }, outline.items, progressOf, e.status);
      const idx = outline.items.findIndex((i) => i.id === itemId);
      if (idx < 0) throw notFound();
      const item = outline.items[idx];
      const state = states[idx];
      if (state.status === 'locked') throw new AppError(409, 'ITEM_LOCKED', {}, { itemId: { vi: state.lockReason === 'min_progress_before_final' ? 'Cần hoàn thành đủ các nội dung bắt buộc trước bài cuối khóa' : 'Cần hoàn thành nội dung bắt buộc trước đó', en: state.lockReason ?? 'locked' } });
      if (state.status === 'completed') return this.playerDto(e, outline, progressOf);

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
        // a quiz item linked to a quiz takes its score from graded attempts only (recordQuizScore)
        if (item.quiz_id && (dto.score !== undefined || dto.event === 'completed')) {
          throw fieldError('score', 'Điểm của bài kiểm tra này được ghi tự động khi bài làm được chấm', 'The score of this quiz item comes from its graded attempts');
        }
        if (dto.event === 'completed' && dto.score === undefined) throw fieldError('score', 'Cần có điểm bài kiểm tra', 'A score is required');
        if (dto.score !== undefined) score = Math.max(score ?? 0, dto.score);
        const need = item.min_score ?? e.course_row.pass_mark ?? 0;
        if (score !== null && score >= need) completed = true;
        progress = completed ? 100 : progress;
      } else {
        if (dto.event === 'completed' && dto.share === undefined) throw fieldError('share', 'Cần có tỷ lệ tham dự', 'An attendance share is required');
        if (dto.share !== undefined) progress = Math.max(progress, dto.share);
        if (dto.share !== undefined && progress >= (item.min_share ?? 100)) completed = true;
      }
      // the item's progress and, on the first event, the enrolment's 'in_progress': one statement
      const [written] = await preparedQuery(tx,
        `WITH p AS (
           INSERT INTO item_progress (enrolment_id, item_id, status, progress, score, completed_at)
           VALUES ($1, $2, $3::text, $4, $5, CASE WHEN $3::text = 'completed' THEN now() END)
           ON CONFLICT (enrolment_id, item_id) DO UPDATE SET status = EXCLUDED.status, progress = EXCLUDED.progress, score = EXCLUDED.score,
             completed_at = coalesce(item_progress.completed_at, EXCLUDED.completed_at), updated_at = now()
           RETURNING item_id, status, progress, score, completed_at)
         ${e.status === 'enrolled' ? `, u AS (UPDATE enrolments SET status = 'in_progress', updated_at = now() WHERE id = $1 RETURNING id)` : ''}
         SELECT * FROM p`,
        [e.id, itemId, completed ? 'completed' : 'in_progress', completed ? 100 : progress, score],
      );
      progressOf.set(itemId, written);
      if (e.status === 'enrolled') e.status = 'in_progress';
      if (completed) {
        await this.audit.record(tx, actor, {
          action: 'learning.item_completed', entityType: 'enrolment', entityId: e.id, summary: `Hoàn thành nội dung "${item.title}" của khóa học ${e.course_title}`,
          details: { courseId, itemId, score },
        });
        const required = outline.items.filter((i) => i.required);
        if (e.status !== 'completed' && required.length && required.every((i) => progressOf.get(i.id)?.status === 'completed')) {
          const done = await this.recordCompletion(tx, actor, e);
          // the answer shows the enrolment as the statements above left it: completed, counted in the course
          e.status = 'completed';
          e.completed_at = done.completedAt;
          e.course_row = { ...e.course_row, completed_count: e.course_row.completed_count + 1 };
        }
      }
      return this.playerDto(e, outline, progressOf);
    });
  }

  /**
   * A graded quiz attempt (quizzes module): records the learner's quiz grade (percent) on the course item linked to the
   * quiz, completes the item when it reaches the item's minScore (else the quiz pass mark), and the course when every
   * required item is complete. Same upsert and completion path as `progress`; a completed item is never undone.
   */
  async recordQuizScore(tx: EntityManager, actor: Actor | null, args: { staffId: string; itemId: string; percent: number; quizPassMark: number }): Promise<void> {
    const [e] = await tx.query(
      `${this.LEARNER_SELECT} WHERE e.staff_id = $1 AND e.course_id = (SELECT course_id FROM course_items WHERE id = $2)
         AND c.status <> 'draft' AND e.status NOT IN ('withdrawn','exempted') FOR UPDATE OF e`,
      [args.staffId, args.itemId],
    );
    if (!e) return;
    const [item] = await tx.query(`SELECT i.title, i.min_score, p.status AS progress_status FROM course_items i
      LEFT JOIN item_progress p ON p.item_id = i.id AND p.enrolment_id = $2 WHERE i.id = $1`, [args.itemId, e.id]);
    const score = Math.max(0, Math.min(100, Math.floor(args.percent + 1e-9)));
    const need = item.min_score ?? args.quizPassMark;
    const wasDone = item.progress_status === 'completed';
    const completed = wasDone || args.percent + 1e-9 >= need;
    await tx.query(
      `INSERT INTO item_progress (enrolment_id, item_id, status, progress, score, completed_at)
       VALUES ($1, $2, $3::text, $4, $5, CASE WHEN $3::text = 'completed' THEN now() END)
       ON CONFLICT (enrolment_id, item_id) DO UPDATE SET status = EXCLUDED.status, progress = EXCLUDED.progress, score = EXCLUDED.score,
         completed_at = coalesce(item_progress.completed_at, EXCLUDED.completed_at), updated_at = now()`,
      [e.id, args.itemId, completed ? 'completed' : 'in_progress', completed ? 100 : 0, score],
    );
    if (e.status === 'enrolled') await tx.query(`UPDATE enrolments SET status = 'in_progress', updated_at = now() WHERE id = $1`, [e.id]);
    if (completed && !wasDone) {
      await this.audit.record(tx, actor, {
        action: 'learning.item_completed', entityType: 'enrolment', entityId: e.id, summary: `Hoàn thành nội dung "${item.title}" của khóa học ${e.course_title}`,
        details: { courseId: e.course_id, itemId: args.itemId, score },
      });
      await this.completeIfDone(tx, actor as Actor, e);
    }
  }

  /**
   * Class attendance (attendance module): records a staff person's weighted attendance share (0-100) of a class on the
   * course's attendance item, completes the item when the share reaches the item's minShare (else `classMinShare`), and
   * the course when every required item is complete. Same upsert and completion path as `progress`; attendance is a fact,
   * so sequential locks do not hold it back; a completed item is never undone. Returns true when the item is complete.
   */
  async recordAttendanceShare(tx: EntityManager, actor: Actor | null, args: { staffId: string; itemId: string; share: number; classMinShare: number }): Promise<boolean> {
    const [e] = await tx.query(
      `${this.LEARNER_SELECT} WHERE e.staff_id = $1 AND e.course_id = (SELECT course_id FROM course_items WHERE id = $2)
         AND c.status <> 'draft' AND e.status NOT IN ('withdrawn','exempted') FOR UPDATE OF e`,
      [args.staffId, args.itemId],
    );
    if (!e) return false;
    const [item] = await tx.query(`SELECT i.title, i.min_share, p.status AS progress_status, p.progress FROM course_items i
      LEFT JOIN item_progress p ON p.item_id = i.id AND p.enrolment_id = $2 WHERE i.id = $1`, [args.itemId, e.id]);
    if (item.progress_status === 'completed') return true;
    const share = Math.max(0, Math.min(100, args.share));
    const completed = share + 1e-9 >= (item.min_share ?? args.classMinShare);
    const progress = Math.max(item.progress ?? 0, Math.floor(share + 1e-9));
    await tx.query(
      `INSERT INTO item_progress (enrolment_id, item_id, status, progress, completed_at)
       VALUES ($1, $2, $3::text, $4, CASE WHEN $3::text = 'completed' THEN now() END)
       ON CONFLICT (enrolment_id, item_id) DO UPDATE SET status = EXCLUDED.status, progress = EXCLUDED.progress,
         completed_at = coalesce(item_progress.completed_at, EXCLUDED.completed_at), updated_at = now()`,
      [e.id, args.itemId, completed ? 'completed' : 'in_progress', completed ? 100 : progress],
    );
    if (e.status === 'enrolled') await tx.query(`UPDATE enrolments SET status = 'in_progress', updated_at = now() WHERE id = $1`, [e.id]);
    if (completed) {
      await this.audit.record(tx, actor, {
        action: 'learning.item_completed', entityType: 'enrolment', entityId: e.id, summary: `Hoàn thành nội dung "${item.title}" của khóa học ${e.course_title}`,
        details: { courseId: e.course_id, itemId: args.itemId, attendanceShare: share },
      });
      await this.completeIfDone(tx, actor as Actor, e);
    }
    return completed;
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
    await this.recordCompletion(tx, actor, e);
  }

  /**
   * The course completion of enrolment `e` (every required item complete; the caller holds its lock): the enrolment
   * completed and the completion of its current cycle recorded once (hours, course version, cycle) in one statement,
   * audited when new. A re-enrolled person's earlier completions stay as they were: each cycle has its own.
   */
  private async recordCompletion(tx: EntityManager, actor: Actor, e: Row): Promise<{ completedAt: Date }> {
    const [row] = await preparedQuery(tx,
      `WITH u AS (UPDATE enrolments SET status = 'completed', completed_at = now(), updated_at = now() WHERE id = $3 RETURNING completed_at, cycle),
            k AS (INSERT INTO completions (staff_id, course_id, enrolment_id, course_version, completed_at, hours, rule, source, status, cycle)
                  SELECT $1, c.id, $3, c.version, now(), c.duration_hours, 'all_required_items', 'internal', 'approved', u.cycle FROM courses c, u WHERE c.id = $2
                  ON CONFLICT (enrolment_id, cycle) WHERE enrolment_id IS NOT NULL DO NOTHING RETURNING id, hours, course_version, cycle)
       SELECT (SELECT completed_at FROM u) AS completed_at, k.id, k.hours, k.course_version, k.cycle FROM (SELECT 1) one LEFT JOIN k ON true`,
      [e.staff_id, e.course_id, e.id],
    );
    if (row.id) {
      await this.audit.record(tx, actor, {
        action: 'course.completed', entityType: 'enrolment', entityId: e.id, summary: `${e.full_name} hoàn thành khóa học ${e.course_title}`,
        details: { courseId: e.course_id, staffId: e.staff_id, completionId: row.id, hours: Number(row.hours), courseVersion: row.course_version, cycle: row.cycle },
      });
    }
    return { completedAt: row.completed_at };
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
