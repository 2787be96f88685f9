import { Tag } from 'antd';
import { useT } from '../../../lib/i18n';
import { TAG } from '../../courses/components/tag-colors';
import type { AttemptStatus, QuizStatus } from '../types';

export function QuizStatusTag({ status }: { status: QuizStatus }) {
  const t = useT();
  return <Tag color={status === 'published' ? TAG.green : undefined}>{t(`quizzes.status.${status}`)}</Tag>;
}

export function AttemptStatusTag({ status }: { status: AttemptStatus }) {
  const t = useT();
  const color = status === 'graded' ? TAG.green : status === 'needs_grading' ? TAG.orange : status === 'in_progress' ? TAG.blue : undefined;
  return <Tag color={color}>{t(`qattempt.status.${status}`)}</Tag>;
}

export function PassedTag({ passed }: { passed: boolean | null | undefined }) {
  const t = useT();
  if (passed === null || passed === undefined) return null;
  return <Tag color={passed ? TAG.green : TAG.red}>{passed ? t('qattempt.passed') : t('qattempt.failed')}</Tag>;
}

/** 85,5 % (Vietnamese decimal comma), or an em dash. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(value)} %`;
}

export function formatMark(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(value);
}
