import { Tag } from 'antd';
import { useT } from '../../../lib/i18n';
import type { ClassStatus, MarkStatus, SessionStatus } from '../types';

/** Tag colours whose text keeps a 4.5:1 contrast (antd's green, orange and volcano tags do not). */
export type TagTone = 'grey' | 'blue' | 'green' | 'orange' | 'red' | 'purple';
const TONES: Record<TagTone, React.CSSProperties> = {
  grey: { background: '#fafafa', color: '#262626', borderColor: '#d9d9d9' },
  blue: { background: '#e6f4ff', color: '#003eb3', borderColor: '#91caff' },
  green: { background: '#f6ffed', color: '#135200', borderColor: '#95de64' },
  orange: { background: '#fff7e6', color: '#873800', borderColor: '#ffc069' },
  red: { background: '#fff1f0', color: '#a8071a', borderColor: '#ffa39e' },
  purple: { background: '#f9f0ff', color: '#391085', borderColor: '#d3adf7' },
};

export function ToneTag({ tone, children }: { tone: TagTone; children: React.ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}

const CLASS_TONES: Record<ClassStatus, TagTone> = {
  planned: 'grey',
  enrolling: 'blue',
  in_progress: 'blue',
  completed: 'green',
  postponed: 'orange',
  cancelled: 'red',
};

export function ClassStatusTag({ status }: { status: ClassStatus }) {
  const t = useT();
  return <ToneTag tone={CLASS_TONES[status]}>{t(`att.classStatus.${status}`)}</ToneTag>;
}

const SESSION_TONES: Record<SessionStatus, TagTone> = { scheduled: 'blue', postponed: 'orange', cancelled: 'red' };

export function SessionStatusTag({ status }: { status: SessionStatus }) {
  const t = useT();
  return <ToneTag tone={SESSION_TONES[status]}>{t(`att.sessionStatus.${status}`)}</ToneTag>;
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
