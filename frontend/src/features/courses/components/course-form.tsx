import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import {
  DELIVERY_MODES,
  TAG_SUGGESTIONS,
  TARGET_GROUPS,
  type Course,
  type DeliveryMode,
  type TargetGroup,
} from '../types';
import { useCreateCourse, type CourseInput } from '../api/create-course';
import { useUpdateCourse } from '../api/update-course';
import { TrainerSelect } from './trainer-select';
import { CourseCoverField } from './course-cover';

type FormValues = {
  code: string;
  title: string;
  description: string;
  ownerUnitId?: string;
  tags: string[];
  targetGroup: TargetGroup;
  deliveryMode: DeliveryMode;
  durationHours: number | null;
  sequential: boolean;
  passMark: number | null;
  minProgressBeforeFinal: number | null;
  selfEnrol: boolean;
  enrolKey: string;
  removeEnrolKey: boolean;
  trainerIds: string[];
  certificateValidityMonths: number | null;
  renewalLeadDays: number | null;
};

/** Re-enrolment must start before the validity is over (28 days per month, the shortest): the server's rule. */
export const maxRenewalLeadDays = (validityMonths: number) => Math.min(365, validityMonths * 28 - 1);

function toValues(course?: Course): FormValues {
  return {
    code: course?.code ?? '',
    title: course?.title ?? '',
    description: course?.description ?? '',
    ownerUnitId: course?.ownerUnitId,
    tags: course?.tags ?? [],
    targetGroup: course?.targetGroup ?? 'cbccvc',
    deliveryMode: course?.deliveryMode ?? 'self_paced',
    durationHours: course?.durationHours ?? null,
    sequential: course?.sequential ?? true,
    passMark: course?.passMark ?? null,
    minProgressBeforeFinal: course?.minProgressBeforeFinal ?? null,
    selfEnrol: course?.selfEnrol ?? false,
    enrolKey: '',
    removeEnrolKey: false,
    trainerIds: course?.trainerIds ?? [],
    certificateValidityMonths: course?.certificateValidityMonths ?? null,
    renewalLeadDays: course?.renewalLeadDays ?? null,
  };
}

function toInput(v: FormValues, course?: Course): CourseInput {
  const input: CourseInput = {
    code: v.code.trim(),
    title: v.title.trim(),
    description: v.description ?? '',
    ownerUnitId: v.ownerUnitId ?? '',
    tags: v.tags ?? [],
    targetGroup: v.targetGroup,
    deliveryMode: v.deliveryMode,
    durationHours: v.durationHours ?? 0,
    sequential: v.sequential,
    passMark: v.passMark ?? null,
    minProgressBeforeFinal: v.minProgressBeforeFinal ?? null,
    selfEnrol: v.selfEnrol,
  };
  // A new course without trainers leaves the field out; an edit always compares it (to remove the last one).
  if (course || (v.trainerIds ?? []).length > 0) input.trainerIds = v.trainerIds ?? [];
  // Likewise the certificate validity and the re-enrolment lead time (which needs a validity).
  const validity = v.certificateValidityMonths ?? null;
  const lead = validity === null ? null : (v.renewalLeadDays ?? null);
  if (course || validity !== null) input.certificateValidityMonths = validity;
  if (course || lead !== null) input.renewalLeadDays = lead;
  const key = v.enrolKey?.trim();
  if (key) input.enrolKey = key;
  else if (course?.hasEnrolKey && (v.removeEnrolKey || !v.selfEnrol)) input.enrolKey = null;
  return input;
}

/** Only the fields that changed (PATCH). */
function diff(input: CourseInput, course: Course): Partial<CourseInput> {
  const before = toInput(toValues(course), course) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return out as Partial<CourseInput>;
}

