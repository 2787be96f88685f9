import { useState, type ReactNode } from 'react';
import type { Dayjs } from 'dayjs';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import { useT, type TFunction } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import {
  GRADING_METHODS,
  NAVIGATIONS,
  OVERDUES,
  REVIEW_ITEMS,
  REVIEW_WHENS,
  type GradingMethod,
  type Navigation,
  type Overdue,
  type Quiz,
  type QuizInput,
  type ReviewItem,
  type ReviewWhen,
} from '../types';
import { useCreateQuiz, useUpdateQuiz } from '../api/save-quiz';
import { fromVnWall, toVnWall } from '../vn-time';

export type QuizFormValues = {
  title: string;
  description: string;
  ownerUnitId?: string;
  openAt: Dayjs | null;
  closeAt: Dayjs | null;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  attemptDelayMinutes: number | null;
  gradingMethod: GradingMethod;
  passMark: number | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  questionsPerPage: number | null;
  navigation: Navigation;
  review: Record<ReviewItem, ReviewWhen>;
  overdue: Overdue;
  graceMinutes: number | null;
};

export function toFormValues(quiz?: Quiz): QuizFormValues {
  return {
    title: quiz?.title ?? '',
    description: quiz?.description ?? '',
    ownerUnitId: quiz?.ownerUnitId,
    openAt: toVnWall(quiz?.openAt),
    closeAt: toVnWall(quiz?.closeAt),
    timeLimitMinutes: quiz?.timeLimitMinutes ?? null,
    maxAttempts: quiz?.maxAttempts ?? null,
    attemptDelayMinutes: quiz?.attemptDelayMinutes ?? 0,
    gradingMethod: quiz?.gradingMethod ?? 'highest',
    passMark: quiz?.passMark ?? 50,
    shuffleQuestions: quiz?.shuffleQuestions ?? false,
    shuffleOptions: quiz?.shuffleOptions ?? true,
    questionsPerPage: quiz?.questionsPerPage ?? 1,
    navigation: quiz?.navigation ?? 'free',
    review: quiz?.review ?? { score: 'immediately', correctAnswers: 'after_close', feedback: 'immediately' },
    overdue: quiz?.overdue ?? 'autosubmit',
    graceMinutes: quiz?.graceMinutes ?? 0,
  };
}

export function toQuizInput(v: QuizFormValues, quiz?: Quiz): QuizInput {
  return {
    title: v.title.trim(),
    description: (v.description ?? '').trim(),
    ownerUnitId: v.ownerUnitId ?? '',
    courseId: quiz?.courseId ?? null,
    openAt: fromVnWall(v.openAt),
    closeAt: fromVnWall(v.closeAt),
    timeLimitMinutes: v.timeLimitMinutes ?? null,
    maxAttempts: v.maxAttempts ?? null,
    attemptDelayMinutes: v.attemptDelayMinutes ?? 0,
    gradingMethod: v.gradingMethod,
    passMark: v.passMark ?? 0,
    shuffleQuestions: v.shuffleQuestions,
    shuffleOptions: v.shuffleOptions,
    questionsPerPage: v.questionsPerPage ?? 0,
    navigation: v.navigation,
    review: { ...v.review },
    overdue: v.overdue,
    graceMinutes: v.overdue === 'grace' ? (v.graceMinutes ?? 0) : 0,
  };
}

/** Only the fields that changed (PATCH). */
function diff(input: QuizInput, quiz: Quiz): Partial<QuizInput> {
  const before = toQuizInput(toFormValues(quiz), quiz) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = v;
  return out as Partial<QuizInput>;
}

/** Integer in [min, max]; empty allowed unless required. */
function intRule(t: TFunction, min: number, max: number, required = false) {
  return {
    validator: (_: unknown, value: number | null | undefined) => {
      if (value === null || value === undefined) return required ? Promise.reject(new Error(t('quizzes.v.required'))) : Promise.resolve();
      if (!Number.isInteger(value)) return Promise.reject(new Error(t('quizzes.v.integer')));
      if (value < min || value > max) return Promise.reject(new Error(t('quizzes.v.range', { min, max })));
      return Promise.resolve();
    },
  };
}

/** 0–100 with at most two decimals (the pass mark). */
function percentRule(t: TFunction) {
  return {
    validator: (_: unknown, value: number | null | undefined) => {
      if (value === null || value === undefined) return Promise.reject(new Error(t('quizzes.v.required')));
      if (value < 0 || value > 100) return Promise.reject(new Error(t('quizzes.v.range', { min: 0, max: 100 })));
      if (Math.round(value * 100) !== value * 100) return Promise.reject(new Error(t('quizzes.v.decimals')));
      return Promise.resolve();
    },
  };
}

const FIELD_NAMES = new Set(Object.keys(toFormValues()));

