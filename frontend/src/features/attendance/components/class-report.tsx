import { Alert, Button, Card, Col, Empty, Flex, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { useDownload } from '../../../lib/use-download';
import { DownloadStatus } from '../../../components/ui/download-status';
import { QueryError } from '../../../components/ui/query-error';
import { MARK_STATUSES, type AttendanceClass, type MarkStatus, type ReportRow } from '../types';
import { classReportFileUrl, useClassReport } from '../api/get-class-report';
import { formatVnDate } from '../time';
import { MARK_COLORS, ToneTag } from './labels';

/** One or two letters per status in the matrix (the legend spells them out). */
const SHORT: Record<MarkStatus, 'att.short.present' | 'att.short.late' | 'att.short.left_early' | 'att.short.excused' | 'att.short.unexcused'> = {
  present: 'att.short.present',
  late: 'att.short.late',
  left_early: 'att.short.left_early',
  excused: 'att.short.excused',
  unexcused: 'att.short.unexcused',
};

const pct = (n: number) => `${formatNumber(Math.round(n * 10) / 10)}%`;

/** Per class: people × sessions with rates and hours, the at-risk list, and the XLSX / CSV exports. */
export function ClassReportView({ klass }: { klass: AttendanceClass }) {
  const t = useT();
  const query = useClassReport(klass.id);
  const download = useDownload();
  const start = (format: 'xlsx' | 'csv') =>
    void download.start(classReportFileUrl(klass.id, format), `diem-danh-${klass.code}.${format}`, t('att.report.fileLabel', { format: format.toUpperCase() }));

  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const report = query.data;
  const sessions = report?.sessions ?? [];
  const rows = report?.rows ?? [];
  const byId = new Map(rows.map((r) => [r.rosterId, r]));

  const columns: TableColumnsType<ReportRow> = [
    { title: t('att.roster.fullName'), dataIndex: 'fullName', key: 'name', fixed: 'left', width: 190, render: (n: string, r) => (
      <>
        <div style={{ fontWeight: 600 }}>{n}</div>
        <div style={{ fontSize: 12, color: '#434343' }}>
          {t(`att.kind.${r.kind}`)} · {r.unitName}
        </div>
      </>
    ) },
    ...sessions.map((s, i) => ({
      title: (
        <span title={s.topic ?? undefined}>
          {t('att.report.sessionN', { n: i + 1 })}
          <br />
          <span style={{ fontWeight: 400, fontSize: 12 }}>{formatVnDate(s.date).slice(0, 5)}</span>
        </span>
      ),
      key: s.id,
      width: 64,
      align: 'center' as const,
      render: (_: unknown, r: ReportRow) => {
        const cell = r.cells.find((c) => c.sessionId === s.id);
        if (!cell?.status) return <span aria-label={t('att.mark.unmarked')} style={{ color: '#8c8c8c' }}>{s.held ? '·' : ''}</span>;
        const c = MARK_COLORS[cell.status];
        return (
          <span
            title={t(`att.mark.${cell.status}`)}
            aria-label={t(`att.mark.${cell.status}`)}
            style={{ display: 'inline-block', minWidth: 28, padding: '0 4px', borderRadius: 4, background: c.bg, color: c.fg, border: `1px solid ${c.border}`, fontWeight: 600 }}
          >
            {t(SHORT[cell.status])}
            {cell.status === 'late' && cell.lateMinutes != null ? <sup>{cell.lateMinutes}</sup> : null}
          </span>
        );
      },
    })),
    { title: t('att.report.attended'), dataIndex: 'attendedSessions', key: 'attended', width: 90, align: 'right', render: (n: number) => formatNumber(n) },
    { title: t('att.report.rateSoFar'), dataIndex: 'rateSoFar', key: 'rate', width: 100, align: 'right', render: (n: number) => pct(n) },
    { title: t('att.report.share'), dataIndex: 'share', key: 'share', width: 100, align: 'right', render: (n: number) => pct(n) },
    { title: t('att.report.hours'), dataIndex: 'hours', key: 'hours', width: 80, align: 'right', render: (n: number) => formatNumber(n) },
    {
      title: t('att.report.state'),
      key: 'state',
      width: 150,
      render: (_, r) => (
        <>
          {r.completed && <ToneTag tone="green">{t('att.report.completed')}</ToneTag>}
          {r.atRisk && <ToneTag tone="red">{t('att.report.atRisk')}</ToneTag>}
          {!r.completed && !r.atRisk && r.maxReachable < (report?.rule.minShare ?? 0) && <ToneTag tone="orange">{t('att.report.cannotReach')}</ToneTag>}
        </>
      ),
    },
  ];

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0, flex: 1 }}>
          {t('att.report.title')}
        </Typography.Title>
        <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => start('xlsx')} disabled={download.running}>
          {t('att.report.xlsx')}
        </Button>
        <Button icon={<FileTextOutlined aria-hidden />} onClick={() => start('csv')} disabled={download.running}>
          {t('att.report.csv')}
        </Button>
      </Flex>
      <DownloadStatus state={download.state} onCancel={download.cancel} onDismiss={download.reset} />
      {report && (
        <Row gutter={[16, 16]} style={{ margin: '12px 0' }}>
          {(
            [
              [t('att.report.rosterCount'), formatNumber(report.totals.rosterCount)],
              [t('att.report.sessions'), `${formatNumber(report.totals.sessionsHeld)} / ${formatNumber(report.totals.sessionsScheduled)}`],
              [t('att.report.averageRate'), pct(report.totals.averageRate)],
              [t('att.report.totalHours'), formatNumber(report.totals.hours)],
              [t('att.report.minShare'), pct(report.rule.minShare)],
            ] as [string, string][]
          ).map(([label, value]) => (
            <Col key={label} xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic title={<span style={{ color: '#434343' }}>{label}</span>} value={value} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {report && report.atRisk.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('att.report.atRiskTitle', { n: report.atRisk.length, min: report.rule.minShare })}
          description={
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {report.atRisk.map((id) => {
                const r = byId.get(id);
                return r ? (
                  <li key={id}>
                    {r.fullName}: {t('att.report.atRiskRow', { rate: pct(r.rateSoFar), max: pct(r.maxReachable) })}
                  </li>
                ) : null;
              })}
            </ol>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('att.report.legend')}{' '}
        {MARK_STATUSES.map((s) => `${t(SHORT[s])} = ${t(`att.mark.${s}`)}`).join(', ')}. {t('att.report.legendRates')}
      </Typography.Paragraph>
      <Table<ReportRow>
        rowKey="rosterId"
        columns={columns}
        dataSource={rows}
        loading={query.isFetching}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 190 + sessions.length * 64 + 520 }}
        size="small"
        bordered
        locale={{ emptyText: <Empty description={t('att.report.empty')} /> }}
      />
    </>
  );
}
