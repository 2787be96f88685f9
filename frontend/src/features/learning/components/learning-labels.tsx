import { Tag } from 'antd';
import { useT } from '../../../lib/i18n';
import type { LearningCourse } from '../../courses/types';
import { TAG } from '../../courses/components/tag-colors';

/** "Quá hạn" / "Sắp đến hạn" tags of an enrolment (text, not only colour). */
export function DueTags({ course }: { course: Pick<LearningCourse, 'overdue' | 'dueSoon' | 'status'> }) {
  const t = useT();
  if (course.status === 'completed' || course.status === 'exempted' || course.status === 'withdrawn') return null;
  if (course.overdue) return <Tag color={TAG.red}>{t('learning.overdue')}</Tag>;
  if (course.dueSoon) return <Tag color={TAG.orange}>{t('learning.dueSoon')}</Tag>;
  return null;
}
