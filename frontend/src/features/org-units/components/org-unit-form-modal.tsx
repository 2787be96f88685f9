import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select, App } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLabels, useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { API_DATE_FORMAT, DATE_FORMAT } from '../../../lib/format';
import { ORG_UNIT_TYPES, type OrgUnit, type OrgUnitType } from '../../../types/api';
import { useCreateOrgUnit } from '../api/create-org-unit';
import { useUpdateOrgUnit } from '../api/update-org-unit';
import { UnitTreeSelect } from './unit-tree-select';

type Values = {
  code: string;
  name: string;
  type: OrgUnitType;
  parentId?: string | null;
  aliases: string[];
  validFrom?: Dayjs | null;
};

export type OrgUnitFormMode = { kind: 'create'; parent: OrgUnit | null } | { kind: 'edit'; unit: OrgUnit };

export function OrgUnitFormModal({ mode, onClose }: { mode: OrgUnitFormMode | null; onClose: () => void }) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const createMutation = useCreateOrgUnit();
  const updateMutation = useUpdateOrgUnit();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!mode) return;
    setError(null);
    form.resetFields();
    if (mode.kind === 'edit') {
      const u = mode.unit;
      form.setFieldsValue({
        code: u.code,
        name: u.name,
        type: u.type,
        parentId: u.parentId,
        aliases: u.aliases,
        validFrom: u.validFrom ? dayjs(u.validFrom, API_DATE_FORMAT) : null,
      });
    } else {
      form.setFieldsValue({ parentId: mode.parent?.id ?? null, aliases: [] });
    }
  }, [mode, form]);

  const pending = createMutation.isPending || updateMutation.isPending;

  const onFinish = (values: Values) => {
    setError(null);
    const body = {
      code: values.code.trim(),
      name: values.name.trim(),
      type: values.type,
      parentId: values.parentId ?? null,
      aliases: (values.aliases ?? []).map((a) => a.trim()).filter(Boolean),
      validFrom: values.validFrom ? values.validFrom.format(API_DATE_FORMAT) : null,
    };
    const handlers = {
      onSuccess: () => {
        message.success(mode?.kind === 'edit' ? t('orgUnits.updated') : t('orgUnits.created'));
        onClose();
      },
      onError: (err: Error) => {
        setError(err.message);
        if (isApiError(err)) {
          form.setFields(
            Object.entries(err.fields).map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })),
          );
        }
      },
    };
    if (mode?.kind === 'edit') updateMutation.mutate({ id: mode.unit.id, ...body }, handlers);
    else createMutation.mutate(body, handlers);
  };

  const title =
    mode?.kind === 'edit'
      ? t('orgUnits.editTitle', { name: mode.unit.name })
      : mode?.parent
        ? t('orgUnits.createTitle', { name: mode.parent.name })
        : t('orgUnits.createRootTitle');

  return (
    <Modal
      open={!!mode}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="org-unit" layout="vertical" onFinish={onFinish}>
        <Form.Item name="code" label={t('orgUnits.code')} rules={[{ required: true, whitespace: true, message: t('orgUnits.required') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={t('orgUnits.name')} rules={[{ required: true, whitespace: true, message: t('orgUnits.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="type" label={t('orgUnits.type')} rules={[{ required: true, message: t('orgUnits.required') }]}>
          <Select options={ORG_UNIT_TYPES.map((v) => ({ value: v, label: labels.unitType[v] }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('orgUnits.parent')}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="aliases" label={t('orgUnits.aliases')} extra={t('orgUnits.aliasesHint')}>
          <Select mode="tags" tokenSeparators={[';']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('orgUnits.validFrom')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
