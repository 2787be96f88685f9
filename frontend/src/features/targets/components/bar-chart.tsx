import { useId } from 'react';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { useWidth } from './use-width';

export type Bar = { key: string; label: string; share: number; trained: number; population: number };

const ROW = 28;

function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1)).trimEnd()}…`;
}

/**
 * Horizontal bars of the share trained per row (unit, staff category, DT role) with the target share
 * marked. An inline SVG named by its title; the table next to it carries the same figures.
 */
export function BarChart({ title, bars, targetShare }: { title: string; bars: Bar[]; targetShare: number }) {
  const t = useT();
  const uid = useId().replace(/:/g, '');
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const compact = width < 480;
  const labelW = compact ? Math.min(120, width * 0.36) : Math.min(260, width * 0.34);
  const valueW = compact ? 92 : 130;
  const barX = labelW + 8;
  const barW = Math.max(40, width - barX - valueW - 8);
  const height = bars.length * ROW + 26;
  const x = (share: number) => barX + (Math.max(0, Math.min(100, share)) / 100) * barW;
  const maxChars = Math.floor(labelW / 6.6);
  const summary = bars.map((b) => `${b.label}: ${formatNumber(b.share)}%`).join('; ');
  return (
    <div ref={ref} style={{ width: '100%' }}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`bar-title-${uid}`}
        aria-describedby={`bar-desc-${uid}`}
        style={{ display: 'block', maxWidth: '100%' }}
        data-testid="bar-chart"
      >
        <title id={`bar-title-${uid}`}>{title}</title>
        <desc id={`bar-desc-${uid}`}>{t('bars.desc', { share: formatNumber(targetShare), list: summary })}</desc>
        {[0, 50, 100].map((v) => (
          <text key={v} x={x(v)} y={12} textAnchor={v === 0 ? 'start' : v === 100 ? 'end' : 'middle'} fontSize={11} fill="#434343">
            {v}%
          </text>
        ))}
        {bars.map((b, i) => {
          const top = 20 + i * ROW;
          return (
            <g key={b.key} data-bar={b.key}>
              <text x={labelW} y={top + ROW / 2 + 4} textAnchor="end" fontSize={12} fill="#262626">
                {clip(b.label, maxChars)}
                <title>{b.label}</title>
              </text>
              <rect x={barX} y={top + 5} width={barW} height={ROW - 10} fill="#f0f0f0" rx={2} />
              <rect x={barX} y={top + 5} width={Math.max(0, x(b.share) - barX)} height={ROW - 10} fill={b.share >= targetShare ? '#237804' : '#0958d9'} rx={2} />
              <text x={barX + barW + 6} y={top + ROW / 2 + 4} fontSize={12} fill="#262626">
                {compact ? `${formatNumber(b.share)}%` : `${formatNumber(b.share)}% (${formatNumber(b.trained)}/${formatNumber(b.population)})`}
              </text>
            </g>
          );
        })}
        <line x1={x(targetShare)} x2={x(targetShare)} y1={16} y2={height - 4} stroke="#a8071a" strokeDasharray="4 3" strokeWidth={1.5} />
      </svg>
    </div>
  );
}
