import { useId, useMemo, useState } from 'react';
import { Button } from 'antd';
import { TableOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import type { Milestone, TrendPoint } from '../types';
import { srOnly, useWidth } from './use-width';

const DAY = 86_400_000;
const COLORS = { actual: '#0958d9', projection: '#0958d9', target: '#a8071a', deadline: '#595959', milestone: '#873800', grid: '#e8e8e8', text: '#434343' };

/** 'YYYY-MM-DD' -> UTC milliseconds (no time-zone shift). */
export function dayValue(date: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1);
}

const monthLabel = (ms: number, yearOnly: boolean) => {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return yearOnly ? String(y) : `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${y}`;
};

/** Month starts between two days, every `step` months, aligned so labels fall on round months (01, 04, 07…). */
function monthTicks(from: number, to: number, maxTicks: number): { ticks: number[]; yearOnly: boolean } {
  const start = new Date(from);
  const months = (new Date(to).getUTCFullYear() - start.getUTCFullYear()) * 12 + new Date(to).getUTCMonth() - start.getUTCMonth() + 1;
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => Math.ceil(months / s) <= Math.max(2, maxTicks)) ?? 60;
  const ticks: number[] = [];
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth() + 1; // the first month start after `from`
  for (let i = 0; i < 1200; i++) {
    if (m > 11) {
      y += Math.floor(m / 12);
      m %= 12;
    }
    const ms = Date.UTC(y, m, 1);
    if (ms > to) break;
    if ((step >= 12 ? m === 0 && y % (step / 12) === 0 : m % step === 0) && ms >= from) ticks.push(ms);
    m += 1;
  }
  return { ticks, yearOnly: step >= 12 };
}

export type CumulativeChartProps = {
  /** the accessible name, e.g. "Tiến độ lũy kế: <target>" */
  title: string;
  points: TrendPoint[];
  projection: TrendPoint[];
  milestones: Milestone[];
  targetShare: number;
  deadline: string;
  height?: number;
};

/**
 * Cumulative share trained by month (solid line and points), the projection at the current pace to the
 * deadline (dashed), the target share (red dashed line), the deadline and the milestones (diamonds).
 * An inline SVG with a title and a description, and the same figures as a table for screen readers
 * (which sighted users can show too).
 */
