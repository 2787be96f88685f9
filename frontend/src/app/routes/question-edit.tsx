import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { App, Breadcrumb, Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useBank } from '../../features/questions/api/get-bank';
import { useCategories } from '../../features/questions/api/get-categories';
import { useQuestion } from '../../features/questions/api/get-question';
import { QuestionEditor } from '../../features/questions/components/question-editor';

/** /question-banks/:bankId/questions/new (?category=) and /question-banks/:bankId/questions/:questionId */
export default function QuestionEditRoute() {
  const { bankId = '', questionId } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const bank = useBank(bankId);
  const categories = useCategories(bankId);
  const question = useQuestion(questionId);
  const title = questionId ? t('qb.editor.editTitle') : t('qb.editor.createTitle');

  const failed = [bank, categories, question].find((q) => q.isError);
  if (failed) {
    if (isApiError(failed.error) && failed.error.status === 404) return <NotFound text={t('qb.question.notFound')} />;
    return (
      <>
        <PageHeader title={title} />
        <QueryError error={failed.error} onRetry={() => failed.refetch()} />
      </>
    );
  }
  const q = question.data;
  if (!bank.data || !categories.data || (questionId && !q)) {
    return (
      <>
        <PageHeader title={title} />
        <Skeleton active />
      </>
    );
  }
  if (q && q.bankId !== bankId) return <NotFound text={t('qb.question.notFound')} />;
  const back = `/question-banks/${bankId}`;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/question-banks">{t('qb.bank.listTitle')}</Link> },
          { title: <Link to={back}>{bank.data.name}</Link> },
          { title: q ? q.title : t('qb.editor.createTitle') },
        ]}
      />
      <PageHeader title={q ? t('qb.editor.editTitleOf', { title: q.title }) : title} />
      <QuestionEditor
        key={q ? `${q.id}-${q.version}` : 'new'}
        bankId={bankId}
        question={q}
        categories={categories.data}
        defaultCategoryId={
          categories.data.find((c) => c.id === params.get('category'))?.id ?? categories.data.find((c) => !c.parentId)?.id
        }
        onSaved={(saved, created) => {
          message.success(created ? t('qb.editor.created') : t('qb.editor.savedVersion', { n: saved.version }));
          if (created) navigate(`/question-banks/${bankId}/questions/${saved.id}`, { replace: true });
        }}
        onCancel={() => navigate(back)}
      />
    </>
  );
}
