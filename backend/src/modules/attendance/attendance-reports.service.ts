import { Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { notFound } from '../../common/errors/app-error';
import { todayVn } from '../../common/text/dates';
import { AuditService } from '../audit/audit.service';
import { csvSafe } from '../courses/enrolments.service';
import {
  CLASS_TYPE_VI, hoursOf, personStats, ROSTER_ORDER, ROSTER_SELECT, Row, ruleOf, SESSION_SELECT, STATUS_VI, toClassDto, toSessionDto, utcToLocal,
  vnDate, weightOf, WEEKDAY_VI,
} from './attendance-common';
import { ClassReportDto, PersonReportDto, UnitReportDto, UnitReportRowDto } from './attendance.dto';
import { ClassesService } from './classes.service';
import { buildSignInSheet } from './sign-in-sheet';

export const UNIT_LABELS: Record<string, string> = {
  unitName: 'Đơn vị tổ chức',
  classesHeld: 'Số lớp đã tổ chức',
  sessionsHeld: 'Số buổi học đã tổ chức',
  distinctParticipants: 'Số người tham gia (không trùng)',
  distinctResidents: 'Trong đó: người dân (không trùng)',
  distinctStaff: 'Trong đó: cán bộ (không trùng)',
  personAttendances: 'Số lượt người tham gia (lượt)',
  hours: 'Tổng số giờ học (giờ × người)',
};

type Cell = string | number | Date | null;
export interface TableFile { fileName: string; body: Buffer }

/** CSV (UTF-8 with BOM, ';', formula injection neutralised) or XLSX (title row, frozen styled header), like the course progress export. */
export async function tableFile(format: 'xlsx' | 'csv', base: string, sheetName: string, title: string, header: string[], lines: Cell[][], widths: number[] = []): Promise<TableFile> {
  let body: Buffer;
  if (format === 'csv') {
    const cell = (v: Cell) => {
      const s = csvSafe(v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
      return /[";\n\r,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const text = [header, ...lines].map((l) => l.map(cell).join(';')).join('\r\n') + '\r\n';
    body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  } else {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }] });
    ws.columns = header.map((_, i) => ({ width: widths[i] ?? 14 }));
    const t = ws.addRow([csvSafe(title)]);
    t.font = { bold: true, size: 14 };
    t.commit();
    const h = ws.addRow(header.map((v) => csvSafe(v)));
    h.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    h.alignment = { vertical: 'middle', wrapText: true };
    h.commit();
    for (const l of lines) {
      const row = ws.addRow(l.map((v) => (typeof v === 'string' ? csvSafe(v) : v)));
      l.forEach((v, i) => { if (v instanceof Date) row.getCell(i + 1).numFmt = 'dd/mm/yyyy'; });
      row.commit();
    }
    ws.commit();
    await wb.commit();
    await done;
    body = Buffer.concat(chunks);
  }
  return { fileName: `${base}.${format}`, body };
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
const yearNow = () => Number(todayVn().slice(0, 4));

@Injectable()
export class AttendanceReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly classes: ClassesService,
  ) {}

  // ------------------------------------------------------------------ per class

  async classReport(actor: Actor, classId: string): Promise<ClassReportDto> {
    const cls = await this.classes.loadClass(actor, classId);
    const rule = ruleOf(cls);
    const sessions = await this.dataSource.query(`${SESSION_SELECT} WHERE s.class_id = $1 AND s.status = 'scheduled' ORDER BY s.starts_at, s.id`, [classId]);
    const roster = await this.dataSource.query(`SELECT * FROM (${ROSTER_SELECT} WHERE r.class_id = $1) x ORDER BY ${ROSTER_ORDER}`, [classId]);
    const marks = await this.dataSource.query(
      `SELECT m.roster_id, m.session_id, m.status, m.late_minutes FROM attendance_marks m JOIN class_sessions s ON s.id = m.session_id
        WHERE s.class_id = $1 AND s.status = 'scheduled'`,
      [classId],
    );
    const byPerson = new Map<string, Map<string, Row>>();
    for (const m of marks) {
      if (!byPerson.has(m.roster_id)) byPerson.set(m.roster_id, new Map());
      byPerson.get(m.roster_id)?.set(m.session_id, m);
    }
    const now = new Date();
    const lite = sessions.map((s: Row) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at) }));
    const rows = roster.map((p: Row) => {
      const mine = byPerson.get(p.id) ?? new Map<string, Row>();
      const st = personStats(lite, (id) => mine.get(id)?.status, rule, now);
      return {
        rosterId: p.id, fullName: p.full_name, kind: p.staff_id ? 'staff' : 'resident', unitName: p.unit_name,
        cells: sessions.map((s: Row) => ({ sessionId: s.id, status: mine.get(s.id)?.status ?? null, lateMinutes: mine.get(s.id)?.late_minutes ?? null })),
        ...st,
      };
    });
    const held = lite.filter((s: { endsAt: Date }) => s.endsAt.getTime() <= now.getTime()).length;
    const atRisk = rows.filter((r: Row) => r.atRisk).sort((a: Row, b: Row) => a.rateSoFar - b.rateSoFar).map((r: Row) => r.rosterId);
    const dto = toClassDto(cls);
    return {
      class: dto,
      rule: dto.rule,
      sessions: sessions.map((s: Row) => ({ ...toSessionDto(s), held: new Date(s.ends_at).getTime() <= now.getTime() })),
      rows,
      atRisk,
      totals: {
        rosterCount: rows.length,
        sessionsHeld: held,
        sessionsScheduled: sessions.length,
        averageRate: held && rows.length ? Math.round((10 * rows.reduce((a: number, r: Row) => a + r.rateSoFar, 0)) / rows.length) / 10 : 0,
        hours: Math.round(100 * rows.reduce((a: number, r: Row) => a + r.hours, 0)) / 100,
      },
    };
  }

  async exportClass(actor: Actor, classId: string, format: 'xlsx' | 'csv'): Promise<TableFile> {
    const r = await this.classReport(actor, classId);
    const cell = (c: { status: string | null; lateMinutes: number | null }) =>
      !c.status ? '' : c.status === 'late' && c.lateMinutes ? `${STATUS_VI.late} ${c.lateMinutes} phút` : STATUS_VI[c.status];
    const header = ['STT', 'Họ và tên', 'Đối tượng', 'Đơn vị / Tổ dân phố',
      ...r.sessions.map((s) => `${vnDate(s.date)} ${s.startTime}`), 'Số buổi tham dự', 'Tỷ lệ đến nay (%)', 'Tỷ lệ cả lớp học (%)', 'Số giờ học', 'Nguy cơ không đạt'];
    const lines = r.rows.map((p, i) => [
      i + 1, p.fullName, p.kind === 'staff' ? 'Cán bộ' : 'Người dân', p.unitName, ...p.cells.map(cell),
      p.attendedSessions, p.rateSoFar, p.share, p.hours, p.atRisk ? 'Có' : '',
    ]);
    const title = `Điểm danh lớp ${r.class.title} (${r.class.code}) - tỷ lệ tối thiểu ${r.rule.minShare}% - xuất ngày ${vnDate(todayVn())}`;
    const f = await tableFile(format, `diem-danh-${safeName(r.class.code)}`, 'Điểm danh', title, header, lines, [6, 28, 11, 26, ...r.sessions.map(() => 13), 10, 10, 10, 10, 10]);
    await this.audit.record(null, actor, {
      action: 'export.class_attendance', entityType: 'class', entityId: classId, summary: `Xuất bảng điểm danh lớp ${r.class.title} (${format.toUpperCase()}, ${lines.length} người)`,
      details: { format, rows: lines.length, sessions: r.sessions.length },
    });
    return f;
  }

  // ------------------------------------------------------------------ per person

  private async personReport(person: { kind: 'staff' | 'resident'; id: string; fullName: string; unitName: string }, year: number): Promise<PersonReportDto> {
    const col = person.kind === 'staff' ? 'staff_id' : 'resident_id';
    const rosters = await this.dataSource.query(
      `SELECT r.id AS roster_id, c.* FROM class_roster r JOIN classes c ON c.id = r.class_id WHERE r.${col} = $1`, [person.id],
    );
    const classIds = rosters.map((r: Row) => r.id);
    const sessions = classIds.length
      ? await this.dataSource.query(
        `SELECT s.* FROM class_sessions s WHERE s.class_id = ANY($1::uuid[]) AND s.status = 'scheduled'
            AND extract(year FROM s.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $2 ORDER BY s.starts_at, s.id`,
        [classIds, year],
      )
      : [];
    const marks = rosters.length
      ? await this.dataSource.query(`SELECT session_id, status FROM attendance_marks WHERE roster_id = ANY($1::uuid[])`, [rosters.map((r: Row) => r.roster_id)])
      : [];
    const statusOf = new Map<string, string>(marks.map((m: Row) => [m.session_id, m.status]));
    const now = new Date();
    const classes = [];
    const list = [];
    let total = 0;
    let attended = 0;
    for (const c of rosters) {
      const own = sessions.filter((s: Row) => s.class_id === c.id);
      if (!own.length) continue;
      const rule = ruleOf(c);
      const st = personStats(own.map((s: Row) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at) })), (id) => statusOf.get(id), rule, now);
      classes.push({ classId: c.id, classTitle: c.title, classType: c.class_type, sessions: own.length, attended: st.attendedSessions, share: st.share, hours: st.hours });
      total += st.hours;
      attended += st.attendedSessions;
      for (const s of own) {
        const a = utcToLocal(new Date(s.starts_at));
        const status = statusOf.get(s.id) ?? null;
        list.push({
          sessionId: s.id, classId: c.id, classTitle: c.title, startsAt: new Date(s.starts_at).toISOString(), date: a.date, startTime: a.time,
          endTime: utcToLocal(new Date(s.ends_at)).time, status, hours: Math.round(100 * hoursOf(new Date(s.starts_at), new Date(s.ends_at)) * weightOf(rule, status)) / 100,
        });
      }
    }
    list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return { person, year, classes, sessions: list, totalHours: Math.round(total * 100) / 100, attendedSessions: attended };
  }

  async staffReport(actor: Actor, staffId: string, year?: number): Promise<PersonReportDto> {
    const [s] = await this.dataSource.query(
      `SELECT s.id, s.full_name, s.unit_id, u.name AS unit_name FROM staff_members s JOIN org_units u ON u.id = s.unit_id WHERE s.id = $1`, [staffId],
    );
    if (!s || !(await this.access.inScope(actor, s.unit_id))) throw notFound();
    return this.personReport({ kind: 'staff', id: s.id, fullName: s.full_name, unitName: s.unit_name }, year ?? yearNow());
  }

  async residentReport(actor: Actor, residentId: string, year?: number): Promise<PersonReportDto> {
    const [r] = await this.dataSource.query(
      `SELECT r.id, r.full_name, r.unit_id, u.name AS unit_name FROM residents r JOIN org_units u ON u.id = r.unit_id WHERE r.id = $1`, [residentId],
    );
    if (!r || !(await this.access.inScope(actor, r.unit_id))) throw notFound();
    return this.personReport({ kind: 'resident', id: r.id, fullName: r.full_name, unitName: r.unit_name }, year ?? yearNow());
  }

  // ------------------------------------------------------------------ per unit

  /**
   * Classes owned by the unit's subtree with at least one held session in the year (Vietnam time), per owning unit:
   * classes and sessions held, distinct participants (persons with a mark of weight > 0) vs person-attendances
   * (lượt), hours (Σ session length × weight). The total counts distinct persons over the whole subtree.
   */
  async unitReport(actor: Actor, unitId: string, year?: number): Promise<UnitReportDto> {
    const [unit] = await this.dataSource.query(`SELECT id, name FROM org_units WHERE id = $1`, [unitId]);
    if (!unit || !(await this.access.inScope(actor, unitId))) throw notFound();
    const y = year ?? yearNow();
    const units = await this.access.subtreeIds(unitId);
    const held = await this.dataSource.query(
      `SELECT s.id, s.class_id, s.starts_at, s.ends_at, c.owner_unit_id, u.name AS unit_name, c.status_weights
         FROM class_sessions s JOIN classes c ON c.id = s.class_id JOIN org_units u ON u.id = c.owner_unit_id
        WHERE c.owner_unit_id = ANY($1::uuid[]) AND s.status = 'scheduled' AND s.ends_at <= now()
          AND extract(year FROM s.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $2`,
      [units, y],
    );
    const att = held.length
      ? await this.dataSource.query(
        `SELECT m.session_id, m.status, r.staff_id, r.resident_id FROM attendance_marks m JOIN class_roster r ON r.id = m.roster_id
          WHERE m.session_id = ANY($1::uuid[])`,
        [held.map((s: Row) => s.id)],
      )
      : [];
    const sessionOf = new Map<string, Row>(held.map((s: Row) => [s.id, s]));
    type Acc = { unitId: string | null; unitName: string; classes: Set<string>; sessions: Set<string>; people: Set<string>; visits: number; hours: number };
    const acc = new Map<string, Acc>();
    const total: Acc = { unitId: unit.id, unitName: `Tổng cộng: ${unit.name}`, classes: new Set(), sessions: new Set(), people: new Set(), visits: 0, hours: 0 };
    const get = (s: Row) => {
      if (!acc.has(s.owner_unit_id)) acc.set(s.owner_unit_id, { unitId: s.owner_unit_id, unitName: s.unit_name, classes: new Set(), sessions: new Set(), people: new Set(), visits: 0, hours: 0 });
      return acc.get(s.owner_unit_id) as Acc;
    };
    for (const s of held) for (const a of [get(s), total]) { a.classes.add(s.class_id); a.sessions.add(s.id); }
    for (const m of att) {
      const s = sessionOf.get(m.session_id);
      const w = Number({ present: 1, late: 1, left_early: 0.5, excused: 0, unexcused: 0, ...(s.status_weights ?? {}) }[m.status as string] ?? 0);
      if (w <= 0) continue;
      const person = m.staff_id ? `s:${m.staff_id}` : `r:${m.resident_id}`;
      const h = hoursOf(new Date(s.starts_at), new Date(s.ends_at)) * w;
      for (const a of [get(s), total]) { a.people.add(person); a.visits++; a.hours += h; }
    }
    const out = (a: Acc): UnitReportRowDto => ({
      unitId: a.unitId, unitName: a.unitName, classesHeld: a.classes.size, sessionsHeld: a.sessions.size,
      distinctParticipants: a.people.size,
      distinctResidents: [...a.people].filter((p) => p.startsWith('r:')).length,
      distinctStaff: [...a.people].filter((p) => p.startsWith('s:')).length,
      personAttendances: a.visits, hours: Math.round(a.hours * 100) / 100,
    });
    const rows = [...acc.values()].map(out).sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
    return { unit: { id: unit.id, name: unit.name }, year: y, labels: UNIT_LABELS, rows, total: out(total) };
  }

  async exportUnit(actor: Actor, unitId: string, year: number | undefined, format: 'xlsx' | 'csv'): Promise<TableFile> {
    const r = await this.unitReport(actor, unitId, year);
    const keys = ['unitName', 'classesHeld', 'sessionsHeld', 'distinctParticipants', 'distinctResidents', 'distinctStaff', 'personAttendances', 'hours'] as const;
    const header = ['STT', ...keys.map((k) => UNIT_LABELS[k])];
    const lines: Cell[][] = r.rows.map((row, i) => [i + 1, ...keys.map((k) => row[k] as Cell)]);
    lines.push(['', ...keys.map((k) => r.total[k] as Cell)]);
    const title = `Lớp học tập số và điểm danh năm ${r.year}: ${r.unit.name} - người (không trùng) và lượt người được tính riêng - xuất ngày ${vnDate(todayVn())}`;
    const f = await tableFile(format, `diem-danh-don-vi-${r.year}`, 'Tổng hợp', title, header, lines, [6, 34, 12, 12, 14, 14, 14, 14, 14]);
    await this.audit.record(null, actor, {
      action: 'export.unit_attendance', entityType: 'org_unit', entityId: unitId, summary: `Xuất tổng hợp điểm danh năm ${r.year} của ${r.unit.name} (${format.toUpperCase()})`,
      details: { format, year: r.year, rows: r.rows.length },
    });
    return f;
  }

  // ------------------------------------------------------------------ sign-in sheet

  async signInSheet(actor: Actor, sessionId: string): Promise<TableFile> {
    const { session, cls } = await this.classes.loadSession(actor, sessionId);
    const roster = await this.dataSource.query(`SELECT * FROM (${ROSTER_SELECT} WHERE r.class_id = $1) x ORDER BY ${ROSTER_ORDER}`, [cls.id]);
    const trainers = cls.trainer_ids?.length
      ? (await this.dataSource.query(`SELECT display_name FROM users WHERE id = ANY($1::uuid[]) ORDER BY display_name COLLATE vi_vn`, [cls.trainer_ids])).map((u: Row) => u.display_name)
      : [];
    const a = utcToLocal(new Date(session.starts_at));
    const body = await buildSignInSheet({
      unitName: cls.owner_unit_name,
      classTitle: cls.title,
      classCode: cls.code,
      sessionLine: `${WEEKDAY_VI[a.weekday]}, ${vnDate(a.date)}, ${a.time} - ${utcToLocal(new Date(session.ends_at)).time}`,
      venue: [session.venue_name ?? cls.venue_name, session.venue_address ?? cls.venue_address].filter(Boolean).join(', ') || null,
      topic: session.topic,
      trainers,
      people: roster.map((p: Row) => ({ fullName: p.full_name, birthYear: p.birth_year, unitName: p.unit_name })),
    });
    await this.audit.record(null, actor, {
      action: 'export.sign_in_sheet', entityType: 'class', entityId: cls.id, summary: `In danh sách điểm danh buổi ${a.time} ${vnDate(a.date)} lớp ${cls.title} (${roster.length} người)`,
      details: { sessionId, people: roster.length },
    });
    return { fileName: `diem-danh-${safeName(cls.code)}-${a.date}.pdf`, body };
  }

  static typeLabel(t: string) { return CLASS_TYPE_VI[t] ?? t; }
}