export function CumulativeChart({ title, points, projection, milestones, targetShare, deadline, height = 260 }: CumulativeChartProps) {
  const t = useT();
  const uid = useId().replace(/:/g, '');
  const [showTable, setShowTable] = useState(false);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const compact = width < 480;

  const geometry = useMemo(() => {
    const dates = [
      ...points.map((p) => dayValue(p.date)),
      ...projection.map((p) => dayValue(p.date)),
      ...milestones.map((m) => dayValue(m.date)),
      dayValue(deadline),
    ];
    let x0 = points.length ? dayValue(points[0].date) : Math.min(...dates);
    // start the axis at the first day of the first month shown
    const first = new Date(x0);
    x0 = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1);
    let x1 = Math.max(...dates);
    if (x1 - x0 < 30 * DAY) x1 = x0 + 30 * DAY;
    const margin = { left: compact ? 46 : 58, right: compact ? 10 : 18, top: 22, bottom: 44 };
    const innerW = Math.max(80, width - margin.left - margin.right);
    const innerH = height - margin.top - margin.bottom;
    const x = (ms: number) => margin.left + ((ms - x0) / (x1 - x0)) * innerW;
    const y = (share: number) => margin.top + innerH - (Math.max(0, Math.min(100, share)) / 100) * innerH;
    const { ticks, yearOnly } = monthTicks(x0, x1, Math.floor(innerW / (compact ? 58 : 70)));
    return { x0, x1, x, y, margin, innerW, innerH, ticks, yearOnly };
  }, [points, projection, milestones, deadline, width, height, compact]);

  const { x, y, margin, innerW, innerH, ticks, yearOnly } = geometry;
  const actualPath = points.map((p, i) => `${i ? 'L' : 'M'}${x(dayValue(p.date)).toFixed(1)},${y(p.share).toFixed(1)}`).join(' ');
  const areaPath = points.length
    ? `${actualPath} L${x(dayValue(points[points.length - 1].date)).toFixed(1)},${y(0)} L${x(dayValue(points[0].date)).toFixed(1)},${y(0)} Z`
    : '';
  const last = points[points.length - 1];
  const projPath =
    last && projection.length
      ? [last, ...projection].map((p, i) => `${i ? 'L' : 'M'}${x(dayValue(p.date)).toFixed(1)},${y(p.share).toFixed(1)}`).join(' ')
      : '';
  const deadlineX = x(dayValue(deadline));
  const projEnd = projection[projection.length - 1];

  const description = [
    points.length
      ? t('chart.descActual', {
          from: formatDate(points[0].date),
          to: formatDate(last.date),
          a: formatNumber(points[0].share),
          b: formatNumber(last.share),
          trained: formatNumber(last.trained),
          population: formatNumber(last.population),
        })
      : t('chart.noData'),
    projEnd ? t('chart.descProjection', { share: formatNumber(projEnd.share), date: formatDate(projEnd.date) }) : t('chart.descNoProjection'),
    t('chart.descTarget', { share: formatNumber(targetShare), deadline: formatDate(deadline) }),
    milestones.length
      ? t('chart.descMilestones', {
          list: milestones.map((m) => `${formatDate(m.date)}: ${formatNumber(m.share)}%${m.label ? ` (${m.label})` : ''}`).join('; '),
        })
      : '',
  ]
    .filter(Boolean)
    .join(' ');

  const tableId = `chart-table-${uid}`;
  const table = (
    <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }}>
      <caption style={{ textAlign: 'left', fontWeight: 600, padding: '4px 0' }}>{t('chart.tableCaption', { title })}</caption>
      <thead>
        <tr>
          {[t('chart.col.date'), t('chart.col.population'), t('chart.col.trained'), t('chart.col.share'), t('chart.col.kind')].map((h) => (
            <th key={h} scope="col" style={{ textAlign: 'left', borderBottom: '1px solid #d9d9d9', padding: '4px 8px' }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...points.map((p) => ({ p, kind: t('chart.kind.actual') })), ...projection.map((p) => ({ p, kind: t('chart.kind.projection') }))].map(
          ({ p, kind }) => (
            <tr key={`${kind}-${p.date}`}>
              <th scope="row" style={{ textAlign: 'left', fontWeight: 400, padding: '2px 8px' }}>
                {formatDate(p.date)}
              </th>
              <td style={{ padding: '2px 8px', textAlign: 'right' }}>{formatNumber(p.population)}</td>
              <td style={{ padding: '2px 8px', textAlign: 'right' }}>{formatNumber(p.trained)}</td>
              <td style={{ padding: '2px 8px', textAlign: 'right' }}>{formatNumber(p.share)}%</td>
              <td style={{ padding: '2px 8px' }}>{kind}</td>
            </tr>
          ),
        )}
        {milestones.map((m) => (
          <tr key={`m-${m.date}`}>
            <th scope="row" style={{ textAlign: 'left', fontWeight: 400, padding: '2px 8px' }}>
              {formatDate(m.date)}
            </th>
            <td style={{ padding: '2px 8px' }} />
            <td style={{ padding: '2px 8px' }} />
            <td style={{ padding: '2px 8px', textAlign: 'right' }}>{formatNumber(m.share)}%</td>
            <td style={{ padding: '2px 8px' }}>{m.label ? t('chart.kind.milestoneNamed', { label: m.label }) : t('chart.kind.milestone')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <figure style={{ margin: 0 }}>
      <div ref={ref} style={{ width: '100%' }}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`chart-title-${uid}`}
          aria-describedby={`chart-desc-${uid}`}
          style={{ display: 'block', maxWidth: '100%', fontFamily: 'inherit' }}
          data-testid="cumulative-chart"
        >
          <title id={`chart-title-${uid}`}>{title}</title>
          <desc id={`chart-desc-${uid}`}>{description}</desc>
          {/* grid and y axis */}
          {[0, 25, 50, 75, 100].map((v) => (
            <g key={v}>
              <line x1={margin.left} x2={margin.left + innerW} y1={y(v)} y2={y(v)} stroke={COLORS.grid} />
              <text x={margin.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill={COLORS.text}>
                {v}%
              </text>
            </g>
          ))}
          <text
            transform={`translate(${compact ? 11 : 14},${margin.top + innerH / 2}) rotate(-90)`}
            textAnchor="middle"
            fontSize={11}
            fill={COLORS.text}
          >
            {t('chart.yAxis')}
          </text>
          {/* x axis */}
          <line x1={margin.left} x2={margin.left + innerW} y1={y(0)} y2={y(0)} stroke="#8c8c8c" />
          {ticks.map((ms) => (
            <g key={ms}>
              <line x1={x(ms)} x2={x(ms)} y1={y(0)} y2={y(0) + 4} stroke="#8c8c8c" />
              <text x={x(ms)} y={y(0) + 16} textAnchor="middle" fontSize={11} fill={COLORS.text}>
                {monthLabel(ms, yearOnly)}
              </text>
            </g>
          ))}
          <text x={margin.left + innerW / 2} y={height - 6} textAnchor="middle" fontSize={11} fill={COLORS.text}>
            {t('chart.xAxis')}
          </text>
          {/* target share and deadline */}
          <g data-series="target">
            <line x1={margin.left} x2={margin.left + innerW} y1={y(targetShare)} y2={y(targetShare)} stroke={COLORS.target} strokeWidth={1.5} strokeDasharray="10 4" />
            <text x={margin.left + 4} y={y(targetShare) - 5} fontSize={11} fill={COLORS.target}>
              {t('chart.targetLine', { share: formatNumber(targetShare) })}
            </text>
          </g>
          <g data-series="deadline">
            <line x1={deadlineX} x2={deadlineX} y1={margin.top} y2={y(0)} stroke={COLORS.deadline} strokeDasharray="2 3" />
            <text x={deadlineX - 4} y={margin.top - 8} textAnchor="end" fontSize={11} fill={COLORS.text}>
              {t('chart.deadline', { date: formatDate(deadline) })}
            </text>
          </g>
          {/* actual */}
          {areaPath && <path d={areaPath} fill={COLORS.actual} fillOpacity={0.08} stroke="none" />}
          <g data-series="actual">
            {actualPath && <path d={actualPath} fill="none" stroke={COLORS.actual} strokeWidth={2.5} strokeLinejoin="round" />}
            {points.map((p, i) => (
              <circle
                key={p.date}
                cx={x(dayValue(p.date))}
                cy={y(p.share)}
                r={i === points.length - 1 ? 5 : 3}
                fill={i === points.length - 1 ? '#ffffff' : COLORS.actual}
                stroke={COLORS.actual}
                strokeWidth={2}
              >
                <title>{`${formatDate(p.date)}: ${formatNumber(p.trained)}/${formatNumber(p.population)} (${formatNumber(p.share)}%)`}</title>
              </circle>
            ))}
          </g>
          {/* projection */}
          {projPath && (
            <g data-series="projection">
              <path d={projPath} fill="none" stroke={COLORS.projection} strokeOpacity={0.75} strokeWidth={2} strokeDasharray="6 5" />
              {projEnd && (
                <circle cx={x(dayValue(projEnd.date))} cy={y(projEnd.share)} r={3} fill="#ffffff" stroke={COLORS.projection} strokeWidth={1.5}>
                  <title>{`${t('chart.kind.projection')} ${formatDate(projEnd.date)}: ${formatNumber(projEnd.share)}%`}</title>
                </circle>
              )}
            </g>
          )}
          {/* milestones */}
          <g data-series="milestones">
            {milestones.map((m) => {
              const mx = x(dayValue(m.date));
              const my = y(m.share);
              return (
                <g key={m.date}>
                  <path d={`M${mx},${my - 6} L${mx + 6},${my} L${mx},${my + 6} L${mx - 6},${my} Z`} fill={COLORS.milestone} stroke="#ffffff" />
                  {!compact && (
                    <text
                      x={mx + 140 > width ? mx - 8 : mx + 8}
                      y={my - 9}
                      textAnchor={mx + 140 > width ? 'end' : 'start'}
                      fontSize={10}
                      fill={COLORS.milestone}
                    >
                      {m.label ? `${m.label} (${formatNumber(m.share)}%)` : `${formatNumber(m.share)}%`}
                    </text>
                  )}
                  <title>{`${formatDate(m.date)}: ${formatNumber(m.share)}%${m.label ? ` (${m.label})` : ''}`}</title>
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      <figcaption style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', alignItems: 'center', fontSize: 12, color: COLORS.text, marginTop: 4 }}>
        <LegendSwatch color={COLORS.actual} label={t('chart.legend.actual')} />
        <LegendSwatch color={COLORS.projection} dash="6 5" label={t('chart.legend.projection')} />
        <LegendSwatch color={COLORS.target} dash="10 4" label={t('chart.legend.target')} />
        <span>
          <svg width={12} height={12} aria-hidden focusable="false" style={{ verticalAlign: 'middle', marginRight: 4 }}>
            <path d="M6,0 L12,6 L6,12 L0,6 Z" fill={COLORS.milestone} />
          </svg>
          {t('chart.legend.milestone')}
        </span>
        <Button
          size="small"
          type="link"
          icon={<TableOutlined aria-hidden />}
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((v) => !v)}
          style={{ paddingInline: 0 }}
        >
          {showTable ? t('chart.hideTable') : t('chart.showTable')}
        </Button>
      </figcaption>
      <div
        id={tableId}
        style={showTable ? { overflowX: 'auto', marginTop: 8 } : srOnly}
        {...(showTable ? { tabIndex: 0, role: 'region', 'aria-label': t('chart.tableCaption', { title }) } : {})}
      >
        {table}
      </div>
    </figure>
  );
}

function LegendSwatch({ color, dash, label }: { color: string; dash?: string; label: string }) {
  return (
    <span>
      <svg width={24} height={10} aria-hidden focusable="false" style={{ verticalAlign: 'middle', marginRight: 4 }}>
        <line x1={0} x2={24} y1={5} y2={5} stroke={color} strokeWidth={2.5} strokeDasharray={dash} />
      </svg>
      {label}
    </span>
  );
}
