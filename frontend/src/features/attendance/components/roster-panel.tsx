import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Empty, Flex, Input, Table, Typography, type TableColumnsType } from 'antd';
import { ToneTag } from './labels';
import { DeleteOutlined, SearchOutlined, TeamOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { QueryError } from '../../../components/ui/query-error';
import type { AttendanceClass, RosterMember } from '../types';
import { useRoster } from '../api/get-roster';
import { useRemoveRoster } from '../api/remove-roster';
import { AddStaffModal, AddResidentsModal } from './roster-add';
import { RosterImportModal } from './roster-import';

/** The class roster: staff and residents, with adding, importing and removing (confirmed). */
export function RosterPanel({ klass }: { klass: AttendanceClass }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const query = useRoster(klass.id, q);
  const remove = useRemoveRoster(klass.id);
  const [dialog, setDialog] = useState<'staff' | 'residents' | 'import' | null>(null);
  const closed = klass.status === 'completed' || klass.status === 'cancelled';
  const items = query.data?.items ?? [];

  const confirmRemove = (m: RosterMember) =>
    modal.confirm({
      title: t('att.roster.removeTitle', { name: m.fullName }),
      content: t('att.roster.removeText'),
      okText: t('att.roster.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove
          .mutateAsync(m.id)
          .then(() => message.success(t('att.roster.removed', { name: m.fullName })))
          .catch((err: Error) => {
            message.error(err.message);
          }),
    });

  const columns: TableColumnsType<RosterMember> = [
    { title: t('att.roster.no'), key: 'no', width: 60, render: (_, __, i) => i + 1 },
    {
      title: t('att.roster.fullName'),
      dataIndex: 'fullName',
      key: 'name',
      render: (name: string, m) => {
        const id = m.kind === 'staff' ? m.staffId : m.residentId;
        return id ? <Link to={`/attendance-reports?tab=person&kind=${m.kind}&id=${id}&name=${encodeURIComponent(name)}`}>{name}</Link> : name;
      },
    },
    {
      title: t('att.roster.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 120,
      render: (k: RosterMember['kind']) => <ToneTag tone={k === 'staff' ? 'blue' : 'green'}>{t(`att.kind.${k}`)}</ToneTag>,
    },
    { title: t('att.roster.birthYear'), dataIndex: 'birthYear', key: 'birthYear', width: 100, render: (y: number | null) => y ?? '—' },
    { title: t('att.roster.phone'), dataIndex: 'phoneMasked', key: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
    { title: t('att.roster.unit'), dataIndex: 'unitName', key: 'unit' },
    { title: t('att.roster.source'), dataIndex: 'source', key: 'source', width: 140, render: (s: RosterMember['source']) => t(`att.roster.source.${s}`) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, m) =>
        closed ? null : (
          <Button
            size="small"
            danger
            icon={<DeleteOutlined aria-hidden />}
            aria-label={t('att.roster.removeAria', { name: m.fullName })}
            onClick={() => confirmRemove(m)}
          />
        ),
    },
  ];

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0, flex: 1 }}>
          {t('att.roster.title')}{' '}
          <span style={{ fontWeight: 400, fontSize: 14, color: '#434343' }}>
            {klass.capacity != null
              ? t('att.class.capacityOf', { n: formatNumber(klass.rosterCount), capacity: formatNumber(klass.capacity) })
              : t('att.roster.count', { n: formatNumber(klass.rosterCount) })}
          </span>
        </Typography.Title>
        {!closed && (
          <>
            <Button icon={<TeamOutlined aria-hidden />} onClick={() => setDialog('staff')}>
              {t('att.roster.addStaff')}
            </Button>
            <Button icon={<UserAddOutlined aria-hidden />} onClick={() => setDialog('residents')}>
              {t('att.roster.addResidents')}
            </Button>
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setDialog('import')}>
              {t('att.roster.import')}
            </Button>
          </>
        )}
      </Flex>
      <div role="search" style={{ marginBottom: 12, maxWidth: 420 }}>
        <Input
          aria-label={t('att.roster.search')}
          placeholder={t('att.roster.search')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {klass.capacity != null && klass.rosterCount >= klass.capacity && (
        <Alert type="warning" showIcon title={t('att.roster.full')} style={{ marginBottom: 12 }} />
      )}
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<RosterMember>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={query.isFetching}
          pagination={items.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          scroll={{ x: 900 }}
          size="middle"
          locale={{ emptyText: <Empty description={q ? t('att.roster.emptySearch') : t('att.roster.empty')} /> }}
        />
      )}
      <AddStaffModal open={dialog === 'staff'} klass={klass} onClose={() => setDialog(null)} />
      <AddResidentsModal open={dialog === 'residents'} klass={klass} onClose={() => setDialog(null)} />
      <RosterImportModal open={dialog === 'import'} klass={klass} onClose={() => setDialog(null)} />
    </>
  );
}
