import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, DatePicker, Form, Modal, Radio, Select, Spin } from 'antd';
import { useLabels, useT } from '../../../lib/i18n';
import { API_DATE_FORMAT, DATE_FORMAT } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { DT_ROLES, STAFF_CATEGORIES, type DtRole, type StaffCategory } from '../../../types/api';
import { staffListQuery } from '../../staff/api/get-staff-list';
import type { Course } from '../types';
import { useCreateEnrolments, type CreateEnrolmentsInput } from '../api/create-enrolments';
import type { RenderUnitSelect, RenderUnitsSelect } from './unit-pickers';

type Mode = 'people' | 'units' | 'filter';
type Values = {
  mode: Mode;
  staffIds?: string[];
  unitIds?: string[];
  unitId?: string;
  categories?: StaffCategory[];
  dtRoles?: DtRole[];
  dueDate?: Dayjs | null;
};

/** Refuses a due date before today (the server refuses it too). */
export function notPast(message: string) {
  return {
    validator: (_: unknown, value: Dayjs | null | undefined) =>
      !value || !value.isBefore(dayjs().startOf('day')) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

function StaffSearchSelect({ id, value, onChange }: { id?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [known, setKnown] = useState<Record<string, string>>({});
  const query = useQuery({ ...staffListQuery({ q, status: 'active', page: 1, pageSize: 20 }), enabled: q.length > 0 });
  const options = (query.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.fullName} · ${s.unitName}` }));
  for (const id2 of value ?? []) if (!options.some((o) => o.value === id2)) options.push({ value: id2, label: known[id2] ?? id2 });
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      value={value}
      onChange={(v: string[]) => {
        const labels = { ...known };
        for (const o of options) labels[o.value] = o.label;
        setKnown(labels);
        onChange?.(v);
        setSearch('');
      }}
      placeholder={t('enrol.peoplePlaceholder')}
      notFoundContent={query.isFetching ? <Spin size="small" /> : null}
      options={options}
      style={{ width: '100%' }}
    />
  );
}

export function EnrolModal({
  course,
  onClose,
  renderUnitSelect,
  renderUnitsSelect,
}: {
  course: Course;
  onClose: () => void;
  renderUnitSelect: RenderUnitSelect;
  renderUnitsSelect: RenderUnitsSelect;
}) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'people';
  const create = useCreateEnrolments();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const input: CreateEnrolmentsInput = { courseId: course.id };
    if (v.mode === 'people') input.staffIds = v.staffIds;
    else if (v.mode === 'units') input.unitIds = v.unitIds;
    else
      input.filter = {
        unitId: v.unitId ?? '',
        ...(v.categories?.length ? { categories: v.categories } : {}),
        ...(v.dtRoles?.length ? { dtRoles: v.dtRoles } : {}),
      };
    if (v.dueDate) input.dueDate = v.dueDate.format(API_DATE_FORMAT);
    create.mutate(input, {
      onSuccess: (r) => {
        message.success(t('enrol.done', { n: r.enrolled, m: r.alreadyEnrolled }));
        onClose();
      },
      onError: (err) => setError(err.message),
    });
  };

  return (
    <Modal
      open
      title={t('enrol.title')}
      okText={t('enrol.submit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ mode: 'people' }} onFinish={submit}>
        <Form.Item name="mode" label={t('enrol.mode')}>
          <Radio.Group
            optionType="button"
            options={(['people', 'units', 'filter'] as Mode[]).map((m) => ({ value: m, label: t(`enrol.mode.${m}`) }))}
          />
        </Form.Item>
        {mode === 'people' && (
          <Form.Item name="staffIds" label={t('enrol.people')} rules={[{ required: true, type: 'array', min: 1, message: t('enrol.peopleRequired') }]}>
            <StaffSearchSelect />
          </Form.Item>
        )}
        {mode === 'units' && (
          <Form.Item name="unitIds" label={t('enrol.units')} rules={[{ required: true, type: 'array', min: 1, message: t('enrol.unitsRequired') }]}>
            {renderUnitsSelect({})}
          </Form.Item>
        )}
        {mode === 'filter' && (
          <>
            <Form.Item name="unitId" label={t('enrol.unit')} rules={[{ required: true, message: t('enrol.unitRequired') }]}>
              {renderUnitSelect({})}
            </Form.Item>
            <Form.Item name="categories" label={t('enrol.categories')}>
              <Select mode="multiple" options={STAFF_CATEGORIES.map((c) => ({ value: c, label: labels.category[c] }))} />
            </Form.Item>
            <Form.Item name="dtRoles" label={t('enrol.dtRoles')}>
              <Select mode="multiple" options={DT_ROLES.map((c) => ({ value: c, label: labels.dtRole[c] }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="dueDate" label={t('enrol.dueDate')} rules={[notPast(t('enrol.dueDatePast'))]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Form>
    </Modal>
  );
}
