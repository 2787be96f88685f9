import { useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLabels, useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { API_DATE_FORMAT, DATE_FORMAT, VN_MOBILE_RE } from '../../../lib/format';
import {
  DT_ROLES,
  LEAVE_KINDS,
  STAFF_CATEGORIES,
  STAFF_STATUSES,
  type DtRole,
  type Gender,
  type LeaveKind,
  type Staff,
  type StaffCategory,
  type StaffStatus,
} from '../../../types/api';
import { useCreateStaff, type StaffInput } from '../api/create-staff';
import { useUpdateStaff } from '../api/update-staff';

export type StaffFormValues = {
  staffCode?: string;
  familyName?: string;
  middleName?: string;
  givenName: string;
  fullName?: string;
  gender?: Gender | null;
  birthYear?: number | null;
  email?: string;
  phone?: string;
  unitId?: string;
  position?: string;
  category: StaffCategory;
  dtRole: DtRole;
  isLeadership: boolean;
  status: StaffStatus;
  leaveKind?: LeaveKind | null;
  statusSince?: Dayjs | null;
  note?: string;
};

const FORM_FIELDS: (keyof StaffFormValues)[] = [
  'staffCode',
  'familyName',
  'middleName',
  'givenName',
  'fullName',
  'gender',
  'birthYear',
  'email',
  'phone',
  'unitId',
  'position',
  'category',
  'dtRole',
  'isLeadership',
  'status',
  'leaveKind',
  'statusSince',
  'note',
];

export function buildFullName(parts: { familyName?: string; middleName?: string; givenName?: string }): string {
  return [parts.familyName, parts.middleName, parts.givenName]
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join(' ');
}

const normalisePhone = (v?: string | null) => (v ?? '').replace(/[\s.\-]/g, '');
const orNull = (v?: string | null) => {
  const s = (v ?? '').trim();
  return s ? s : null;
};

function toInput(values: StaffFormValues): StaffInput {
  const status = values.status;
  return {
    staffCode: orNull(values.staffCode),
    familyName: (values.familyName ?? '').trim(),
    middleName: (values.middleName ?? '').trim(),
    givenName: values.givenName.trim(),
    fullName: orNull(values.fullName) ?? buildFullName(values),
    gender: values.gender ?? null,
    birthYear: values.birthYear ?? null,
    email: orNull(values.email),
    phone: orNull(normalisePhone(values.phone)),
    unitId: values.unitId ?? '',
    position: orNull(values.position),
    category: values.category,
    dtRole: values.dtRole,
    isLeadership: !!values.isLeadership,
    status,
    leaveKind: status === 'on_leave' ? (values.leaveKind ?? null) : null,
    statusSince: values.statusSince ? values.statusSince.format(API_DATE_FORMAT) : undefined,
    note: orNull(values.note),
  };
}

function fromStaff(s: Staff): StaffFormValues {
  return {
    staffCode: s.staffCode ?? '',
    familyName: s.familyName,
    middleName: s.middleName,
    givenName: s.givenName,
    fullName: s.fullName,
    gender: s.gender,
    birthYear: s.birthYear,
    email: s.email ?? '',
    phone: s.phone ?? '',
    unitId: s.unitId,
    position: s.position ?? '',
    category: s.category,
    dtRole: s.dtRole,
    isLeadership: s.isLeadership,
    status: s.status,
    leaveKind: s.leaveKind,
    statusSince: s.statusSince ? dayjs(s.statusSince, API_DATE_FORMAT) : null,
    note: s.note ?? '',
  };
}

/** Fields whose change is dated by statusSince (docs/api.md: status/unit/role change). */
const DATED_FIELDS: (keyof StaffInput)[] = ['status', 'leaveKind', 'unitId', 'category', 'dtRole'];

export function diffStaffInput(before: StaffInput, after: StaffInput): Partial<StaffInput> {
  const changes: Partial<StaffInput> = {};
  for (const key of Object.keys(after) as (keyof StaffInput)[]) {
    if (key === 'statusSince') continue;
    if (JSON.stringify(after[key] ?? null) !== JSON.stringify(before[key] ?? null)) {
      (changes as Record<string, unknown>)[key] = after[key];
    }
  }
  const dated = DATED_FIELDS.some((k) => k in changes);
  if ((dated || after.statusSince !== before.statusSince) && after.statusSince) changes.statusSince = after.statusSince;
  return changes;
}

type Props = {
  staff?: Staff;
  renderUnitSelect: () => ReactNode;
  onSaved: (staff: Staff) => void;
  onCancel: () => void;
};

export function StaffForm({ staff, renderUnitSelect, onSaved, onCancel }: Props) {
  const t = useT();
  const labels = useLabels();
  const [form] = Form.useForm<StaffFormValues>();
  const createMutation = useCreateStaff();
  const updateMutation = useUpdateStaff();
  const [error, setError] = useState<{ message: string; extra: string[] } | null>(null);
  const initialValues: StaffFormValues = staff
    ? fromStaff(staff)
    : {
        givenName: '',
        category: 'civil_servant',
        dtRole: 'none',
        isLeadership: false,
        status: 'active',
        statusSince: dayjs(),
      };
  const fullNameEdited = useRef(staff ? staff.fullName !== buildFullName(staff) : false);
  const status = Form.useWatch('status', form) ?? initialValues.status;

  const onValuesChange = (changed: Partial<StaffFormValues>, all: StaffFormValues) => {
    if ('fullName' in changed) {
      fullNameEdited.current = (changed.fullName ?? '').trim() !== '' && changed.fullName !== buildFullName(all);
    }
    if (('familyName' in changed || 'middleName' in changed || 'givenName' in changed) && !fullNameEdited.current) {
      form.setFieldValue('fullName', buildFullName(all));
    }
  };

  const showServerError = (err: Error) => {
    const extra: string[] = [];
    if (isApiError(err) && Object.keys(err.fields).length > 0) {
      const known: { name: keyof StaffFormValues; errors: string[] }[] = [];
      for (const [name, msg] of Object.entries(err.fields)) {
        if ((FORM_FIELDS as string[]).includes(name)) known.push({ name: name as keyof StaffFormValues, errors: [msg] });
        else extra.push(msg);
      }
      form.setFields(known);
      if (known.length > 0) form.scrollToField(known[0].name, { block: 'center' });
    }
    setError({ message: err.message, extra });
  };

  const onFinish = (values: StaffFormValues) => {
    setError(null);
    const input = toInput(values);
    if (staff) {
      const changes = diffStaffInput(toInput(fromStaff(staff)), input);
      if (Object.keys(changes).length === 0) {
        onSaved(staff);
        return;
      }
      updateMutation.mutate({ id: staff.id, changes }, { onSuccess: onSaved, onError: showServerError });
    } else {
      createMutation.mutate(input, { onSuccess: onSaved, onError: showServerError });
    }
  };

  const pending = createMutation.isPending || updateMutation.isPending;
  const currentYear = new Date().getFullYear();

  return (
    <Form<StaffFormValues>
      form={form}
      name="staff"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={onValuesChange}
      onFinish={onFinish}
      onFinishFailed={() => setError({ message: t('staff.formErrors'), extra: [] })}
      scrollToFirstError
    >
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.message}
          description={error.extra.length ? error.extra.join(' ') : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('staff.fullName')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="familyName" label={t('staff.familyName')} extra={t('staff.familyNameHint')}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="middleName" label={t('staff.middleName')}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="givenName"
              label={t('staff.givenName')}
              rules={[{ required: true, whitespace: true, message: t('staff.givenNameRequired') }]}
            >
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="fullName" label={t('staff.fullName')} extra={t('staff.fullNameHint')}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="staffCode" label={t('staff.staffCode')}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="gender" label={t('staff.gender')}>
              <Select
                allowClear
                options={[
                  { value: 'male', label: labels.gender.male },
                  { value: 'female', label: labels.gender.female },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="birthYear"
              label={t('staff.birthYear')}
              rules={[
                {
                  type: 'number',
                  min: 1900,
                  max: currentYear,
                  message: t('staff.birthYearInvalid'),
                },
              ]}
            >
              <InputNumber style={{ width: '100%' }} min={1900} max={currentYear} precision={0} controls={false} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('staff.email')} · {t('staff.phone')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('staff.email')} rules={[{ type: 'email', message: t('staff.emailInvalid') }]}>
              <Input type="email" maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label={t('staff.phone')}
              rules={[
                {
                  validator: (_, value?: string) =>
                    !value || VN_MOBILE_RE.test(normalisePhone(value))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('staff.phoneInvalid'))),
                },
              ]}
            >
              <Input inputMode="tel" maxLength={15} autoComplete="off" placeholder="09xxxxxxxx" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('staff.unit')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('staff.unit')} rules={[{ required: true, message: t('staff.unitRequired') }]}>
              {renderUnitSelect()}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="position" label={t('staff.position')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="category" label={t('staff.category')} rules={[{ required: true }]}>
              <Select options={STAFF_CATEGORIES.map((c) => ({ value: c, label: labels.category[c] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dtRole" label={t('staff.dtRole')} rules={[{ required: true }]}>
              <Select options={DT_ROLES.map((c) => ({ value: c, label: labels.dtRole[c] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="isLeadership" label={t('staff.isLeadership')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('staff.status')} rules={[{ required: true }]}>
              <Select options={STAFF_STATUSES.map((c) => ({ value: c, label: labels.status[c] }))} />
            </Form.Item>
          </Col>
          {status === 'on_leave' && (
            <Col xs={24} md={8}>
              <Form.Item name="leaveKind" label={t('staff.leaveKind')} rules={[{ required: true, message: t('staff.leaveKindRequired') }]}>
                <Select options={LEAVE_KINDS.map((c) => ({ value: c, label: labels.leaveKind[c] }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="statusSince" label={t('staff.statusSince')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('staff.note')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={pending}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Flex>
    </Form>
  );
}
