import { useState } from 'react';
import { App, Button, Col, Empty, Row, Select, Table, Tooltip, type TableColumnsType } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, FileExcelOutlined, FileTextOutlined, LockOutlined, MinusOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import { ENROLMENT_STATUSES, type Course, type Enrolment, type ItemProgress, type ItemStatus } from '../types';
import { progressExportUrl, useProgress, type ProgressFilters } from '../api/get-progress';
import { EnrolmentStatusTag } from './course-labels';
import { downloadFile } from './download';
import type { RenderUnitSelect } from './unit-pickers';

type Row_ = { enrolment: Enrolment; items: ItemProgress[] };

const ICONS: Record<ItemStatus, React.ReactNode> = {
  completed: <CheckCircleFilled aria-hidden style={{ color: '#389e0d' }} />,
  in_progress: <ClockCircleOutlined aria-hidden style={{ color: '#d48806' }} />,
  not_started: <MinusOutlined aria-hidden style={{ color: '#595959' }} />,
  locked: <LockOutlined aria-hidden style={{ color: '#595959' }} />,
};

function Cell({ p }: { p: ItemProgress | undefined }) {
  const t = useT();
  if (!p) return null;
  const text = t(`progress.status.${p.status}`);
  return (
    <Tooltip title={text}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {ICONS[p.status]} <span className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{text}</span>
        {p.status === 'completed' && p.completedAt ? formatDate(p.completedAt) : p.status === 'in_progress' ? `${Math.round(p.progress)}%` : ''}
        {p.score != null ? ` · ${formatNumber(p.score)}` : ''}
      </span>
    </Tooltip>
  );
}

export function ProgressTable({ course, renderUnitSelect }: { course: Course; renderUnitSelect: RenderUnitSelect }) {
  const t = useT();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<ProgressFilters>({ page: 1, pageSize: 50 });
  const query = useProgress(course.id, filters);
  const [downloading, setDownloading] = useState<'xlsx' | 'csv' | null>(null);

  const download = async (format: 'xlsx' | 'csv') => {
    if (downloading) return;
    setDownloading(format);
    try {
      await downloadFile(progressExportUrl(course.id, format, filters), `tien-do-${course.code}.${format}`);
    } catch (err) {
      message.error(`${t('progress.downloadFailed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setDownloading(null);
    }
  };

  const columns: TableColumnsType<Row_> = [
    {
      title: t('progress.person'),
      key: 'person',
      fixed: 'left',
      width: 200,
      render: (_v, r) => (
        <>
          <div style={{ fontWeight: 500 }}>{r.enrolment.fullName}</div>
          <div style={{ fontSize: 12, color: '#434343' }}>{r.enrolment.unitName}</div>
        </>
      ),
    },
    { title: t('enrol.status'), key: 'status', width: 130, render: (_v, r) => <EnrolmentStatusTag status={r.enrolment.status} /> },
    { title: t('enrol.progress'), key: 'progress', width: 90, align: 'right', render: (_v, r) => `${Math.round(r.enrolment.progress)}%` },
    ...(query.data?.columns ?? []).map((c) => ({
      title: (
        <span title={c.sectionTitle}>
          {c.title}
        </span>
      ),
      key: c.itemId,
      width: 150,
      render: (_v: unknown, r: Row_) => <Cell p={r.items.find((i) => i.itemId === c.itemId)} />,
    })),
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          {renderUnitSelect({
            value: filters.unitId ?? null,
            onChange: (v) => setFilters((f) => ({ ...f, page: 1, unitId: v })),
            'aria-label': t('enrol.filterUnit'),
            placeholder: t('enrol.filterUnit'),
          })}
        </Col>
        <Col xs={24} md={6}>
          <Select
            aria-label={t('enrol.filterStatus')}
            placeholder={t('enrol.filterStatus')}
            allowClear
            style={{ width: '100%' }}
            value={filters.status}
            onChange={(v) => setFilters((f) => ({ ...f, page: 1, status: v }))}
            options={ENROLMENT_STATUSES.map((s) => ({ value: s, label: t(`enrol.status.${s}`) }))}
          />
        </Col>
        <Col xs={24} md={10} style={{ display: 'flex', gap: 8, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
          <Button icon={<FileExcelOutlined aria-hidden />} loading={downloading === 'xlsx'} disabled={!!downloading} onClick={() => download('xlsx')}>
            {t('progress.exportXlsx')}
          </Button>
          <Button icon={<FileTextOutlined aria-hidden />} loading={downloading === 'csv'} disabled={!!downloading} onClick={() => download('csv')}>
            {t('progress.exportCsv')}
          </Button>
          {downloading && (
            <span role="status" style={{ alignSelf: 'center', color: '#434343' }}>
              {t('progress.downloading')}
            </span>
          )}
        </Col>
      </Row>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Row_>
          rowKey={(r) => r.enrolment.id}
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 420 + (query.data?.columns.length ?? 0) * 150 }}
          size="small"
          locale={{ emptyText: <Empty description={t('enrol.empty')} /> }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { n: formatNumber(total) }),
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
      )}
    </>
  );
}
