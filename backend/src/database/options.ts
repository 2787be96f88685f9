import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { OrgUnit } from '../modules/org-units/org-unit.entity';
import { StaffHistory, StaffMember } from '../modules/staff/staff-member.entity';
import { User } from '../modules/users/user.entity';
import { Foundation1764300000000 } from './migrations/1764300000000-Foundation';
import { Courses1764400000000 } from './migrations/1764400000000-Courses';
import { CourseFiles1764500000000 } from './migrations/1764500000000-CourseFiles';
import { LearningSpeed1764510000000 } from './migrations/1764510000000-LearningSpeed';
import { Questions1764600000000 } from './migrations/1764600000000-Questions';
import { Quizzes1764700000000 } from './migrations/1764700000000-Quizzes';
import { Attendance1764800000000 } from './migrations/1764800000000-Attendance';
import { Targets1764900000000 } from './migrations/1764900000000-Targets';
import { Reports1764950000000 } from './migrations/1764950000000-Reports';
import { Certificates1764960000000 } from './migrations/1764960000000-Certificates';
import { CertificateRenewal1764970000000 } from './migrations/1764970000000-CertificateRenewal';
import { TargetSpeed1764980000000 } from './migrations/1764980000000-TargetSpeed';

// DATE columns stay 'YYYY-MM-DD' strings: no time zone can shift a calendar date.
types.setTypeParser(1082, (v: string) => v);

export const ENTITIES = [OrgUnit, StaffMember, StaffHistory, User, AuditEvent];
export const MIGRATIONS = [
  Foundation1764300000000,
  Courses1764400000000,
  CourseFiles1764500000000,
  LearningSpeed1764510000000,
  Questions1764600000000,
  Quizzes1764700000000,
  Attendance1764800000000,
  Targets1764900000000,
  Reports1764950000000,
  Certificates1764960000000,
  CertificateRenewal1764970000000,
  TargetSpeed1764980000000,
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
