import { Link } from 'react-router';
import { Card, Col, Descriptions, Row, Skeleton, Statistic, Typography } from 'antd';
import { useLabels, useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { canEditStaff, canReadStaff } from '../../../lib/roles';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import type { Me } from '../../../types/api';
import { useStaffCounts } from '../api/get-staff-counts';

function CountCard({ title, value, to, linkLabel }: { title: string; value: number | undefined; to: string; linkLabel: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={<span style={{ color: '#434343' }}>{title}</span>} value={value ?? 0} formatter={() => (value == null ? '—' : formatNumber(value))} />
      <Link to={to} aria-label={`${linkLabel}: ${title}`}>
        {linkLabel}
      </Link>
    </Card>
  );
}

export function HomeDashboard({ me }: { me: Me }) {
  const t = useT();
  const labels = useLabels();
  const showCounts = canReadStaff(me);
  const counts = useStaffCounts(showCounts);
  const c = counts.data;

  return (
    <>
      <PageHeader title={t('home.title')} />
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('home.account')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>{me.roles.map((r) => labels.role[r]).join(', ')}</Descriptions.Item>
          <Descriptions.Item label={t('home.scope')}>{me.scopeUnitName ?? t('home.scopeAll')}</Descriptions.Item>
        </Descriptions>
      </Card>
      {showCounts ? (
        <section aria-labelledby="home-counts">
          <Typography.Title level={2} id="home-counts" style={{ fontSize: 18 }}>
            {t('home.peopleInScope')}
          </Typography.Title>
          {counts.isError && <QueryError error={counts.error} onRetry={() => counts.refetch()} />}
          {counts.isLoading ? (
            <Skeleton active />
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} sm={12} lg={6}>
                <CountCard title={t('home.peopleInScope')} value={c?.total} to="/staff" linkLabel={t('home.viewList')} />
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <CountCard title={t('home.active')} value={c?.active} to="/staff?status=active" linkLabel={t('home.viewList')} />
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <CountCard title={t('home.onLeave')} value={c?.on_leave} to="/staff?status=on_leave" linkLabel={t('home.viewList')} />
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Card size="small" style={{ height: '100%' }}>
                  <Statistic
                    title={<span style={{ color: '#434343' }}>{t('home.dtStaff')}</span>}
                    value={c ? c.dedicated + c.concurrent : 0}
                    formatter={() => (c ? formatNumber(c.dedicated + c.concurrent) : '—')}
                  />
                  <div>
                    <Link to="/staff?dtRole=dedicated">
                      {t('home.dedicated')}: {c ? formatNumber(c.dedicated) : '—'}
                    </Link>
                    {' · '}
                    <Link to="/staff?dtRole=concurrent">
                      {t('home.concurrent')}: {c ? formatNumber(c.concurrent) : '—'}
                    </Link>
                  </div>
                </Card>
              </Col>
            </Row>
          )}
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
            {t('home.quickLinks')}
          </Typography.Title>
          <ul>
            <li>
              <Link to="/org-units">{t('menu.orgUnits')}</Link>
            </li>
            <li>
              <Link to="/staff">{t('menu.staff')}</Link>
            </li>
            {canEditStaff(me) && (
              <li>
                <Link to="/staff/import">{t('menu.import')}</Link>
              </li>
            )}
          </ul>
        </section>
      ) : (
        <Typography.Paragraph>{t('home.learnerIntro')}</Typography.Paragraph>
      )}
    </>
  );
}
