import { useMemo, useState } from 'react';
import { Alert, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Switch, Typography } from 'antd';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import type { ClassSession } from '../types';
import type { SessionInput } from '../api/create-session';
import type { SeriesInput } from '../api/create-series';
import { formatVnDate, isoWeekday, seriesDates, toVn } from '../time';

/** Native date and time inputs: the phone's own picker, keyboard entry on a desktop, no time-zone surprises. */
const dateInput = (label: string) => <Input type="date" aria-label={label} style={{ width: '100%' }} />;
const timeInput = (label: string) => <Input type="time" aria-label={label} style={{ width: '100%' }} />;

type SessionValues = {
  date: string;
  startTime: string;
  endTime: string;
  topic: string;
  venueName: string;
  venueAddress: string;
};

export function toSessionInput(v: SessionValues): SessionInput {
  return {
    date: v.date,
    startTime: v.startTime,
    endTime: v.endTime,
    topic: v.topic?.trim() || null,
    venueName: v.venueName?.trim() || null,
    venueAddress: v.venueAddress?.trim() || null,
  };
}

/** Sets the server's field errors on the form (400 naming the field) and returns the message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyServerErrors(form: { setFields: (fields: any[]) => void }, err: Error, prefix = ''): string {
  if (isApiError(err)) {
    const fields = Object.entries(err.fields)
      .map(([name, msg]) => ({ name: (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name).split('.').pop() as string, errors: [msg] }))
      .filter((f) => f.name);
    if (fields.length) form.setFields(fields);
  }
  return err.message;
}

const endAfterStart = (t: ReturnType<typeof useT>) => ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
  validator: (_: unknown, v: string) => {
    const start = getFieldValue('startTime') as string;
    return !v || !start || v > start ? Promise.resolve() : Promise.reject(new Error(t('att.session.endAfterStart')));
  },
});

/** Date, start and end (local time in Vietnam), topic and venue of one session. */
function SessionFields() {
  const t = useT();
  const required = [{ required: true, message: t('att.required') }];
  return (
    <Row gutter={12}>
      <Col xs={24} sm={10}>
        <Form.Item name="date" label={t('att.session.date')} rules={required}>
          {dateInput(t('att.session.date'))}
        </Form.Item>
      </Col>
      <Col xs={12} sm={7}>
        <Form.Item name="startTime" label={t('att.session.startTime')} rules={required}>
          {timeInput(t('att.session.startTime'))}
        </Form.Item>
      </Col>
      <Col xs={12} sm={7}>
        <Form.Item name="endTime" label={t('att.session.endTime')} rules={[...required, endAfterStart(t)]} dependencies={['startTime']}>
          {timeInput(t('att.session.endTime'))}
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: -12, marginBottom: 12 }}>
          {t('att.session.timeZoneNote')}
        </Typography.Text>
      </Col>
      <Col xs={24}>
        <Form.Item name="topic" label={t('att.session.topic')}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="venueName" label={t('att.session.venueName')} extra={t('att.session.venueHint')}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="venueAddress" label={t('att.session.venueAddress')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
    </Row>
  );
}

const sessionValues = (s?: ClassSession): SessionValues => ({
  date: s?.date ?? toVn(Date.now()).date,
  startTime: s?.startTime ?? '07:30',
  endTime: s?.endTime ?? '09:00',
  topic: s?.topic ?? '',
  venueName: s?.venueName ?? '',
  venueAddress: s?.venueAddress ?? '',
});

/** Add or edit one session (also the make-up session of a postponed or cancelled one). */
export function SessionModal({
  open,
  title,
  session,
  okText,
  pending,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  session?: ClassSession;
  okText: string;
  pending: boolean;
  onSubmit: (input: SessionInput) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<SessionValues>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      await onSubmit(toSessionInput(values));
      form.resetFields();
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err as Error));
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: pending }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={sessionValues(session)}>
        <SessionFields />
      </Form>
    </Modal>
  );
}

