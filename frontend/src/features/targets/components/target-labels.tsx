import { Tag } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useT, type TFunction } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { TAG } from '../../courses/components/tag-colors';
import type { TargetStatus, TargetSummary } from '../types';

const STATUS: Record<TargetStatus, { color: string; icon: React.ReactNode }> = {
  achieved: { color: TAG.green, icon: <CheckCircleOutlined aria-hidden /> },
  on_track: { color: TAG.blue, icon: <ClockCircleOutlined aria-hidden /> },
  at_risk: { color: TAG.gold, icon: <WarningOutlined aria-hidden /> },
  behind: { color: TAG.red, icon: <ExclamationCircleOutlined aria-hidden /> },
};

/** Đạt / Đúng tiến độ / Có nguy cơ chậm / Chậm tiến độ: a colour, an icon and the words. */
export function TargetStatusTag({ status }: { status: TargetStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS[status].color} icon={STATUS[status].icon} style={{ marginInlineEnd: 0 }}>
      {t(`target.status.${status}`)}
    </Tag>
  );
}

const people = (n: number) => formatNumber(n > 0 ? Math.ceil(n) : 0);
const pace = (n: number) => formatNumber(Math.round(n * 10) / 10);

/** "Với tốc độ hiện tại, đạt chỉ tiêu vào ngày X; cần thêm N người/tháng để kịp hạn D." and its variants. */
export function projectionSentence(t: TFunction, s: TargetSummary): string {
  const deadline = formatDate(s.deadline);
  if (s.status === 'achieved' || s.toTrain === 0) return t('target.projection.achieved', { share: formatNumber(s.share) });
  if (s.asOf > s.deadline) return t('target.projection.overdue', { deadline, n: formatNumber(s.toTrain) });
  const p = s.projection;
  if (!p.projectedDate) return t('target.projection.stalled', { needed: people(p.neededPerMonth), deadline });
  if (p.projectedDate <= s.deadline) {
    return t('target.projection.early', { date: formatDate(p.projectedDate), deadline, needed: people(p.neededPerMonth) });
  }
  return t('target.projection.late', { date: formatDate(p.projectedDate), deadline, needed: people(p.neededPerMonth) });
}

export function paceSentence(t: TFunction, s: TargetSummary): string {
  return t('target.pace', { pace: pace(s.projection.pacePerMonth), months: formatNumber(Math.max(0, Math.round(s.projection.monthsLeft * 10) / 10)) });
}

const SOURCE_KEYS = ['internal', 'bdhvs', 'provincial_program', 'attendance'] as const;
type Source = (typeof SOURCE_KEYS)[number];

export function sourceLabel(t: TFunction, source: string | null): string {
  if (!source) return '';
  return (SOURCE_KEYS as readonly string[]).includes(source) ? t(`target.source.${source as Source}`) : source;
}
