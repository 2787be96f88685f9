import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, InputNumber, List, Skeleton, Typography } from 'antd';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { QueryError } from '../../../components/ui/query-error';
import type { GradingItem, Quiz } from '../types';
import { useGradeAnswer, useGradingQueue } from '../api/grading';
import { formatMark } from './quiz-labels';
import { ResponseText, wordCount } from './response-text';
import { formatVn } from '../vn-time';

function GradeForm({ quiz, item }: { quiz: Quiz; item: GradingItem }) {
  const t = useT();
  const { message } = App.useApp();
  const grade = useGradeAnswer();
  const [form] = Form.useForm<{ mark: number | null; comment: string }>();
  const [error, setError] = useState<string | null>(null);
  const id = `grade-${item.attemptId}-${item.slot}`;

  const onFinish = (v: { mark: number | null; comment: string }) => {
    setError(null);
    grade.mutate(
      { quizId: quiz.id, attemptId: item.attemptId, slot: item.slot, mark: v.mark ?? 0, comment: v.comment?.trim() || undefined },
      {
        onSuccess: () => message.success(t('qgrading.saved', { name: item.fullName })),
        onError: (err) => {
          if (isApiError(err) && err.fields.mark) form.setFields([{ name: 'mark', errors: [err.fields.mark] }]);
          setError(err.message);
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ mark: null, comment: '' }} aria-labelledby={`${id}-title`}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} />}
      <Flex gap={12} wrap align="flex-start">
        <Form.Item
          name="mark"
          label={t('qgrading.mark', { max: formatMark(item.maxMark) })}
          style={{ minWidth: 140 }}
          rules={[
            { required: true, message: t('qgrading.v.markRequired') },
            {
              validator: (_: unknown, v: number | null) =>
                v === null || v === undefined || (v >= 0 && v <= item.maxMark)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('qgrading.v.markRange', { max: formatMark(item.maxMark) }))),
            },
          ]}
        >
          {/* no max: a typo above the maximum is named, not silently lowered to it */}
          <InputNumber min={0} step={0.25} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="comment" label={t('qgrading.comment')} style={{ flex: '1 1 260px' }}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Flex>
      <Button type="primary" htmlType="submit" loading={grade.isPending}>
        {t('qgrading.save')}
      </Button>
    </Form>
  );
}

export function GradingQueue({ quiz }: { quiz: Quiz }) {
  const t = useT();
  const query = useGradingQueue(quiz.id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  if (query.data.items.length === 0) return <Card><Empty description={t('qgrading.empty')} /></Card>;
  return (
    <>
      <p style={{ color: '#434343' }} role="status">
        {t('qgrading.count', { n: query.data.total })}
      </p>
      <List
        dataSource={query.data.items}
        rowKey={(item) => `${item.attemptId}-${item.slot}`}
        renderItem={(item) => {
          const id = `grade-${item.attemptId}-${item.slot}`;
          const words = typeof item.response?.text === 'string' ? wordCount(item.response.text) : null;
          return (
            // List.Item: the list's <ul> must hold <li> items (screen readers announce "list, n items")
            <List.Item style={{ display: 'block', padding: 0, border: 0 }}>
              <Card style={{ marginBottom: 12, width: '100%' }}>
                <Typography.Title level={2} id={`${id}-title`} style={{ fontSize: 16, marginTop: 0 }}>
                  {item.fullName} · {t('qgrading.questionN', { n: item.slot })}: {item.questionTitle}
                </Typography.Title>
                {item.submittedAt && <div style={{ color: '#434343', fontSize: 13 }}>{t('qgrading.submittedAt', { date: formatVn(item.submittedAt) })}</div>}
                {item.questionText && (
                  // sanitised on the server
                  <div style={{ margin: '8px 0', color: '#434343' }} dangerouslySetInnerHTML={{ __html: item.questionText }} />
                )}
                <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, margin: '8px 0' }}>
                  <ResponseText response={item.response} />
                  {words !== null && <div style={{ color: '#434343', fontSize: 13, marginTop: 8 }}>{t('qplayer.words', { n: words })}</div>}
                </div>
                <GradeForm quiz={quiz} item={item} />
              </Card>
            </List.Item>
          );
        }}
      />
    </>
  );
}
