/** Helpers shared by attendance.spec.ts and check-in.spec.ts. */
import { call } from '../helpers';
import { App, ok, rnd } from './fixtures';

/** Local (Asia/Ho_Chi_Minh) date and time of an instant. */
export function local(d: Date): { date: string; time: string } {
  const l = new Date(d.getTime() + 7 * 3600 * 1000).toISOString();
  return { date: l.slice(0, 10), time: l.slice(11, 16) };
}

export const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function newClass(app: App, token: string, ownerUnitId: string, extra: Record<string, unknown> = {}): Promise<Json> {
  const s = rnd(3);
  return ok(await call(app, {
    method: 'POST', url: '/api/classes', token,
    body: { code: `L-${s}`, title: `Lớp học tập số ${s}`, classType: 'digital_learning_class', ownerUnitId, ...extra },
  }), 201);
}

/** A session at exact instants, written directly (tests of time windows must not depend on the local date). */
export async function sessionAt(app: App, classId: string, startsAt: Date, minutes = 90): Promise<string> {
  const ds = app.get((await import('typeorm')).DataSource);
  const [row] = await ds.query(
    `INSERT INTO class_sessions (class_id, starts_at, ends_at, topic) VALUES ($1, $2, $3, 'Buổi kiểm thử') RETURNING id`,
    [classId, startsAt, new Date(startsAt.getTime() + minutes * 60_000)],
  );
  return row.id;
}

export async function addResidents(app: App, token: string, classId: string, residents: Record<string, unknown>[]): Promise<Json> {
  return ok(await call(app, { method: 'POST', url: `/api/classes/${classId}/roster`, token, body: { residents } }));
}

export async function addStaff(app: App, token: string, classId: string, staffIds: string[]): Promise<Json> {
  return ok(await call(app, { method: 'POST', url: `/api/classes/${classId}/roster`, token, body: { staffIds } }));
}

/** A unique, valid Vietnamese mobile number. */
let phoneSeq = Math.floor(Math.random() * 1_000_000);
export const phone = () => `09${String(10_000_000 + (phoneSeq++ % 89_999_999)).slice(0, 8)}`;
