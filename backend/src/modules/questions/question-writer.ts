/**
 * The SQL that writes questions, shared by the bank API, the import commit and the demo seed.
 * Every write of a question inserts an immutable question_versions row; `questions` keeps the current version number,
 * the (unversioned) tags and the folded search text.
 */
import type { EntityManager } from 'typeorm';
import { fold } from '../../common/text/vietnamese';
import { searchSource, type NormalizedQuestion } from './question-data';

type Runner = Pick<EntityManager, 'query'>;

export const ROOT_CATEGORY_NAME = 'Mặc định';

export function questionSearchText(q: Pick<NormalizedQuestion, 'title' | 'text' | 'tags' | 'data' | 'type'>): string {
  return fold(searchSource(q));
}

export async function insertVersion(tx: Runner, questionId: string, version: number, q: NormalizedQuestion, userId: string | null): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO question_versions (question_id, version, type, title, text, data, default_mark, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [questionId, version, q.type, q.title, q.text, JSON.stringify(q.data), q.defaultMark, userId],
  );
  return row.id;
}

/** A new question with its version 1. */
export async function insertQuestion(
  tx: Runner,
  args: { bankId: string; categoryId: string; q: NormalizedQuestion; userId: string | null },
): Promise<{ id: string; versionId: string }> {
  const { q } = args;
  const [row] = await tx.query(
    `INSERT INTO questions (bank_id, category_id, current_version, type, title, tags, search_text, created_by)
     VALUES ($1, $2, 1, $3, $4, $5, $6, $7) RETURNING id`,
    [args.bankId, args.categoryId, q.type, q.title, q.tags, questionSearchText(q), args.userId],
  );
  const versionId = await insertVersion(tx, row.id, 1, q, args.userId);
  return { id: row.id, versionId };
}

/** The category under `parentId` (null = a root category) with this name, created when missing. Concurrency-safe. */
export async function ensureCategory(tx: Runner, bankId: string, parentId: string | null, name: string): Promise<{ id: string; created: boolean }> {
  const inserted = await tx.query(
    `INSERT INTO question_categories (bank_id, parent_id, name, position)
     SELECT $1, $2::uuid, $3, coalesce(max(position) + 1, 0) FROM question_categories WHERE bank_id = $1 AND parent_id IS NOT DISTINCT FROM $2::uuid
     ON CONFLICT DO NOTHING RETURNING id`,
    [bankId, parentId, name],
  );
  if (inserted.length) return { id: inserted[0].id, created: true };
  const [row] = await tx.query(
    `SELECT id FROM question_categories WHERE bank_id = $1 AND parent_id IS NOT DISTINCT FROM $2::uuid AND lower(name) = lower($3)`,
    [bankId, parentId, name],
  );
  return { id: row.id, created: false };
}

/** Creates (or finds) the nested categories `names` under `parentId`; returns the deepest one and how many were created. */
export async function ensureCategoryPath(tx: Runner, bankId: string, parentId: string, names: string[]): Promise<{ id: string; created: number }> {
  let id = parentId;
  let created = 0;
  for (const name of names) {
    const c = await ensureCategory(tx, bankId, id, name);
    id = c.id;
    if (c.created) created++;
  }
  return { id, created };
}

/** A bank with its root category "Mặc định". */
export async function insertBank(tx: Runner, args: { name: string; ownerUnitId: string; description: string; userId: string | null }): Promise<{ id: string; rootCategoryId: string }> {
  const [bank] = await tx.query(
    `INSERT INTO question_banks (name, owner_unit_id, description, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
    [args.name, args.ownerUnitId, args.description, args.userId],
  );
  const root = await ensureCategory(tx, bank.id, null, ROOT_CATEGORY_NAME);
  return { id: bank.id, rootCategoryId: root.id };
}
