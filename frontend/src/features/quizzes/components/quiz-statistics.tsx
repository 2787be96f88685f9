import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { Quiz, Statistics } from '../types';
import { useStatistics } from '../api/statistics';
import { formatPercent } from './quiz-labels';

type QuestionStat = Statistics['questions'][number];

/** A share given as 0..1 or as a percentage, shown as a percentage. */
export function asPercent(value: number | null | undefined, fraction: boolean): number | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  return fraction ? value * 100 : value;
}

const fmt2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Bars of the score distribution in plain SVG (no chart library); the same numbers are in the table below it. */
export function DistributionChart({ distribution, title }: { distribution: Statistics['distribution']; title: string }) {
  const t = useT();
  const max = Math.max(1, ...distribution.map((d) => d.count));
  const width = 640;
  const height = 240;
  const pad = { left: 36, right: 8, top: 16, bottom: 44 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const bw = distribution.length ? innerW / distribution.length : innerW;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  const label = (d: Statistics['distribution'][number]) => `${formatNumber(d.from)}–${formatNumber(d.to)}%`;
  const summary = distribution.map((d) => t('qstats.barLabel', { range: label(d), n: formatNumber(d.count) })).join('; ');
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby="dist-title dist-desc" style={{ maxWidth: width, display: 'block' }}>
        <title id="dist-title">{title}</title>
        <desc id="dist-desc">{summary}</desc>
        {ticks.map((v) => {
          const y = pad.top + innerH - (v / max) * innerH;
          return (
            <g key={v}>
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} stroke="#e8e8e8" />
              <text x={pad.left - 6} y={y + 4} textAnchor="end" fontSize="11" fill="#434343">
                {formatNumber(v)}
              </text>
            </g>
          );
        })}
        {distribution.map((d, i) => {
          const h = (d.count / max) * innerH;
          const x = pad.left + i * bw;
          return (
            <g key={`${d.from}-${d.to}`}>
              <rect x={x + bw * 0.1} y={pad.top + innerH - h} width={bw * 0.8} height={h} fill="#0958d9" rx={2} />
              {d.count > 0 && (
                <text x={x + bw / 2} y={pad.top + innerH - h - 4} textAnchor="middle" fontSize="11" fill="#1f1f1f">
                  {formatNumber(d.count)}
                </text>
              )}
              <text
                x={x + bw / 2}
                y={height - pad.bottom + 14}
                textAnchor="end"
                fontSize="10"
                fill="#434343"
                transform={`rotate(-35 ${x + bw / 2} ${height - pad.bottom + 14})`}
              >
                {label(d)}
              </text>
            </g>
          );
        })}
        <line x1={pad.left} x2={width - pad.right} y1={pad.top + innerH} y2={pad.top + innerH} stroke="#8c8c8c" />
      </svg>
      <figcaption style={{ color: '#434343', fontSize: 13 }}>{t('qstats.chartCaption')}</figcaption>
    </figure>
  );
}

function OptionBars({ options }: { options: QuestionStat['options'] }) {
  const t = useT();
  const total = options.reduce((n, o) => n + o.count, 0);
  if (options.length === 0) return <span style={{ color: '#434343' }}>{t('qstats.noOptions')}</span>;
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }}>
      <caption className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {t('qstats.options')}
      </caption>
      <thead>
        <tr>
          <th scope="col" style={{ textAlign: 'start', fontWeight: 500 }}>{t('qstats.option')}</th>
          <th scope="col" style={{ textAlign: 'end', fontWeight: 500, width: 80 }}>{t('qstats.count')}</th>
          <th scope="col" style={{ width: '35%' }}><span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{t('qstats.share')}</span></th>
        </tr>
      </thead>
      <tbody>
        {options.map((o, i) => {
          const share = total ? (o.count / total) * 100 : 0;
          return (
            <tr key={i}>
              <td style={{ padding: '2px 8px 2px 0', overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: o.text }} />
              <td style={{ textAlign: 'end', padding: '2px 8px' }}>{formatNumber(o.count)}</td>
              <td>
                <div aria-hidden style={{ background: '#f0f0f0', borderRadius: 3, height: 10 }}>
                  <div style={{ width: `${share}%`, background: '#0958d9', height: 10, borderRadius: 3 }} />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function QuizStatistics({ quiz }: { quiz: Quiz }) {
  const t = useT();
  const query = useStatistics(quiz.id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const s = query.data;
  if (s.attempts === 0) return <Card><Empty description={t('qstats.empty')} /></Card>;

  const columns: TableColumnsType<QuestionStat> = [
    { title: t('qstats.slot'), dataIndex: 'slot', key: 'slot', width: 60, align: 'right' },
    { title: t('qstats.question'), dataIndex: 'title', key: 'title', render: (title: string, q) => (q.type ? <>{title} <span style={{ color: '#434343', fontSize: 13 }}>({t(`quizzes.qtype.${q.type}`)})</span></> : title) },
    { title: t('qstats.answers'), dataIndex: 'count', key: 'count', align: 'right', width: 90, render: (n: number | undefined) => (n === undefined ? '—' : formatNumber(n)) },
    {
      title: t('qstats.facility'),
      dataIndex: 'facility',
      key: 'facility',
      align: 'right',
      width: 120,
      render: (v: number | null) => formatPercent(v),
    },
    {
      title: t('qstats.discrimination'),
      dataIndex: 'discrimination',
      key: 'discrimination',
      align: 'right',
      width: 130,
      // the server sends the correlation × 100
      render: (v: number | null) => (v === null || v === undefined ? '—' : fmt2.format(v / 100)),
    },
  ];

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('qstats.attempts')} value={formatNumber(s.attempts)} /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('qstats.mean')} value={formatPercent(s.mean)} /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('qstats.median')} value={formatPercent(s.median)} /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('qstats.passRate')} value={formatPercent(asPercent(s.passRate, true))} /></Card>
        </Col>
      </Row>
      <Card style={{ marginBottom: 16 }} title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('qstats.distribution')}</Typography.Title>}>
        <DistributionChart distribution={s.distribution} title={t('qstats.distribution')} />
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('qstats.questions')}</Typography.Title>}>
        <p style={{ color: '#434343', fontSize: 13 }}>{t('qstats.help')}</p>
        <Table<QuestionStat>
          rowKey={(q) => `${q.slot}-${q.questionId}`}
          size="small"
          columns={columns}
          dataSource={s.questions}
          pagination={false}
          scroll={{ x: 600 }}
          expandable={{
            expandedRowRender: (q) => <OptionBars options={q.options} />,
            rowExpandable: (q) => q.options.length > 0,
          }}
        />
      </Card>
    </>
  );
}
