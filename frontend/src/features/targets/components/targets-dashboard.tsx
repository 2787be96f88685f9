import { Link, useNavigate } from 'react-router';
import { Button, Card, Col, Empty, Row, Skeleton, Tag, Typography } from 'antd';
import { FileTextOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate } from '../../../lib/format';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import type { Target } from '../types';
import { useTargets } from '../api/get-targets';
import { useTargetSummary, useTargetTrend } from '../api/get-figures';
import { AsOfPicker, todayIso, useAsOf } from './as-of-picker';
import { CumulativeChart } from './cumulative-chart';
import { TargetFigures } from './target-figures';

const withAsOf = (path: string, asOf: string | undefined) => (asOf ? `${path}?asOf=${asOf}` : path);

/** One target on the dashboard: the figures on the left, the cumulative chart with its projection on the right. */
export function TargetCard({ target, asOf }: { target: Target; asOf: string | undefined }) {
  const t = useT();
  const scope = { asOf };
  const summary = useTargetSummary(target.id, scope);
  const trend = useTargetTrend(target.id, scope);
  const headingId = `target-${target.id}`;
  return (
    <Card
      size="small"
      styles={{ body: { padding: 16 } }}
      title={
        <div style={{ whiteSpace: 'normal', padding: '8px 0' }}>
          <Typography.Title level={2} id={headingId} style={{ fontSize: 17, margin: 0 }}>
            {target.name}
          </Typography.Title>
          <div style={{ fontWeight: 400, fontSize: 13, color: '#434343', marginTop: 4 }}>
            <Tag style={{ marginInlineEnd: 6 }}>{target.code}</Tag>
            {target.policyRef && <span>{target.policyRef} · </span>}
            <span>{target.unitName}</span>
          </div>
        </div>
      }
    >
      <section aria-labelledby={headingId}>
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={10}>
            {summary.isError ? (
              <QueryError error={summary.error} onRetry={() => summary.refetch()} />
            ) : summary.data ? (
              <TargetFigures summary={summary.data} compact />
            ) : (
              <Skeleton active paragraph={{ rows: 4 }} />
            )}
            <Link
              to={withAsOf(`/targets/${target.id}`, asOf)}
              aria-label={t('dashboard.openTargetOf', { name: target.name })}
              style={{ display: 'inline-block', marginTop: 12 }}
            >
              {t('dashboard.openTarget')} <RightOutlined aria-hidden />
            </Link>
          </Col>
          <Col xs={24} lg={14}>
            {trend.isError ? (
              <QueryError error={trend.error} onRetry={() => trend.refetch()} />
            ) : trend.data ? (
              <CumulativeChart
                title={t('chart.title', { name: target.name })}
                points={trend.data.points}
                projection={trend.data.projection}
                milestones={trend.data.milestones}
                targetShare={target.targetShare}
                deadline={target.deadline}
              />
            ) : (
              <Skeleton.Node active style={{ width: '100%', height: 220 }}>
                <span style={{ color: '#434343' }}>{t('app.loading')}</span>
              </Skeleton.Node>
            )}
          </Col>
        </Row>
      </section>
    </Card>
  );
}

/** The officials' dashboard (home page of managers and administrators): every target as of a chosen day. */
export function TargetsDashboard({ canManage }: { canManage: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [asOf, setAsOf] = useAsOf();
  const targets = useTargets();
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('target.asOfSubtitle', { date: formatDate(asOf ?? todayIso()) })}
        extra={
          <>
            <Button icon={<FileTextOutlined aria-hidden />} onClick={() => navigate('/reports')}>
              {t('menu.reports')}
            </Button>
            {canManage && (
              <Button icon={<SettingOutlined aria-hidden />} onClick={() => navigate('/targets')}>
                {t('dashboard.manageTargets')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <AsOfPicker value={asOf} onChange={setAsOf} />
      </Card>
      {targets.isError ? (
        <QueryError error={targets.error} onRetry={() => targets.refetch()} />
      ) : !targets.data ? (
        <Skeleton active />
      ) : targets.data.length === 0 ? (
        <Card>
          <Empty description={t('dashboard.empty')}>
            {canManage && (
              <Button type="primary" onClick={() => navigate('/targets/new')}>
                {t('targets.add')}
              </Button>
            )}
          </Empty>
        </Card>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          {targets.data.map((target) => (
            <TargetCard key={target.id} target={target} asOf={asOf} />
          ))}
        </div>
      )}
    </>
  );
}
