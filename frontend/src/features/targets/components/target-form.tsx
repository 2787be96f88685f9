import { useState, type ReactNode } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { API_DATE_FORMAT, DATE_FORMAT } from '../../../lib/format';
import { DT_ROLES, STAFF_CATEGORIES, type DtRole, type StaffCategory } from '../../../types/api';
import { TAG_SUGGESTIONS } from '../../courses/types';
import { EXTERNAL_SOURCES, type CourseMode, type ExternalSource, type Target, type TargetInput } from '../types';
import { useCreateTarget, useUpdateTarget } from '../api/save-target';
import { CourseSelect } from './course-select';

type MilestoneValues = { date?: Dayjs | null; share?: number | null; label?: string };
type FormValues = {
  code: string;
  name: string;
  policyRef: string;
  description: string;
  unitId?: string;
  categories: StaffCategory[];
  dtRoles: DtRole[];
  courseIds: string[];
  courseMode: CourseMode;
  courseTags: string[];
  externalSources: ExternalSource[];
  validityYears: number | null;
  targetShare: number | null;
  startDate: Dayjs | null;
  deadline: Dayjs | null;
  milestones: MilestoneValues[];
  active: boolean;
};

const TAGS = [...new Set([...TAG_SUGGESTIONS, 'science_technology'])];
const day = (v: string | undefined) => (v ? dayjs(v, API_DATE_FORMAT) : null);

function toValues(target?: Target): FormValues {
  return {
    code: target?.code ?? '',
    name: target?.name ?? '',
    policyRef: target?.policyRef ?? '',
    description: target?.description ?? '',
    unitId: target?.unitId,
    categories: target?.categories ?? [],
    dtRoles: target?.dtRoles ?? [],
    courseIds: target?.courseIds ?? [],
    courseMode: target?.courseMode ?? 'any',
    courseTags: target?.courseTags ?? [],
    externalSources: target?.externalSources ?? [],
    validityYears: target?.validityYears ?? null,
    targetShare: target?.targetShare ?? 100,
    startDate: day(target?.startDate) ?? dayjs().startOf('year'),
    deadline: day(target?.deadline),
    milestones: (target?.milestones ?? []).map((m) => ({ date: day(m.date), share: m.share, label: m.label ?? '' })),
    active: target?.active ?? true,
  };
}

function toInput(v: FormValues): TargetInput {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    policyRef: v.policyRef?.trim() ?? '',
    description: v.description ?? '',
    unitId: v.unitId ?? '',
    categories: v.categories ?? [],
    dtRoles: v.dtRoles ?? [],
    courseIds: v.courseIds ?? [],
    courseMode: v.courseMode,
    courseTags: v.courseTags ?? [],
    externalSources: v.externalSources ?? [],
    validityYears: v.validityYears ?? null,
    targetShare: v.targetShare ?? 0,
    startDate: v.startDate ? v.startDate.format(API_DATE_FORMAT) : '',
    deadline: v.deadline ? v.deadline.format(API_DATE_FORMAT) : '',
    milestones: (v.milestones ?? []).map((m) => ({
      date: m.date ? m.date.format(API_DATE_FORMAT) : '',
      share: m.share ?? 0,
      ...(m.label?.trim() ? { label: m.label.trim() } : {}),
    })),
  };
}

/** Only the fields that changed (PATCH). */
function diff(input: TargetInput & { active?: boolean }, target: Target): Partial<TargetInput> {
  const before = { ...toInput(toValues(target)), active: target.active } as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = v;
  return out as Partial<TargetInput>;
}

