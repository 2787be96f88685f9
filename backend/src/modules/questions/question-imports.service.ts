import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { nfc } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { BanksService } from './banks.service';
import { parseQuestions, questionLabel, type ParseError, type Question } from './formats';
import {
  categoryNames, describeIssues, fromNeutral, joinCategoryPath, normalizeQuestion, type NormalizedQuestion, type QuestionData,
} from './question-data';
import { toPlayerQuestion } from './question-render';
import { ensureCategoryPath, insertQuestion } from './question-writer';
import { IMPORT_FORMATS, ImportCommitResultDto, ImportErrorDto, ImportFormat, ImportQuestionDto, ImportWarningDto, QuestionImportDto } from './questions.dto';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const MAX_IMPORT_QUESTIONS = 2000;

/** One question of a preview as stored in question_imports.questions. */
interface StoredImportQuestion {
  index: number;
  line?: number;
  row?: number;
  /** category names below the target category */
  categoryPath: string[];
  warnings: ImportWarningDto[];
  question: NormalizedQuestion;
}

const EXTENSIONS: Record<string, ImportFormat> = { gift: 'gift', txt: 'gift', xml: 'moodlexml', xlsx: 'xlsx' };

/** The format named by the form field, else guessed from the file name (.gift/.txt → GIFT, .xml, .xlsx). */
export function resolveFormat(field: string | undefined, fileName: string): ImportFormat {
  if (field !== undefined && field !== '') {
    if (!(IMPORT_FORMATS as readonly string[]).includes(field)) {
      throw fieldError('format', `Định dạng không hợp lệ; cho phép: ${IMPORT_FORMATS.join(', ')}`, `Invalid format; allowed: ${IMPORT_FORMATS.join(', ')}`);
    }
    return field as ImportFormat;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const f = EXTENSIONS[ext];
  if (!f) throw fieldError('format', `Chọn định dạng tệp: ${IMPORT_FORMATS.join(', ')}`, `Choose the file format: ${IMPORT_FORMATS.join(', ')}`);
  return f;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Upload → preview (nothing written to the bank) → commit (all questions in one transaction) or cancel. */
@Injectable()
export class QuestionImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly banks: BanksService,
    private readonly audit: AuditService,
  ) {}

  private toDto(r: Row): QuestionImportDto {
    const stored: StoredImportQuestion[] = r.questions;
    const questions: ImportQuestionDto[] = stored.map((s) => {
      const q = s.question;
      const out: ImportQuestionDto = {
        index: s.index, type: q.type, title: q.title, text: q.text, category: s.categoryPath.length ? joinCategoryPath(s.categoryPath) : null,
        warnings: s.warnings, defaultMark: q.defaultMark, tags: q.tags, data: q.data as unknown as Record<string, unknown>,
        preview: toPlayerQuestion({ id: `${r.id}:${s.index}`, type: q.type, text: q.text, data: q.data as QuestionData, defaultMark: q.defaultMark }, { slot: s.index, seed: r.id }),
      };
      if (s.line !== undefined) out.line = s.line;
      if (s.row !== undefined) out.row = s.row;
      return out;
    });
    const errors: ImportErrorDto[] = r.errors;
    return {
      id: r.id, bankId: r.bank_id, categoryId: r.category_id, format: r.format, fileName: r.file_name, status: r.status,
      questions, errors,
      counts: { questions: questions.length, errors: errors.length, warnings: questions.filter((q) => q.warnings.length).length },
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  /** Parses and checks every question; stores the preview. Parse errors and invalid questions are listed with their line / row. */
  async preview(actor: Actor, bankId: string, input: { fileName: string; buf: Buffer; format?: string; categoryId?: string }): Promise<QuestionImportDto> {
    const bank = await this.banks.loadBank(actor, bankId);
    if (!input.categoryId) throw fieldError('categoryId', 'Chọn danh mục để nhập câu hỏi vào', 'Choose the category to import into');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.categoryId)) throw fieldError('categoryId', 'Mã định danh không hợp lệ', 'Invalid id');
    await this.banks.checkCategoryOfBank(this.dataSource.manager, bankId, input.categoryId);
    const format = resolveFormat(input.format, input.fileName);
    const errors: ParseError[] = [];
    const items: StoredImportQuestion[] = [];

    let parsed: { questions: Question[]; errors: ParseError[] } = { questions: [], errors: [] };
    if (format !== 'xlsx' && !isUtf8(input.buf)) {
      errors.push({
        code: 'not_utf8',
        message: 'The file is not UTF-8 text; save it as UTF-8 (with or without BOM) and upload it again',
        messageVi: 'Tệp không phải văn bản mã UTF-8; hãy lưu lại tệp ở dạng UTF-8 (có hoặc không có BOM) rồi tải lên lại',
      });
    } else if (format === 'xlsx' && input.buf.subarray(0, 2).toString('latin1') !== 'PK') {
      errors.push({ code: 'xlsx_unreadable', message: 'The file is not an .xlsx workbook', messageVi: 'Tệp không phải bảng tính Excel (.xlsx)' });
    } else {
      parsed = await parseQuestions(input.buf, format);
      errors.push(...parsed.errors);
    }
    if (parsed.questions.length > MAX_IMPORT_QUESTIONS) {
      throw fieldError('file', `Tệp có quá nhiều câu hỏi (tối đa ${MAX_IMPORT_QUESTIONS})`, `The file has too many questions (at most ${MAX_IMPORT_QUESTIONS})`);
    }
    parsed.questions.forEach((pq, i) => {
      const where = { ...(pq.line !== undefined ? { line: pq.line } : {}), ...(pq.row !== undefined ? { row: pq.row } : {}) };
      const at = pq.line !== undefined ? { en: `Line ${pq.line}: `, vi: `Dòng ${pq.line}: ` } : pq.row !== undefined ? { en: `Row ${pq.row}: `, vi: `Dòng ${pq.row}: ` } : { en: '', vi: '' };
      const label = questionLabel(pq).replace(/<[^>]*>/g, '').slice(0, 120);
      const conv = fromNeutral(pq, format, `Câu ${i + 1}`);
      if (!conv.input) {
        errors.push({ ...where, code: conv.problem!.code, message: at.en + conv.problem!.en, messageVi: at.vi + conv.problem!.vi, question: label });
        return;
      }
      const r = normalizeQuestion(conv.input);
      if (!r.ok) {
        const d = describeIssues(r.issues);
        errors.push({ ...where, code: 'invalid_question', message: `${at.en}${d.en}`, messageVi: `${at.vi}${d.vi}`, question: label });
        return;
      }
      const warnings: ImportWarningDto[] = [
        ...(pq.warnings ?? []).map((w) => ({ code: w.code, font: w.font, field: w.field, message: w.message, messageVi: w.messageVi })),
        ...conv.notes.map((n) => ({ code: 'dropped', message: n.en, messageVi: n.vi })),
      ];
      items.push({ index: i + 1, ...where, categoryPath: categoryNames(pq.category), warnings, question: r.value });
    });
    errors.sort((a, b) => (a.line ?? a.row ?? 0) - (b.line ?? b.row ?? 0));

    const fileName = nfc(input.fileName).replace(/[\u0000-\u001f]/g, '').slice(0, 255) || 'upload';
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO question_imports (bank_id, category_id, format, file_name, status, questions, errors, created_by)
         VALUES ($1, $2, $3, $4, 'preview', $5, $6, $7) RETURNING *`,
        [bankId, input.categoryId, format, fileName, JSON.stringify(items), JSON.stringify(errors), actor.userId],
      );
      await this.audit.record(tx, actor, {
        action: 'question.import_previewed', entityType: 'question_import', entityId: row.id,
        summary: `Tải lên tệp câu hỏi ${fileName} (${format}): ${items.length} câu hỏi, ${errors.length} lỗi (ngân hàng ${bank.name})`,
        details: { bankId, categoryId: input.categoryId, format, questions: items.length, errors: errors.length },
      });
      return this.toDto(row);
    });
  }

  private async load(actor: Actor, id: string, tx?: EntityManager, lock = false): Promise<Row> {
    const runner = tx ?? this.dataSource.manager;
    const [row] = await runner.query(`SELECT * FROM question_imports WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw notFound();
    await this.banks.loadBank(actor, row.bank_id, tx);
    return row;
  }

  async get(actor: Actor, id: string): Promise<QuestionImportDto> {
    return this.toDto(await this.load(actor, id));
  }

  /** Creates the categories of the file below the target category and every question (version 1), or nothing. */
  async commit(actor: Actor, id: string): Promise<ImportCommitResultDto> {
    return this.dataSource.transaction(async (tx) => {
      const imp = await this.load(actor, id, tx, true);
      if (imp.status !== 'preview') throw new AppError(409, 'IMPORT_NOT_PENDING');
      if ((imp.errors as unknown[]).length) throw new AppError(409, 'IMPORT_HAS_ERRORS');
      const items: StoredImportQuestion[] = imp.questions;
      if (!items.length) throw new AppError(409, 'IMPORT_EMPTY');
      let categoriesCreated = 0;
      const byPath = new Map<string, string>();
      for (const it of items) {
        // checked again: the stored preview is data, not trusted code
        const r = normalizeQuestion(it.question);
        if (!r.ok) throw new AppError(409, 'IMPORT_HAS_ERRORS');
        const key = JSON.stringify(it.categoryPath);
        let categoryId = byPath.get(key);
        if (!categoryId) {
          const c = await ensureCategoryPath(tx, imp.bank_id, imp.category_id, it.categoryPath);
          categoriesCreated += c.created;
          categoryId = c.id;
          byPath.set(key, categoryId);
        }
        await insertQuestion(tx, { bankId: imp.bank_id, categoryId, q: r.value, userId: actor.userId });
      }
      await tx.query(`UPDATE question_imports SET status = 'committed', finished_at = now() WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, {
        action: 'question.import_committed', entityType: 'question_import', entityId: id,
        summary: `Nhập ${items.length} câu hỏi từ tệp ${imp.file_name}`,
        details: { bankId: imp.bank_id, categoryId: imp.category_id, created: items.length, categoriesCreated },
      });
      return { created: items.length, categoriesCreated };
    });
  }

  async cancel(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const imp = await this.load(actor, id, tx, true);
      if (imp.status !== 'preview') throw new AppError(409, 'IMPORT_NOT_PENDING');
      await tx.query(`UPDATE question_imports SET status = 'cancelled', finished_at = now() WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, {
        action: 'question.import_cancelled', entityType: 'question_import', entityId: id, summary: `Hủy nhập tệp câu hỏi ${imp.file_name}`,
        details: { bankId: imp.bank_id },
      });
    });
  }
}

function isUtf8(buf: Buffer): boolean {
  try {
    utf8.decode(buf);
    return true;
  } catch {
    return false;
  }
}
