import { Link } from 'react-router';
import { Col, Input, Row, Select, type TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { PagedTable } from '../../../components/ui/paged-table';
import { CLASS_STATUSES, CLASS_TYPES, type AttendanceClass, type ClassStatus, type ClassType } from '../types';
import { useClasses, type ClassFilters } from '../api/get-classes';
import { formatVnDateTime } from '../time';
import { ClassStatusTag } from './labels';

const DEFAULT_PAGE_SIZE = 20;

export function readClassFilters(params: URLSearchParams): ClassFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  const classType = params.get('classType');
  return {
    q: params.get('q')?.trim() || undefined,
    status: (CLASS_STATUSES as string[]).includes(status ?? '') ? (status as ClassStatus) : undefined,
    classType: (CLASS_TYPES as string[]).includes(classType ?? '') ? (classType as ClassType) : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 200 ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** /classes: the classes of the caller's scope, next session first. */
export function ClassList() {
  const t = useT();
  const { filters, update, searchText, setSearchText } = useUrlFilters(readClassFilters);
  const query = useClasses(filters);


  const columns: TableColumnsType<AttendanceClass> = [
    { title: t('att.class.code'), dataIndex: 'code', key: 'code', width: 150 },
    {
      title: t('att.class.title'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, c) => (
        <>
          <Link to={`/classes/${c.id}`}>{title}</Link>
          {c.courseTitle && <div style={{ color: '#434343', fontSize: 13 }}>{t('att.class.ofCourse', { title: c.courseTitle })}</div>}
        </>
      ),
    },
    { title: t('att.class.type'), dataIndex: 'classType', key: 'type', render: (v: ClassType) => t(`att.classType.${v}`) },
    { title: t('att.class.ownerUnit'), dataIndex: 'ownerUnitName', key: 'unit' },
    { title: t('att.class.status'), dataIndex: 'status', key: 'status', render: (s: ClassStatus) => <ClassStatusTag status={s} /> },
    {
      title: t('att.class.nextSession'),
      dataIndex: 'nextSessionAt',
      key: 'next',
      render: (v: string | null) => (v ? formatVnDateTime(v) : '—'),
    },
    { title: t('att.class.sessionCount'), dataIndex: 'sessionCount', key: 'sessions', align: 'right', render: (n: number) => formatNumber(n) },
    { title: t('att.class.rosterCount'), dataIndex: 'rosterCount', key: 'roster', align: 'right', render: (n: number) => formatNumber(n) },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} role="search">
        <Col xs={24} md={10} xl={8}>
          <Input
            aria-label={t('common.search')}
            placeholder={t('att.class.searchPlaceholder')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </Col>
        <Col xs={24} md={7} xl={5}>
          <Select
            aria-label={t('att.class.filterStatus')}
            placeholder={t('att.class.filterStatus')}
            allowClear
            style={{ width: '100%' }}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            options={CLASS_STATUSES.map((s) => ({ value: s, label: t(`att.classStatus.${s}`) }))}
          />
        </Col>
        <Col xs={24} md={7} xl={5}>
          <Select
            aria-label={t('att.class.filterType')}
            placeholder={t('att.class.filterType')}
            allowClear
            style={{ width: '100%' }}
            value={filters.classType}
            onChange={(v) => update({ classType: v })}
            options={CLASS_TYPES.map((s) => ({ value: s, label: t(`att.classType.${s}`) }))}
          />
        </Col>
      </Row>
      <PagedTable<AttendanceClass>
        query={query}
        columns={columns}
        scrollX={1000}
        emptyText={filters.q || filters.status || filters.classType ? t('att.class.emptyFiltered') : t('att.class.empty')}
        page={filters.page}
        pageSize={filters.pageSize}
        onPageChange={(page, pageSize) =>
          update({ page: page > 1 ? page : undefined, pageSize: pageSize !== DEFAULT_PAGE_SIZE ? pageSize : undefined }, false)
        }
      />
    </>
  );
}
