import { useState, type ReactNode } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import type { Bank } from '../types';
import { useCreateBank } from '../api/create-bank';
import { useUpdateBank } from '../api/update-bank';

type Values = { name: string; ownerUnitId?: string; description: string };

/** Create a bank (name, owner unit in the caller's scope, description) or edit one. */
export function BankFormModal({
  bank,
  renderUnitSelect,
  onClose,
  onSaved,
}: {
  bank?: Bank;
  renderUnitSelect: () => ReactNode;
  onClose: () => void;
  onSaved: (bank: Bank) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateBank();
  const update = useUpdateBank();
  const [error, setError] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const input = { name: values.name.trim(), ownerUnitId: values.ownerUnitId ?? '', description: (values.description ?? '').trim() };
    const onError = (err: Error) => {
      if (isApiError(err)) {
        const known = ['name', 'ownerUnitId', 'description'];
        form.setFields(
          Object.entries(err.fields)
            .filter(([name]) => known.includes(name))
            .map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })),
        );
      }
      setError(err.message);
    };
    if (bank) {
      const changes: Partial<typeof input> = {};
      if (input.name !== bank.name) changes.name = input.name;
      if (input.ownerUnitId !== bank.ownerUnitId) changes.ownerUnitId = input.ownerUnitId;
      if (input.description !== (bank.description ?? '')) changes.description = input.description;
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      update.mutate({ id: bank.id, changes }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(input, { onSuccess: onSaved, onError });
    }
  };

  const required = [{ required: true, whitespace: true, message: t('qb.required') }];
  return (
    <Modal
      open
      title={bank ? t('qb.bank.editTitle', { name: bank.name }) : t('qb.bank.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ name: bank?.name ?? '', ownerUnitId: bank?.ownerUnitId, description: bank?.description ?? '' }}
      >
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="name" label={t('qb.bank.name')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="ownerUnitId"
          label={t('qb.bank.ownerUnit')}
          extra={t('qb.bank.ownerUnitHint')}
          rules={[{ required: true, message: t('qb.required') }]}
        >
          {renderUnitSelect()}
        </Form.Item>
        <Form.Item name="description" label={t('qb.bank.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
