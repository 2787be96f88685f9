import { Link, useParams, useSearchParams } from 'react-router';
import { Breadcrumb, Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useBank } from '../../features/questions/api/get-bank';
import { useCategories } from '../../features/questions/api/get-categories';
import { QuestionImportWizard } from '../../features/questions/components/import-wizard';

/** /question-banks/:bankId/import (?category=) */
export default function QuestionImportRoute() {
  const { bankId = '' } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const bank = useBank(bankId);
  const categories = useCategories(bankId);
  const failed = [bank, categories].find((q) => q.isError);
  if (failed) {
    if (isApiError(failed.error) && failed.error.status === 404) return <NotFound text={t('qb.bank.notFound')} />;
    return (
      <>
        <PageHeader title={t('qb.import.title')} />
        <QueryError error={failed.error} onRetry={() => failed.refetch()} />
      </>
    );
  }
  if (!bank.data || !categories.data) {
    return (
      <>
        <PageHeader title={t('qb.import.title')} />
        <Skeleton active />
      </>
    );
  }
  const back = `/question-banks/${bankId}`;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/question-banks">{t('qb.bank.listTitle')}</Link> },
          { title: <Link to={back}>{bank.data.name}</Link> },
          { title: t('qb.import.title') },
        ]}
      />
      <PageHeader title={t('qb.import.titleOf', { name: bank.data.name })} />
      <QuestionImportWizard bankId={bankId} categories={categories.data} initialCategoryId={params.get('category') ?? undefined} bankPath={back} />
    </>
  );
}