export function QuizForm({
  quiz,
  renderUnitSelect,
  onSaved,
  onCancel,
}: {
  quiz?: Quiz;
  renderUnitSelect: () => ReactNode;
  onSaved: (quiz: Quiz) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<QuizFormValues>();
  const create = useCreateQuiz();
  const update = useUpdateQuiz();
  const [error, setError] = useState<string | null>(null);
  const overdue = Form.useWatch('overdue', form);
  const pending = create.isPending || update.isPending;

  const onFinish = (values: QuizFormValues) => {
    setError(null);
    const input = toQuizInput(values, quiz);
    const onError = (err: Error) => {
      if (isApiError(err) && Object.keys(err.fields).length > 0) {
        form.setFields(
          Object.entries(err.fields)
            .map(([name, msg]) => ({ path: name.split('.'), msg }))
            .filter(({ path }) => FIELD_NAMES.has(path[0]))
            .map(({ path, msg }) => ({ name: path as never, errors: [msg] })),
        );
      }
      setError(err.message);
    };
    if (quiz) {
      const changes = diff(input, quiz);
      if (Object.keys(changes).length === 0) {
        onSaved(quiz);
        return;
      }
      update.mutate({ id: quiz.id, changes }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(input, { onSuccess: onSaved, onError });
    }
  };

  const dateProps = {
    showTime: { format: 'HH:mm' },
    format: 'DD/MM/YYYY HH:mm',
    style: { width: '100%' },
    placeholder: t('quizzes.datePlaceholder'),
  } as const;

  return (
    <Form form={form} layout="vertical" initialValues={toFormValues(quiz)} onFinish={onFinish} scrollToFirstError>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('quizzes.section.general')}</Typography.Title>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={t('quizzes.field.title')} rules={[{ required: true, whitespace: true, message: t('quizzes.v.titleRequired') }, { max: 300, message: t('quizzes.v.max', { n: 300 }) }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ownerUnitId" label={t('quizzes.field.ownerUnit')} rules={[{ required: true, message: t('quizzes.v.unitRequired') }]}>
              {renderUnitSelect()}
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('quizzes.field.description')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('quizzes.section.timing')}</Typography.Title>} style={{ marginBottom: 16 }}>
        <div style={{ color: '#434343', marginBottom: 12 }}>{t('quizzes.timezoneNote')}</div>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="openAt" label={t('quizzes.field.openAt')} extra={t('quizzes.field.openAtHint')}>
              <DatePicker {...dateProps} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="closeAt"
              label={t('quizzes.field.closeAt')}
              extra={t('quizzes.field.closeAtHint')}
              dependencies={['openAt']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_: unknown, value: Dayjs | null) => {
                    const open = getFieldValue('openAt') as Dayjs | null;
                    if (value && open && !value.isAfter(open)) return Promise.reject(new Error(t('quizzes.v.closeAfterOpen')));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker {...dateProps} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="timeLimitMinutes" label={t('quizzes.field.timeLimit')} extra={t('quizzes.field.timeLimitHint')} rules={[intRule(t, 1, 1440)]}>
              <InputNumber min={1} max={1440} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="maxAttempts" label={t('quizzes.field.maxAttempts')} extra={t('quizzes.field.maxAttemptsHint')} rules={[intRule(t, 1, 100)]}>
              <InputNumber min={1} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="attemptDelayMinutes" label={t('quizzes.field.delay')} extra={t('quizzes.field.delayHint')} rules={[intRule(t, 0, 43200, true)]}>
              <InputNumber min={0} max={43200} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="overdue" label={t('quizzes.field.overdue')}>
              <Radio.Group
                options={OVERDUES.map((o) => ({ value: o, label: t(`quizzes.overdue.${o}`) }))}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              />
            </Form.Item>
          </Col>
          {overdue === 'grace' && (
            <Col xs={24} md={12}>
              <Form.Item name="graceMinutes" label={t('quizzes.field.grace')} extra={t('quizzes.field.graceHint')} rules={[intRule(t, 1, 1440, true)]}>
                <InputNumber min={1} max={1440} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>

      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('quizzes.section.grading')}</Typography.Title>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="gradingMethod" label={t('quizzes.field.gradingMethod')}>
              <Select options={GRADING_METHODS.map((g) => ({ value: g, label: t(`quizzes.grading.${g}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="passMark" label={t('quizzes.field.passMark')} extra={t('quizzes.field.passMarkHint')} rules={[percentRule(t)]}>
              <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} suffix="%" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('quizzes.section.layout')}</Typography.Title>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="questionsPerPage" label={t('quizzes.field.perPage')} extra={t('quizzes.field.perPageHint')} rules={[intRule(t, 0, 100, true)]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="navigation" label={t('quizzes.field.navigation')}>
              <Radio.Group options={NAVIGATIONS.map((n) => ({ value: n, label: t(`quizzes.navigation.${n}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="shuffleQuestions" label={t('quizzes.field.shuffleQuestions')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="shuffleOptions" label={t('quizzes.field.shuffleOptions')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('quizzes.section.review')}</Typography.Title>} style={{ marginBottom: 16 }}>
        <div style={{ color: '#434343', marginBottom: 12 }}>{t('quizzes.reviewNote')}</div>
        <Row gutter={16}>
          {REVIEW_ITEMS.map((item) => (
            <Col xs={24} md={8} key={item}>
              <Form.Item name={['review', item]} label={t(`quizzes.review.${item}`)}>
                <Select options={REVIEW_WHENS.map((w) => ({ value: w, label: t(`quizzes.reviewWhen.${w}`) }))} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>

      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={pending}>
          {quiz ? t('common.save') : t('quizzes.create')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </Flex>
    </Form>
  );
}
