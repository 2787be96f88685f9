import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a database trigger refuses UPDATE and DELETE. */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_username', type: 'varchar', length: 254, nullable: true }) actorUsername: string | null;
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ name: 'entity_type', type: 'varchar', length: 40, nullable: true }) entityType: string | null;
  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true }) entityId: string | null;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details: Record<string, unknown>;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip: string | null;
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true }) requestId: string | null;
}
