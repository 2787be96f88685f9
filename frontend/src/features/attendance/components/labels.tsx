import { Tag } from 'antd';
import { useT } from '../../../lib/i18n';
import type { ClassStatus, MarkStatus, SessionStatus } from '../types';

const CLASS_COLORS: Record<ClassStatus, string> = {
  planned: 'default',
  enrolling: 'blue',
  in_progress: 'processing',
  completed: 'green',
  postponed: 'orange',
  cancelled: 'red',
};

export function ClassStatusTag({ status }: { status: ClassStatus }) {
  const t = useT();
  return <Tag color={CLASS_COLORS[status]}>{t(`att.classStatus.${status}`)}</Tag>;
}

const SESSION_COLORS: Record<SessionStatus, string> = { scheduled: 'blue', postponed: 'orange', cancelled: 'red' };

export function SessionStatusTag({ status }: { status: SessionStatus }) {
  const t = useT();
  return <Tag color={SESSION_COLORS[status]}>{t(`att.sessionStatus.${status}`)}</Tag>;
}

/** Colours with enough contrast for text on a light background. */
export const MARK_COLORS: Record<MarkStatus | 'unmarked', { bg: string; fg: string; border: string }> = {
  present: { bg: '#f6ffed', fg: '#135200', border: '#73d13d' },
  late: { bg: '#fffbe6', fg: '#613400', border: '#ffc53d' },
  left_early: { bg: '#e6f4ff', fg: '#002c8c', border: '#69b1ff' },
  excused: { bg: '#f9f0ff', fg: '#391085', border: '#b37feb' },
  unexcused: { bg: '#fff1f0', fg: '#820014', border: '#ff7875' },
  unmarked: { bg: '#fafafa', fg: '#434343', border: '#d9d9d9' },
};

export function MarkStatusTag({ status, lateMinutes }: { status: MarkStatus | null; lateMinutes?: number | null }) {
  const t = useT();
  const key = status ?? 'unmarked';
  const c = MARK_COLORS[key];
  return (
    <Tag style={{ background: c.bg, color: c.fg, borderColor: c.border }}>
      {t(`att.mark.${key}`)}
      {status === 'late' && lateMinutes != null ? ` (${t('att.minutesShort', { n: lateMinutes })})` : ''}
    </Tag>
  );
}
