import dayjs from 'dayjs';

const numberFormat = new Intl.NumberFormat('vi-VN');

/** 1234.5 -> "1.234,5" (Vietnamese grouping regardless of UI language, docs/domain.md §4.7). */
export function formatNumber(value: number | null | undefined): string {
  if (value == null || Number.isNaN(value)) return '';
  return numberFormat.format(value);
}

/** 'YYYY-MM-DD' or ISO timestamp -> 'dd/mm/yyyy'. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value, 'YYYY-MM-DD') : dayjs(value);
  return d.isValid() ? d.format('DD/MM/YYYY') : value;
}

/** ISO timestamp -> 'dd/mm/yyyy HH:mm' in local time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : value;
}

export const DATE_FORMAT = 'DD/MM/YYYY';
export const API_DATE_FORMAT = 'YYYY-MM-DD';

/** Vietnamese 10-digit mobile number (docs/domain.md §4.9). */
export const VN_MOBILE_RE = /^0[35789]\d{8}$/;
