import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Col, Descriptions, Flex, Form, Input, Modal, Row, Select, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { PagedTable } from '../../../components/ui/paged-table';
import { COMPLETION_STATUSES, EXTERNAL_SOURCES, type ExternalCompletion } from '../types';
import { useExternalCompletions, type ExternalCompletionFilters } from '../api/get-external-completions';
import { useApproveExternalCompletion } from '../api/approve-external-completion';
import { useRejectExternalCompletion } from '../api/reject-external-completion';
import { CompletionStatusTag, SourceTag } from './completion-labels';
import { EvidenceLink } from './evidence-link';

export type ReviewAction = 'approve' | 'reject';

export type UnitFilterProps = {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  'aria-label'?: string;
  placeholder?: string;
};

/** Approve (optional note) or reject (note required) one completion, after reading what it is. */
export function ReviewModal({ completion, action, onClose }: { completion: ExternalCompletion; action: ReviewAction; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const approve = useApproveExternalCompletion();
  const reject = useRejectExternalCompletion();
  const mutation = action === 'approve' ? approve : reject;
  const [form] = Form.useForm<{ note?: string }>();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let v: { note?: string };
    try {
      v = await form.validateFields();
    } catch {
      return; // the field shows why
    }
    setError(null);
    const note = v.note?.trim() ?? '';
    const onError = (err: Error) => {
      if (isApiError(err) && err.fields.note) form.setFields([{ name: 'note', errors: [err.fields.note] }]);
      setError(err.message);
    };
    const onSuccess = () => {
      message.success(t(action === 'approve' ? 'review.approved' : 'review.rejected', { name: completion.fullName }));
      onClose();
    };
    if (action === 'approve') approve.mutate({ id: completion.id, note: note || undefined }, { onSuccess, onError });
    else reject.mutate({ id: completion.id, note }, { onSuccess, onError });
  };

  return (
    <Modal
      open
      title={t(action === 'approve' ? 'review.approveTitle' : 'review.rejectTitle', { name: completion.fullName })}
      okText={t(action === 'approve' ? 'review.approve' : 'review.reject')}
      okButtonProps={{ danger: action === 'reject' }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'title', label: t('completions.title'), children: completion.title },
          { key: 'source', label: t('completions.source'), children: <SourceTag source={completion.source} /> },
          { key: 'provider', label: t('completions.provider'), children: completion.provider },
          { key: 'date', label: t('completions.completedOn'), children: formatDate(completion.completedOn) },
          { key: 'hours', label: t('completions.hours'), children: formatNumber(completion.hours) },
          { key: 'evidence', label: t('completions.evidence'), children: <EvidenceLink completion={completion} /> },
        ]}
      />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label={action === 'approve' ? t('review.noteOptional') : t('review.noteRequired')}
          rules={action === 'reject' ? [{ required: true, whitespace: true, message: t('review.noteMissing') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

/** Managers' list of external completions in their scope: filter, open the evidence, approve or reject. */
export function ExternalCompletionReview({
  canReview,
  renderUnitSelect,
}: {
  canReview: boolean;
  renderUnitSelect: (props: UnitFilterProps) => React.ReactNode;
}) {
  const t = useT();
  const [searchText, setSearchText] = useState('');
  const q = useDebouncedValue(searchText.trim(), 350);
  const [filters, setFilters] = useState<Omit<ExternalCompletionFilters, 'q'>>({ status: 'pending', page: 1, pageSize: 20 });
  const query = useExternalCompletions({ ...filters, q: q || undefined });
  const [reviewing, setReviewing] = useState<{ completion: ExternalCompletion; action: ReviewAction } | null>(null);
  const set = (changes: Partial<ExternalCompletionFilters>) => setFilters((f) => ({ ...f, page: 1, ...changes }));

  const columns: TableColumnsType<ExternalCompletion> = [
    {
      title: t('review.person'),
      key: 'person',
      fixed: 'left',
      width: 190,
      render: (_v, c) => (
        <>
          <Link to={`/staff/${c.staffId}`} style={{ fontWeight: 500 }}>
            {c.fullName}
          </Link>
          <div style={{ fontSize: 12, color: '#434343' }}>{c.unitName}</div>
        </>
      ),
    },
    {
      title: t('completions.title'),
      key: 'title',
      width: 240,
      render: (_v, c) => (
        <>
          <div style={{ overflowWrap: 'anywhere' }}>{c.title}</div>
          <div style={{ fontSize: 12, color: '#434343' }}>{c.provider}</div>
        </>
      ),
    },
    { title: t('completions.source'), key: 'source', width: 170, render: (_v, c) => <SourceTag source={c.source} /> },
    { title: t('completions.completedOn'), key: 'completedOn', width: 115, render: (_v, c) => formatDate(c.completedOn) },
    { title: t('completions.hours'), key: 'hours', width: 70, align: 'right', render: (_v, c) => formatNumber(c.hours) },
    { title: t('completions.certificateNo'), key: 'certificateNo', width: 120, render: (_v, c) => c.certificateNo ?? '' },
    { title: t('completions.evidence'), key: 'evidence', width: 200, render: (_v, c) => <EvidenceLink completion={c} /> },
    {
      title: t('completions.statusCol'),
      key: 'status',
      width: 190,
      render: (_v, c) => (
        <>
          <CompletionStatusTag status={c.status} />
          <div style={{ fontSize: 12, color: '#434343', marginTop: 4 }}>
            {c.reviewedAt ? formatDateTime(c.reviewedAt) : t('review.submittedAt', { date: formatDateTime(c.submittedAt) })}
          </div>
          {c.reviewNote && <div style={{ fontSize: 13, overflowWrap: 'anywhere' }}>{c.reviewNote}</div>}
        </>
      ),
    },
    ...(canReview
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_v: unknown, c: ExternalCompletion) =>
              c.status === 'pending' && (
                <Flex gap={4} wrap>
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined aria-hidden />}
                    aria-label={t('review.approveNamed', { name: c.fullName, title: c.title })}
                    onClick={() => setReviewing({ completion: c, action: 'approve' })}
                  >
                    {t('review.approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    icon={<CloseOutlined aria-hidden />}
                    aria-label={t('review.rejectNamed', { name: c.fullName, title: c.title })}
                    onClick={() => setReviewing({ completion: c, action: 'reject' })}
                  >
                    {t('review.reject')}
                  </Button>
                </Flex>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12} xl={6}>
          <div role="search">
            <Input
              aria-label={t('review.search')}
              placeholder={t('review.search')}
              prefix={<SearchOutlined aria-hidden />}
              allowClear
              value={searchText}
              onChange={(e) => {
                setSearchText(e.target.value);
                setFilters((f) => ({ ...f, page: 1 }));
              }}
            />
          </div>
        </Col>
        <Col xs={24} md={12} xl={6}>
          {renderUnitSelect({
            value: filters.unitId ?? null,
            onChange: (v) => set({ unitId: v }),
            'aria-label': t('review.unit'),
            placeholder: t('review.unit'),
          })}
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Select
            aria-label={t('review.filterStatus')}
            placeholder={t('review.filterStatus')}
            allowClear
            style={{ width: '100%' }}
            value={filters.status}
            onChange={(v) => set({ status: v })}
            options={COMPLETION_STATUSES.map((s) => ({ value: s, label: t(`completions.status.${s}`) }))}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Select
            aria-label={t('review.filterSource')}
            placeholder={t('review.filterSource')}
            allowClear
            style={{ width: '100%' }}
            value={filters.source}
            onChange={(v) => set({ source: v })}
            options={EXTERNAL_SOURCES.map((s) => ({ value: s, label: t(`completions.source.${s}`) }))}
          />
        </Col>
      </Row>
      <PagedTable<ExternalCompletion>
        query={query}
        columns={columns}
        scrollX={1500}
        emptyText={filters.status === 'pending' && !q && !filters.unitId && !filters.source ? t('review.emptyPending') : t('review.empty')}
        page={filters.page}
        pageSize={filters.pageSize}
        onPageChange={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
      />
      {reviewing && <ReviewModal completion={reviewing.completion} action={reviewing.action} onClose={() => setReviewing(null)} />}
    </>
  );
}
