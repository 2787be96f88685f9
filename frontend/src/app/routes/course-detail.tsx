import { useParams, useSearchParams } from 'react-router';
import { Skeleton, Tabs } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useCourse } from '../../features/courses/api/get-course';
import { CourseActions } from '../../features/courses/components/course-actions';
import { CourseInfo } from '../../features/courses/components/course-info';
import { CourseStatusTag } from '../../features/courses/components/course-labels';
import { CourseEnrolments } from '../../features/courses/components/course-enrolments';
import { EnrolmentRules } from '../../features/courses/components/enrolment-rules';
import { ProgressTable } from '../../features/courses/components/progress-table';
import { CompletionsExport } from '../../features/courses/components/completions-export';
import { CourseReminders } from '../../features/courses/components/course-reminders';
import { UnitMultiTreeSelect } from '../../features/courses/components/unit-multi-select';
import type { UnitPickerProps, UnitsPickerProps } from '../../features/courses/components/unit-pickers';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

const TABS = ['info', 'enrolments', 'rules', 'progress', 'reminders'] as const;
type Tab = (typeof TABS)[number];
const unitPicker = (props: UnitPickerProps) => <UnitTreeSelect {...props} />;
const unitsPicker = (props: UnitsPickerProps) => <UnitMultiTreeSelect {...props} />;

/** /courses/:id: details, enrolments, rules, the progress table and the due-date reminders. */
export default function CourseDetailRoute() {
  const { id = '' } = useParams();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const query = useCourse(id);
  const tabParam = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'info';

  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('courses.notFound')} />;
    return (
      <>
        <PageHeader title={t('courses.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('courses.title')} />
        <Skeleton active />
      </>
    );
  }
  const course = query.data;
  return (
    <>
      <PageHeader
        title={course.title}
        subtitle={
          <>
            {course.code} · <CourseStatusTag status={course.status} />
          </>
        }
        extra={<CourseActions course={course} />}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'info' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'info', label: t('courses.tab.info'), children: tab === 'info' && <CourseInfo course={course} /> },
          {
            key: 'enrolments',
            label: t('courses.tab.enrolments'),
            children: tab === 'enrolments' && <CourseEnrolments course={course} renderUnitSelect={unitPicker} renderUnitsSelect={unitsPicker} />,
          },
          {
            key: 'rules',
            label: t('courses.tab.rules'),
            children: tab === 'rules' && <EnrolmentRules course={course} renderUnitSelect={unitPicker} />,
          },
          {
            key: 'progress',
            label: t('courses.tab.progress'),
            children: tab === 'progress' && (
              <>
                <CompletionsExport course={course} />
                <ProgressTable course={course} renderUnitSelect={unitPicker} />
              </>
            ),
          },
          {
            key: 'reminders',
            label: t('courses.tab.reminders'),
            children: tab === 'reminders' && <CourseReminders course={course} />,
          },
        ]}
      />
    </>
  );
}
