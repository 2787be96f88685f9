import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../errors/app-error';
import { Actor, isAdmin } from '../auth/permissions';

/**
 * Org-unit scope: admins see everything; trainers and managers see their scope unit's subtree only.
 * Anything outside answers 404 (never reveals that the record exists).
 */
@Injectable()
export class OrgAccessService {
  constructor(private readonly dataSource: DataSource) {}

  /** null = unrestricted; otherwise the ids of the scope subtree (empty when no scope is set). */
  async scopeUnitIds(actor: Actor, tx?: EntityManager): Promise<string[] | null> {
    if (isAdmin(actor)) return null;
    if (!actor.scopeUnitId) return [];
    return this.subtreeIds(actor.scopeUnitId, tx);
  }

  async subtreeIds(rootId: string, tx?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await (tx ?? this.dataSource.manager).query(
      `WITH RECURSIVE t AS (SELECT id FROM org_units WHERE id = $1
         UNION ALL SELECT u.id FROM org_units u JOIN t ON u.parent_id = t.id)
       SELECT id FROM t`,
      [rootId],
    );
    return rows.map((r) => r.id);
  }

  async inScope(actor: Actor, unitId: string, tx?: EntityManager): Promise<boolean> {
    const ids = await this.scopeUnitIds(actor, tx);
    return ids === null || ids.includes(unitId);
  }

  async assertUnitInScope(actor: Actor, unitId: string, tx?: EntityManager): Promise<void> {
    if (!(await this.inScope(actor, unitId, tx))) throw notFound();
  }
}
