import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { LeftOutlined, PlayCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import type { AttemptSummary, MyQuiz } from '../types';
import { useStartAttempt } from '../api/my-quiz';
import { AttemptStatusTag, formatMark, formatPercent, PassedTag } from './quiz-labels';
import { formatVn } from '../vn-time';

/** Attempts the learner may still start (null = unlimited); maxAttempts already includes a personal override. */
export function attemptsLeft(data: MyQuiz): number | null {
  const max = data.quiz.maxAttempts;
  if (max === null || max === undefined) return null;
  return Math.max(0, max - data.attempts.length);
}

const REASONS = ['QUIZ_NOT_OPEN', 'QUIZ_CLOSED', 'NO_ATTEMPTS_LEFT', 'ATTEMPT_DELAY', 'ITEM_LOCKED', 'ENROLMENT_CLOSED'] as const;
type Reason = (typeof REASONS)[number];
export const isReason = (code: string | null | undefined): code is Reason => (REASONS as readonly string[]).includes(code ?? '');

export function attemptPath(attemptId: string, courseId?: string | null) {
  return `/learning/attempts/${attemptId}${courseId ? `?course=${encodeURIComponent(courseId)}` : ''}`;
}

/** The quiz start page: rules, attempts made, attempts left, and why a new attempt cannot start. */
export function QuizStart({ data, courseId }: { data: MyQuiz; courseId?: string | null }) {
  const t = useT();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const start = useStartAttempt();
  const [error, setError] = useState<string | null>(null);
  const { quiz } = data;
  const open = data.attempts.find((a) => a.id === data.openAttemptId) ?? data.attempts.find((a) => a.status === 'in_progress');
  const left = attemptsLeft(data);
  const limit = quiz.timeLimitMinutes ?? null;
  const questionCount = quiz.questionCount ?? quiz.slotCount;

  const doStart = () =>
    start.mutateAsync(quiz.id).then(
      (res) => navigate(attemptPath(res.attempt.id, courseId)),
      (err: Error) => setError(isApiError(err) || err instanceof Error ? err.message : String(err)),
    );

  const onStart = () => {
    setError(null);
    if (limit) {
      modal.confirm({
        title: t('quizStart.confirmTitle'),
        content: t('quizStart.confirmTimed', { n: formatNumber(limit) }),
        okText: t('quizStart.start'),
        cancelText: t('common.cancel'),
        onOk: doStart,
      });
    } else void doStart();
  };

  const columns: TableColumnsType<AttemptSummary> = [
    { title: t('qattempts.no'), dataIndex: 'attemptNo', key: 'no', width: 60, align: 'right' },
    { title: t('qattempts.status'), dataIndex: 'status', key: 'status', render: (s: AttemptSummary['status'], a) => <>{<AttemptStatusTag status={s} />}{a.counted === false && <span style={{ fontSize: 13 }}>{t('qattempts.notCounted')}</span>}</> },
    { title: t('qattempts.startedAt'), dataIndex: 'startedAt', key: 'started', render: (d: string) => formatVn(d) },
    { title: t('qattempts.submittedAt'), dataIndex: 'submittedAt', key: 'submitted', render: (d: string | null) => formatVn(d) || '—' },
    {
      title: t('qattempts.score'),
      key: 'score',
      align: 'right',
      render: (_: unknown, a) =>
        a.percent !== null && a.percent !== undefined ? (
          <>
            {a.score !== null && a.score !== undefined && `${formatMark(a.score)} / ${formatMark(a.maxScore)} · `}
            {formatPercent(a.percent)} <PassedTag passed={a.passed} />
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, a) =>
        a.status === 'in_progress' ? (
          <Link to={attemptPath(a.id, courseId)}>{t('quizStart.continue')}</Link>
        ) : a.reviewAvailable !== false ? (
          <Link to={`/learning/attempts/${a.id}/review${courseId ? `?course=${encodeURIComponent(courseId)}` : ''}`}>{t('quizStart.review', { n: a.attemptNo })}</Link>
        ) : null,
    },
  ];

  return (
    <>
      {courseId && (
        <div style={{ marginBottom: 8 }}>
          <Link to={`/learning/${courseId}`}>
            <LeftOutlined aria-hidden /> {t('quizStart.backToCourse')}
          </Link>
        </div>
      )}
      <Card style={{ marginBottom: 16 }}>
        {quiz.description && (
          // sanitised on the server
          <div style={{ marginBottom: 16, overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: quiz.description }} />
        )}
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('quizStart.rules')}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          {questionCount !== undefined && <Descriptions.Item label={t('quizStart.questions')}>{formatNumber(questionCount)}</Descriptions.Item>}
          {quiz.totalMarks !== undefined && <Descriptions.Item label={t('quizStart.totalMarks')}>{formatMark(quiz.totalMarks)}</Descriptions.Item>}
          <Descriptions.Item label={t('quizStart.timeLimit')}>
            {limit ? t('quizStart.minutes', { n: formatNumber(limit) }) : t('quizStart.noLimit')}
          </Descriptions.Item>
          <Descriptions.Item label={t('quizStart.attemptsAllowed')}>
            {quiz.maxAttempts ? formatNumber(quiz.maxAttempts) : t('quizStart.unlimited')}
          </Descriptions.Item>
          <Descriptions.Item label={t('quizStart.attemptsLeft')}>{left === null ? t('quizStart.unlimited') : formatNumber(left)}</Descriptions.Item>
          <Descriptions.Item label={t('quizStart.passMark')}>{formatPercent(quiz.passMark)}</Descriptions.Item>
          <Descriptions.Item label={t('quizStart.grading')}>{t(`quizzes.grading.${quiz.gradingMethod}`)}</Descriptions.Item>
          {quiz.openAt && <Descriptions.Item label={t('quizzes.field.openAt')}>{formatVn(quiz.openAt)}</Descriptions.Item>}
          {quiz.closeAt && <Descriptions.Item label={t('quizzes.field.closeAt')}>{formatVn(quiz.closeAt)}</Descriptions.Item>}
          {quiz.attemptDelayMinutes > 0 && (
            <Descriptions.Item label={t('quizzes.field.delay')}>{t('quizStart.minutes', { n: formatNumber(quiz.attemptDelayMinutes) })}</Descriptions.Item>
          )}
          {quiz.navigation === 'sequential' && <Descriptions.Item label={t('quizzes.field.navigation')}>{t('quizzes.navigation.sequential')}</Descriptions.Item>}
          {data.bestPercent !== null && data.bestPercent !== undefined && (
            <Descriptions.Item label={t('quizStart.best')}>{formatPercent(data.bestPercent)}</Descriptions.Item>
          )}
        </Descriptions>
        {limit && <p style={{ marginTop: 12 }}>{t('quizStart.timedNote', { n: formatNumber(limit) })}</p>}
        <p style={{ color: '#434343' }}>{t('quizStart.savedNote')}</p>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ margin: '12px 0' }} />}
        {!open && !data.canStart && (
          <Alert type="info" showIcon role="status" title={t('quizStart.cannotStart')} description={
              <>
                {isReason(data.reason) ? t(`quizStart.reason.${data.reason}`) : data.reason}
                {data.retryAt && <div>{t('quizStart.retryAt', { date: formatVn(data.retryAt) })}</div>}
              </>
            } style={{ margin: '12px 0' }} />
        )}
        <Flex wrap gap={8} style={{ marginTop: 12 }}>
          {open ? (
            <Button type="primary" size="large" icon={<RightOutlined aria-hidden />} onClick={() => navigate(attemptPath(open.id, courseId))}>
              {t('quizStart.continueAttempt', { n: open.attemptNo })}
            </Button>
          ) : (
            <Button type="primary" size="large" icon={<PlayCircleOutlined aria-hidden />} onClick={onStart} loading={start.isPending} disabled={!data.canStart}>
              {data.attempts.length ? t('quizStart.startAgain') : t('quizStart.start')}
            </Button>
          )}
        </Flex>
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('quizStart.yourAttempts')}</Typography.Title>}>
        <Table<AttemptSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.attempts}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: <Empty description={t('quizStart.noAttempts')} /> }}
        />
      </Card>
    </>
  );
}
