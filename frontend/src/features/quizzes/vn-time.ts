/**
 * Quiz dates are entered and shown in Vietnam time (Asia/Ho_Chi_Minh, UTC+07:00 all year, no daylight saving
 * since 1975) whatever the time zone of the device, and sent as ISO instants.
 */
import dayjs, { type Dayjs } from 'dayjs';

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** An instant as a dayjs whose local fields are the Vietnam wall clock (for antd's DatePicker). */
export function toVnWall(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms + VN_OFFSET_MS);
  return dayjs(new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
}

/** The Vietnam wall clock in a picker's dayjs back to an ISO instant (seconds dropped). */
export function fromVnWall(value: Dayjs | null | undefined): string | null {
  if (!value || !value.isValid()) return null;
  const utc = Date.UTC(value.year(), value.month(), value.date(), value.hour(), value.minute()) - VN_OFFSET_MS;
  return new Date(utc).toISOString();
}

/** 'dd/mm/yyyy HH:mm' in Vietnam time. */
export function formatVn(iso: string | null | undefined): string {
  const wall = toVnWall(iso);
  return wall ? wall.format('DD/MM/YYYY HH:mm') : '';
}
