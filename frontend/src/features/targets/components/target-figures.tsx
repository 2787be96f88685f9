import { Col, Progress, Row, Statistic, Typography } from 'antd';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import type { TargetSummary } from '../types';
import { paceSentence, projectionSentence, TargetStatusTag } from './target-labels';

const muted = { color: '#434343' };

/** Trained / population, share against the target, people still to train, people on leave, status and projection. */
export function TargetFigures({ summary, compact = false }: { summary: TargetSummary; compact?: boolean }) {
  const t = useT();
  const s = summary;
  return (
    <div>
      <Row gutter={[16, 8]} align="bottom">
        <Col xs={24} sm={compact ? 24 : 8}>
          <Statistic
            title={<span style={muted}>{t('target.trainedOf')}</span>}
            value={s.trained}
            formatter={() => (
              <span>
                {formatNumber(s.trained)}
                <span style={{ fontSize: '0.6em', ...muted }}> / {formatNumber(s.population)}</span>
              </span>
            )}
          />
        </Col>
        <Col xs={12} sm={compact ? 12 : 8}>
          <Statistic
            title={<span style={muted}>{t('target.share')}</span>}
            value={s.share}
            formatter={() => `${formatNumber(s.share)}%`}
          />
        </Col>
        <Col xs={12} sm={compact ? 12 : 8}>
          <Statistic title={<span style={muted}>{t('target.toTrain')}</span>} value={s.toTrain} formatter={() => formatNumber(s.toTrain)} />
        </Col>
      </Row>
      <Progress
        percent={Math.min(100, s.share)}
        showInfo={false}
        aria-label={t('target.progressLabel', { share: formatNumber(s.share), target: formatNumber(s.targetShare) })}
        strokeColor="#0958d9"
      />
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginTop: 4 }}>
        <TargetStatusTag status={s.status} />
        <span style={muted}>{t('target.targetShareDeadline', { share: formatNumber(s.targetShare), deadline: formatDate(s.deadline) })}</span>
      </div>
      {s.onLeave > 0 && (
        <Typography.Paragraph style={{ margin: '8px 0 0', ...muted }}>
          {t('target.onLeave', { n: formatNumber(s.onLeave), m: formatNumber(s.onLeaveTrained) })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ margin: '8px 0 0' }} strong>
        {projectionSentence(t, s)}
      </Typography.Paragraph>
      {s.status !== 'achieved' && s.asOf <= s.deadline && (
        <Typography.Paragraph style={{ margin: '4px 0 0', ...muted }}>{paceSentence(t, s)}</Typography.Paragraph>
      )}
    </div>
  );
}
