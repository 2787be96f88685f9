import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, Select, Skeleton } from 'antd';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Report, ReportPeriod } from '../types';
import { useReportPeriods } from '../api/get-reports';
import { useCreateReport } from '../api/save-report';

type Values = { period?: string; unitId?: string };

/** The period the next report is due for: the first cut-off from today on, else the latest. */
export function defaultPeriod(periods: ReportPeriod[], today: string): ReportPeriod | undefined {
  const sorted = [...periods].sort((a, b) => a.cutOff.localeCompare(b.cutOff));
  return sorted.find((p) => p.cutOff >= today) ?? sorted[sorted.length - 1];
}

/** New report: one of the default periods (cut-offs 15/6 and 15/12) for a ward. */
export function CreateReportModal({
  today,
  defaultUnitId,
  renderUnitSelect,
  onCreated,
  onClose,
}: {
  today: string;
  defaultUnitId: string | undefined;
  renderUnitSelect: () => ReactNode;
  onCreated: (report: Report) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const periods = useReportPeriods();
  const create = useCreateReport();
  const [error, setError] = useState<string | null>(null);
  const key = (p: ReportPeriod) => `${p.periodStart}_${p.cutOff}`;

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const p = periods.data?.find((x) => key(x) === v.period);
    if (!p || !v.unitId) return;
    setError(null);
    create.mutate(
      { unitId: v.unitId, periodLabel: p.label, periodStart: p.periodStart, cutOff: p.cutOff },
      {
        onSuccess: onCreated,
        onError: (err) => {
          if (isApiError(err) && err.fields.unitId) form.setFields([{ name: 'unitId', errors: [err.fields.unitId] }]);
          setError(err.message);
        },
      },
    );
  };

  const initial = periods.data ? defaultPeriod(periods.data, today) : undefined;
  return (
    <Modal
      open
      title={t('report.createTitle')}
      okText={t('report.create')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {periods.isError ? (
        <Alert type="error" showIcon role="alert" title={periods.error.message} />
      ) : !periods.data ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ period: initial ? key(initial) : undefined, unitId: defaultUnitId }}>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Form.Item name="period" label={t('report.period')} rules={[{ required: true, message: t('targets.required') }]} extra={t('report.periodHint')}>
            <Select
              options={periods.data.map((p) => ({
                value: key(p),
                label: t('report.periodOption', { label: p.label, cutOff: formatDate(p.cutOff) }),
              }))}
            />
          </Form.Item>
          <Form.Item name="unitId" label={t('report.unit')} rules={[{ required: true, message: t('targets.required') }]}>
            {renderUnitSelect()}
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
