import { Table, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../../lib/i18n';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import type { Bieu01Row, Bieu02Row, Bieu03Row, ReportFigures } from '../types';

const n = (v: number | null | undefined) => formatNumber(v ?? 0);
const pct = (v: number) => formatNumber(v);
const bold = (text: React.ReactNode) => <strong>{text}</strong>;

function Heading({ children }: { children: React.ReactNode }) {
  return (
    <Typography.Title level={3} style={{ fontSize: 15, marginTop: 20 }}>
      {children}
    </Typography.Title>
  );
}

function Bieu01({ figures }: { figures: ReportFigures }) {
  const t = useT();
  const b = figures.bieu01;
  type Row = Bieu01Row & { kind: 'row' | 'total' | 'police' };
  const rows: Row[] = [
    ...b.rows.map((r) => ({ ...r, kind: 'row' as const })),
    { ...b.total, kind: 'total' as const },
    ...(b.police ? [{ ...b.police, kind: 'police' as const }] : []),
  ];
  const cell = (r: Row, text: React.ReactNode) => (r.kind === 'total' ? bold(text) : r.kind === 'police' ? <em>{text}</em> : text);
  const columns: TableColumnsType<Row> = [
    { title: t('bieu.stt'), key: 'roman', width: 50, align: 'center', render: (_v, r) => r.roman },
    { title: t('bieu01.block'), key: 'label', width: 240, render: (_v, r) => cell(r, r.label) },
    { title: t('bieu01.total'), key: 'total', width: 110, align: 'right', render: (_v, r) => cell(r, n(r.total)) },
    { title: t('bieu01.leaders'), key: 'leaders', width: 110, align: 'right', render: (_v, r) => cell(r, n(r.leaders)) },
    { title: t('bieu01.briefed'), key: 'briefed', width: 140, align: 'right', render: (_v, r) => cell(r, n(r.briefed)) },
    { title: t('bieu.share'), key: 'briefedShare', width: 80, align: 'right', render: (_v, r) => cell(r, pct(r.briefedShare)) },
    { title: t('bieu01.bdhvsJoined'), key: 'bdhvsJoined', width: 140, align: 'right', render: (_v, r) => cell(r, n(r.bdhvsJoined)) },
    { title: t('bieu01.bdhvsConfirmed'), key: 'bdhvsConfirmed', width: 130, align: 'right', render: (_v, r) => cell(r, n(r.bdhvsConfirmed)) },
    { title: t('bieu01.bdhvsShare'), key: 'bdhvsShare', width: 100, align: 'right', render: (_v, r) => cell(r, pct(r.bdhvsShare)) },
    { title: t('bieu.note'), key: 'note', width: 180, render: (_v, r) => cell(r, r.note) },
  ];
  return (
    <section aria-labelledby="bieu01-title">
      <Heading>
        <span id="bieu01-title">{t('bieu01.title')}</span>
      </Heading>
      <Table<Row> rowKey="key" columns={columns} dataSource={rows} pagination={false} size="small" bordered scroll={{ x: 1280 }} />
    </section>
  );
}

function Bieu02({ figures }: { figures: ReportFigures }) {
  const t = useT();
  const b = figures.bieu02;
  type Row = Bieu02Row & { stt: number };
  const rows: Row[] = b.rows.map((r, i) => ({ ...r, stt: i + 1 }));
  const columns: TableColumnsType<Row> = [
    { title: t('bieu.stt'), dataIndex: 'stt', key: 'stt', width: 50, align: 'center' },
    { title: t('bieu02.name'), dataIndex: 'fullName', key: 'name', width: 180 },
    { title: t('bieu02.male'), dataIndex: 'birthYearMale', key: 'male', width: 80, align: 'center' },
    { title: t('bieu02.female'), dataIndex: 'birthYearFemale', key: 'female', width: 80, align: 'center' },
    { title: t('bieu02.position'), dataIndex: 'position', key: 'position', width: 170 },
    { title: t('bieu02.unit'), dataIndex: 'unitName', key: 'unit', width: 180 },
    { title: t('bieu02.role'), dataIndex: 'role', key: 'role', width: 110 },
    { title: t('bieu02.content'), dataIndex: 'content', key: 'content', width: 240 },
    { title: t('bieu02.time'), dataIndex: 'time', key: 'time', width: 100 },
    { title: t('bieu02.organiser'), dataIndex: 'organiser', key: 'organiser', width: 180 },
    { title: t('bieu02.result'), dataIndex: 'result', key: 'result', width: 110 },
    { title: t('bieu02.certificate'), dataIndex: 'certificateNo', key: 'certificate', width: 120 },
    { title: t('bieu.note'), dataIndex: 'note', key: 'note', width: 140 },
  ];
  return (
    <section aria-labelledby="bieu02-title">
      <Heading>
        <span id="bieu02-title">{t('bieu02.title')}</span>
      </Heading>
      <Table<Row>
        rowKey={(r) => `${r.stt}`}
        columns={columns}
        dataSource={rows}
        pagination={false}
        size="small"
        bordered
        scroll={{ x: 1740 }}
        locale={{ emptyText: t('bieu02.empty') }}
        footer={() => bold(t('bieu02.total', { total: n(b.total), trained: n(b.trained), share: pct(b.share) }))}
      />
    </section>
  );
}

function Bieu03({ figures }: { figures: ReportFigures }) {
  const t = useT();
  const b = figures.bieu03;
  type Row = Bieu03Row & { stt: number | null; total?: boolean };
  const rows: Row[] = [...b.rows.map((r, i) => ({ ...r, stt: i + 1 })), { ...b.total, stt: null, total: true }];
  const cell = (r: Row, v: React.ReactNode) => (r.total ? bold(v) : v);
  const columns: TableColumnsType<Row> = [
    { title: t('bieu.stt'), key: 'stt', width: 50, align: 'center', render: (_v, r) => r.stt ?? '' },
    { title: t('bieu03.group'), key: 'unit', width: 200, render: (_v, r) => cell(r, r.unitName) },
    { title: t('bieu03.teams'), key: 'teams', width: 90, align: 'right', render: (_v, r) => cell(r, n(r.teams)) },
    { title: t('bieu03.members'), key: 'members', width: 100, align: 'right', render: (_v, r) => cell(r, n(r.members)) },
    { title: t('bieu03.membersTrained'), key: 'membersTrained', width: 130, align: 'right', render: (_v, r) => cell(r, n(r.membersTrained)) },
    { title: t('bieu03.classes'), key: 'classes', width: 120, align: 'right', render: (_v, r) => cell(r, n(r.classes)) },
    { title: t('bieu03.attendances'), key: 'attendances', width: 130, align: 'right', render: (_v, r) => cell(r, n(r.attendances)) },
    { title: t('bieu03.confirmed'), key: 'confirmed', width: 200, align: 'right', render: (_v, r) => cell(r, n(r.residentsConfirmed)) },
  ];
  return (
    <section aria-labelledby="bieu03-title">
      <Heading>
        <span id="bieu03-title">{t('bieu03.title')}</span>
      </Heading>
      <Table<Row> rowKey={(r) => `${r.stt ?? 'total'}`} columns={columns} dataSource={rows} pagination={false} size="small" bordered scroll={{ x: 1020 }} />
      <Typography.Paragraph style={{ color: '#434343', marginTop: 8 }}>{t('bieu03.noteVisits')}</Typography.Paragraph>
    </section>
  );
}

/** Biểu 01–03 of the report as tables, "số liệu tính đến ngày …" (live for a draft, frozen for a submitted report). */
export function ReportFiguresView({ figures, estimated, submitted }: { figures: ReportFigures; estimated: boolean; submitted: boolean }) {
  const t = useT();
  return (
    <div>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {t('report.figuresAsOf', { date: formatDate(figures.cutOff) })}
        {estimated ? ` ${t('report.estimatedMark')}` : ''}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ color: '#434343' }}>
        {submitted ? t('report.figuresFrozen', { at: formatDateTime(figures.computedAt) }) : t('report.figuresLive', { at: formatDateTime(figures.computedAt) })}
      </Typography.Paragraph>
      <Bieu01 figures={figures} />
      <Bieu02 figures={figures} />
      <Bieu03 figures={figures} />
    </div>
  );
}
