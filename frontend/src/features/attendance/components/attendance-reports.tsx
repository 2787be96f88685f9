import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Col, Empty, Flex, Radio, Row, Select, Spin, Statistic, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useDownload } from '../../../lib/use-download';
import { DownloadStatus } from '../../../components/ui/download-status';
import { QueryError } from '../../../components/ui/query-error';
import { UnitTreeSelect } from '../../org-units/components/unit-tree-select';
import { useStaffList } from '../../staff/api/get-staff-list';
import type { PersonKind, PersonReport, UnitReportRow } from '../types';
import { usePersonReport } from '../api/get-person-report';
import { unitReportFileUrl, useUnitReport } from '../api/get-unit-report';
import { useResidents } from '../api/get-residents';
import { formatVnDate, vnYear } from '../time';
import { MarkStatusTag } from './labels';

const pct = (n: number) => `${formatNumber(Math.round(n * 10) / 10)}%`;

function YearSelect({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  const t = useT();
  const current = vnYear();
  const years = Array.from({ length: 6 }, (_, i) => current - i);
  return (
    <Select<number>
      aria-label={t('att.reports.year')}
      value={value}
      onChange={onChange}
      style={{ width: 120 }}
      options={years.map((y) => ({ value: y, label: String(y) }))}
    />
  );
}

/** Per unit: classes held, sessions, distinct people and person-attendances (always labelled apart), hours. */
function UnitTab({ unitId, year, setParam }: { unitId?: string; year: number; setParam: (k: string, v?: string) => void }) {
  const t = useT();
  const query = useUnitReport(unitId, year);
  const download = useDownload();
  const report = query.data;
  const label = (key: string, fallback: Parameters<typeof t>[0]) => report?.labels?.[key] ?? t(fallback);
  const columns: TableColumnsType<UnitReportRow> = [
    { title: t('att.reports.unit'), dataIndex: 'unitName', key: 'unit', fixed: 'left', width: 220 },
    { title: label('classesHeld', 'att.reports.classesHeld'), dataIndex: 'classesHeld', key: 'classes', align: 'right', render: formatNumber },
    { title: label('sessionsHeld', 'att.reports.sessionsHeld'), dataIndex: 'sessionsHeld', key: 'sessions', align: 'right', render: formatNumber },
    { title: label('distinctParticipants', 'att.reports.distinct'), dataIndex: 'distinctParticipants', key: 'distinct', align: 'right', render: formatNumber },
    { title: label('distinctStaff', 'att.reports.distinctStaff'), dataIndex: 'distinctStaff', key: 'staff', align: 'right', render: formatNumber },
    { title: label('distinctResidents', 'att.reports.distinctResidents'), dataIndex: 'distinctResidents', key: 'residents', align: 'right', render: formatNumber },
    { title: label('personAttendances', 'att.reports.attendances'), dataIndex: 'personAttendances', key: 'luot', align: 'right', render: formatNumber },
    { title: label('hours', 'att.reports.hours'), dataIndex: 'hours', key: 'hours', align: 'right', render: formatNumber },
  ];
  const start = (format: 'xlsx' | 'csv') =>
    unitId && void download.start(unitReportFileUrl(unitId, year, format), `diem-danh-don-vi-${year}.${format}`, t('att.report.fileLabel', { format: format.toUpperCase() }));
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 260, flex: 1, maxWidth: 420 }}>
          <UnitTreeSelect aria-label={t('att.reports.unit')} value={unitId} onChange={(v) => setParam('unit', v)} allowClear={false} />
        </div>
        <YearSelect value={year} onChange={(y) => setParam('year', String(y))} />
        <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => start('xlsx')} disabled={!unitId || download.running}>
          {t('att.report.xlsx')}
        </Button>
        <Button icon={<FileTextOutlined aria-hidden />} onClick={() => start('csv')} disabled={!unitId || download.running}>
          {t('att.report.csv')}
        </Button>
      </Flex>
      <DownloadStatus state={download.state} onCancel={download.cancel} onDismiss={download.reset} />
      <Typography.Paragraph type="secondary">{t('att.reports.countingNote')}</Typography.Paragraph>
      {!unitId ? (
        <Empty description={t('att.reports.pickUnit')} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<UnitReportRow>
          rowKey={(r) => r.unitId ?? r.unitName}
          columns={columns}
          dataSource={report?.rows ?? []}
          loading={query.isFetching}
          pagination={false}
          scroll={{ x: 1100 }}
          size="small"
          locale={{ emptyText: <Empty description={t('att.reports.unitEmpty', { year })} /> }}
          summary={() =>
            report && report.rows.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>{t('att.reports.total')}</strong>
                </Table.Summary.Cell>
                {(['classesHeld', 'sessionsHeld', 'distinctParticipants', 'distinctStaff', 'distinctResidents', 'personAttendances', 'hours'] as const).map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 1} align="right">
                    <strong>{formatNumber(report.total[k])}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </>
  );
}

/** Pick a staff person or a resident, searched on the server (diacritic-insensitive). */
function PersonPicker({ kind, value, name, onPick }: { kind: PersonKind; value?: string; name?: string; onPick: (id: string, name: string) => void }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const staff = useStaffList({ q: q || undefined, page: 1, pageSize: 20 });
  const residents = useResidents({ q: q || undefined, page: 1, pageSize: 20 }, kind === 'resident');
  const query = kind === 'staff' ? staff : residents;
  const options = (query.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.fullName}${p.birthYear ? ` (${p.birthYear})` : ''} · ${p.unitName}`,
    name: p.fullName,
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: name ?? value, name: name ?? value });
  return (
    <Select
      aria-label={t('att.reports.person')}
      placeholder={t('att.reports.personPlaceholder')}
      value={value}
      onChange={(v: string, o) => onPick(v, (o as { name: string }).name)}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      options={options}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('att.reports.noPerson')}
      style={{ width: '100%' }}
    />
  );
}

/** Per person: classes, sessions and hours in a year. */
function PersonTab({ kind, id, name, year, setParams }: { kind: PersonKind; id?: string; name?: string; year: number; setParams: (c: Record<string, string | undefined>) => void }) {
  const t = useT();
  const query = usePersonReport(kind, id, year);
  const report: PersonReport | undefined = query.data;
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Radio.Group
          aria-label={t('att.reports.kind')}
          value={kind}
          onChange={(e) => setParams({ kind: e.target.value, id: undefined, name: undefined })}
          optionType="button"
          options={[
            { value: 'staff', label: t('att.kind.staff') },
            { value: 'resident', label: t('att.kind.resident') },
          ]}
        />
        <div style={{ minWidth: 260, flex: 1, maxWidth: 480 }}>
          <PersonPicker kind={kind} value={id} name={name} onPick={(v, n) => setParams({ id: v, name: n })} />
        </div>
        <YearSelect value={year} onChange={(y) => setParams({ year: String(y) })} />
      </Flex>
      {!id ? (
        <Empty description={t('att.reports.pickPerson')} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : !report ? (
        <Spin />
      ) : (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {report.person.fullName} <span style={{ fontWeight: 400, fontSize: 14 }}>· {report.person.unitName}</span>
          </Typography.Title>
          <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={<span style={{ color: '#434343' }}>{t('att.reports.totalHours', { year: report.year })}</span>} value={formatNumber(report.totalHours)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={<span style={{ color: '#434343' }}>{t('att.reports.attendedSessions')}</span>} value={formatNumber(report.attendedSessions)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={<span style={{ color: '#434343' }}>{t('att.reports.classes')}</span>} value={formatNumber(report.classes.length)} />
              </Card>
            </Col>
          </Row>
          <Table
            rowKey="classId"
            size="small"
            pagination={false}
            scroll={{ x: 700 }}
            dataSource={report.classes}
            locale={{ emptyText: <Empty description={t('att.reports.noClasses', { year: report.year })} /> }}
            columns={[
              { title: t('att.class.title'), dataIndex: 'classTitle', key: 'c', render: (v: string, c) => <Link to={`/classes/${c.classId}?tab=report`}>{v}</Link> },
              { title: t('att.class.type'), dataIndex: 'classType', key: 'type', render: (v: PersonReport['classes'][number]['classType']) => t(`att.classType.${v}`) },
              { title: t('att.reports.attendedOf'), key: 'att', align: 'right', render: (_, c) => `${formatNumber(c.attended)} / ${formatNumber(c.sessions)}` },
              { title: t('att.report.share'), dataIndex: 'share', key: 'share', align: 'right', render: (n: number) => pct(n) },
              { title: t('att.report.hours'), dataIndex: 'hours', key: 'hours', align: 'right', render: (n: number) => formatNumber(n) },
            ]}
          />
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('att.reports.sessionsTitle')}
          </Typography.Title>
          <Table
            rowKey="sessionId"
            size="small"
            pagination={report.sessions.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 700 }}
            dataSource={report.sessions}
            columns={[
              { title: t('att.session.date'), key: 'd', render: (_, s) => `${formatVnDate(s.date)} ${s.startTime}–${s.endTime}` },
              { title: t('att.class.title'), dataIndex: 'classTitle', key: 'c' },
              { title: t('att.session.status'), dataIndex: 'status', key: 's', render: (v: PersonReport['sessions'][number]['status']) => <MarkStatusTag status={v} /> },
              { title: t('att.report.hours'), dataIndex: 'hours', key: 'h', align: 'right', render: (n: number) => formatNumber(n) },
            ]}
          />
        </>
      )}
    </>
  );
}

/** /attendance-reports: per unit and per person (per class lives on the class page). */
export function AttendanceReports() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'person' ? 'person' : 'unit';
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : vnYear();
  const kind: PersonKind = params.get('kind') === 'resident' ? 'resident' : 'staff';
  const update = useMemo(
    () => (changes: Record<string, string | undefined>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => update({ tab: k === 'unit' ? undefined : k })}
      items={[
        {
          key: 'unit',
          label: t('att.reports.byUnit'),
          children: tab === 'unit' && <UnitTab unitId={params.get('unit') ?? undefined} year={year} setParam={(k, v) => update({ [k]: v })} />,
        },
        {
          key: 'person',
          label: t('att.reports.byPerson'),
          children: tab === 'person' && (
            <PersonTab kind={kind} id={params.get('id') ?? undefined} name={params.get('name') ?? undefined} year={year} setParams={update} />
          ),
        },
      ]}
    />
  );
}
