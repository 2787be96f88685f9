import { useNavigate } from 'react-router';
import { Button, Card, Descriptions, Skeleton, Table, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { NotFound } from '../../../components/ui/not-found';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import type { StaffHistoryEntry } from '../../../types/api';
import { useStaff } from '../api/get-staff';
import { useStaffHistory } from '../api/get-staff-history';
import { StatusLabel } from './staff-labels';

export function StaffDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const t = useT();
  const labels = useLabels();
  const navigate = useNavigate();
  const staffQuery = useStaff(id);
  const historyQuery = useStaffHistory(id);

  if (staffQuery.isError && isApiError(staffQuery.error) && staffQuery.error.status === 404) {
    return <NotFound text={t('staff.notFound')} />;
  }
  if (staffQuery.isError) {
    return (
      <>
        <PageHeader title={t('staff.detailTitle')} />
        <QueryError error={staffQuery.error} onRetry={() => staffQuery.refetch()} />
      </>
    );
  }
  const s = staffQuery.data;
  if (!s) {
    return (
      <>
        <PageHeader title={t('staff.detailTitle')} />
        <Skeleton active />
      </>
    );
  }

  const historyColumns: TableColumnsType<StaffHistoryEntry> = [
    { title: t('staff.historyFrom'), dataIndex: 'validFrom', key: 'validFrom', render: (d: string) => formatDate(d) },
    {
      title: t('staff.historyTo'),
      dataIndex: 'validTo',
      key: 'validTo',
      render: (d: string | null) => (d ? formatDate(d) : t('staff.historyNow')),
    },
    { title: t('staff.unit'), dataIndex: 'unitName', key: 'unitName' },
    { title: t('staff.category'), dataIndex: 'category', key: 'category', render: (c: StaffHistoryEntry['category']) => labels.category[c] },
    { title: t('staff.dtRole'), dataIndex: 'dtRole', key: 'dtRole', render: (r: StaffHistoryEntry['dtRole']) => labels.dtRole[r] },
    {
      title: t('staff.status'),
      key: 'status',
      render: (_v, h) => <StatusLabel status={h.status} leaveKind={h.leaveKind} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={s.fullName}
        subtitle={[s.position, s.unitName].filter(Boolean).join(' · ')}
        extra={
          canEdit && (
            <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/staff/${s.id}/edit`)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('staff.staffCode')}>{s.staffCode}</Descriptions.Item>
          <Descriptions.Item label={t('staff.fullName')}>{s.fullName}</Descriptions.Item>
          <Descriptions.Item label={t('staff.familyName')}>{s.familyName}</Descriptions.Item>
          <Descriptions.Item label={t('staff.middleName')}>{s.middleName}</Descriptions.Item>
          <Descriptions.Item label={t('staff.givenName')}>{s.givenName}</Descriptions.Item>
          <Descriptions.Item label={t('staff.gender')}>{s.gender ? labels.gender[s.gender] : ''}</Descriptions.Item>
          <Descriptions.Item label={t('staff.birthYear')}>{s.birthYear ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('staff.email')}>{s.email}</Descriptions.Item>
          <Descriptions.Item label={t('staff.phone')}>{s.phone}</Descriptions.Item>
          <Descriptions.Item label={t('staff.unit')}>{s.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('staff.position')}>{s.position}</Descriptions.Item>
          <Descriptions.Item label={t('staff.category')}>{labels.category[s.category]}</Descriptions.Item>
          <Descriptions.Item label={t('staff.dtRole')}>{labels.dtRole[s.dtRole]}</Descriptions.Item>
          <Descriptions.Item label={t('staff.isLeadership')}>{s.isLeadership ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('staff.status')}>
            <StatusLabel status={s.status} leaveKind={s.leaveKind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('staff.statusSince')}>{formatDate(s.statusSince)}</Descriptions.Item>
          <Descriptions.Item label={t('staff.hasAccount')}>{s.hasAccount ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('staff.updatedAt')}>{formatDateTime(s.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('staff.note')} span={2}>
            {s.note}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('staff.history')}</h2>}>
        {historyQuery.isError ? (
          <QueryError error={historyQuery.error} onRetry={() => historyQuery.refetch()} />
        ) : (
          <Table<StaffHistoryEntry>
            rowKey={(h) => `${h.validFrom}-${h.unitId}-${h.status}`}
            columns={historyColumns}
            dataSource={historyQuery.data ?? []}
            loading={historyQuery.isLoading}
            pagination={false}
            size="small"
            scroll={{ x: 720 }}
          />
        )}
      </Card>
    </>
  );
}
