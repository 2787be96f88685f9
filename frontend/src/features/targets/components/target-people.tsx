import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Empty, Flex, Input, Progress, Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { QueryError } from '../../../components/ui/query-error';
import { EnrolmentStatusTag } from '../../courses/components/course-labels';
import { TAG } from '../../courses/components/tag-colors';
import type { EnrolmentStatus } from '../../courses/types';
import type { Target, TargetPerson } from '../types';
import { useTargetPeople } from '../api/get-people';
import type { PeopleList } from '../api/export-urls';
import { todayIso } from './as-of-picker';
import { EnrolUntrainedModal } from './enrol-untrained-modal';
import { sourceLabel } from './target-labels';


/**
 * The people of the population in the selected unit (not yet trained by default), in Vietnamese name
 * order, with their enrolment in a target course; search without diacritics; one action to enrol the
 * untrained in a course.
 */
export function TargetPeople({
  target,
  asOf,
  unitId,
  unitName,
  canEnrol,
}: {
  target: Target;
  asOf: string | undefined;
  unitId: string | undefined;
  unitName: string;
  canEnrol: boolean;
}) {
  const t = useT();
  const labels = useLabels();
  const [list, setList] = useState<PeopleList>('untrained');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 350);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [enrolling, setEnrolling] = useState(false);
  const filters = {
    trained: list === 'all' ? undefined : list === 'trained',
    unitId,
    asOf,
    q: q || undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  };
  const query = useTargetPeople(target.id, filters);
  const today = todayIso();

  const columns: TableColumnsType<TargetPerson> = [
    {
      title: t('people.name'),
      key: 'name',
      fixed: 'left',
      width: 200,
      render: (_v, p) => (
        <>
          <Link to={`/staff/${p.staffId}`} style={{ fontWeight: 500 }}>
            {p.fullName}
          </Link>
          {p.position && <div style={{ fontSize: 12, color: '#434343' }}>{p.position}</div>}
        </>
      ),
    },
    { title: t('people.birthYear'), dataIndex: 'birthYear', key: 'birthYear', width: 80, align: 'right' },
    { title: t('people.unit'), dataIndex: 'unitName', key: 'unit', width: 200 },
    {
      title: t('people.categoryRole'),
      key: 'category',
      width: 150,
      render: (_v, p) => (
        <>
          <div>{labels.category[p.category] ?? p.category}</div>
          {p.dtRole !== 'none' && <div style={{ fontSize: 12, color: '#434343' }}>{labels.dtRole[p.dtRole] ?? p.dtRole}</div>}
        </>
      ),
    },
    {
      title: t('people.status'),
      key: 'status',
      width: 150,
      render: (_v, p) =>
        p.status === 'on_leave' ? (
          <Tag color={TAG.purple}>{p.leaveKind ? (labels.leaveKind[p.leaveKind] ?? p.leaveKind) : labels.status.on_leave}</Tag>
        ) : (
          (labels.status[p.status] ?? p.status)
        ),
    },
    {
      title: t('people.result'),
      key: 'trained',
      width: 170,
      render: (_v, p) =>
        p.trained ? (
          <>
            <Tag color={TAG.green}>{t('people.trained')}</Tag>
            <div style={{ fontSize: 12, color: '#434343' }}>
              {[formatDate(p.trainedAt), sourceLabel(t, p.trainedSource)].filter(Boolean).join(' · ')}
            </div>
          </>
        ) : (
          <Tag>{t('people.notTrained')}</Tag>
        ),
    },
    {
      title: t('people.enrolment'),
      key: 'enrolment',
      width: 240,
      render: (_v, p) =>
        p.enrolmentCourseTitle ? (
          <>
            <div>{p.enrolmentCourseTitle}</div>
            {p.enrolmentStatus && <EnrolmentStatusTag status={p.enrolmentStatus as EnrolmentStatus} />}
          </>
        ) : (
          <span style={{ color: '#434343' }}>{t('people.notEnrolled')}</span>
        ),
    },
    {
      title: t('people.progress'),
      key: 'progress',
      width: 130,
      render: (_v, p) =>
        p.enrolmentProgress != null ? (
          <Progress
            percent={p.enrolmentProgress}
            size="small"
            aria-label={t('people.progressOf', { name: p.fullName, n: p.enrolmentProgress })}
            format={(v) => `${v}%`}
          />
        ) : null,
    },
    {
      title: t('people.dueDate'),
      key: 'due',
      width: 120,
      render: (_v, p) => {
        if (!p.enrolmentDueDate) return null;
        const overdue = p.enrolmentDueDate < today && p.enrolmentStatus !== 'completed';
        return (
          <>
            <div>{formatDate(p.enrolmentDueDate)}</div>
            {overdue && <Tag color={TAG.red}>{t('people.overdue')}</Tag>}
          </>
        );
      },
    },
  ];

  const searchId = `people-search-${target.id}`;
  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<PeopleList>
          aria-label={t('people.listLabel')}
          value={list}
          onChange={(v) => {
            setList(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'untrained', label: t('people.list.untrained') },
            { value: 'trained', label: t('people.list.trained') },
            { value: 'all', label: t('people.list.all') },
          ]}
        />
        <div style={{ flex: '1 1 220px', maxWidth: 380 }}>
          <label htmlFor={searchId} style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
            {t('people.search')}
          </label>
          <Input
            id={searchId}
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('people.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
        </div>
        {canEnrol && (
          <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setEnrolling(true)} style={{ marginInlineStart: 'auto' }}>
            {t('people.enrolUntrained')}
          </Button>
        )}
      </Flex>
      {asOf && asOf < today && list !== 'trained' && (
        <p style={{ color: '#434343', marginTop: 0 }}>{t('people.pastNote', { date: formatDate(asOf) })}</p>
      )}
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<TargetPerson>
          rowKey="staffId"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 1440 }}
          size="small"
          locale={{
            emptyText: (
              <Empty
                description={
                  q ? t('people.emptySearch') : list === 'untrained' ? t('people.emptyUntrained', { unit: unitName }) : t('people.empty')
                }
              />
            ),
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { n: formatNumber(total) }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      )}
      {enrolling && <EnrolUntrainedModal target={target} unitId={unitId} unitName={unitName} onClose={() => setEnrolling(false)} />}
    </>
  );
}
