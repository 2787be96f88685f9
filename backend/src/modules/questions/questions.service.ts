import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/permissions';
import { AppError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape } from '../../common/http/params';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { BanksService } from './banks.service';
import { htmlToPlain, normalizeQuestion, type NormalizedQuestion, type QuestionVersionLike } from './question-data';
import { toPlayerQuestion, type PlayerQuestion } from './question-render';
import { insertQuestion, insertVersion, questionSearchText } from './question-writer';
import { ListQuestionsQueryDto, QuestionDto, QuestionSummaryDto, QuestionVersionListDto, SaveQuestionDto } from './questions.dto';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Runner = Pick<EntityManager, 'query'>;

/** A 400 naming every field that failed the per-type checks of question-data.ts. */
function invalid(issues: { field: string; vi: string; en: string }[]): AppError {
  const fields: Record<string, { vi: string; en: string }> = {};
  for (const i of issues) fields[i.field] = { vi: i.vi, en: i.en };
  return new AppError(400, 'VALIDATION_FAILED', {}, fields);
}

/**
 * How many attempts showed a version of these questions. The attempt tables belong to the quiz engine
 * (attempt_questions.question_version_id → question_versions.id); until they exist the answer is 0.
 */
export async function attemptUsage(tx: Runner, questionIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!questionIds.length) return out;
  const [{ ok }] = await tx.query(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'attempt_questions' AND column_name IN ('question_version_id', 'attempt_id')
       HAVING count(*) = 2) AS ok`,
  );
  if (!ok) return out;
  const rows: { question_id: string; n: number }[] = await tx.query(
    `SELECT v.question_id, count(DISTINCT aq.attempt_id)::int AS n FROM attempt_questions aq JOIN question_versions v ON v.id = aq.question_version_id
      WHERE v.question_id = ANY($1::uuid[]) GROUP BY v.question_id`,
    [questionIds],
  );
  for (const r of rows) out.set(r.question_id, r.n);
  return out;
}

const iso = (d: unknown) => new Date(d as string).toISOString();

/** Questions of a bank: every save inserts an immutable version; attempts keep the version they showed. */
@Injectable()
export class QuestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly banks: BanksService,
    private readonly audit: AuditService,
  ) {}

  /** The question (not deleted) with its bank when in the caller's scope, else 404. */
  private async loadQuestion(actor: Actor, id: string, tx?: Runner, lock = false): Promise<{ question: Row; bank: Row }> {
    const runner = tx ?? this.dataSource.manager;
    const [question] = await runner.query(`SELECT * FROM questions WHERE id = $1 AND deleted_at IS NULL ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!question) throw notFound();
    const bank = await this.banks.loadBank(actor, question.bank_id, tx);
    return { question, bank };
  }

  private async versionRow(tx: Runner, questionId: string, version: number): Promise<Row> {
    const [v] = await tx.query(`SELECT * FROM question_versions WHERE question_id = $1 AND version = $2`, [questionId, version]);
    if (!v) throw notFound();
    return v;
  }

  private async toDto(tx: Runner, question: Row, version?: number): Promise<QuestionDto> {
    const v = await this.versionRow(tx, question.id, version ?? question.current_version);
    const usage = await attemptUsage(tx, [question.id]);
    return {
      id: question.id,
      bankId: question.bank_id,
      categoryId: question.category_id,
      type: v.type,
      title: v.title,
      text: v.text,
      defaultMark: Number(v.default_mark),
      tags: question.tags,
      version: v.version,
      versionId: v.id,
      currentVersion: question.current_version,
      data: v.data,
      usedInAttempts: usage.get(question.id) ?? 0,
      createdAt: iso(question.created_at),
      updatedAt: iso(question.updated_at),
    };
  }

  private normalize(dto: SaveQuestionDto): NormalizedQuestion {
    const r = normalizeQuestion({ type: dto.type, title: dto.title, text: dto.text, defaultMark: dto.defaultMark, tags: dto.tags, data: dto.data });
    if (!r.ok) throw invalid(r.issues);
    return r.value;
  }

  async list(actor: Actor, bankId: string, q: ListQuestionsQueryDto): Promise<Page<QuestionSummaryDto>> {
    await this.banks.loadBank(actor, bankId);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [bankId];
    const where: string[] = ['q.bank_id = $1', 'q.deleted_at IS NULL'];
    const add = (sql: (p: string) => string, v: unknown) => { params.push(v); where.push(sql(`$${params.length}`)); };
    if (q.categoryId) {
      await this.banks.checkCategoryOfBank(this.dataSource.manager, bankId, q.categoryId);
      const ids = q.includeSubcategories ? await this.banks.subtreeIds(this.dataSource.manager, q.categoryId) : [q.categoryId];
      add((p) => `q.category_id = ANY(${p}::uuid[])`, ids);
    }
    if (q.type) add((p) => `q.type = ${p}`, q.type);
    if (q.tag) add((p) => `q.tags @> ARRAY[${p}]::text[]`, q.tag);
    if (q.q) for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) add((p) => `q.search_text LIKE ${p}`, `%${likeEscape(w)}%`);
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM questions q ${whereSql}`, params);
    const rows: Row[] = total
      ? await this.dataSource.query(
          `SELECT q.id, q.category_id, q.type, q.title, q.tags, q.current_version, q.updated_at, v.text, v.default_mark
             FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
           ${whereSql} ORDER BY q.title COLLATE vi_vn, q.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          params,
        )
      : [];
    return {
      items: rows.map((r) => {
        const plain = htmlToPlain(r.text);
        return {
          id: r.id, categoryId: r.category_id, type: r.type, title: r.title, tags: r.tags, version: r.current_version,
          textPreview: plain.length > 200 ? `${plain.slice(0, 199)}…` : plain,
          defaultMark: Number(r.default_mark), updatedAt: iso(r.updated_at),
        };
      }),
      total, page, pageSize,
    };
  }

  async create(actor: Actor, bankId: string, dto: SaveQuestionDto): Promise<QuestionDto> {
    return this.dataSource.transaction(async (tx) => {
      const bank = await this.banks.loadBank(actor, bankId, tx);
      await this.banks.checkCategoryOfBank(tx, bankId, dto.categoryId);
      const q = this.normalize(dto);
      const { id } = await insertQuestion(tx, { bankId, categoryId: dto.categoryId, q, userId: actor.userId });
      await this.audit.record(tx, actor, {
        action: 'question.created', entityType: 'question', entityId: id, summary: `Tạo câu hỏi "${q.title}" (ngân hàng ${bank.name})`,
        details: { bankId, categoryId: dto.categoryId, type: q.type, version: 1 },
      });
      const [question] = await tx.query(`SELECT * FROM questions WHERE id = $1`, [id]);
      return this.toDto(tx, question);
    });
  }

  async get(actor: Actor, id: string, version?: number): Promise<QuestionDto> {
    const { question } = await this.loadQuestion(actor, id);
    return this.toDto(this.dataSource.manager, question, version);
  }

  /** Every save is a new version (n + 1); older versions stay as they were. */
  async update(actor: Actor, id: string, dto: SaveQuestionDto): Promise<QuestionDto> {
    return this.dataSource.transaction(async (tx) => {
      const { question, bank } = await this.loadQuestion(actor, id, tx, true);
      await this.banks.checkCategoryOfBank(tx, question.bank_id, dto.categoryId);
      const q = this.normalize(dto);
      const version = question.current_version + 1;
      await insertVersion(tx, id, version, q, actor.userId);
      await tx.query(
        `UPDATE questions SET current_version = $2, category_id = $3, type = $4, title = $5, tags = $6, search_text = $7, updated_at = now() WHERE id = $1`,
        [id, version, dto.categoryId, q.type, q.title, q.tags, questionSearchText(q)],
      );
      await this.audit.record(tx, actor, {
        action: 'question.updated', entityType: 'question', entityId: id, summary: `Sửa câu hỏi "${q.title}" (phiên bản ${version}, ngân hàng ${bank.name})`,
        details: {
          version, previousVersion: question.current_version,
          ...(question.category_id !== dto.categoryId ? { categoryId: { before: question.category_id, after: dto.categoryId } } : {}),
          ...(question.type !== q.type ? { type: { before: question.type, after: q.type } } : {}),
        },
      });
      const [row] = await tx.query(`SELECT * FROM questions WHERE id = $1`, [id]);
      return this.toDto(tx, row);
    });
  }

  async versions(actor: Actor, id: string): Promise<QuestionVersionListDto> {
    await this.loadQuestion(actor, id);
    const rows: Row[] = await this.dataSource.query(
      `SELECT v.id, v.version, v.title, v.type, v.created_at, u.display_name
         FROM question_versions v LEFT JOIN users u ON u.id = v.created_by
        WHERE v.question_id = $1 ORDER BY v.version DESC`,
      [id],
    );
    return { items: rows.map((r) => ({ version: r.version, versionId: r.id, title: r.title, type: r.type, createdAt: iso(r.created_at), createdBy: r.display_name ?? null })) };
  }

  /** Soft delete: the question leaves the bank; its versions stay for the attempts that used them. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const { question, bank } = await this.loadQuestion(actor, id, tx, true);
      await tx.query(`UPDATE questions SET deleted_at = now(), updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, {
        action: 'question.deleted', entityType: 'question', entityId: id, summary: `Xóa câu hỏi "${question.title}" (ngân hàng ${bank.name})`,
        details: { bankId: bank.id, categoryId: question.category_id, version: question.current_version },
      });
    });
  }

  /** The question as a learner sees it: a fresh random order and fresh keys on every call. */
  async preview(actor: Actor, id: string, version?: number): Promise<PlayerQuestion> {
    const { question } = await this.loadQuestion(actor, id);
    const v = await this.versionRow(this.dataSource.manager, id, version ?? question.current_version);
    const renderable: QuestionVersionLike = { id: v.id, type: v.type, text: v.text, data: v.data, defaultMark: v.default_mark };
    return toPlayerQuestion(renderable, { slot: 1, seed: randomBytes(16).toString('hex') });
  }
}
