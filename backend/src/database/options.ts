import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { OrgUnit } from '../modules/org-units/org-unit.entity';
import { StaffHistory, StaffMember } from '../modules/staff/staff-member.entity';
import { User } from '../modules/users/user.entity';
import { Foundation1764300000000 } from './migrations/1764300000000-Foundation';
import { Courses1764400000000 } from './migrations/1764400000000-Courses';
import { Questions1764600000000 } from './migrations/1764600000000-Questions';

// DATE columns stay 'YYYY-MM-DD' strings: no time zone can shift a calendar date.
types.setTypeParser(1082, (v: string) => v);

export const ENTITIES = [OrgUnit, StaffMember, StaffHistory, User, AuditEvent];
export const MIGRATIONS = [
  Foundation1764300000000,
  Courses1764400000000,
  Questions1764600000000,
];

/** The one place that builds TypeORM options: migrations only, never synchronize. */
export function dataSourceOptions(url: string, extra: Partial<{ poolSize: number }> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: extra.poolSize ?? 10,
    applicationName: 'dakbla-training',
  } as DataSourceOptions;
}
