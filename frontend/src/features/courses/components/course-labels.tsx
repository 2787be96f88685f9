import { Tag } from 'antd';
import { useT } from '../../../lib/i18n';
import type { CourseStatus, EnrolmentStatus } from '../types';
import { TAG } from './tag-colors';

const STATUS_COLOR: Record<CourseStatus, string> = { draft: 'default', published: TAG.green, archived: TAG.purple };

export function CourseStatusTag({ status }: { status: CourseStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`courses.status.${status}`)}</Tag>;
}

const ENROLMENT_COLOR: Record<EnrolmentStatus, string> = {
  enrolled: TAG.blue,
  in_progress: TAG.gold,
  completed: TAG.green,
  withdrawn: 'default',
  exempted: TAG.purple,
};

export function EnrolmentStatusTag({ status }: { status: EnrolmentStatus }) {
  const t = useT();
  return <Tag color={ENROLMENT_COLOR[status]}>{t(`enrol.status.${status}`)}</Tag>;
}
