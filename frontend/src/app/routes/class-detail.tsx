import { useParams, useSearchParams } from 'react-router';
import { Skeleton, Tabs } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useClass } from '../../features/attendance/api/get-class';
import { ClassActions } from '../../features/attendance/components/class-actions';
import { ClassInfo } from '../../features/attendance/components/class-info';
import { ClassStatusTag } from '../../features/attendance/components/labels';
import { SessionList } from '../../features/attendance/components/session-list';
import { RosterPanel } from '../../features/attendance/components/roster-panel';
import { ClassReportView } from '../../features/attendance/components/class-report';
import '../../features/attendance/attendance.css';

const TABS = ['info', 'sessions', 'roster', 'report'] as const;
type Tab = (typeof TABS)[number];

/** /classes/:id: the class, its sessions, roster and attendance report. */
export default function ClassDetailRoute() {
  const { id = '' } = useParams();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const query = useClass(id);
  const tabParam = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'info';

  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('att.class.notFound')} />;
    return (
      <>
        <PageHeader title={t('att.classes.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('att.classes.title')} />
        <Skeleton active />
      </>
    );
  }
  const klass = query.data;
  return (
    <>
      <PageHeader
        title={klass.title}
        subtitle={
          <>
            {klass.code} · {t(`att.classType.${klass.classType}`)} · <ClassStatusTag status={klass.status} />
          </>
        }
        extra={<ClassActions klass={klass} />}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'info' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'info', label: t('att.tab.info'), children: tab === 'info' && <ClassInfo klass={klass} /> },
          { key: 'sessions', label: t('att.tab.sessions'), children: tab === 'sessions' && <SessionList klass={klass} /> },
          { key: 'roster', label: t('att.tab.roster'), children: tab === 'roster' && <RosterPanel klass={klass} /> },
          { key: 'report', label: t('att.tab.report'), children: tab === 'report' && <ClassReportView klass={klass} /> },
        ]}
      />
    </>
  );
}
