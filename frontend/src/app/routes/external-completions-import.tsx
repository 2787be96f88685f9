import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { CompletionImport } from '../../features/completions/components/completion-import';

/** /external-completions/import: bulk import of external completions from the XLSX template. */
export default function ExternalCompletionsImportRoute() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('menu.externalImport')} />
      <CompletionImport />
    </>
  );
}
