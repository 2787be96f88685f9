import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { AuditLog } from '../../features/audit/components/audit-log';

export default function AuditRoute() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <AuditLog />
    </>
  );
}
