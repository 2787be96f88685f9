import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { Catalogue } from '../../features/courses/components/catalogue';

/** /catalogue: published courses open for self-enrolment. */
export default function CatalogueRoute() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('catalogue.title')} />
      <Catalogue />
    </>
  );
}
