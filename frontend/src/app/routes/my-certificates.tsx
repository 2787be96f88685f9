import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { MyCertificates } from '../../features/certificates/components/my-certificates';

export default function MyCertificatesRoute() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('cert.mine.title')} />
      <MyCertificates />
    </>
  );
}
