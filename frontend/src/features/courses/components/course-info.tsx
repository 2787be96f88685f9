import { Descriptions, Tag } from 'antd';
import { useT } from '../../../lib/i18n';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { Course } from '../types';
import { CourseStatusTag } from './course-labels';

export function CourseInfo({ course }: { course: Course }) {
  const t = useT();
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'code', label: t('courses.code'), children: course.code },
        { key: 'status', label: t('courses.status'), children: <><CourseStatusTag status={course.status} /> {t('courses.version', { n: course.version })}</> },
        { key: 'unit', label: t('courses.ownerUnit'), children: course.ownerUnitName },
        { key: 'hours', label: t('courses.durationHours'), children: formatNumber(course.durationHours) },
        { key: 'target', label: t('courses.targetGroup'), children: t(`courses.target.${course.targetGroup}`) },
        { key: 'delivery', label: t('courses.deliveryMode'), children: t(`courses.delivery.${course.deliveryMode}`) },
        { key: 'seq', label: t('courses.sequential'), children: yesNo(course.sequential) },
        { key: 'pass', label: t('courses.passMark'), children: course.passMark ?? '' },
        { key: 'minp', label: t('courses.minProgressBeforeFinal'), children: course.minProgressBeforeFinal ?? '' },
        {
          key: 'validity',
          label: t('courses.certificateValidity'),
          children: course.certificateValidityMonths ? t('courses.validityMonths', { n: course.certificateValidityMonths }) : t('courses.noExpiry'),
        },
        {
          key: 'renewal',
          label: t('courses.renewal'),
          children: course.renewalLeadDays ? t('courses.renewalDays', { n: course.renewalLeadDays }) : t('courses.noRenewal'),
        },
        { key: 'self', label: t('courses.selfEnrol'), children: `${yesNo(course.selfEnrol)}${course.hasEnrolKey ? ` · ${t('catalogue.needsKey')}` : ''}` },
        { key: 'counts', label: t('courses.enrolledCount'), children: `${formatNumber(course.enrolledCount)} · ${t('courses.completedCount')}: ${formatNumber(course.completedCount)}` },
        { key: 'updated', label: t('courses.updatedAt'), children: formatDateTime(course.updatedAt) },
        { key: 'tags', label: t('courses.tags'), span: 'filled', children: course.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
        {
          key: 'desc',
          label: t('courses.description'),
          span: 'filled',
          // Sanitised HTML from the server.
          children: <div dangerouslySetInnerHTML={{ __html: course.description }} />,
        },
      ]}
    />
  );
}
