import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../lib/i18n';
import { API_DATE_FORMAT, DATE_FORMAT } from '../../../lib/format';
import type { OrgUnit } from '../../../types/api';
import { useCloseOrgUnit } from '../api/close-org-unit';

type Values = { validTo: Dayjs; reason?: string };

export function CloseOrgUnitModal({ unit, onClose }: { unit: OrgUnit | null; onClose: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useCloseOrgUnit();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!unit) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ validTo: dayjs() });
  }, [unit, form]);

  const onFinish = (values: Values) => {
    if (!unit) return;
    modal.confirm({
      title: t('orgUnits.closeTitle', { name: unit.name }),
      content: t('orgUnits.closeConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        new Promise<void>((resolve) => {
          setError(null);
          mutation.mutate(
            { id: unit.id, validTo: values.validTo.format(API_DATE_FORMAT), reason: values.reason?.trim() || undefined },
            {
              onSuccess: () => {
                message.success(t('orgUnits.closed'));
                onClose();
                resolve();
              },
              onError: (err) => {
                setError(err.message);
                resolve();
              },
            },
          );
        }),
    });
  };

  return (
    <Modal
      open={!!unit}
      title={unit ? t('orgUnits.closeTitle', { name: unit.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orgUnits.close')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="close-org-unit" layout="vertical" onFinish={onFinish}>
        <Form.Item name="validTo" label={t('orgUnits.validTo')} rules={[{ required: true, message: t('orgUnits.required') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('orgUnits.reason')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