type SeriesValues = SessionValues & { startDate: string; until: string; weekdays: number[]; everyNWeeks: number };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A repeating series: weekdays, every N weeks, until a date (required: a series without an end is refused). */
export function SeriesModal({
  open,
  pending,
  onSubmit,
  onClose,
}: {
  open: boolean;
  pending: boolean;
  onSubmit: (input: SeriesInput) => Promise<{ items: ClassSession[] }>;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<SeriesValues>();
  const [error, setError] = useState<string | null>(null);
  const startDate = Form.useWatch('startDate', form);
  const until = Form.useWatch('until', form);
  const weekdays = Form.useWatch('weekdays', form);
  const everyNWeeks = Form.useWatch('everyNWeeks', form);
  const preview = useMemo(
    () => (startDate && until && weekdays?.length ? seriesDates(startDate, until, weekdays, everyNWeeks ?? 1) : []),
    [startDate, until, weekdays, everyNWeeks],
  );
  const today = toVn(Date.now()).date;
  const initial: SeriesValues = {
    ...sessionValues(),
    date: today,
    startDate: today,
    until: '',
    weekdays: [isoWeekday(today)],
    everyNWeeks: 1,
  };
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await onSubmit({
        startDate: v.startDate,
        until: v.until,
        weekdays: [...v.weekdays].sort(),
        everyNWeeks: v.everyNWeeks,
        startTime: v.startTime,
        endTime: v.endTime,
        topic: v.topic?.trim() || null,
        venueName: v.venueName?.trim() || null,
        venueAddress: v.venueAddress?.trim() || null,
      });
      form.resetFields();
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err as Error));
    }
  };
  const required = [{ required: true, message: t('att.required') }];
  return (
    <Modal
      open={open}
      title={t('att.series.title')}
      okText={t('att.series.create', { n: preview.length })}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: pending, disabled: preview.length === 0 }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="startDate" label={t('att.series.startDate')} rules={required}>
              {dateInput(t('att.series.startDate'))}
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="until"
              label={t('att.series.until')}
              dependencies={['startDate']}
              rules={[
                { required: true, message: t('att.series.untilRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, v: string) =>
                    !v || !getFieldValue('startDate') || v >= getFieldValue('startDate')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('att.series.untilBeforeStart'))),
                }),
              ]}
            >
              {dateInput(t('att.series.until'))}
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="weekdays" label={t('att.series.weekdays')} rules={[{ required: true, type: 'array', min: 1, message: t('att.series.weekdaysRequired') }]}>
              <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`att.weekday.${d}` as 'att.weekday.1') }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="everyNWeeks" label={t('att.series.everyNWeeks')} rules={required}>
              <InputNumber min={1} max={8} precision={0} style={{ width: '100%' }} suffix={t('att.series.weeks')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="startTime" label={t('att.session.startTime')} rules={required}>
              {timeInput(t('att.session.startTime'))}
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="endTime" label={t('att.session.endTime')} rules={[...required, endAfterStart(t)]} dependencies={['startTime']}>
              {timeInput(t('att.session.endTime'))}
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: -12, marginBottom: 12 }}>
              {t('att.session.timeZoneNote')}
            </Typography.Text>
          </Col>
          <Col xs={24}>
            <Form.Item name="topic" label={t('att.session.topic')} extra={t('att.series.topicHint')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="venueName" label={t('att.session.venueName')} extra={t('att.session.venueHint')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="venueAddress" label={t('att.session.venueAddress')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <div role="status" aria-live="polite">
        {preview.length === 0 ? (
          <Typography.Text type="secondary">{until ? t('att.series.noDates') : t('att.series.needUntil')}</Typography.Text>
        ) : preview.length > 200 ? (
          <Typography.Text type="danger">{t('att.series.tooMany')}</Typography.Text>
        ) : (
          <Typography.Text>
            {t('att.series.preview', { n: preview.length })}{' '}
            {preview
              .slice(0, 12)
              .map((d) => `${t(`att.weekdayShort.${isoWeekday(d)}` as 'att.weekdayShort.1')} ${formatVnDate(d)}`)
              .join(', ')}
            {preview.length > 12 ? ' …' : ''}
          </Typography.Text>
        )}
      </div>
    </Modal>
  );
}

/** Postpone (reason required), optionally with the make-up session; or cancel (reason required). */
export function ReasonModal({
  open,
  mode,
  session,
  pending,
  onSubmit,
  onClose,
}: {
  open: boolean;
  mode: 'postpone' | 'cancel';
  session: ClassSession | null;
  pending: boolean;
  onSubmit: (reason: string, makeUp?: SessionInput) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<SessionValues & { reason: string; withMakeUp: boolean }>();
  const [error, setError] = useState<string | null>(null);
  const withMakeUp = Form.useWatch('withMakeUp', form);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await onSubmit(v.reason.trim(), mode === 'postpone' && v.withMakeUp ? toSessionInput(v) : undefined);
      form.resetFields();
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err as Error, 'makeUp.'));
    }
  };
  const when = session ? `${formatVnDate(session.date)} ${session.startTime}–${session.endTime}` : '';
  return (
    <Modal
      open={open}
      title={mode === 'postpone' ? t('att.session.postponeTitle', { when }) : t('att.session.cancelTitle', { when })}
      okText={mode === 'postpone' ? t('att.session.postpone') : t('att.session.cancel')}
      okButtonProps={{ danger: mode === 'cancel', loading: pending }}
      cancelText={t('common.close')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <p>{mode === 'postpone' ? t('att.session.postponeText') : t('att.session.cancelText')}</p>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ ...sessionValues(), reason: '', withMakeUp: false }}>
        <Form.Item name="reason" label={t('att.reason')} rules={[{ required: true, whitespace: true, message: t('att.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {mode === 'postpone' && (
          <Form.Item name="withMakeUp" label={t('att.session.withMakeUp')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {mode === 'postpone' && withMakeUp && <SessionFields />}
      </Form>
    </Modal>
  );
}
