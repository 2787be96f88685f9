import { Tag } from 'antd';
import { useT } from '../../../lib/i18n';
import type { QuestionType } from '../types';

const COLORS: Record<QuestionType | 'cloze', string> = {
  single_choice: 'blue',
  multiple_choice: 'geekblue',
  true_false: 'cyan',
  short_answer: 'green',
  numeric: 'lime',
  matching: 'purple',
  ordering: 'magenta',
  missing_word: 'gold',
  essay: 'orange',
  description: 'default',
  cloze: 'volcano',
};

export function QuestionTypeTag({ type }: { type: QuestionType | 'cloze' }) {
  const t = useT();
  return <Tag color={COLORS[type] ?? 'default'}>{t(`qb.type.${type}`)}</Tag>;
}