/** 'milestones[1].date' or 'milestones.1.date' -> ['milestones', 1, 'date'] */
export function fieldPath(name: string): (string | number)[] {
  return name
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function TargetForm({
  target,
  renderUnitSelect,
  onSaved,
  onCancel,
}: {
  target?: Target;
  renderUnitSelect: () => ReactNode;
  onSaved: (target: Target) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const labels = useLabels();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateTarget();
  const update = useUpdateTarget();
  const [error, setError] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;
  const required = [{ required: true, whitespace: true, message: t('targets.required') }];
  const hasClasses = (target?.classIds.length ?? 0) > 0;

  const onFinish = (values: FormValues) => {
    setError(null);
    const input: TargetInput = { ...toInput(values), ...(target ? { active: values.active } : {}) };
    const onError = (err: Error) => {
      if (isApiError(err) && Object.keys(err.fields).length > 0) {
        const names = new Set(Object.keys(toValues()));
        const fields = Object.entries(err.fields)
          .map(([name, msg]) => ({ name: fieldPath(name), errors: [msg] }))
          .filter((f) => names.has(String(f.name[0])));
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
      }
      setError(err.message);
    };
    if (target) {
      const changes = diff(input, target);
      if (Object.keys(changes).length === 0) {
        onSaved(target);
        return;
      }
      update.mutate({ id: target.id, changes }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(input, { onSuccess: onSaved, onError });
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={toValues(target)}
      onFinish={onFinish}
      onFinishFailed={() => setError(t('targets.fixErrors'))}
      scrollToFirstError
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('targets.section.general')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('targets.code')} rules={required}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('targets.name')} rules={required}>
              <Input maxLength={400} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="policyRef" label={t('targets.policyRef')} extra={t('targets.policyRefHint')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="description" label={t('targets.description')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('targets.section.population')}</h2>} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ color: '#434343' }}>{t('targets.populationHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="unitId" label={t('targets.unit')} rules={[{ required: true, message: t('targets.required') }]}>
              {renderUnitSelect()}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="categories"
              label={t('targets.categories')}
              dependencies={['dtRoles']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: string[] | undefined) =>
                    (v?.length ?? 0) > 0 || (getFieldValue('dtRoles')?.length ?? 0) > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('targets.populationRequired'))),
                }),
              ]}
            >
              <Select mode="multiple" allowClear options={STAFF_CATEGORIES.map((c) => ({ value: c, label: labels.category[c] }))} placeholder={t('targets.anyCategory')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dtRoles" label={t('targets.dtRoles')}>
              <Select mode="multiple" allowClear options={DT_ROLES.map((r) => ({ value: r, label: labels.dtRole[r] }))} placeholder={t('targets.anyDtRole')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('targets.section.counting')}</h2>} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ color: '#434343' }}>{t('targets.countingHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="courseIds"
              label={t('targets.courses')}
              dependencies={['courseTags', 'externalSources']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: string[] | undefined) =>
                    (v?.length ?? 0) > 0 ||
                    (getFieldValue('courseTags')?.length ?? 0) > 0 ||
                    (getFieldValue('externalSources')?.length ?? 0) > 0 ||
                    hasClasses
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('targets.countingRequired'))),
                }),
              ]}
            >
              <CourseSelect mode="multiple" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="courseMode" label={t('targets.courseMode')}>
              <Radio.Group>
                <Radio value="any">{t('targets.courseMode.any')}</Radio>
                <Radio value="all">{t('targets.courseMode.all')}</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="courseTags" label={t('targets.courseTags')} extra={t('targets.courseTagsHint')}>
              <Select mode="tags" tokenSeparators={[',', ' ']} options={TAGS.map((tag) => ({ value: tag, label: tag }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="externalSources" label={t('targets.externalSources')}>
              <Checkbox.Group options={EXTERNAL_SOURCES.map((s) => ({ value: s, label: t(`target.source.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="validityYears" label={t('targets.validityYears')} extra={t('targets.validityYearsHint')}>
              <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {hasClasses && (
            <Col xs={24} md={12}>
              <Typography.Paragraph style={{ color: '#434343' }}>{t('targets.classesKept', { n: target?.classIds.length ?? 0 })}</Typography.Paragraph>
            </Col>
          )}
        </Row>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('targets.section.goal')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="targetShare" label={t('targets.targetShare')} rules={[{ required: true, message: t('targets.required') }]}>
              <InputNumber min={0.01} max={100} step={1} decimalSeparator="," suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="startDate" label={t('targets.startDate')} rules={[{ required: true, message: t('targets.required') }]}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="deadline"
              label={t('targets.deadline')}
              dependencies={['startDate']}
              rules={[
                { required: true, message: t('targets.required') },
                ({ getFieldValue }) => ({
                  validator: (_r, v: Dayjs | null) => {
                    const start = getFieldValue('startDate') as Dayjs | null;
                    return !v || !start || v.isAfter(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('targets.deadlineAfterStart')));
                  },
                }),
              ]}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          {t('targets.milestones')}
        </Typography.Title>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <Typography.Paragraph style={{ color: '#434343' }}>{t('targets.noMilestones')}</Typography.Paragraph>}
              {fields.map((field, i) => (
                <Row gutter={12} key={field.key} align="top">
                  <Col xs={24} sm={8}>
                    <Form.Item
                      name={[field.name, 'date']}
                      label={t('targets.milestoneDate', { n: i + 1 })}
                      rules={[{ required: true, message: t('targets.required') }]}
                    >
                      <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item
                      name={[field.name, 'share']}
                      label={t('targets.milestoneShare', { n: i + 1 })}
                      rules={[{ required: true, message: t('targets.required') }]}
                    >
                      <InputNumber min={0.01} max={100} decimalSeparator="," suffix="%" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={9}>
                    <Form.Item name={[field.name, 'label']} label={t('targets.milestoneLabel', { n: i + 1 })}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={2} style={{ paddingTop: 30 }}>
                    <Button icon={<DeleteOutlined aria-hidden />} aria-label={t('targets.removeMilestone', { n: i + 1 })} onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ date: null, share: null, label: '' })}>
                {t('targets.addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
        {target && (
          <Form.Item name="active" label={t('targets.active')} valuePropName="checked" extra={t('targets.activeHint')} style={{ marginTop: 16 }}>
            <Switch />
          </Form.Item>
        )}
      </Card>
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={pending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
