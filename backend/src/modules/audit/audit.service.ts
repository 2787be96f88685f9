import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/permissions';

export interface AuditInput {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  summary: string;
  details?: Record<string, unknown>;
}

/** Writes append-only audit rows, inside the caller's transaction when given one. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    tx: EntityManager | null,
    actor: Pick<Actor, 'userId' | 'username' | 'ip' | 'requestId'> | null,
    input: AuditInput,
    meta: { ip?: string | null; requestId?: string | null; username?: string | null } = {},
  ): Promise<void> {
    const runner = tx ?? this.dataSource.manager;
    await runner.query(
      `INSERT INTO audit_events (actor_id, actor_username, action, entity_type, entity_id, summary, details, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor?.userId ?? null,
        actor?.username ?? meta.username ?? null,
        input.action,
        input.entityType ?? null,
        input.entityId ?? null,
        input.summary,
        JSON.stringify(input.details ?? {}),
        actor?.ip ?? meta.ip ?? null,
        actor?.requestId ?? meta.requestId ?? null,
      ],
    );
  }
}
