import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Spin, Switch, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { UnitTreeSelect } from '../../org-units/components/unit-tree-select';
import { TrainerSelect } from '../../courses/components/trainer-select';
import { useCourses } from '../../courses/api/get-courses';
import { outlineQuery } from '../../courses/api/get-outline';
import {
  CLASS_TYPES,
  DEFAULT_CHECK_IN,
  DEFAULT_RULE,
  MARK_STATUSES,
  type AttendanceClass,
  type AttendanceRule,
  type CheckInSettings,
  type ClassType,
  type MarkStatus,
  type RateBasis,
} from '../types';
import { useCreateClass, type ClassInput } from '../api/create-class';
import { useUpdateClass, type ClassChanges } from '../api/update-class';

type FormValues = {
  code: string;
  title: string;
  description: string;
  classType: ClassType;
  courseId?: string | null;
  courseItemId?: string | null;
  ownerUnitId?: string;
  trainerIds: string[];
  venueName: string;
  venueAddress: string;
  venueLat: number | null;
  venueLng: number | null;
  capacity: number | null;
  status: 'planned' | 'enrolling';
  opensBeforeMinutes: number;
  closesAfterMinutes: number;
  lateAfterMinutes: number;
  geofenceOn: boolean;
  geofenceRadiusM: number | null;
  deviceCooldownMinutes: number;
  stepSeconds: number;
  allowWalkIn: boolean;
  statuses: MarkStatus[];
  w_present: number;
  w_late: number;
  w_left_early: number;
  w_excused: number;
  w_unexcused: number;
  rateBasis: RateBasis;
  minShare: number;
};

/** Always in the status set (docs/api-attendance.md). */
const REQUIRED_STATUSES: MarkStatus[] = ['present', 'unexcused'];

function toValues(c?: AttendanceClass): FormValues {
  const ci = c?.checkIn ?? DEFAULT_CHECK_IN;
  const rule = c?.rule ?? DEFAULT_RULE;
  return {
    code: c?.code ?? '',
    title: c?.title ?? '',
    description: c?.description ?? '',
    classType: c?.classType ?? 'digital_learning_class',
    courseId: c?.courseId ?? null,
    courseItemId: c?.courseItemId ?? null,
    ownerUnitId: c?.ownerUnitId,
    trainerIds: c?.trainerIds ?? [],
    venueName: c?.venueName ?? '',
    venueAddress: c?.venueAddress ?? '',
    venueLat: c?.venueLat ?? null,
    venueLng: c?.venueLng ?? null,
    capacity: c?.capacity ?? null,
    status: 'planned',
    opensBeforeMinutes: ci.opensBeforeMinutes,
    closesAfterMinutes: ci.closesAfterMinutes,
    lateAfterMinutes: ci.lateAfterMinutes,
    geofenceOn: ci.geofenceRadiusM != null,
    geofenceRadiusM: ci.geofenceRadiusM ?? 100,
    deviceCooldownMinutes: ci.deviceCooldownMinutes,
    stepSeconds: ci.stepSeconds,
    allowWalkIn: ci.allowWalkIn,
    statuses: rule.statuses,
    w_present: rule.weights.present,
    w_late: rule.weights.late,
    w_left_early: rule.weights.left_early,
    w_excused: rule.weights.excused,
    w_unexcused: rule.weights.unexcused,
    rateBasis: rule.rateBasis,
    minShare: rule.minShare,
  };
}

const blankToNull = (s: string | undefined | null) => (s?.trim() ? s.trim() : null);