export function CourseForm({
  course,
  renderUnitSelect,
  onSaved,
  onCancel,
}: {
  course?: Course;
  renderUnitSelect: () => ReactNode;
  onSaved: (course: Course) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCourse();
  const update = useUpdateCourse();
  const [error, setError] = useState<string | null>(null);
  const selfEnrol = Form.useWatch('selfEnrol', form);
  const validityMonths = Form.useWatch('certificateValidityMonths', form) ?? null;
  const pending = create.isPending || update.isPending;
  const required = [{ required: true, whitespace: true, message: t('courses.required') }];

  const onFinish = (values: FormValues) => {
    setError(null);
    const input = toInput(values, course);
    const onError = (err: Error) => {
      if (isApiError(err) && Object.keys(err.fields).length > 0) {
        const names = new Set(Object.keys(toValues()));
        form.setFields(
          Object.entries(err.fields)
            .filter(([name]) => names.has(name))
            .map(([name, msg]) => ({ name: name as keyof FormValues, errors: [msg] })),
        );
      }
      setError(err.message);
    };
    if (course) {
      const changes = diff(input, course);
      if (Object.keys(changes).length === 0) {
        onSaved(course);
        return;
      }
      update.mutate({ id: course.id, changes }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(input, { onSuccess: onSaved, onError });
    }
  };

  return (
    <>
    {course ? (
      <Card style={{ marginBottom: 16 }}>
        <CourseCoverField course={course} disabled={course.status === 'archived'} />
      </Card>
    ) : (
      <Alert type="info" showIcon title={t('cover.afterCreate')} style={{ marginBottom: 16 }} />
    )}
    <Form
      form={form}
      layout="vertical"
      initialValues={toValues(course)}
      onFinish={onFinish}
      disabled={course?.status === 'archived'}
      onValuesChange={(changed: Partial<FormValues>) => {
        // no validity, no re-enrolment before expiry
        if ('certificateValidityMonths' in changed && changed.certificateValidityMonths == null) form.setFieldValue('renewalLeadDays', null);
      }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('courses.code')} rules={required}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={t('courses.courseTitle')} rules={required}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('courses.description')}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="ownerUnitId" label={t('courses.ownerUnit')} rules={[{ required: true, message: t('courses.required') }]}>
              {renderUnitSelect()}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="trainerIds" label={t('trainers.label')} extra={t('trainers.hint')}>
              <TrainerSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label={t('courses.tags')} extra={t('courses.tagsHint')}>
              <Select mode="tags" options={TAG_SUGGESTIONS.map((tag) => ({ value: tag, label: tag }))} tokenSeparators={[',']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="targetGroup" label={t('courses.targetGroup')} rules={[{ required: true }]}>
              <Select options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`courses.target.${g}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="deliveryMode" label={t('courses.deliveryMode')} rules={[{ required: true }]}>
              <Select options={DELIVERY_MODES.map((m) => ({ value: m, label: t(`courses.delivery.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="durationHours" label={t('courses.durationHours')} rules={[{ required: true, message: t('courses.required') }]}>
              <InputNumber min={0} max={1000} step={0.5} decimalSeparator="," style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="passMark" label={t('courses.passMark')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="minProgressBeforeFinal" label={t('courses.minProgressBeforeFinal')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="certificateValidityMonths"
              label={t('courses.certificateValidityMonths')}
              extra={t('courses.certificateValidityHint')}
            >
              <InputNumber min={1} max={240} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="renewalLeadDays"
              label={t('courses.renewalLeadDays')}
              extra={validityMonths === null ? t('courses.renewalNeedsValidity') : t('courses.renewalLeadDaysHint')}
              dependencies={['certificateValidityMonths']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_rule, value: number | null | undefined) => {
                    const validity = getFieldValue('certificateValidityMonths') as number | null | undefined;
                    if (value == null) return Promise.resolve();
                    if (validity == null) return Promise.reject(new Error(t('courses.renewalNeedsValidity')));
                    const max = maxRenewalLeadDays(validity);
                    if (value > max) return Promise.reject(new Error(t('courses.renewalTooLong', { n: max })));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <InputNumber min={1} max={365} precision={0} disabled={validityMonths === null} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="sequential" label={t('courses.sequential')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="selfEnrol" label={t('courses.selfEnrol')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {selfEnrol && (
            <Col xs={24} md={8}>
              <Form.Item
                name="enrolKey"
                label={t('courses.enrolKey')}
                extra={course?.hasEnrolKey ? t('courses.enrolKeyKeep') : t('courses.enrolKeyHint')}
              >
                <Input autoComplete="off" maxLength={100} />
              </Form.Item>
            </Col>
          )}
          {selfEnrol && course?.hasEnrolKey && (
            <Col xs={24} md={8}>
              <Form.Item name="removeEnrolKey" label={t('courses.removeEnrolKey')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t('common.save')}
          </Button>
          <Button onClick={onCancel} disabled={false}>
            {t('common.cancel')}
          </Button>
        </Flex>
      </Card>
    </Form>
    </>
  );
}
