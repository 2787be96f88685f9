import { useState } from 'react';
import dayjs from 'dayjs';
import { App, Button, Checkbox, Col, Flex, Form, Input, Modal, Progress, Row, Select, Tag, type TableColumnsType } from 'antd';
import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { PagedTable } from '../../../components/ui/paged-table';
import { ENROLMENT_STATUSES, type Course, type Enrolment, type EnrolmentStatus } from '../types';
import { useEnrolments, type EnrolmentFilters } from '../api/get-enrolments';
import { useWithdrawEnrolment } from '../api/withdraw-enrolment';
import { useExemptEnrolment } from '../api/exempt-enrolment';
import { EnrolmentStatusTag } from './course-labels';
import { EnrolModal } from './enrol-modal';
import type { RenderUnitSelect, RenderUnitsSelect } from './unit-pickers';
import { TAG } from './tag-colors';

const ACTIVE: EnrolmentStatus[] = ['enrolled', 'in_progress'];

export function isOverdue(e: Pick<Enrolment, 'dueDate' | 'status'>): boolean {
  return !!e.dueDate && ACTIVE.includes(e.status) && dayjs(e.dueDate).isBefore(dayjs().startOf('day'));
}

function ReasonModal({ enrolment, action, onClose }: { enrolment: Enrolment; action: 'withdraw' | 'exempt'; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const withdraw = useWithdrawEnrolment();
  const exempt = useExemptEnrolment();
  const mutation = action === 'withdraw' ? withdraw : exempt;
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    let v: { reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    mutation.mutate(
      { id: enrolment.id, reason: v.reason.trim() },
      {
        onSuccess: () => {
          message.success(t(action === 'withdraw' ? 'enrol.withdrawn' : 'enrol.exempted'));
          onClose();
        },
        onError: (err) => setError(err.message),
      },
    );
  };
  return (
    <Modal
      open
      title={t(action === 'withdraw' ? 'enrol.withdrawTitle' : 'enrol.exemptTitle', { name: enrolment.fullName })}
      okText={t(action === 'withdraw' ? 'enrol.withdraw' : 'enrol.exempt')}
      okButtonProps={{ danger: action === 'withdraw' }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('enrol.reason')} rules={[{ required: true, whitespace: true, message: t('enrol.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
      </Form>
    </Modal>
  );
}

export function CourseEnrolments({
  course,
  renderUnitSelect,
  renderUnitsSelect,
}: {
  course: Course;
  renderUnitSelect: RenderUnitSelect;
  renderUnitsSelect: RenderUnitsSelect;
}) {
  const t = useT();
  const [searchText, setSearchText] = useState('');
  const q = useDebouncedValue(searchText.trim(), 350);
  const [filters, setFilters] = useState<Omit<EnrolmentFilters, 'q'>>({ page: 1, pageSize: 20 });
  const query = useEnrolments(course.id, { ...filters, q: q || undefined });
  const [enrolling, setEnrolling] = useState(false);
  const [reasonFor, setReasonFor] = useState<{ enrolment: Enrolment; action: 'withdraw' | 'exempt' } | null>(null);
  const set = (changes: Partial<EnrolmentFilters>) => setFilters((f) => ({ ...f, page: 1, ...changes }));

  const columns: TableColumnsType<Enrolment> = [
    { title: t('enrol.fullName'), dataIndex: 'fullName', key: 'fullName', fixed: 'left', width: 200 },
    { title: t('enrol.unitName'), dataIndex: 'unitName', key: 'unitName' },
    {
      title: t('enrol.progress'),
      dataIndex: 'progress',
      key: 'progress',
      width: 160,
      render: (p: number, e) => <Progress percent={Math.round(p)} size="small" aria-label={`${t('enrol.progress')}: ${e.fullName}`} />,
    },
    {
      title: t('enrol.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: EnrolmentStatus, e) => (
        <Flex wrap gap={4}>
          <EnrolmentStatusTag status={s} />
          {e.noLongerMatches && <Tag color={TAG.orange}>{t('enrol.noLongerMatches')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('enrol.due'),
      dataIndex: 'dueDate',
      key: 'dueDate',
      render: (d: string | null, e) => (
        <>
          {formatDate(d)} {isOverdue(e) && <Tag color={TAG.red}>{t('learning.overdue')}</Tag>}
        </>
      ),
    },
    { title: t('enrol.source'), dataIndex: 'source', key: 'source', render: (s: Enrolment['source']) => t(`learning.source.${s}`) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, e) =>
        ACTIVE.includes(e.status) && (
          <Flex gap={4} wrap>
            <Button size="small" onClick={() => setReasonFor({ enrolment: e, action: 'exempt' })} aria-label={`${t('enrol.exempt')}: ${e.fullName}`}>
              {t('enrol.exempt')}
            </Button>
            <Button size="small" danger onClick={() => setReasonFor({ enrolment: e, action: 'withdraw' })} aria-label={`${t('enrol.withdraw')}: ${e.fullName}`}>
              {t('enrol.withdraw')}
            </Button>
          </Flex>
        ),
    },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
        <Col xs={24} md={12} xl={6}>
          <Input
            aria-label={t('enrol.search')}
            placeholder={t('enrol.search')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              setFilters((f) => ({ ...f, page: 1 }));
            }}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          {renderUnitSelect({
            value: filters.unitId ?? null,
            onChange: (v) => set({ unitId: v }),
            'aria-label': t('enrol.filterUnit'),
            placeholder: t('enrol.filterUnit'),
          })}
        </Col>
        <Col xs={24} sm={12} xl={5}>
          <Select
            aria-label={t('enrol.filterStatus')}
            placeholder={t('enrol.filterStatus')}
            allowClear
            style={{ width: '100%' }}
            value={filters.status}
            onChange={(v) => set({ status: v })}
            options={ENROLMENT_STATUSES.map((s) => ({ value: s, label: t(`enrol.status.${s}`) }))}
          />
        </Col>
        <Col xs={24} sm={12} xl={3}>
          <Checkbox checked={!!filters.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
            {t('enrol.overdueOnly')}
          </Checkbox>
        </Col>
        <Col xs={24} xl={4} style={{ textAlign: 'end' }}>
          <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setEnrolling(true)} disabled={course.status === 'archived'}>
            {t('enrol.open')}
          </Button>
        </Col>
      </Row>
      <PagedTable<Enrolment>
        query={query}
        columns={columns}
        scrollX={1000}
        emptyText={t('enrol.empty')}
        page={filters.page}
        pageSize={filters.pageSize}
        onPageChange={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
      />
      {enrolling && (
        <EnrolModal course={course} onClose={() => setEnrolling(false)} renderUnitSelect={renderUnitSelect} renderUnitsSelect={renderUnitsSelect} />
      )}
      {reasonFor && <ReasonModal enrolment={reasonFor.enrolment} action={reasonFor.action} onClose={() => setReasonFor(null)} />}
    </>
  );
}
