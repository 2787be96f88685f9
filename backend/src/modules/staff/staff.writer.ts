import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { todayVn } from '../../common/text/dates';
import type { DtRole, Gender, LeaveKind, StaffCategory, StaffStatus } from './staff-member.entity';

/** The stored fields of a person, as written by the form and by imports. */
export interface StaffData {
  staffCode: string | null;
  familyName: string;
  middleName: string;
  givenName: string;
  fullName: string;
  gender: Gender | null;
  birthYear: number | null;
  email: string | null;
  phone: string | null;
  unitId: string;
  position: string | null;
  category: StaffCategory;
  dtRole: DtRole;
  isLeadership: boolean;
  communityDigitalTeamId: string | null;
  status: StaffStatus;
  leaveKind: LeaveKind | null;
  statusSince: string;
  note: string | null;
}

export const HISTORY_FIELDS = ['unitId', 'category', 'dtRole', 'status', 'leaveKind'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function rowToData(r: any): StaffData {
  return {
    staffCode: r.staff_code,
    familyName: r.family_name,
    middleName: r.middle_name,
    givenName: r.given_name,
    fullName: r.full_name,
    gender: r.gender,
    birthYear: r.birth_year,
    email: r.email,
    phone: r.phone,
    unitId: r.unit_id,
    position: r.position,
    category: r.category,
    dtRole: r.dt_role,
    isLeadership: r.is_leadership,
    communityDigitalTeamId: r.community_digital_team_id,
    status: r.status,
    leaveKind: r.leave_kind,
    statusSince: r.status_since,
    note: r.note,
  };
}

const today = todayVn;

/**
 * Inserts people with their first history period, in bulk (one statement per table), inside the
 * caller's transaction. Returns the new ids in input order.
 */
export async function insertStaff(tx: EntityManager, rows: StaffData[], actorId: string | null): Promise<string[]> {
  if (!rows.length) return [];
  const ids = rows.map(() => randomUUID());
  const payload = rows.map((r, i) => ({ id: ids[i], ...r }));
  await tx.query(
    `WITH src AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "staffCode" text, "familyName" text, "middleName" text,
         "givenName" text, "fullName" text, gender text, "birthYear" int, email text, phone text, "unitId" uuid, position text,
         category text, "dtRole" text, "isLeadership" boolean, "communityDigitalTeamId" uuid, status text, "leaveKind" text,
         "statusSince" date, note text)
     ), ins AS (
       INSERT INTO staff_members (id, staff_code, family_name, middle_name, given_name, full_name, gender, birth_year, email, phone,
         unit_id, position, category, dt_role, is_leadership, community_digital_team_id, status, leave_kind, status_since, note)
       SELECT id, "staffCode", "familyName", "middleName", "givenName", "fullName", gender, "birthYear", email, phone, "unitId",
         position, category, "dtRole", "isLeadership", "communityDigitalTeamId", status, "leaveKind", "statusSince", note
       FROM src
       RETURNING id, unit_id, category, dt_role, status, leave_kind, status_since
     )
     INSERT INTO staff_history (staff_id, valid_from, unit_id, category, dt_role, status, leave_kind, changed_by)
     SELECT id, status_since, unit_id, category, dt_role, status, leave_kind, $2 FROM ins`,
    [JSON.stringify(payload), actorId],
  );
  return ids;
}

export class HistoryDateError extends Error {
  constructor(public readonly lastChange: string) {
    super('statusSince before the last change');
  }
}

/**
 * Applies changes to one person. A change of unit, category, DT role or status closes the open
 * history period at `effective` and opens a new one, so "as of" figures stay reproducible.
 */
export async function updateStaff(
  tx: EntityManager,
  id: string,
  current: StaffData,
  next: StaffData,
  effective: string | undefined,
  actorId: string | null,
): Promise<void> {
  const historyChanged = HISTORY_FIELDS.some((f) => current[f] !== next[f]);
  const statusChanged = current.status !== next.status || current.leaveKind !== next.leaveKind;
  const eff = effective ?? today();
  if (historyChanged) {
    const [open] = await tx.query(`SELECT id, valid_from FROM staff_history WHERE staff_id = $1 AND valid_to IS NULL FOR UPDATE`, [id]);
    if (open) {
      const openFrom = String(open.valid_from);
      if (eff < openFrom) throw new HistoryDateError(openFrom);
      if (eff === openFrom) {
        await tx.query(
          `UPDATE staff_history SET unit_id = $2, category = $3, dt_role = $4, status = $5, leave_kind = $6, changed_by = $7 WHERE id = $1`,
          [open.id, next.unitId, next.category, next.dtRole, next.status, next.leaveKind, actorId],
        );
      } else {
        await tx.query(`UPDATE staff_history SET valid_to = $2 WHERE id = $1`, [open.id, eff]);
        open.id = null;
      }
    }
    if (!open || open.id === null) {
      await tx.query(
        `INSERT INTO staff_history (staff_id, valid_from, unit_id, category, dt_role, status, leave_kind, changed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, eff, next.unitId, next.category, next.dtRole, next.status, next.leaveKind, actorId],
      );
    }
  }
  await tx.query(
    `UPDATE staff_members SET staff_code = $2, family_name = $3, middle_name = $4, given_name = $5, full_name = $6, gender = $7,
       birth_year = $8, email = $9, phone = $10, unit_id = $11, position = $12, category = $13, dt_role = $14, is_leadership = $15,
       community_digital_team_id = $16, status = $17, leave_kind = $18, status_since = $19, note = $20, updated_at = now()
     WHERE id = $1`,
    [
      id, next.staffCode, next.familyName, next.middleName, next.givenName, next.fullName, next.gender, next.birthYear, next.email,
      next.phone, next.unitId, next.position, next.category, next.dtRole, next.isLeadership, next.communityDigitalTeamId,
      next.status, next.leaveKind, statusChanged ? eff : current.statusSince, next.note,
    ],
  );
}

/** Field names whose values differ (for audit details and the import's "unchanged" action). */
export function changedFields(a: StaffData, b: StaffData): (keyof StaffData)[] {
  return (Object.keys(b) as (keyof StaffData)[]).filter((k) => k !== 'statusSince' && (a[k] ?? null) !== (b[k] ?? null));
}
