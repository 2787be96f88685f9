import { useT } from '../../lib/i18n';
import { hasRole } from '../../lib/roles';
import { PageHeader } from '../../components/ui/page-header';
import { CertificateList } from '../../features/certificates/components/certificate-list';
import { useCurrentUser } from '../guards';

export default function CertificatesRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t('cert.title')} />
      <CertificateList canManage={hasRole(me, 'manager', 'admin')} />
    </>
  );
}
