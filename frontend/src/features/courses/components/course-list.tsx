import { Link } from 'react-router';
import { Col, Input, Row, Select, type TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { PagedTable } from '../../../components/ui/paged-table';
import { COURSE_STATUSES, type Course, type CourseStatus } from '../types';
import { useCourses, type CourseFilters } from '../api/get-courses';
import { CourseStatusTag } from './course-labels';

const DEFAULT_PAGE_SIZE = 20;

export function readCourseFilters(params: URLSearchParams): CourseFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  return {
    q: params.get('q')?.trim() || undefined,
    status: (COURSE_STATUSES as string[]).includes(status ?? '') ? (status as CourseStatus) : undefined,
    tag: params.get('tag') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 200 ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

export function CourseList() {
  const t = useT();
  const { filters, update, searchText, setSearchText } = useUrlFilters(readCourseFilters);
  const query = useCourses(filters);


  const columns: TableColumnsType<Course> = [
    { title: t('courses.code'), dataIndex: 'code', key: 'code', width: 120 },
    {
      title: t('courses.courseTitle'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, c) => <Link to={`/courses/${c.id}`}>{title}</Link>,
    },
    { title: t('courses.ownerUnit'), dataIndex: 'ownerUnitName', key: 'ownerUnitName' },
    { title: t('courses.status'), dataIndex: 'status', key: 'status', render: (s: CourseStatus) => <CourseStatusTag status={s} /> },
    { title: t('courses.durationHours'), dataIndex: 'durationHours', key: 'hours', align: 'right', render: (h: number) => formatNumber(h) },
    { title: t('courses.enrolledCount'), dataIndex: 'enrolledCount', key: 'enrolled', align: 'right', render: (n: number) => formatNumber(n) },
    { title: t('courses.completedCount'), dataIndex: 'completedCount', key: 'completed', align: 'right', render: (n: number) => formatNumber(n) },
    { title: t('courses.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', render: (d: string) => formatDate(d) },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} role="search">
        <Col xs={24} md={12} xl={8}>
          <Input
            aria-label={t('common.search')}
            placeholder={t('courses.searchPlaceholder')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </Col>
        <Col xs={24} md={8} xl={5}>
          <Select
            aria-label={t('courses.filterStatus')}
            placeholder={t('courses.filterStatus')}
            allowClear
            style={{ width: '100%' }}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            options={COURSE_STATUSES.map((s) => ({ value: s, label: t(`courses.status.${s}`) }))}
          />
        </Col>
      </Row>
      <PagedTable<Course>
        query={query}
        columns={columns}
        scrollX={960}
        emptyText={t('courses.empty')}
        page={filters.page}
        pageSize={filters.pageSize}
        onPageChange={(page, pageSize) =>
          update({ page: page > 1 ? page : undefined, pageSize: pageSize !== DEFAULT_PAGE_SIZE ? pageSize : undefined }, false)
        }
      />
    </>
  );
}
