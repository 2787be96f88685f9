import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Breadcrumb, Button, Card, Col, Descriptions, Row, Skeleton, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { useOrgUnits } from '../../org-units/api/get-org-units';
import type { BreakdownBy, Target } from '../types';
import { useTargetSummary, useTargetTrend } from '../api/get-figures';
import { AsOfPicker, todayIso, useAsOf } from './as-of-picker';
import { CumulativeChart } from './cumulative-chart';
import { TargetBreakdown } from './target-breakdown';
import { TargetExports } from './target-exports';
import { TargetFigures } from './target-figures';
import { TargetPeople } from './target-people';

const BY: BreakdownBy[] = ['unit', 'category', 'dtRole'];
/** An id-looking value (the server answers 400 for one that is not a unit id; junk is ignored here). */
const ID_RE = /^[0-9A-Za-z-]{1,64}$/;

/** The path of units from the target's root down to the selected unit (names from the org-unit list). */
function useUnitPath(target: Target, unitId: string | undefined) {
  const units = useOrgUnits();
  return useMemo(() => {
    if (!unitId) return [];
    const byId = new Map((units.data ?? []).map((u) => [u.id, u]));
    const path: { id: string; name: string }[] = [];
    let cur = byId.get(unitId);
    if (!cur) return [{ id: unitId, name: '…' }];
    for (let i = 0; cur && i < 50; i++) {
      if (cur.id === target.unitId) break;
      path.unshift({ id: cur.id, name: cur.name });
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return path;
  }, [units.data, unitId, target.unitId]);
}

/**
 * /targets/:id: the figures and the chart of the selected unit, the breakdown (drill down the unit tree,
 * by category, by DT role), the people still to train with the enrolment action, and the HR exports.
 * The day, the unit and the breakdown are in the URL (?asOf=&unit=&by=).
 */
export function TargetDetail({ target, canManage }: { target: Target; canManage: boolean }) {
  const t = useT();
  const labels = useLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [asOf, setAsOf] = useAsOf();
  const unitParam = params.get('unit');
  const unitId = unitParam && ID_RE.test(unitParam) && unitParam !== target.unitId ? unitParam : undefined;
  const byParam = params.get('by') as BreakdownBy | null;
  const by: BreakdownBy = byParam && BY.includes(byParam) ? byParam : 'unit';
  const path = useUnitPath(target, unitId);
  const unitName = path.length ? path[path.length - 1].name : target.unitName;
  const scope = { asOf, unitId };
  const summary = useTargetSummary(target.id, scope);
  const trend = useTargetTrend(target.id, scope);

  const setParam = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: false },
    );
  const selectUnit = (id: string | undefined) => setParam({ unit: id, by: undefined });

  const crumbs = [
    {
      key: 'root',
      title: unitId ? (
        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => selectUnit(undefined)}>
          {target.unitName}
        </Button>
      ) : (
        <span aria-current="location">{target.unitName}</span>
      ),
    },
    ...path.map((p, i) => ({
      key: p.id,
      title:
        i < path.length - 1 ? (
          <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => selectUnit(p.id)}>
            {p.name}
          </Button>
        ) : (
          <span aria-current="location">{p.name}</span>
        ),
    })),
  ];

  const rule = [
    target.categories.length ? target.categories.map((c) => labels.category[c]).join(', ') : null,
    target.dtRoles.length ? target.dtRoles.map((r) => labels.dtRole[r]).join(', ') : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <PageHeader
        title={target.name}
        subtitle={
          <>
            {target.code}
            {target.policyRef ? ` · ${target.policyRef}` : ''} · {t('target.asOfSubtitle', { date: formatDate(asOf ?? todayIso()) })}
          </>
        }
        extra={
          canManage ? (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/targets/${target.id}/edit`)}>
              {t('targets.edit')}
            </Button>
          ) : undefined
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <AsOfPicker value={asOf} onChange={setAsOf} />
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('targets.population')}>{`${target.unitName}${rule ? ` · ${rule}` : ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('targets.targetShare')}>{`${formatNumber(target.targetShare)}%`}</Descriptions.Item>
          <Descriptions.Item label={t('targets.period')}>{`${formatDate(target.startDate)} – ${formatDate(target.deadline)}`}</Descriptions.Item>
        </Descriptions>
      </Card>
      <nav aria-label={t('target.unitPath')} style={{ marginBottom: 12 }}>
        <Breadcrumb items={crumbs} />
      </nav>
      <Card size="small" style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('target.summaryOf', { unit: unitName })}</h2>}>
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={10}>
            {summary.isError ? (
              <QueryError error={summary.error} onRetry={() => summary.refetch()} />
            ) : summary.data ? (
              <TargetFigures summary={summary.data} compact />
            ) : (
              <Skeleton active />
            )}
          </Col>
          <Col xs={24} lg={14}>
            {trend.isError ? (
              <QueryError error={trend.error} onRetry={() => trend.refetch()} />
            ) : trend.data ? (
              <CumulativeChart
                title={t('chart.titleUnit', { name: target.name, unit: unitName })}
                points={trend.data.points}
                projection={trend.data.projection}
                milestones={trend.data.milestones}
                targetShare={target.targetShare}
                deadline={target.deadline}
              />
            ) : (
              <Skeleton active />
            )}
          </Col>
        </Row>
      </Card>
      <Card size="small" style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('breakdown.title')}</h2>}>
        <TargetBreakdown
          target={target}
          asOf={asOf}
          unitId={unitId}
          unitName={unitName}
          by={by}
          onByChange={(b) => setParam({ by: b === 'unit' ? undefined : b })}
          onDrill={(row) => selectUnit(row.key)}
        />
      </Card>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{t('people.title', { unit: unitName })}</h2>}
      >
        <TargetPeople key={`${unitId ?? ''}-${asOf ?? ''}`} target={target} asOf={asOf} unitId={unitId} unitName={unitName} canEnrol />
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('exports.title')}</h2>}>
        <TargetExports target={target} asOf={asOf} unitId={unitId} unitName={unitName} />
      </Card>
      {target.description && (
        <Typography.Paragraph style={{ marginTop: 16, color: '#434343', whiteSpace: 'pre-line' }}>{target.description}</Typography.Paragraph>
      )}
    </>
  );
}
