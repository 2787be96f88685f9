import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { App, Button, Card, Col, Row, Skeleton } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { formatNumber } from '../../lib/format';
import { useUpdateParams } from '../../lib/use-url-filters';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useBank } from '../../features/questions/api/get-bank';
import { useCategories } from '../../features/questions/api/get-categories';
import { useDeleteBank } from '../../features/questions/api/delete-bank';
import { BankFormModal } from '../../features/questions/components/bank-form-modal';
import { CategoryPanel } from '../../features/questions/components/category-panel';
import { ExportButtons } from '../../features/questions/components/export-buttons';
import { QuestionList, readQuestionFilters } from '../../features/questions/components/question-list';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

/** /question-banks/:bankId: the category tree, the questions, import and export. */
export default function QuestionBankRoute() {
  const { bankId = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const [params, update] = useUpdateParams();
  const [editing, setEditing] = useState(false);
  const query = useBank(bankId);
  const categories = useCategories(bankId);
  const remove = useDeleteBank();
  const filters = useMemo(() => readQuestionFilters(params), [params]);
  const names = useMemo(() => new Map((categories.data ?? []).map((c) => [c.id, c.name])), [categories.data]);

  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('qb.bank.notFound')} />;
    return (
      <>
        <PageHeader title={t('qb.bank.listTitle')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('qb.bank.listTitle')} />
        <Skeleton active />
      </>
    );
  }
  const bank = query.data;
  const categoryParam = filters.categoryId ? `?category=${encodeURIComponent(filters.categoryId)}` : '';

  const onDelete = () =>
    modal.confirm({
      title: t('qb.bank.deleteTitle', { name: bank.name }),
      content: t('qb.bank.deleteConfirm'),
      okText: t('qb.delete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        remove.mutateAsync(bank.id).then(
          () => {
            message.success(t('qb.bank.deleted'));
            navigate('/question-banks');
          },
          (err: Error) => {
            modal.error({
              title: t('qb.bank.deleteFailed'),
              content: isApiError(err) && err.code === 'BANK_NOT_EMPTY' ? t('qb.bank.notEmpty') : err.message,
            });
          },
        ),
    });

  return (
    <>
      <PageHeader
        title={bank.name}
        subtitle={`${bank.ownerUnitName} · ${t('qb.bank.questions', { n: formatNumber(bank.questionCount) })}`}
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate(`/question-banks/${bank.id}/questions/new${categoryParam}`)}>
              {t('qb.question.add')}
            </Button>
            <Button icon={<CloudUploadOutlined aria-hidden />} onClick={() => navigate(`/question-banks/${bank.id}/import${categoryParam}`)}>
              {t('qb.import.button')}
            </Button>
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined aria-hidden />} onClick={onDelete} loading={remove.isPending}>
              {t('qb.delete')}
            </Button>
          </>
        }
      />
      {bank.description && <p style={{ marginTop: -8, color: '#434343', whiteSpace: 'pre-wrap' }}>{bank.description}</p>}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={7}>
          <CategoryPanel bankId={bank.id} selectedId={filters.categoryId ?? null} onSelect={(id) => update({ category: id ?? undefined, sub: undefined })} />
        </Col>
        <Col xs={24} lg={16} xl={17}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('qb.question.listTitle')}</h2>}>
            <div style={{ marginBottom: 12 }}>
              <ExportButtons bankId={bank.id} categoryId={filters.categoryId} categoryName={filters.categoryId ? names.get(filters.categoryId) : undefined} />
            </div>
            <QuestionList bankId={bank.id} filters={filters} update={update} categoryName={(id) => names.get(id)} />
          </Card>
        </Col>
      </Row>
      {editing && (
        <BankFormModal
          bank={bank}
          renderUnitSelect={() => <UnitTreeSelect />}
          onClose={() => setEditing(false)}
          onSaved={() => {
            message.success(t('common.saved'));
            setEditing(false);
          }}
        />
      )}
    </>
  );
}
