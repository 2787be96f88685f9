import { type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, Col, Input, Row, Select, type TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { PagedTable } from '../../../components/ui/paged-table';
import {
  DT_ROLES,
  STAFF_CATEGORIES,
  STAFF_STATUSES,
  type DtRole,
  type Staff,
  type StaffCategory,
  type StaffStatus,
} from '../../../types/api';
import { useStaffList, type StaffFilters } from '../api/get-staff-list';
import { StatusLabel } from './staff-labels';

export type UnitFilterProps = {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  'aria-label'?: string;
  placeholder?: string;
  id?: string;
};

const DEFAULT_PAGE_SIZE = 20;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function readStaffFilters(params: URLSearchParams): StaffFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    q: params.get('q')?.trim() || undefined,
    unitId: params.get('unitId') || undefined,
    category: oneOf<StaffCategory>(params.get('category'), STAFF_CATEGORIES),
    dtRole: oneOf<DtRole>(params.get('dtRole'), DT_ROLES),
    status: oneOf<StaffStatus>(params.get('status'), STAFF_STATUSES),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 200 ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

export function StaffList({ renderUnitFilter }: { renderUnitFilter: (props: UnitFilterProps) => ReactNode }) {
  const t = useT();
  const labels = useLabels();
  const { filters, update, setParams, searchText, setSearchText } = useUrlFilters(readStaffFilters);
  const query = useStaffList(filters);


  const hasFilters = !!(filters.q || filters.unitId || filters.category || filters.dtRole || filters.status);

  const columns: TableColumnsType<Staff> = [
    {
      title: t('staff.no'),
      key: 'no',
      width: 64,
      align: 'right',
      render: (_v, _r, index) => formatNumber((filters.page - 1) * filters.pageSize + index + 1),
    },
    {
      title: t('staff.fullName'),
      dataIndex: 'fullName',
      key: 'fullName',
      render: (name: string, s) => <Link to={`/staff/${s.id}`}>{name}</Link>,
    },
    { title: t('staff.birthYear'), dataIndex: 'birthYear', key: 'birthYear', width: 96, render: (y: number | null) => y ?? '' },
    {
      title: t('staff.gender'),
      dataIndex: 'gender',
      key: 'gender',
      width: 96,
      render: (g: Staff['gender']) => (g ? labels.gender[g] : ''),
    },
    { title: t('staff.position'), dataIndex: 'position', key: 'position' },
    { title: t('staff.unit'), dataIndex: 'unitName', key: 'unitName' },
    { title: t('staff.category'), dataIndex: 'category', key: 'category', render: (c: StaffCategory) => labels.category[c] },
    { title: t('staff.dtRole'), dataIndex: 'dtRole', key: 'dtRole', render: (r: DtRole) => labels.dtRole[r] },
    {
      title: t('staff.status'),
      dataIndex: 'status',
      key: 'status',
      render: (_s: StaffStatus, r) => <StatusLabel status={r.status} leaveKind={r.leaveKind} />,
    },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} role="search">
        <Col xs={24} md={12} xl={6}>
          <Input
            id="staff-search"
            aria-label={t('common.search')}
            placeholder={t('staff.searchPlaceholder')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          {renderUnitFilter({
            value: filters.unitId ?? null,
            onChange: (v) => update({ unitId: v }),
            'aria-label': t('staff.filterUnit'),
            placeholder: t('staff.filterUnit'),
          })}
        </Col>
        <Col xs={24} sm={8} xl={4}>
          <Select
            aria-label={t('staff.filterCategory')}
            placeholder={t('staff.filterCategory')}
            allowClear
            style={{ width: '100%' }}
            value={filters.category}
            onChange={(v) => update({ category: v })}
            options={STAFF_CATEGORIES.map((c) => ({ value: c, label: labels.category[c] }))}
          />
        </Col>
        <Col xs={24} sm={8} xl={4}>
          <Select
            aria-label={t('staff.filterDtRole')}
            placeholder={t('staff.filterDtRole')}
            allowClear
            style={{ width: '100%' }}
            value={filters.dtRole}
            onChange={(v) => update({ dtRole: v })}
            options={DT_ROLES.map((c) => ({ value: c, label: labels.dtRole[c] }))}
          />
        </Col>
        <Col xs={24} sm={8} xl={4}>
          <Select
            aria-label={t('staff.filterStatus')}
            placeholder={t('staff.filterStatus')}
            allowClear
            style={{ width: '100%' }}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            options={STAFF_STATUSES.map((c) => ({ value: c, label: labels.status[c] }))}
          />
        </Col>
        {hasFilters && (
          <Col xs={24}>
            <Button
              onClick={() => {
                setSearchText('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('common.clearFilters')}
            </Button>
          </Col>
        )}
      </Row>
      <PagedTable<Staff>
        query={query}
        columns={columns}
        scrollX={1100}
        emptyText={t('staff.empty')}
        page={filters.page}
        pageSize={filters.pageSize}
        onPageChange={(page, pageSize) =>
          update({ page: page > 1 ? page : undefined, pageSize: pageSize !== DEFAULT_PAGE_SIZE ? pageSize : undefined }, false)
        }
        totalText={(total) =>
          query.data?.totalCapped ? t('staff.totalCapped', { n: formatNumber(total) }) : t('common.total', { n: formatNumber(total) })
        }
      />
    </>
  );
}
