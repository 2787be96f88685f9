import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { Alert, App, Button, DatePicker, Empty, Form, Modal, Popconfirm, Select, Table, Tag, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { API_DATE_FORMAT, DATE_FORMAT, formatDate, formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import { DT_ROLES, STAFF_CATEGORIES, type DtRole, type StaffCategory } from '../../../types/api';
import type { Course, EnrolmentRule } from '../types';
import { useEnrolmentRules } from '../api/get-enrolment-rules';
import { useCreateEnrolmentRule } from '../api/create-enrolment-rule';
import { useDeleteEnrolmentRule } from '../api/delete-enrolment-rule';
import { notPast } from './enrol-modal';
import type { RenderUnitSelect } from './unit-pickers';
import { TAG } from './tag-colors';

type Values = { unitId?: string; categories?: StaffCategory[]; dtRoles?: DtRole[]; dueDate?: Dayjs | null };

function RuleModal({ course, onClose, renderUnitSelect }: { course: Course; onClose: () => void; renderUnitSelect: RenderUnitSelect }) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateEnrolmentRule();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!v.categories?.length && !v.dtRoles?.length) {
      setError(t('enrol.filterRequired'));
      return;
    }
    setError(null);
    create.mutate(
      {
        courseId: course.id,
        unitId: v.unitId ?? '',
        categories: v.categories ?? [],
        dtRoles: v.dtRoles ?? [],
        ...(v.dueDate ? { dueDate: v.dueDate.format(API_DATE_FORMAT) } : {}),
      },
      {
        onSuccess: () => {
          message.success(t('rules.created'));
          onClose();
        },
        onError: (err) => setError(err.message),
      },
    );
  };
  return (
    <Modal
      open
      title={t('rules.add')}
      okText={t('rules.add')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="unitId" label={t('rules.unit')} rules={[{ required: true, message: t('enrol.unitRequired') }]}>
          {renderUnitSelect({})}
        </Form.Item>
        <Form.Item name="categories" label={t('enrol.categories')}>
          <Select mode="multiple" options={STAFF_CATEGORIES.map((c) => ({ value: c, label: labels.category[c] }))} />
        </Form.Item>
        <Form.Item name="dtRoles" label={t('enrol.dtRoles')}>
          <Select mode="multiple" options={DT_ROLES.map((c) => ({ value: c, label: labels.dtRole[c] }))} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('enrol.dueDate')} rules={[notPast(t('enrol.dueDatePast'))]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Form>
    </Modal>
  );
}

export function EnrolmentRules({ course, renderUnitSelect }: { course: Course; renderUnitSelect: RenderUnitSelect }) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const query = useEnrolmentRules(course.id);
  const remove = useDeleteEnrolmentRule();
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<EnrolmentRule> = [
    { title: t('rules.unit'), dataIndex: 'unitName', key: 'unitName' },
    {
      title: t('rules.conditions'),
      key: 'conditions',
      render: (_v, r) => (
        <>
          {r.categories.map((c) => (
            <Tag key={c}>{labels.category[c]}</Tag>
          ))}
          {r.dtRoles.map((d) => (
            <Tag key={d} color={TAG.blue}>
              {t('enrol.dtRoles')}: {labels.dtRole[d]}
            </Tag>
          ))}
        </>
      ),
    },
    { title: t('enrol.dueDate'), dataIndex: 'dueDate', key: 'dueDate', render: (d: string | null) => formatDate(d) },
    { title: t('rules.matched'), dataIndex: 'matchedCount', key: 'matched', align: 'right', render: (n: number) => formatNumber(n) },
    {
      title: t('courses.status'),
      dataIndex: 'active',
      key: 'active',
      render: (a: boolean) => (a ? <Tag color={TAG.green}>{t('rules.active')}</Tag> : <Tag>{t('rules.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, r) =>
        r.active && (
          <Popconfirm
            title={t('rules.deleteConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync({ id: r.id, courseId: course.id }).then(
                () => message.success(t('rules.deleted')),
                (err: Error) => message.error(err.message),
              )
            }
          >
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('rules.delete', { unit: r.unitName })} />
          </Popconfirm>
        ),
    },
  ];
  return (
    <>
      <div style={{ marginBottom: 16, display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
        <h2 style={{ fontSize: 18, margin: 0 }}>{t('rules.title')}</h2>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} disabled={course.status === 'archived'}>
          {t('rules.add')}
        </Button>
      </div>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<EnrolmentRule>
          rowKey="id"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 800 }}
          size="middle"
          pagination={false}
          locale={{ emptyText: <Empty description={t('rules.empty')} /> }}
        />
      )}
      {adding && <RuleModal course={course} onClose={() => setAdding(false)} renderUnitSelect={renderUnitSelect} />}
    </>
  );
}
