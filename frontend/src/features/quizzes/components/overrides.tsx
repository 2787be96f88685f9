import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, InputNumber, Modal, Popconfirm, Row, Select, Spin, Table, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { QueryError } from '../../../components/ui/query-error';
import { staffListQuery } from '../../staff/api/get-staff-list';
import type { Override, Quiz } from '../types';
import { useCreateOverride, useDeleteOverride, useOverrides } from '../api/overrides';
import { formatVn, fromVnWall } from '../vn-time';

function StaffSelect({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const query = useQuery({ ...staffListQuery({ q, status: 'active', page: 1, pageSize: 20 }), enabled: q.length > 0 });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      placeholder={t('qoverrides.personPlaceholder')}
      notFoundContent={query.isFetching ? <Spin size="small" /> : q ? t('qoverrides.noPerson') : null}
      options={(query.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.fullName} · ${s.unitName}` }))}
      style={{ width: '100%' }}
    />
  );
}

type Values = { staffId?: string; openAt: Dayjs | null; closeAt: Dayjs | null; extraMinutes: number | null; extraAttempts: number | null };

function OverrideModal({ quiz, onClose }: { quiz: Quiz; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOverride();
  const [error, setError] = useState<string | null>(null);
  const dateProps = { showTime: { format: 'HH:mm' }, format: 'DD/MM/YYYY HH:mm', style: { width: '100%' } } as const;

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const input = {
      staffId: v.staffId!,
      openAt: fromVnWall(v.openAt),
      closeAt: fromVnWall(v.closeAt),
      extraMinutes: v.extraMinutes ?? null,
      extraAttempts: v.extraAttempts ?? null,
    };
    if (!input.openAt && !input.closeAt && !input.extraMinutes && !input.extraAttempts) {
      setError(t('qoverrides.v.nothing'));
      return;
    }
    setError(null);
    create.mutate(
      { quizId: quiz.id, input },
      {
        onSuccess: () => {
          message.success(t('qoverrides.created'));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err)) {
            form.setFields(
              Object.entries(err.fields)
                .filter(([k]) => ['staffId', 'openAt', 'closeAt', 'extraMinutes', 'extraAttempts'].includes(k))
                .map(([k, msg]) => ({ name: k as keyof Values, errors: [msg] })),
            );
          }
          setError(err.message);
        },
      },
    );
  };

  const intRule = (max: number) => ({
    validator: (_: unknown, v: number | null) =>
      v === null || v === undefined || (Number.isInteger(v) && v >= 1 && v <= max)
        ? Promise.resolve()
        : Promise.reject(new Error(t('quizzes.v.range', { min: 1, max }))),
  });

  return (
    <Modal open title={t('qoverrides.addTitle')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={submit} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <p style={{ color: '#434343' }}>{t('qoverrides.help')}</p>
      <Form form={form} layout="vertical" initialValues={{ openAt: null, closeAt: null, extraMinutes: null, extraAttempts: null }}>
        <Form.Item name="staffId" label={t('qoverrides.person')} rules={[{ required: true, message: t('qoverrides.v.person') }]}>
          <StaffSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="openAt" label={t('quizzes.field.openAt')}>
              <DatePicker {...dateProps} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="closeAt"
              label={t('quizzes.field.closeAt')}
              dependencies={['openAt']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_: unknown, value: Dayjs | null) => {
                    const open = getFieldValue('openAt') as Dayjs | null;
                    return value && open && !value.isAfter(open) ? Promise.reject(new Error(t('quizzes.v.closeAfterOpen'))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker {...dateProps} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="extraMinutes" label={t('qoverrides.extraMinutes')} rules={[intRule(1440)]}>
              <InputNumber min={1} max={1440} style={{ width: '100%' }} disabled={quiz.timeLimitMinutes === null} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="extraAttempts" label={t('qoverrides.extraAttempts')} rules={[intRule(100)]}>
              <InputNumber min={1} max={100} style={{ width: '100%' }} disabled={quiz.maxAttempts === null} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export function QuizOverrides({ quiz }: { quiz: Quiz }) {
  const t = useT();
  const { message } = App.useApp();
  const query = useOverrides(quiz.id);
  const remove = useDeleteOverride();
  const [adding, setAdding] = useState(false);

  const columns: TableColumnsType<Override> = [
    {
      title: t('qoverrides.person'),
      dataIndex: 'fullName',
      key: 'name',
      render: (n: string, o) => (o.unitName ? <>{n}<div style={{ fontSize: 13, color: '#434343' }}>{o.unitName}</div></> : n),
    },
    { title: t('quizzes.field.openAt'), key: 'openAt', render: (_: unknown, o) => formatVn(o.openAt) || '—' },
    { title: t('quizzes.field.closeAt'), key: 'closeAt', render: (_: unknown, o) => formatVn(o.closeAt) || '—' },
    { title: t('qoverrides.extraMinutes'), key: 'min', align: 'right', render: (_: unknown, o) => (o.extraMinutes ? formatNumber(o.extraMinutes) : '—') },
    { title: t('qoverrides.extraAttempts'), key: 'att', align: 'right', render: (_: unknown, o) => (o.extraAttempts ? formatNumber(o.extraAttempts) : '—') },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, o) => (
        <Popconfirm
          title={t('qoverrides.deleteConfirm', { name: o.fullName })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            remove.mutateAsync({ quizId: quiz.id, id: o.id }).then(
              () => message.success(t('qoverrides.deleted')),
              (err: Error) => message.error(err.message),
            )
          }
        >
          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('qoverrides.delete', { name: o.fullName })} />
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card>
      <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} style={{ marginBottom: 16 }}>
        {t('qoverrides.add')}
      </Button>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Override>
          rowKey="id"
          columns={columns}
          dataSource={query.data ?? []}
          loading={query.isFetching}
          scroll={{ x: 720 }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('qoverrides.empty')} /> }}
        />
      )}
      {adding && <OverrideModal quiz={quiz} onClose={() => setAdding(false)} />}
    </Card>
  );
}
