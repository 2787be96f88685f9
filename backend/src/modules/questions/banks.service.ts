import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape, uniqueViolation } from '../../common/http/params';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { joinCategoryPath } from './question-data';
import { contentDisposition, exportQuestionVersions, type ExportFile } from './question-export';
import { insertBank, ROOT_CATEGORY_NAME } from './question-writer';
import {
  BankDto, BankExportQueryDto, CategoryDto, CategoryListDto, CreateBankDto, CreateCategoryDto, ListBanksQueryDto, UpdateBankDto, UpdateCategoryDto,
} from './questions.dto';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Runner = Pick<EntityManager, 'query'>;

const BANK_SELECT = `SELECT b.*, o.name AS owner_unit_name,
  (SELECT count(*)::int FROM questions q WHERE q.bank_id = b.id AND q.deleted_at IS NULL) AS question_count
  FROM question_banks b JOIN org_units o ON o.id = b.owner_unit_id`;

const toBankDto = (r: Row): BankDto => ({
  id: r.id,
  name: r.name,
  ownerUnitId: r.owner_unit_id,
  ownerUnitName: r.owner_unit_name,
  description: r.description,
  questionCount: r.question_count,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const toCategoryDto = (r: Row): CategoryDto => ({
  id: r.id, bankId: r.bank_id, parentId: r.parent_id, name: r.name, position: r.position, questionCount: r.question_count ?? 0,
});

const categoryNameTaken = () =>
  new AppError(409, 'CATEGORY_NAME_TAKEN', {}, { name: { vi: 'Đã có danh mục cùng tên ở cùng cấp', en: 'A category with this name already exists at this level' } });

/** Question banks (owned by an org unit: out of the caller's scope = 404) and their category trees. */
@Injectable()
export class BanksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
  ) {}

  /** The bank row when it is in the caller's scope, else 404. */
  async loadBank(actor: Actor, id: string, tx?: Runner, lock = false): Promise<Row> {
    const runner = tx ?? this.dataSource.manager;
    const [row] = await runner.query(`${BANK_SELECT} WHERE b.id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`, [id]);
    if (!row || !(await this.access.inScope(actor, row.owner_unit_id, tx as EntityManager | undefined))) throw notFound();
    return row;
  }

  /** The category and its bank when in scope, else 404. */
  async loadCategory(actor: Actor, id: string, tx?: Runner, lock = false): Promise<{ category: Row; bank: Row }> {
    const runner = tx ?? this.dataSource.manager;
    const [category] = await runner.query(`SELECT * FROM question_categories WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!category) throw notFound();
    const bank = await this.loadBank(actor, category.bank_id, tx);
    return { category, bank };
  }

  /** A category id given in a request body or query: it must be a category of this bank (400 naming the field). */
  async checkCategoryOfBank(tx: Runner, bankId: string, categoryId: string, field = 'categoryId'): Promise<Row> {
    const [c] = await tx.query(`SELECT * FROM question_categories WHERE id = $1 AND bank_id = $2`, [categoryId, bankId]);
    if (!c) throw fieldError(field, 'Danh mục không thuộc ngân hàng câu hỏi này', 'The category is not part of this question bank');
    return c;
  }

  /** Ids of the category and all its descendants. */
  async subtreeIds(tx: Runner, categoryId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `WITH RECURSIVE t AS (SELECT id FROM question_categories WHERE id = $1
         UNION ALL SELECT c.id FROM question_categories c JOIN t ON c.parent_id = t.id)
       SELECT id FROM t`,
      [categoryId],
    );
    return rows.map((r) => r.id);
  }

  private async checkOwner(actor: Actor, tx: Runner, ownerUnitId: string) {
    const [unit] = await tx.query(`SELECT id FROM org_units WHERE id = $1`, [ownerUnitId]);
    if (!unit || !(await this.access.inScope(actor, ownerUnitId, tx as EntityManager))) {
      throw fieldError('ownerUnitId', 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown unit or outside your scope');
    }
  }

  async list(actor: Actor, q: ListBanksQueryDto): Promise<Page<BankDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, v: unknown) => { params.push(v); where.push(sql(`$${params.length}`)); };
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) add((p) => `b.owner_unit_id = ANY(${p}::uuid[])`, scope);
    if (q.q) for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) add((p) => `vn_fold(b.name || ' ' || b.description) LIKE ${p}`, `%${likeEscape(w)}%`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM question_banks b ${whereSql}`, params);
    const rows = total
      ? await this.dataSource.query(`${BANK_SELECT} ${whereSql} ORDER BY b.name COLLATE vi_vn, b.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params)
      : [];
    return { items: rows.map(toBankDto), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<BankDto> {
    return toBankDto(await this.loadBank(actor, id));
  }

  async create(actor: Actor, dto: CreateBankDto): Promise<BankDto> {
    return this.dataSource.transaction(async (tx) => {
      await this.checkOwner(actor, tx, dto.ownerUnitId);
      const bank = await insertBank(tx, { name: dto.name, ownerUnitId: dto.ownerUnitId, description: dto.description ?? '', userId: actor.userId });
      await this.audit.record(tx, actor, {
        action: 'question_bank.created', entityType: 'question_bank', entityId: bank.id, summary: `Tạo ngân hàng câu hỏi: ${dto.name}`,
        details: { ownerUnitId: dto.ownerUnitId },
      });
      return toBankDto(await this.loadBank(actor, bank.id, tx));
    });
  }

  async update(actor: Actor, id: string, dto: UpdateBankDto): Promise<BankDto> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.loadBank(actor, id, tx, true);
      if (dto.ownerUnitId !== undefined) await this.checkOwner(actor, tx, dto.ownerUnitId);
      const cols: Record<string, unknown> = { name: dto.name, owner_unit_id: dto.ownerUnitId, description: dto.description };
      const sets: string[] = [];
      const params: unknown[] = [id];
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(cols)) {
        if (v === undefined || v === row[k]) continue;
        params.push(v);
        sets.push(`${k} = $${params.length}`);
        before[k] = row[k];
        after[k] = v;
      }
      if (sets.length) {
        await tx.query(`UPDATE question_banks SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
        await this.audit.record(tx, actor, {
          action: 'question_bank.updated', entityType: 'question_bank', entityId: id, summary: `Sửa ngân hàng câu hỏi: ${dto.name ?? row.name}`,
          details: { before, after },
        });
      }
      return toBankDto(await this.loadBank(actor, id, tx));
    });
  }

  /** Refused (409 BANK_NOT_EMPTY) while the bank has questions; deleted questions go with it unless an attempt used them. */
  async remove(actor: Actor, id: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (tx) => {
        const row = await this.loadBank(actor, id, tx, true);
        if (row.question_count > 0) throw new AppError(409, 'BANK_NOT_EMPTY');
        await tx.query(`DELETE FROM question_versions WHERE question_id IN (SELECT id FROM questions WHERE bank_id = $1)`, [id]);
        await tx.query(`DELETE FROM questions WHERE bank_id = $1`, [id]);
        await tx.query(`DELETE FROM question_imports WHERE bank_id = $1`, [id]);
        // children before parents (parent_id is ON DELETE RESTRICT)
        const levels: { ids: string[] }[] = await tx.query(
          `WITH RECURSIVE t AS (SELECT id, 0 AS d FROM question_categories WHERE bank_id = $1 AND parent_id IS NULL
             UNION ALL SELECT c.id, t.d + 1 FROM question_categories c JOIN t ON c.parent_id = t.id)
           SELECT array_agg(id) AS ids FROM t GROUP BY d ORDER BY d DESC`,
          [id],
        );
        for (const l of levels) await tx.query(`DELETE FROM question_categories WHERE id = ANY($1::uuid[])`, [l.ids]);
        await tx.query(`DELETE FROM question_banks WHERE id = $1`, [id]);
        await this.audit.record(tx, actor, {
          action: 'question_bank.deleted', entityType: 'question_bank', entityId: id, summary: `Xóa ngân hàng câu hỏi: ${row.name}`,
          details: { name: row.name, ownerUnitId: row.owner_unit_id },
        });
      });
    } catch (e) {
      // a deleted question's version is still referenced by an attempt
      if ((e as { code?: string }).code === '23503') throw new AppError(409, 'BANK_NOT_EMPTY');
      throw e;
    }
  }

  // ------------------------------------------------------------------ categories

  async categories(actor: Actor, bankId: string): Promise<CategoryListDto> {
    await this.loadBank(actor, bankId);
    const rows = await this.dataSource.query(
      `SELECT c.*, (SELECT count(*)::int FROM questions q WHERE q.category_id = c.id AND q.deleted_at IS NULL) AS question_count
         FROM question_categories c WHERE c.bank_id = $1 ORDER BY c.position, c.name COLLATE vi_vn, c.id`,
      [bankId],
    );
    return { items: rows.map(toCategoryDto) };
  }

  private async categoryDto(tx: Runner, id: string): Promise<CategoryDto> {
    const [row] = await tx.query(
      `SELECT c.*, (SELECT count(*)::int FROM questions q WHERE q.category_id = c.id AND q.deleted_at IS NULL) AS question_count
         FROM question_categories c WHERE c.id = $1`,
      [id],
    );
    return toCategoryDto(row);
  }

  async createCategory(actor: Actor, bankId: string, dto: CreateCategoryDto): Promise<CategoryDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const bank = await this.loadBank(actor, bankId, tx, true);
        if (dto.parentId) await this.checkCategoryOfBank(tx, bankId, dto.parentId, 'parentId');
        const [row] = await tx.query(
          `INSERT INTO question_categories (bank_id, parent_id, name, position)
           SELECT $1, $2::uuid, $3, coalesce(max(position) + 1, 0) FROM question_categories WHERE bank_id = $1 AND parent_id IS NOT DISTINCT FROM $2::uuid
           RETURNING id`,
          [bankId, dto.parentId ?? null, dto.name],
        );
        await this.audit.record(tx, actor, {
          action: 'question_category.created', entityType: 'question_category', entityId: row.id,
          summary: `Tạo danh mục câu hỏi "${dto.name}" trong ngân hàng ${bank.name}`, details: { bankId, parentId: dto.parentId ?? null },
        });
        return this.categoryDto(tx, row.id);
      });
    } catch (e) {
      if (uniqueViolation(e) === 'uq_question_categories_name') throw categoryNameTaken();
      throw e;
    }
  }

  async updateCategory(actor: Actor, id: string, dto: UpdateCategoryDto): Promise<CategoryDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const { category, bank } = await this.loadCategory(actor, id, tx, true);
        const cols: Record<string, unknown> = { name: dto.name, position: dto.position };
        if (dto.parentId !== undefined && dto.parentId !== category.parent_id) {
          if (dto.parentId !== null) {
            await this.checkCategoryOfBank(tx, category.bank_id, dto.parentId, 'parentId');
            if ((await this.subtreeIds(tx, id)).includes(dto.parentId)) {
              throw fieldError('parentId', 'Không thể chuyển danh mục vào chính nó hoặc danh mục con của nó', 'A category cannot be moved under itself or one of its subcategories');
            }
          }
          cols.parent_id = dto.parentId;
        }
        const sets: string[] = [];
        const params: unknown[] = [id];
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(cols)) {
          if (v === undefined || v === category[k]) continue;
          params.push(v);
          sets.push(`${k} = $${params.length}`);
          before[k] = category[k];
          after[k] = v;
        }
        if (sets.length) {
          await tx.query(`UPDATE question_categories SET ${sets.join(', ')} WHERE id = $1`, params);
          await this.audit.record(tx, actor, {
            action: 'question_category.updated', entityType: 'question_category', entityId: id,
            summary: `Sửa danh mục câu hỏi "${dto.name ?? category.name}" (ngân hàng ${bank.name})`, details: { before, after },
          });
        }
        return this.categoryDto(tx, id);
      });
    } catch (e) {
      if (uniqueViolation(e) === 'uq_question_categories_name') throw categoryNameTaken();
      throw e;
    }
  }

  /**
   * Refused (409 CATEGORY_NOT_EMPTY) while it has questions or subcategories. Deleted questions left in it move to
   * another top-level category of the bank (they stay for the attempts that used them).
   */
  async removeCategory(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const { category, bank } = await this.loadCategory(actor, id, tx, true);
      const [{ live, deleted, children }] = await tx.query(
        `SELECT (SELECT count(*)::int FROM questions WHERE category_id = $1 AND deleted_at IS NULL) AS live,
                (SELECT count(*)::int FROM questions WHERE category_id = $1 AND deleted_at IS NOT NULL) AS deleted,
                (SELECT count(*)::int FROM question_categories WHERE parent_id = $1) AS children`,
        [id],
      );
      if (live > 0 || children > 0) throw new AppError(409, 'CATEGORY_NOT_EMPTY');
      if (deleted > 0) {
        const [other] = await tx.query(
          `SELECT id FROM question_categories WHERE bank_id = $1 AND id <> $2 AND parent_id IS NOT DISTINCT FROM $3::uuid
           ORDER BY (parent_id IS NULL AND name = $4) DESC, position, id LIMIT 1`,
          [category.bank_id, id, category.parent_id, ROOT_CATEGORY_NAME],
        );
        const [fallback] = other
          ? [other]
          : await tx.query(`SELECT id FROM question_categories WHERE bank_id = $1 AND id <> $2 AND parent_id IS NULL ORDER BY position, id LIMIT 1`, [category.bank_id, id]);
        const target = fallback ?? (category.parent_id ? { id: category.parent_id } : null);
        if (!target) throw new AppError(409, 'CATEGORY_NOT_EMPTY');
        await tx.query(`UPDATE questions SET category_id = $2 WHERE category_id = $1 AND deleted_at IS NOT NULL`, [id, target.id]);
      }
      await tx.query(`DELETE FROM question_categories WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, {
        action: 'question_category.deleted', entityType: 'question_category', entityId: id,
        summary: `Xóa danh mục câu hỏi "${category.name}" (ngân hàng ${bank.name})`, details: { bankId: bank.id, name: category.name },
      });
    });
  }

  // ------------------------------------------------------------------ export

  /**
   * The current versions of the bank's questions (or of one category and its subcategories) as a file; audited.
   * Category paths in the file are relative to the exported category (the whole bank: from its top-level categories).
   */
  async export(actor: Actor, bankId: string, q: BankExportQueryDto): Promise<ExportFile & { disposition: string }> {
    return this.dataSource.transaction(async (tx) => {
      const bank = await this.loadBank(actor, bankId, tx);
      let root: Row | null = null;
      if (q.categoryId) root = await this.checkCategoryOfBank(tx, bankId, q.categoryId);
      const cats: Row[] = await tx.query(`SELECT id, parent_id, name FROM question_categories WHERE bank_id = $1`, [bankId]);
      const byId = new Map(cats.map((c) => [c.id, c]));
      const pathOf = (id: string): string[] | null => {
        const names: string[] = [];
        let cur = byId.get(id);
        while (cur) {
          if (root && cur.id === root.id) return names.reverse();
          names.push(cur.name);
          cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
        }
        return root ? null : names.reverse();
      };
      const rows: Row[] = await tx.query(
        `SELECT q.category_id, q.tags, v.type, v.title, v.text, v.data, v.default_mark
           FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
          WHERE q.bank_id = $1 AND q.deleted_at IS NULL
          ORDER BY q.category_id, q.created_at, q.id`,
        [bankId],
      );
      const versions = rows
        .map((r) => ({ r, path: pathOf(r.category_id) }))
        .filter((x) => x.path !== null)
        .sort((a, b) => (a.path as string[]).join('\u0000').localeCompare((b.path as string[]).join('\u0000'), 'vi'))
        .map(({ r, path }) => ({
          type: r.type, title: r.title, text: r.text, data: r.data, defaultMark: r.default_mark, tags: r.tags,
          category: (path as string[]).length ? joinCategoryPath(path as string[]) : null,
        }));
      const file = await exportQuestionVersions(versions, q.format);
      const name = root ? `${bank.name} - ${root.name}` : bank.name;
      await this.audit.record(tx, actor, {
        action: 'question_bank.exported', entityType: 'question_bank', entityId: bankId,
        summary: `Xuất ${versions.length - file.skipped.length} câu hỏi (${q.format}) từ ngân hàng ${bank.name}${root ? `, danh mục ${root.name}` : ''}`,
        details: { format: q.format, categoryId: q.categoryId ?? null, questions: versions.length - file.skipped.length, skipped: file.skipped.length },
      });
      return { ...file, disposition: contentDisposition(name, file.extension) };
    });
  }
}
