import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../modules/auth/auth.service';
import { unitSearchText } from '../../modules/org-units/org-units.service';
import { insertStaff, StaffData } from '../../modules/staff/staff.writer';
import { nfc, normalizePhone } from '../../common/text/vietnamese';
import { seedAttendance } from './attendance-seed';
import { seedCourses } from './course-seed';
import { seedQuestionBank } from './question-seed';
import { seedQuiz } from './quiz-seed';
import { seedTargets } from './target-seed';

/** The ward's units and 120 fictional staff (a copy of ../shared/data/seed-units-staff.json). */
export const SEED_FILE = path.resolve(__dirname, '../../../data/seed-units-staff.json');

export const DEMO_ACCOUNTS = ['admin', 'manager', 'trainer', 'learner'] as const;

interface SeedUnit { id: string; code: string; name: string; type: string; parentId: string | null; aliases?: string[]; external?: boolean; listedInPlan?: boolean; note?: string }
interface SeedStaff {
  id: string; fullName: string; familyName: string; middleName: string; givenName: string; gender: 'male' | 'female'; birthYear: number;
  unitId: string; position: string; staffCategory: StaffData['category']; dtRole: StaffData['dtRole']; isLeadership: boolean;
  employmentStatus: 'active' | 'maternity_leave' | 'long_term_study'; email?: string; phone?: string; note?: string;
}
interface SeedMember {
  id: string; staffId: string | null; fullName: string; familyName: string; middleName: string; givenName: string; gender: 'male' | 'female';
  birthYear: number; phone?: string; residentialGroupId: string; teamId: string; communityRoleLabel: string;
}

export async function isEmpty(ds: DataSource): Promise<boolean> {
  const [{ n }] = await ds.query(`SELECT (SELECT count(*) FROM org_units) + (SELECT count(*) FROM users) AS n`);
  return Number(n) === 0;
}

/** Seeds units, people and one demo account per role, in one transaction. Returns the seed-id -> uuid maps. */
export async function seedDemo(ds: DataSource, password: string) {
  const seed = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8')) as { units: SeedUnit[]; staff: SeedStaff[]; communityDigitalTeamMembers: SeedMember[] };
  const unitIds = new Map<string, string>(seed.units.map((u) => [u.id, randomUUID()]));
  const staffIds = new Map<string, string>();
  const reformDate = '2025-07-01';
  const hash = await hashPassword(password);
  await ds.transaction(async (tx) => {
    for (const u of seed.units) {
      const aliases = (u.aliases ?? []).map(nfc);
      await tx.query(
        `INSERT INTO org_units (id, code, name, type, parent_id, aliases, search_text, valid_from, external, listed_in_plan, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          unitIds.get(u.id), u.code, nfc(u.name), u.type, u.parentId ? unitIds.get(u.parentId) : null, aliases,
          unitSearchText(nfc(u.name), u.code, aliases), u.external ? null : reformDate, u.external ?? false, u.listedInPlan ?? true, u.note ?? null,
        ],
      );
    }
    const teamOf = new Map(seed.communityDigitalTeamMembers.filter((m) => m.staffId).map((m) => [m.staffId as string, m.teamId]));
    const phone = (p?: string) => (p && normalizePhone(p).ok ? (normalizePhone(p) as { value: string }).value : null);
    const staff: StaffData[] = seed.staff.map((s) => ({
      staffCode: s.id,
      familyName: nfc(s.familyName ?? ''),
      middleName: nfc(s.middleName ?? ''),
      givenName: nfc(s.givenName),
      fullName: nfc(s.fullName),
      gender: s.gender,
      birthYear: s.birthYear,
      email: s.email?.toLowerCase() ?? null,
      phone: phone(s.phone),
      unitId: unitIds.get(s.unitId) as string,
      position: s.position ? nfc(s.position) : null,
      category: s.staffCategory,
      dtRole: s.dtRole,
      isLeadership: s.isLeadership,
      communityDigitalTeamId: teamOf.has(s.id) ? (unitIds.get(teamOf.get(s.id) as string) as string) : null,
      status: s.employmentStatus === 'active' ? 'active' : 'on_leave',
      leaveKind: s.employmentStatus === 'active' ? null : s.employmentStatus,
      statusSince: reformDate,
      note: s.note ? nfc(s.note) : null,
    }));
    const residents: StaffData[] = seed.communityDigitalTeamMembers.filter((m) => !m.staffId).map((m) => ({
      staffCode: m.id,
      familyName: nfc(m.familyName ?? ''),
      middleName: nfc(m.middleName ?? ''),
      givenName: nfc(m.givenName),
      fullName: nfc(m.fullName),
      gender: m.gender,
      birthYear: m.birthYear,
      email: null,
      phone: phone(m.phone),
      unitId: unitIds.get(m.residentialGroupId) as string,
      position: nfc(m.communityRoleLabel),
      category: 'citizen',
      dtRole: 'none',
      isLeadership: false,
      communityDigitalTeamId: unitIds.get(m.teamId) as string,
      status: 'active',
      leaveKind: null,
      statusSince: reformDate,
      note: null,
    }));
    const all = [...staff, ...residents];
    const ids = await insertStaff(tx, all, null);
    all.forEach((s, i) => staffIds.set(s.staffCode as string, ids[i]));

    // the learner account belongs to a part-time (kiêm nhiệm) DT officer
    const learnerStaff = seed.staff.find((s) => s.dtRole === 'concurrent' && s.employmentStatus === 'active') ?? seed.staff[0];
    const accounts = [
      { username: 'admin', displayName: 'Quản trị hệ thống', roles: ['admin'], scope: null, staff: null },
      { username: 'manager', displayName: 'Cán bộ quản lý đào tạo', roles: ['manager', 'learner'], scope: unitIds.get('ward'), staff: null },
      { username: 'trainer', displayName: 'Giảng viên', roles: ['trainer', 'learner'], scope: unitIds.get('ward'), staff: null },
      { username: 'learner', displayName: nfc(learnerStaff.fullName), roles: ['learner'], scope: null, staff: staffIds.get(learnerStaff.id) },
    ];
    for (const a of accounts) {
      await tx.query(
        `INSERT INTO users (username, email, display_name, password_hash, roles, scope_unit_id, staff_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [a.username, `${a.username}@dakbla.example`, a.displayName, hash, a.roles, a.scope ?? null, a.staff ?? null],
      );
    }
    await seedCourses(tx, unitIds.get('ward') as string, staffIds.get(learnerStaff.id));
    await seedAttendance(tx);
    const bank = await seedQuestionBank(tx, unitIds.get('ward') as string);
    await seedQuiz(tx, unitIds.get('ward') as string, bank, staffIds.get(learnerStaff.id));
    await seedTargets(tx, unitIds.get('ward') as string, staffIds.get(learnerStaff.id));
    await tx.query(
      `INSERT INTO audit_events (action, entity_type, summary, details) VALUES ('system.demo_seeded', 'system', 'Nạp dữ liệu mẫu', $1)`,
      [JSON.stringify({ units: seed.units.length, people: all.length, accounts: accounts.length })],
    );
  });
  return { unitIds, staffIds };
}