function toInput(v: FormValues): ClassInput {
  const checkIn: CheckInSettings = {
    opensBeforeMinutes: v.opensBeforeMinutes,
    closesAfterMinutes: v.closesAfterMinutes,
    lateAfterMinutes: v.lateAfterMinutes,
    geofenceRadiusM: v.geofenceOn ? (v.geofenceRadiusM ?? null) : null,
    deviceCooldownMinutes: v.deviceCooldownMinutes,
    stepSeconds: v.stepSeconds,
    allowWalkIn: v.allowWalkIn,
  };
  const statuses = MARK_STATUSES.filter((s) => REQUIRED_STATUSES.includes(s) || (v.statuses ?? []).includes(s));
  const rule: AttendanceRule = {
    statuses,
    weights: { present: v.w_present, late: v.w_late, left_early: v.w_left_early, excused: v.w_excused, unexcused: v.w_unexcused },
    rateBasis: v.rateBasis,
    minShare: v.minShare,
  };
  return {
    code: v.code.trim(),
    title: v.title.trim(),
    description: v.description ?? '',
    classType: v.classType,
    courseId: v.courseId || null,
    courseItemId: v.courseId ? v.courseItemId || null : null,
    ownerUnitId: v.ownerUnitId ?? '',
    trainerIds: v.trainerIds ?? [],
    venueName: blankToNull(v.venueName),
    venueAddress: blankToNull(v.venueAddress),
    venueLat: v.venueLat ?? null,
    venueLng: v.venueLng ?? null,
    capacity: v.capacity ?? null,
    checkIn,
    rule,
  };
}

/** Only the fields that changed (PATCH). */
function diff(input: ClassInput, c: AttendanceClass): ClassChanges {
  const before = toInput(toValues(c)) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return out as ClassChanges;
}

