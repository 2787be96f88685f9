import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import type { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import type { Page } from '../../common/http/dto';
import { likeEscape } from '../../common/http/params';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { sanitizeHtml } from '../courses/sanitize';
import { contentDisposition, exportQuestionVersions, type ExportFile, type QuestionExportFormat } from '../questions/question-export';
import { AttemptGrader } from './attempt-grader';
import {
  deadlineFor, drawRandom, effectiveSettings, iso, num, QUIZ_SELECT, randomPools, round, toQuizDto, type RandomSlotSpec, type Row,
} from './quiz-common';
import type {
  AttemptRowDto, CreateQuizDto, GradingQueueItemDto, ListAttemptsQueryDto, ListQuizzesQueryDto, ManualGradeDto, ManualGradeResultDto, OverrideDto,
  OverrideInputDto, OverrideListDto, QuizDto, QuizStatisticsDto, RegradeDto, RegradeResultDto, SaveSlotsDto, SlotDto, SlotsDto, UpdateQuizDto,
} from './quizzes.dto';
import type { PageQueryDto } from '../../common/http/dto';

/** DTO field → column, for the quiz settings. */
const SETTINGS: [keyof UpdateQuizDto, string][] = [
  ['title', 'title'], ['description', 'description'], ['ownerUnitId', 'owner_unit_id'], ['courseId', 'course_id'], ['openAt', 'open_at'],
  ['closeAt', 'close_at'], ['timeLimitMinutes', 'time_limit_minutes'], ['maxAttempts', 'max_attempts'], ['attemptDelayMinutes', 'attempt_delay_minutes'],
  ['gradingMethod', 'grading_method'], ['passMark', 'pass_mark'], ['shuffleQuestions', 'shuffle_questions'], ['shuffleOptions', 'shuffle_options'],
  ['questionsPerPage', 'questions_per_page'], ['navigation', 'navigation'], ['overdue', 'overdue'], ['graceMinutes', 'grace_minutes'],
];

/** Settings that move the deadline of attempts in progress. */
const DEADLINE_COLUMNS = ['close_at', 'time_limit_minutes', 'overdue', 'grace_minutes'];

/**
 * The trainer side: quiz settings, slots (fixed questions and random draws checked against the bank), publishing,
 * per-person overrides, the attempts list, the essay grading queue and manual grades, regrades with history,
 * statistics computed in SQL, and the export of the fixed questions.
 */
@Injectable()
export class QuizzesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly grader: AttemptGrader,
  ) {}

  /** The quiz when its owner unit is in the caller's scope, else 404. */
  async loadQuiz(actor: Actor, id: string, tx?: EntityManager, lock = false): Promise<Row> {
    const [row] = await (tx ?? this.dataSource.manager).query(`${QUIZ_SELECT} WHERE z.id = $1 ${lock ? 'FOR UPDATE OF z' : ''}`, [id]);
    if (!row || !(await this.access.inScope(actor, row.owner_unit_id, tx))) throw notFound();
    return row;
  }

  async list(actor: Actor, q: ListQuizzesQueryDto): Promise<Page<QuizDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, v: unknown) => { params.push(v); where.push(sql(`$${params.length}`)); };
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) add((p) => `z.owner_unit_id = ANY(${p}::uuid[])`, scope);
    if (q.courseId) add((p) => `(z.course_id = ${p} OR ci.course_id = ${p})`, q.courseId);
    if (q.status) add((p) => `z.status = ${p}`, q.status);
    if (q.q) for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) add((p) => `z.search_text LIKE ${p}`, `%${likeEscape(w)}%`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM quizzes z LEFT JOIN course_items ci ON ci.quiz_id = z.id ${whereSql}`, params,
    );
    const rows = total
      ? await this.dataSource.query(`${QUIZ_SELECT} ${whereSql} ORDER BY z.updated_at DESC, z.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params)
      : [];
    return { items: rows.map(toQuizDto), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<QuizDto> {
    return toQuizDto(await this.loadQuiz(actor, id));
  }

  private async checkRefs(actor: Actor, tx: EntityManager, dto: UpdateQuizDto) {
    if (dto.ownerUnitId !== undefined) {
      const [unit] = await tx.query(`SELECT id FROM org_units WHERE id = $1`, [dto.ownerUnitId]);
      if (!unit || !(await this.access.inScope(actor, dto.ownerUnitId, tx))) {
        throw fieldError('ownerUnitId', 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown unit or outside your scope');
      }
    }
    if (dto.courseId) {
      const [c] = await tx.query(`SELECT owner_unit_id FROM courses WHERE id = $1`, [dto.courseId]);
      if (!c || !(await this.access.inScope(actor, c.owner_unit_id, tx))) {
        throw fieldError('courseId', 'Khóa học không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown course or outside your scope');
      }
    }
  }

  /** Column values from the DTO (undefined = unchanged), with the cross-field rules checked on the merged result. */
  private columns(dto: UpdateQuizDto, current: Row | null): Record<string, unknown> {
    const cols: Record<string, unknown> = {};
    for (const [k, c] of SETTINGS) {
      const v = dto[k];
      if (v === undefined) continue;
      if (k === 'title') cols[c] = String(v).trim();
      else if (k === 'description') cols[c] = sanitizeHtml(String(v));
      else if (k === 'openAt' || k === 'closeAt') cols[c] = v === null ? null : new Date(String(v));
      else cols[c] = v;
    }
    if (dto.review) {
      cols.review_score = dto.review.score;
      cols.review_correct = dto.review.correctAnswers;
      cols.review_feedback = dto.review.feedback;
    }
    const merged = { ...(current ?? {}), ...cols } as Row;
    const open = merged.open_at ? new Date(merged.open_at) : null;
    const close = merged.close_at ? new Date(merged.close_at) : null;
    if (open && close && close <= open) throw fieldError('closeAt', 'Thời điểm đóng phải sau thời điểm mở', 'The close date must be after the open date');
    if ((merged.overdue ?? 'autosubmit') === 'grace' && !(merged.grace_minutes > 0)) {
      throw fieldError('graceMinutes', 'Cần thời gian ân hạn (phút) khi chọn cho phép nộp trễ', 'A grace period (minutes) is needed for the grace rule');
    }
    return cols;
  }

  async create(actor: Actor, dto: CreateQuizDto): Promise<QuizDto> {
    return this.dataSource.transaction(async (tx) => {
      await this.checkRefs(actor, tx, dto);
      const cols = { ...this.columns(dto, null), created_by: actor.userId };
      const names = Object.keys(cols);
      const [{ id }] = await tx.query(
        `INSERT INTO quizzes (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        Object.values(cols),
      );
      await this.audit.record(tx, actor, {
        action: 'quiz.created', entityType: 'quiz', entityId: id, summary: `Tạo bài kiểm tra: ${dto.title.trim()}`,
        details: { ownerUnitId: dto.ownerUnitId, courseId: dto.courseId ?? null },
      });
      return toQuizDto(await this.loadQuiz(actor, id, tx));
    });
  }

  async update(actor: Actor, id: string, dto: UpdateQuizDto): Promise<QuizDto> {
    return this.dataSource.transaction(async (tx) => {
      const quiz = await this.loadQuiz(actor, id, tx, true);
      await this.checkRefs(actor, tx, dto);
      if (dto.courseId && quiz.course_item_id && dto.courseId !== quiz.item_course_id) {
        throw fieldError('courseId', 'Bài kiểm tra đang gắn với nội dung của một khóa học khác', 'The quiz is linked to an item of another course');
      }
      const cols = this.columns(dto, quiz);
      const names = Object.keys(cols);
      if (names.length) {
        await tx.query(
          `UPDATE quizzes SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
          [id, ...Object.values(cols)],
        );
        await this.audit.record(tx, actor, {
          action: 'quiz.updated', entityType: 'quiz', entityId: id, summary: `Sửa bài kiểm tra: ${cols.title ?? quiz.title}`, details: { fields: names },
        });
        if (names.some((n) => DEADLINE_COLUMNS.includes(n))) await this.recomputeDeadlines(tx, id, null);
      }
      return toQuizDto(await this.loadQuiz(actor, id, tx));
    });
  }

  /** Attempts in progress get the deadline their person's settings give now (a close date moved, an override added). */
  private async recomputeDeadlines(tx: EntityManager, quizId: string, staffId: string | null): Promise<void> {
    const [quiz] = await tx.query(`SELECT * FROM quizzes WHERE id = $1`, [quizId]);
    const open: Row[] = await tx.query(
      `SELECT a.id, a.started_at, o.open_at, o.close_at, o.extra_minutes, o.extra_attempts
         FROM quiz_attempts a LEFT JOIN quiz_overrides o ON o.quiz_id = a.quiz_id AND o.staff_id = a.staff_id
        WHERE a.quiz_id = $1 AND a.status = 'in_progress' AND ($2::uuid IS NULL OR a.staff_id = $2::uuid) FOR UPDATE OF a`,
      [quizId, staffId],
    );
    for (const a of open) {
      const { deadlineAt, cutoffAt } = deadlineFor(new Date(a.started_at), quiz, effectiveSettings(quiz, a));
      await tx.query(`UPDATE quiz_attempts SET deadline_at = $2, cutoff_at = $3 WHERE id = $1`, [a.id, deadlineAt, cutoffAt]);
    }
  }

  // ---------------------------------------------------------------------------------------- slots

  private async slotsOf(tx: EntityManager, quizId: string): Promise<SlotDto[]> {
    const rows: Row[] = await tx.query(
      `SELECT s.*, q.title AS q_title, q.type AS q_type, q.current_version AS q_version, c.name AS category_name
         FROM quiz_slots s LEFT JOIN questions q ON q.id = s.question_id LEFT JOIN question_categories c ON c.id = s.category_id
        WHERE s.quiz_id = $1 ORDER BY s.position`,
      [quizId],
    );
    const specs = rows.filter((s) => s.kind === 'random').map((s) => ({ key: s.id, categoryId: s.category_id, includeSubcategories: s.include_subcategories, tag: s.tag, count: s.count }));
    const pools = await randomPools(tx, specs);
    const fixed = new Set(rows.filter((s) => s.kind === 'fixed').map((s) => s.question_id));
    return rows.map((s): SlotDto => (s.kind === 'fixed'
      ? { id: s.id, position: s.position, kind: 'fixed', mark: Number(s.mark), questionId: s.question_id, question: { title: s.q_title, type: s.q_type, version: s.q_version } }
      : {
        id: s.id, position: s.position, kind: 'random', mark: Number(s.mark), categoryId: s.category_id, categoryName: s.category_name,
        includeSubcategories: s.include_subcategories, tag: s.tag, count: s.count,
        available: (pools.get(s.id) ?? []).filter((q) => !fixed.has(q)).length,
      }));
  }

  async slots(actor: Actor, id: string): Promise<SlotsDto> {
    await this.loadQuiz(actor, id);
    return { slots: await this.slotsOf(this.dataSource.manager, id) };
  }

  /** The slots are valid now: questions and categories exist in the caller's scope, and every random draw can be filled. */
  private async checkSlots(actor: Actor, tx: EntityManager, dto: SaveSlotsDto) {
    const scope = await this.access.scopeUnitIds(actor, tx);
    const inScope = (unit: string) => scope === null || scope.includes(unit);
    const questionIds = dto.slots.filter((s) => s.questionId).map((s) => s.questionId as string);
    const categoryIds = dto.slots.filter((s) => s.categoryId).map((s) => s.categoryId as string);
    const questions = new Map<string, Row>((await tx.query(
      `SELECT q.id, q.deleted_at, q.type, b.owner_unit_id, v.default_mark FROM questions q JOIN question_banks b ON b.id = q.bank_id
         JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version WHERE q.id = ANY($1::uuid[])`,
      [questionIds],
    )).map((r: Row) => [r.id, r]));
    const categories = new Map<string, Row>((await tx.query(
      `SELECT c.id, b.owner_unit_id FROM question_categories c JOIN question_banks b ON b.id = c.bank_id WHERE c.id = ANY($1::uuid[])`,
      [categoryIds],
    )).map((r: Row) => [r.id, r]));
    const seen = new Set<string>();
    const specs: (RandomSlotSpec & { index: number })[] = [];
    const rows = dto.slots.map((s, i) => {
      const f = (name: string) => `slots.${i}.${name}`;
      if (s.kind === 'fixed') {
        if (!s.questionId) throw fieldError(f('questionId'), 'Cần chọn câu hỏi', 'A question is required');
        if (s.categoryId || s.tag || s.count !== undefined || s.includeSubcategories !== undefined) {
          throw fieldError(f('kind'), 'Câu hỏi cố định không có danh mục, thẻ hay số lượng rút', 'A fixed slot takes no category, tag or count');
        }
        const q = questions.get(s.questionId);
        if (!q || !inScope(q.owner_unit_id)) throw fieldError(f('questionId'), 'Câu hỏi không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown question or outside your scope');
        if (q.deleted_at) throw fieldError(f('questionId'), 'Câu hỏi đã bị xóa', 'This question was deleted');
        if (seen.has(s.questionId)) throw fieldError(f('questionId'), 'Câu hỏi đã có trong bài kiểm tra', 'This question is already in the quiz');
        seen.add(s.questionId);
        return { kind: 'fixed', question_id: s.questionId, category_id: null, include_subcategories: false, tag: null, count: 1, mark: s.mark ?? Number(q.default_mark) };
      }
      if (!s.categoryId) throw fieldError(f('categoryId'), 'Cần chọn danh mục để rút câu hỏi', 'A category is required');
      if (s.questionId) throw fieldError(f('questionId'), 'Câu hỏi ngẫu nhiên không chọn câu hỏi cụ thể', 'A random slot takes no question');
      const c = categories.get(s.categoryId);
      if (!c || !inScope(c.owner_unit_id)) throw fieldError(f('categoryId'), 'Danh mục không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown category or outside your scope');
      const count = s.count ?? 1;
      specs.push({ index: i, key: String(i), categoryId: s.categoryId, includeSubcategories: s.includeSubcategories ?? false, tag: s.tag?.trim() || null, count });
      return { kind: 'random', question_id: null, category_id: s.categoryId, include_subcategories: s.includeSubcategories ?? false, tag: s.tag?.trim() || null, count, mark: s.mark ?? 1 };
    });
    const pools = await randomPools(tx, specs);
    const r = drawRandom(specs, pools, seen, null);
    if (!r.ok) {
      const s = specs.find((x) => x.key === r.key) as RandomSlotSpec & { index: number };
      throw fieldError(`slots.${s.index}.count`, `Chỉ còn ${r.available} câu hỏi phù hợp để rút ${s.count} câu`, `Only ${r.available} matching questions are left to draw ${s.count}`);
    }
    return rows;
  }

  async saveSlots(actor: Actor, id: string, dto: SaveSlotsDto): Promise<SlotsDto> {
    return this.dataSource.transaction(async (tx) => {
      const quiz = await this.loadQuiz(actor, id, tx, true);
      if (quiz.attempt_count > 0) throw new AppError(409, 'QUIZ_HAS_ATTEMPTS');
      const rows = await this.checkSlots(actor, tx, dto);
      await tx.query(`DELETE FROM quiz_slots WHERE quiz_id = $1`, [id]);
      if (rows.length) {
        await tx.query(
          `INSERT INTO quiz_slots (quiz_id, position, kind, question_id, category_id, include_subcategories, tag, count, mark)
           SELECT $1, r.position, r.kind, r.question_id, r.category_id, r.include_subcategories, r.tag, r.count, r.mark
             FROM jsonb_to_recordset($2::jsonb) AS r(position int, kind text, question_id uuid, category_id uuid, include_subcategories boolean, tag text, count int, mark numeric)`,
          [id, JSON.stringify(rows.map((r, i) => ({ ...r, position: i + 1 })))],
        );
      }
      await tx.query(`UPDATE quizzes SET updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, {
        action: 'quiz.slots_saved', entityType: 'quiz', entityId: id, summary: `Lưu danh sách câu hỏi của bài kiểm tra: ${quiz.title}`,
        details: { slots: rows.length, fixed: rows.filter((r) => r.kind === 'fixed').length, random: rows.filter((r) => r.kind === 'random').length },
      });
      return { slots: await this.slotsOf(tx, id) };
    });
  }

  async publish(actor: Actor, id: string): Promise<QuizDto> {
    return this.dataSource.transaction(async (tx) => {
      const quiz = await this.loadQuiz(actor, id, tx, true);
      const slots = await this.slotsOf(tx, id);
      if (!slots.length) throw fieldError('slots', 'Bài kiểm tra cần ít nhất một câu hỏi', 'The quiz needs at least one question');
      if (!(Number(quiz.total_marks) > 0)) throw fieldError('slots', 'Tổng điểm của bài kiểm tra phải lớn hơn 0', 'The quiz must be worth more than 0 marks');
      const [deleted] = await tx.query(
        `SELECT s.position FROM quiz_slots s JOIN questions q ON q.id = s.question_id WHERE s.quiz_id = $1 AND q.deleted_at IS NOT NULL ORDER BY s.position LIMIT 1`, [id],
      );
      if (deleted) throw fieldError(`slots.${deleted.position - 1}.questionId`, 'Câu hỏi đã bị xóa', 'This question was deleted');
      const specs = slots.filter((s) => s.kind === 'random').map((s) => ({ key: s.id, categoryId: s.categoryId as string, includeSubcategories: !!s.includeSubcategories, tag: s.tag ?? null, count: s.count as number }));
      const r = drawRandom(specs, await randomPools(tx, specs), new Set(slots.filter((s) => s.kind === 'fixed').map((s) => s.questionId as string)), null);
      if (!r.ok) {
        const s = slots.find((x) => x.id === r.key) as SlotDto;
        throw fieldError(`slots.${s.position - 1}.count`, `Chỉ còn ${r.available} câu hỏi phù hợp để rút ${s.count} câu`, `Only ${r.available} matching questions are left to draw ${s.count}`);
      }
      if (quiz.status !== 'published') {
        await tx.query(`UPDATE quizzes SET status = 'published', published_at = coalesce(published_at, now()), updated_at = now() WHERE id = $1`, [id]);
        await this.audit.record(tx, actor, { action: 'quiz.published', entityType: 'quiz', entityId: id, summary: `Xuất bản bài kiểm tra: ${quiz.title}`, details: {} });
      }
      return toQuizDto(await this.loadQuiz(actor, id, tx));
    });
  }

  // ---------------------------------------------------------------------------------------- overrides

  private toOverrideDto = (r: Row): OverrideDto => ({
    id: r.id, quizId: r.quiz_id, staffId: r.staff_id, fullName: r.full_name, unitName: r.unit_name, openAt: iso(r.open_at), closeAt: iso(r.close_at),
    extraMinutes: r.extra_minutes, extraAttempts: r.extra_attempts,
  });

  private readonly OVERRIDE_SELECT = `SELECT o.*, s.full_name, u.name AS unit_name FROM quiz_overrides o
    JOIN staff_members s ON s.id = o.staff_id JOIN org_units u ON u.id = s.unit_id`;

  async overrides(actor: Actor, id: string): Promise<OverrideListDto> {
    await this.loadQuiz(actor, id);
    const rows = await this.dataSource.query(`${this.OVERRIDE_SELECT} WHERE o.quiz_id = $1 ORDER BY s.given_name COLLATE vi_vn, s.family_name COLLATE vi_vn, s.middle_name COLLATE vi_vn, o.id`, [id]);
    return { items: rows.map(this.toOverrideDto) };
  }

  /** Sets (or replaces) one person's override; their attempt in progress gets the new deadline. */
  async setOverride(actor: Actor, id: string, dto: OverrideInputDto): Promise<OverrideDto> {
    return this.dataSource.transaction(async (tx) => {
      const quiz = await this.loadQuiz(actor, id, tx, true);
      const [person] = await tx.query(`SELECT id, unit_id, full_name FROM staff_members WHERE id = $1`, [dto.staffId]);
      if (!person || !(await this.access.inScope(actor, person.unit_id, tx))) {
        throw fieldError('staffId', 'Người này không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown person or outside your scope');
      }
      const openAt = dto.openAt ? new Date(dto.openAt) : null;
      const closeAt = dto.closeAt ? new Date(dto.closeAt) : null;
      if (openAt && closeAt && closeAt <= openAt) throw fieldError('closeAt', 'Thời điểm đóng phải sau thời điểm mở', 'The close date must be after the open date');
      if (!openAt && !closeAt && !dto.extraMinutes && !dto.extraAttempts) {
        throw fieldError('extraMinutes', 'Cần ít nhất một thay đổi: ngày mở, ngày đóng, thêm thời gian hoặc thêm lượt', 'Set at least one of openAt, closeAt, extraMinutes, extraAttempts');
      }
      const [row] = await tx.query(
        `INSERT INTO quiz_overrides (quiz_id, staff_id, open_at, close_at, extra_minutes, extra_attempts, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (quiz_id, staff_id) DO UPDATE SET open_at = EXCLUDED.open_at, close_at = EXCLUDED.close_at, extra_minutes = EXCLUDED.extra_minutes,
           extra_attempts = EXCLUDED.extra_attempts, updated_at = now()
         RETURNING id`,
        [id, dto.staffId, openAt, closeAt, dto.extraMinutes ?? null, dto.extraAttempts ?? null, actor.userId],
      );
      await this.recomputeDeadlines(tx, id, dto.staffId);
      await this.audit.record(tx, actor, {
        action: 'quiz.override_set', entityType: 'quiz', entityId: id, summary: `Đặt điều kiện riêng cho ${person.full_name} ở bài kiểm tra: ${quiz.title}`,
        details: { staffId: dto.staffId, openAt: iso(openAt), closeAt: iso(closeAt), extraMinutes: dto.extraMinutes ?? null, extraAttempts: dto.extraAttempts ?? null },
      });
      const [out] = await tx.query(`${this.OVERRIDE_SELECT} WHERE o.id = $1`, [row.id]);
      return this.toOverrideDto(out);
    });
  }

  async deleteOverride(actor: Actor, overrideId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [o] = await tx.query(`${this.OVERRIDE_SELECT} WHERE o.id = $1`, [overrideId]);
      if (!o) throw notFound();
      const quiz = await this.loadQuiz(actor, o.quiz_id, tx, true);
      await tx.query(`DELETE FROM quiz_overrides WHERE id = $1`, [overrideId]);
      await this.recomputeDeadlines(tx, o.quiz_id, o.staff_id);
      await this.audit.record(tx, actor, {
        action: 'quiz.override_deleted', entityType: 'quiz', entityId: o.quiz_id, summary: `Bỏ điều kiện riêng của ${o.full_name} ở bài kiểm tra: ${quiz.title}`,
        details: { staffId: o.staff_id },
      });
    });
  }

  // ---------------------------------------------------------------------------------------- attempts, grading

  async attempts(actor: Actor, id: string, q: ListAttemptsQueryDto): Promise<Page<AttemptRowDto>> {
    await this.loadQuiz(actor, id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [id];
    const where = ['a.quiz_id = $1'];
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) { params.push(scope); where.push(`s.unit_id = ANY($${params.length}::uuid[])`); }
    if (q.status) { params.push(q.status); where.push(`a.status = $${params.length}`); }
    if (q.needsGrading) where.push(`a.status = 'needs_grading'`);
    const from = `FROM quiz_attempts a JOIN staff_members s ON s.id = a.staff_id JOIN org_units u ON u.id = s.unit_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: Row[] = total ? await this.dataSource.query(
      `SELECT a.*, s.full_name, u.name AS unit_name,
              (SELECT count(*)::int FROM attempt_answers x WHERE x.attempt_id = a.id AND x.state = 'needs_grading') AS to_grade
         ${from} ORDER BY a.started_at DESC, a.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ) : [];
    return {
      items: rows.map((a) => ({
        id: a.id, quizId: a.quiz_id, staffId: a.staff_id, fullName: a.full_name, unitName: a.unit_name, attemptNo: a.attempt_no, status: a.status,
        counted: a.counted, startedAt: new Date(a.started_at).toISOString(), deadlineAt: iso(a.deadline_at), submittedAt: iso(a.submitted_at),
        finishedBy: a.finished_by, score: num(a.score), maxScore: Number(a.max_score), percent: num(a.percent), passed: a.passed, toGrade: a.to_grade,
      })),
      total, page, pageSize,
    };
  }

  async gradingQueue(actor: Actor, id: string, q: PageQueryDto): Promise<Page<GradingQueueItemDto>> {
    await this.loadQuiz(actor, id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [id];
    let scopeSql = '';
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) { params.push(scope); scopeSql = `AND s.unit_id = ANY($2::uuid[])`; }
    const from = `FROM attempt_answers x JOIN quiz_attempts a ON a.id = x.attempt_id JOIN staff_members s ON s.id = a.staff_id
      JOIN attempt_questions aq ON aq.attempt_id = x.attempt_id AND aq.slot = x.slot JOIN question_versions v ON v.id = aq.question_version_id
      WHERE a.quiz_id = $1 AND a.status IN ('needs_grading','graded','submitted') AND x.state = 'needs_grading' ${scopeSql}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: Row[] = total ? await this.dataSource.query(
      `SELECT x.attempt_id, x.slot, x.response, a.staff_id, s.full_name, aq.question_id, v.title, v.text, aq.mark, a.submitted_at
         ${from} ORDER BY a.submitted_at, x.attempt_id, x.slot LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ) : [];
    return {
      items: rows.map((r) => ({
        attemptId: r.attempt_id, slot: r.slot, staffId: r.staff_id, fullName: r.full_name, questionId: r.question_id, questionTitle: r.title,
        questionText: r.text, response: r.response, maxMark: Number(r.mark), submittedAt: iso(r.submitted_at),
      })),
      total, page, pageSize,
    };
  }

  /** The attempt (locked) when its quiz is in the caller's scope, else 404. */
  private async attemptForStaff(actor: Actor, tx: EntityManager, attemptId: string) {
    const [a] = await tx.query(`SELECT * FROM quiz_attempts WHERE id = $1 FOR UPDATE`, [attemptId]);
    if (!a) throw notFound();
    const quiz = await this.loadQuiz(actor, a.quiz_id, tx);
    return { a, quiz };
  }

  /** A grader's mark (essays, or an override of any automatic mark); the attempt is re-scored; audited with history. */
  async grade(actor: Actor, attemptId: string, slot: number, dto: ManualGradeDto): Promise<ManualGradeResultDto> {
    return this.dataSource.transaction(async (tx) => {
      const { a, quiz } = await this.attemptForStaff(actor, tx, attemptId);
      if (a.status === 'in_progress') throw new AppError(409, 'ATTEMPT_IN_PROGRESS');
      const [q] = await tx.query(`SELECT * FROM attempt_questions WHERE attempt_id = $1 AND slot = $2`, [attemptId, slot]);
      if (!q) throw fieldError('slot', 'Câu hỏi này không có trong bài làm', 'This question is not part of the attempt');
      if (q.type === 'description') throw fieldError('slot', 'Câu mô tả không có điểm', 'A description has no mark');
      const max = Number(q.mark);
      if (dto.mark > max + 1e-9) throw fieldError('mark', `Điểm tối đa của câu này là ${max}`, `This question is worth at most ${max}`);
      const [old] = await tx.query(`SELECT mark FROM attempt_answers WHERE attempt_id = $1 AND slot = $2`, [attemptId, slot]);
      const fraction = max > 0 ? round(dto.mark / max, 7) : 0;
      const state = fraction >= 1 - 1e-7 ? 'correct' : fraction > 1e-7 ? 'partial' : 'wrong';
      const comment = dto.comment?.trim() || null;
      const [ans] = await tx.query(
        `INSERT INTO attempt_answers AS x (attempt_id, slot, state, fraction, mark, graded_by, grader_comment, graded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (attempt_id, slot) DO UPDATE SET state = EXCLUDED.state, fraction = EXCLUDED.fraction, mark = EXCLUDED.mark,
           graded_by = EXCLUDED.graded_by, grader_comment = EXCLUDED.grader_comment, graded_at = EXCLUDED.graded_at
         RETURNING graded_at`,
        [attemptId, slot, state, fraction, dto.mark, actor.userId, comment],
      );
      const r = await this.grader.rescore(tx, a, quiz);
      await tx.query(
        `INSERT INTO attempt_grade_history (attempt_id, slot, kind, old_mark, new_mark, old_score, new_score, old_percent, new_percent, comment, actor_id)
         VALUES ($1, $2, 'manual', $3, $4, $5, $6, $7, $8, $9, $10)`,
        [attemptId, slot, old?.mark ?? null, dto.mark, a.score, r.score, a.percent, r.percent, comment, actor.userId],
      );
      await this.audit.record(tx, actor, {
        action: 'quiz.answer_graded', entityType: 'quiz_attempt', entityId: attemptId, summary: `Chấm điểm câu ${slot} bài làm lần ${a.attempt_no} của bài kiểm tra: ${quiz.title}`,
        details: { quizId: quiz.id, staffId: a.staff_id, slot, oldMark: num(old?.mark), mark: dto.mark, comment, status: r.status, score: r.score },
      });
      if (r.status === 'graded' && a.counted) await this.grader.recordCourse(tx, quiz, a.staff_id, actor);
      return {
        attemptId, slot, mark: dto.mark, maxMark: max, comment, gradedAt: new Date(ans.graded_at).toISOString(),
        attempt: { status: r.status, score: r.score, maxScore: Number(a.max_score), percent: r.percent, passed: r.passed },
      };
    });
  }

  /**
   * Regrade after a corrected key: every finished attempt question (of one question, or all) moves its key to the
   * question's current version when that version has the same structure (same type and number of options / pairs),
   * then every automatic mark is computed again. Marks given by a grader are kept. Old and new scores are kept in
   * attempt_grade_history; course items get the new grades.
   */
  async regrade(actor: Actor, id: string, dto: RegradeDto): Promise<RegradeResultDto> {
    return this.dataSource.transaction(async (tx) => {
      const quiz = await this.loadQuiz(actor, id, tx, true);
      const attempts: Row[] = await tx.query(
        `SELECT * FROM quiz_attempts WHERE quiz_id = $1 AND status IN ('graded','needs_grading','submitted')
            AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM attempt_questions q WHERE q.attempt_id = quiz_attempts.id AND q.question_id = $2::uuid))
          ORDER BY id FOR UPDATE`,
        [id, dto.questionId ?? null],
      );
      const current = new Map<string, Row>((await tx.query(
        `SELECT q.id AS question_id, v.id, v.type, v.data FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
          WHERE q.id IN (SELECT DISTINCT aq.question_id FROM attempt_questions aq JOIN quiz_attempts a ON a.id = aq.attempt_id WHERE a.quiz_id = $1)`,
        [id],
      )).map((r: Row) => [r.question_id, r]));
      let changed = 0;
      let updatedQuestions = 0;
      let skipped = 0;
      const people = new Set<string>();
      for (const a of attempts) {
        const questions = await this.grader.questionsOf(tx, a.id);
        const answers: Row[] = await tx.query(`SELECT * FROM attempt_answers WHERE attempt_id = $1`, [a.id]);
        const oldMarks = new Map<number, number | null>(answers.map((x) => [x.slot, num(x.mark)]));
        const moved: { slot: number; from: string; to: string }[] = [];
        for (const q of questions) {
          if (dto.questionId && q.question_id !== dto.questionId) continue;
          const cur = current.get(q.question_id);
          const keyId = q.key_version_id ?? q.question_version_id;
          if (!cur || cur.id === keyId) continue;
          if (!sameStructure({ type: q.k_type, data: q.k_data }, cur)) { skipped++; continue; }
          await tx.query(`UPDATE attempt_questions SET key_version_id = $3 WHERE attempt_id = $1 AND slot = $2`, [a.id, q.slot, cur.id]);
          q.k_type = cur.type;
          q.k_data = cur.data;
          moved.push({ slot: q.slot, from: keyId, to: cur.id });
          updatedQuestions++;
        }
        const grades = this.grader.grade(questions, answers);
        await this.grader.writeGrades(tx, a.id, grades);
        const r = await this.grader.rescore(tx, a, quiz);
        const diff = grades.filter((g) => (oldMarks.get(g.slot) ?? null) !== g.mark && !(oldMarks.get(g.slot) === undefined && g.mark === null));
        if (diff.length || moved.length || Number(a.score) !== r.score) {
          for (const g of diff) {
            const m = moved.find((x) => x.slot === g.slot);
            await tx.query(
              `INSERT INTO attempt_grade_history (attempt_id, slot, kind, old_mark, new_mark, old_version_id, new_version_id, actor_id)
               VALUES ($1, $2, 'regrade', $3, $4, $5, $6, $7)`,
              [a.id, g.slot, oldMarks.get(g.slot) ?? null, g.mark, m?.from ?? null, m?.to ?? null, actor.userId],
            );
          }
          await tx.query(
            `INSERT INTO attempt_grade_history (attempt_id, slot, kind, old_score, new_score, old_percent, new_percent, actor_id)
             VALUES ($1, NULL, 'regrade', $2, $3, $4, $5, $6)`,
            [a.id, a.score, r.score, a.percent, r.percent, actor.userId],
          );
        }
        if (num(a.score) !== r.score || num(a.percent) !== r.percent || a.status !== r.status) changed++;
        if (a.counted) people.add(a.staff_id);
      }
      for (const staffId of people) await this.grader.recordCourse(tx, quiz, staffId, actor);
      await this.audit.record(tx, actor, {
        action: 'quiz.regraded', entityType: 'quiz', entityId: id, summary: `Chấm lại bài kiểm tra: ${quiz.title}`,
        details: { questionId: dto.questionId ?? null, attempts: attempts.length, changed, updatedQuestions, skipped },
      });
      return { attempts: attempts.length, changed, updatedQuestions, skipped };
    });
  }

  // ---------------------------------------------------------------------------------------- statistics

  /**
   * One SQL statement over the graded, counted attempts: summary, distribution in 10 bands, and per question (quiz slot
   * position + question) the facility index (mean fraction), the discrimination index (correlation of the question's
   * fraction with the rest of the attempt's score) and how often each option was chosen.
   */
  static readonly STATISTICS_SQL = `
    WITH a AS MATERIALIZED (
      SELECT id, score::float8 AS score, percent::float8 AS percent FROM quiz_attempts WHERE quiz_id = $1 AND status = 'graded' AND counted
    ), x AS MATERIALIZED (
      SELECT aa.quiz_slot_position AS pos, aa.question_id, aa.fraction::float8 AS fraction, aa.chosen, a.score - coalesce(aa.mark, 0)::float8 AS rest
        FROM a JOIN attempt_answers aa ON aa.attempt_id = a.id
       WHERE aa.state <> 'info' AND aa.question_id IS NOT NULL
    )
    SELECT
      (SELECT json_build_object(
          'attempts', count(*), 'mean', avg(percent), 'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY percent),
          'passed', count(*) FILTER (WHERE percent >= $2)) FROM a) AS summary,
      (SELECT coalesce(json_agg(json_build_object('band', band, 'count', n) ORDER BY band), '[]')
         FROM (SELECT least(floor(percent / 10), 9)::int AS band, count(*)::int AS n FROM a GROUP BY 1) d) AS distribution,
      (SELECT coalesce(json_agg(json_build_object('pos', pos, 'questionId', question_id, 'count', n, 'facility', facility, 'discrimination', discrimination)
                                ORDER BY pos, question_id), '[]')
         FROM (SELECT pos, question_id, count(*)::int AS n, avg(fraction) AS facility, corr(fraction, rest) AS discrimination
                 FROM x GROUP BY pos, question_id) q) AS questions,
      (SELECT coalesce(json_agg(json_build_object('pos', pos, 'questionId', question_id, 'index', idx, 'count', n)), '[]')
         FROM (SELECT pos, question_id, c.idx, count(*)::int AS n FROM x CROSS JOIN LATERAL unnest(x.chosen) AS c(idx)
                GROUP BY pos, question_id, c.idx) o) AS options`;

  async statistics(actor: Actor, id: string): Promise<QuizStatisticsDto> {
    const quiz = await this.loadQuiz(actor, id);
    // one statement; JIT compilation would cost more than it saves on a few hundred thousand rows
    const [r] = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL jit = off`);
      return tx.query(QuizzesService.STATISTICS_SQL, [id, Number(quiz.pass_mark)]);
    });
    const ids = [...new Set((r.questions as Row[]).map((q) => q.questionId))];
    const versions = new Map<string, Row>((ids.length ? await this.dataSource.query(
      `SELECT q.id, q.title, q.type, v.data FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version WHERE q.id = ANY($1::uuid[])`,
      [ids],
    ) : []).map((v: Row) => [v.id, v]));
    const plain = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
    const attempts = Number(r.summary.attempts);
    const bands = new Map<number, number>((r.distribution as Row[]).map((d) => [d.band, d.count]));
    return {
      attempts,
      mean: r.summary.mean === null ? null : round(Number(r.summary.mean), 2),
      median: r.summary.median === null ? null : round(Number(r.summary.median), 2),
      passRate: attempts ? round(Number(r.summary.passed) / attempts, 4) : null,
      distribution: Array.from({ length: 10 }, (_, b) => ({ from: b * 10, to: b === 9 ? 100 : b * 10 + 10, count: bands.get(b) ?? 0 })),
      questions: (r.questions as Row[]).map((q) => {
        const v = versions.get(q.questionId);
        const counts = (r.options as Row[]).filter((o) => o.pos === q.pos && o.questionId === q.questionId);
        const texts: string[] = v?.type === 'true_false' || v?.data?.baseType === 'true_false'
          ? ['Đúng', 'Sai']
          : (v?.data?.answers ?? []).map((x: Row) => plain(String(x.text ?? '')));
        const hasOptions = ['single_choice', 'multiple_choice', 'true_false'].includes(v?.type) || (v?.type === 'missing_word' && ['single_choice', 'true_false'].includes(v?.data?.baseType));
        return {
          slot: q.pos, questionId: q.questionId, title: v?.title ?? '', type: v?.type ?? '', count: q.count,
          facility: q.facility === null ? null : round(Number(q.facility) * 100, 2),
          discrimination: q.discrimination === null ? null : round(Number(q.discrimination) * 100, 2),
          options: hasOptions ? texts.map((text, index) => ({ text, count: counts.find((c) => c.index === index)?.count ?? 0 })) : [],
        };
      }),
    };
  }

  // ---------------------------------------------------------------------------------------- export

  /** The current versions of the quiz's fixed questions as GIFT / Moodle XML / Excel; audited. */
  async export(actor: Actor, id: string, format: QuestionExportFormat): Promise<ExportFile & { disposition: string }> {
    return this.dataSource.transaction(async (tx) => {
      const quiz = await this.loadQuiz(actor, id, tx);
      const rows: Row[] = await tx.query(
        `SELECT q.tags, v.type, v.title, v.text, v.data, v.default_mark FROM quiz_slots s JOIN questions q ON q.id = s.question_id
           JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
          WHERE s.quiz_id = $1 AND s.kind = 'fixed' ORDER BY s.position`,
        [id],
      );
      const file = await exportQuestionVersions(
        rows.map((r) => ({ type: r.type, title: r.title, text: r.text, data: r.data, defaultMark: r.default_mark, tags: r.tags, category: null })),
        format,
      );
      await this.audit.record(tx, actor, {
        action: 'quiz.exported', entityType: 'quiz', entityId: id, summary: `Xuất ${rows.length - file.skipped.length} câu hỏi (${format}) của bài kiểm tra: ${quiz.title}`,
        details: { format, questions: rows.length - file.skipped.length, skipped: file.skipped.length },
      });
      return { ...file, disposition: contentDisposition(quiz.title, file.extension) };
    });
  }
}

/** A new version can grade an old attempt when the keys of its layout still point at the same kind of things. */
export function sameStructure(old: { type: string; data: Row }, cur: { type: string; data: Row }): boolean {
  if (old.type !== cur.type) return false;
  if ((old.data.baseType ?? null) !== (cur.data.baseType ?? null)) return false;
  const len = (d: Row, k: string) => (Array.isArray(d[k]) ? d[k].length : 0);
  if (['single_choice', 'multiple_choice'].includes(old.type) || (old.type === 'missing_word' && old.data.baseType === 'single_choice')) {
    return len(old.data, 'answers') === len(cur.data, 'answers');
  }
  if (old.type === 'matching') {
    if (len(old.data, 'pairs') !== len(cur.data, 'pairs')) return false;
    // the answers shown are the first pair of each distinct answer text: that mapping must not move
    const firsts = (d: Row) => { const seen = new Map<string, number>(); d.pairs.forEach((p: Row, i: number) => { if (!seen.has(p.right)) seen.set(p.right, i); }); return [...seen.values()].join(','); };
    const lefts = (d: Row) => d.pairs.map((p: Row, i: number) => (String(p.left).trim() ? i : -1)).filter((i: number) => i >= 0).join(',');
    return firsts(old.data) === firsts(cur.data) && lefts(old.data) === lefts(cur.data);
  }
  if (old.type === 'ordering') return len(old.data, 'pairs') === len(cur.data, 'pairs');
  return true;
}
