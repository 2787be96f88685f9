import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { ImportWizard } from '../../features/imports/components/import-wizard';

export default function StaffImportRoute() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('import.title')} />
      <ImportWizard />
    </>
  );
}