/** Course picker: the courses of the caller's scope, searched on the server. */
function CourseSelect({
  id,
  value,
  onChange,
  knownTitle,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  knownTitle?: string | null;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const query = useCourses({ q: q || undefined, page: 1, pageSize: 20 });
  const options = (query.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title} (${c.code})` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: knownTitle ?? value });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      options={options}
      allowClear
      placeholder={t('att.class.coursePlaceholder')}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('att.class.noCourse')}
      loading={query.isFetching}
      style={{ width: '100%' }}
    />
  );
}

/** The attendance items of the chosen course (the item this class completes). */
function CourseItemSelect({ id, courseId, value, onChange }: { id?: string; courseId: string | null | undefined; value?: string | null; onChange?: (v: string | null) => void }) {
  const t = useT();
  const outline = useQuery({ ...outlineQuery(courseId ?? ''), enabled: !!courseId });
  const items = useMemo(
    () =>
      (outline.data?.sections ?? []).flatMap((s) =>
        s.items.filter((i) => i.type === 'attendance').map((i) => ({ value: i.id, label: `${s.title} › ${i.title}${i.minShare != null ? ` (≥ ${i.minShare}%)` : ''}` })),
      ),
    [outline.data],
  );
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={items}
      allowClear
      disabled={!courseId}
      loading={outline.isFetching}
      placeholder={courseId ? t('att.class.courseItemPlaceholder') : t('att.class.courseItemNeedsCourse')}
      notFoundContent={t('att.class.noAttendanceItem')}
      style={{ width: '100%' }}
    />
  );
}

export function ClassForm({
  klass,
  onSaved,
  onCancel,
}: {
  klass?: AttendanceClass;
  onSaved: (saved: AttendanceClass) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateClass();
  const update = useUpdateClass();
  const [error, setError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const classType = Form.useWatch('classType', form);
  const courseId = Form.useWatch('courseId', form);
  const geofenceOn = Form.useWatch('geofenceOn', form);
  const pending = create.isPending || update.isPending;
  const closed = klass?.status === 'completed' || klass?.status === 'cancelled';
  const required = [{ required: true, whitespace: true, message: t('att.required') }];

  // a new course clears the item of the old one
  useEffect(() => {
    const item = form.getFieldValue('courseItemId');
    if (item && courseId !== (klass?.courseId ?? null) && !form.isFieldTouched('courseItemId')) form.setFieldValue('courseItemId', null);
  }, [courseId, form, klass?.courseId]);

  const fillLocation = () => {
    setLocateError(null);
    if (!('geolocation' in navigator)) {
      setLocateError(t('att.geo.unavailable'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        form.setFieldsValue({ venueLat: Number(pos.coords.latitude.toFixed(6)), venueLng: Number(pos.coords.longitude.toFixed(6)) });
      },
      (err) => {
        setLocating(false);
        setLocateError(err.code === 1 ? t('att.geo.denied') : err.code === 3 ? t('att.geo.timeout') : t('att.geo.unavailable'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const onFinish = (values: FormValues) => {
    setError(null);
    const input = toInput(values);
    const onError = (err: Error) => {
      if (isApiError(err) && Object.keys(err.fields).length > 0) {
        const names = new Set(Object.keys(toValues()));
        const mapped = Object.entries(err.fields).map(([name, msg]) => {
          const leaf = name.split('.').pop() ?? name;
          const field = names.has(name) ? name : names.has(leaf) ? leaf : name.startsWith('rule.weights.') ? `w_${leaf}` : null;
          return field ? { name: field as keyof FormValues, errors: [msg] } : null;
        });
        form.setFields(mapped.filter((x): x is NonNullable<typeof x> => x !== null));
      }
      setError(err.message);
    };
    if (klass) {
      const changes = diff(input, klass);
      if (Object.keys(changes).length === 0) {
        onSaved(klass);
        return;
      }
      update.mutate({ id: klass.id, changes }, { onSuccess: onSaved, onError });
    } else {
      create.mutate({ ...input, status: values.status }, { onSuccess: onSaved, onError });
    }
  };

  const minutes = (max: number) => <InputNumber min={0} max={max} precision={0} style={{ width: '100%' }} suffix={t('att.minutes')} />;

  return (
    <Form form={form} layout="vertical" initialValues={toValues(klass)} onFinish={onFinish} disabled={closed} scrollToFirstError>
      {closed && <Alert type="info" showIcon title={t('att.class.closedHint')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('att.class.sectionGeneral')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('att.class.code')} rules={required}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={t('att.class.title')} rules={required}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('att.class.description')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="classType" label={t('att.class.type')} rules={[{ required: true, message: t('att.required') }]}>
              <Select options={CLASS_TYPES.map((c) => ({ value: c, label: t(`att.classType.${c}`) }))} />
            </Form.Item>
          </Col>
          {!klass && (
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('att.class.initialStatus')}>
                <Radio.Group
                  options={[
                    { value: 'planned', label: t('att.classStatus.planned') },
                    { value: 'enrolling', label: t('att.classStatus.enrolling') },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="courseId"
              label={t('att.class.course')}
              extra={t('att.class.courseHint')}
              rules={classType === 'course_class' ? [{ required: true, message: t('att.class.courseRequired') }] : []}
            >
              <CourseSelect knownTitle={klass?.courseTitle} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="courseItemId" label={t('att.class.courseItem')} extra={t('att.class.courseItemHint')}>
              <CourseItemSelect courseId={courseId} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="ownerUnitId" label={t('att.class.ownerUnit')} rules={[{ required: true, message: t('att.required') }]}>
              <UnitTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="trainerIds" label={t('att.class.trainers')}>
              <TrainerSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="capacity" label={t('att.class.capacity')} extra={t('att.class.capacityHint')}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('att.class.sectionVenue')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="venueName" label={t('att.class.venueName')}>
              <Input maxLength={300} placeholder={t('att.class.venueNamePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="venueAddress" label={t('att.class.venueAddress')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="venueLat"
              label={t('att.class.venueLat')}
              dependencies={['venueLng']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    (v == null) === (getFieldValue('venueLng') == null) ? Promise.resolve() : Promise.reject(new Error(t('att.class.coordsBoth'))),
                }),
              ]}
            >
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="venueLng"
              label={t('att.class.venueLng')}
              dependencies={['venueLat']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    (v == null) === (getFieldValue('venueLat') == null) ? Promise.resolve() : Promise.reject(new Error(t('att.class.coordsBoth'))),
                }),
              ]}
            >
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('att.class.coordsHelp')}>
              <Button icon={<AimOutlined aria-hidden />} onClick={fillLocation} loading={locating}>
                {t('att.class.useMyLocation')}
              </Button>
              {locateError && (
                <div role="alert" style={{ color: '#cf1322', marginTop: 4 }}>
                  {locateError}
                </div>
              )}
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('att.class.sectionCheckIn')}</h2>} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ color: '#434343' }}>{t('att.class.checkInIntro')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="opensBeforeMinutes" label={t('att.class.opensBefore')} rules={[{ required: true, message: t('att.required') }]}>
              {minutes(240)}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="closesAfterMinutes" label={t('att.class.closesAfter')} rules={[{ required: true, message: t('att.required') }]}>
              {minutes(600)}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="lateAfterMinutes" label={t('att.class.lateAfter')} rules={[{ required: true, message: t('att.required') }]}>
              {minutes(240)}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="geofenceOn" label={t('att.class.geofence')} valuePropName="checked" extra={t('att.class.geofenceHint')}>
              <Switch />
            </Form.Item>
          </Col>
          {geofenceOn && (
            <Col xs={24} md={8}>
              <Form.Item
                name="geofenceRadiusM"
                label={t('att.class.geofenceRadius')}
                rules={[
                  { required: true, message: t('att.required') },
                  ({ getFieldValue }) => ({
                    validator: () =>
                      getFieldValue('venueLat') != null ? Promise.resolve() : Promise.reject(new Error(t('att.class.geofenceNeedsCoords'))),
                  }),
                ]}
                dependencies={['venueLat']}
              >
                <InputNumber min={20} max={5000} precision={0} style={{ width: '100%' }} suffix="m" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="deviceCooldownMinutes" label={t('att.class.deviceCooldown')} extra={t('att.class.deviceCooldownHint')}>
              {minutes(240)}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="stepSeconds" label={t('att.class.stepSeconds')} extra={t('att.class.stepSecondsHint')}>
              <InputNumber min={5} max={60} precision={0} style={{ width: '100%' }} suffix={t('att.seconds')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="allowWalkIn" label={t('att.class.allowWalkIn')} valuePropName="checked" extra={t('att.class.allowWalkInHint')}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('att.class.sectionRule')}</h2>} style={{ marginBottom: 16 }}>
        <Form.Item name="statuses" label={t('att.class.statuses')} extra={t('att.class.statusesHint')}>
          <Checkbox.Group
            options={MARK_STATUSES.map((s) => ({ value: s, label: t(`att.mark.${s}`), disabled: REQUIRED_STATUSES.includes(s) }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('att.class.weights')}</Typography.Text>
        <Typography.Paragraph style={{ color: '#434343' }}>{t('att.class.weightsHint')}</Typography.Paragraph>
        <Row gutter={16}>
          {MARK_STATUSES.map((s) => (
            <Col xs={12} md={4} key={s}>
              <Form.Item name={`w_${s}`} label={t(`att.mark.${s}`)} rules={[{ required: true, message: t('att.required') }]}>
                <InputNumber min={0} max={1} step={0.25} decimalSeparator="," style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="rateBasis" label={t('att.class.rateBasis')}>
              <Radio.Group
                options={[
                  { value: 'sessions', label: t('att.class.rateBasis.sessions') },
                  { value: 'hours', label: t('att.class.rateBasis.hours') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="minShare" label={t('att.class.minShare')} extra={t('att.class.minShareHint')} rules={[{ required: true, message: t('att.required') }]}>
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} suffix="%" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={pending}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel} disabled={false}>
          {t('common.cancel')}
        </Button>
      </Flex>
    </Form>
  );
}
