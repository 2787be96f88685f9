import { Link } from 'react-router';
import { Alert, Card, Flex, Result, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { TAG } from '../../courses/components/tag-colors';
import type { AnswerState, AnyResponse, Attempt, AttemptReview, Keyed, PlayerQuestion } from '../types';
import { QuestionAnswer } from './question-view';
import { formatMark, formatPercent, PassedTag } from './quiz-labels';
import { formatVn } from '../vn-time';

const withCourse = (path: string, courseId?: string | null) => (courseId ? `${path}?course=${encodeURIComponent(courseId)}` : path);

/** After submit (or when the server finalised the attempt): the score as far as the review rules allow. */
export function AttemptDone({ attempt, courseId }: { attempt: Attempt; courseId?: string | null }) {
  const t = useT();
  const r = attempt.result;
  const pending = attempt.status === 'needs_grading';
  return (
    <Card>
      <Result
        status={r?.passed === false ? 'warning' : 'success'}
        title={<h2 style={{ fontSize: 22, margin: 0 }}>{t('qresult.submitted')}</h2>}
        subTitle={
          <span style={{ color: '#434343' }}>
            {attempt.submittedAt ? t('qresult.submittedAt', { date: formatVn(attempt.submittedAt) }) : t('qresult.closed')}
          </span>
        }
        extra={
          <Flex vertical gap={12} align="center">
            {r && r.percent !== null && r.percent !== undefined ? (
              <div style={{ fontSize: 18 }} role="status">
                {t('qresult.score', { score: formatMark(r.score), max: formatMark(r.maxScore), percent: formatPercent(r.percent) })} <PassedTag passed={r.passed} />
              </div>
            ) : (
              !pending && <div style={{ color: '#434343' }}>{t('qresult.scoreHidden')}</div>
            )}
            {pending && <Alert type="info" showIcon title={t('qresult.needsGrading')} />}
            <Flex wrap gap={12} justify="center">
              <Link to={withCourse(`/learning/attempts/${attempt.id}/review`, courseId)}>{t('qresult.review')}</Link>
              <Link to={withCourse(`/learning/quizzes/${attempt.quizId}`, courseId)}>{t('qresult.backToQuiz')}</Link>
              {courseId && <Link to={`/learning/${courseId}`}>{t('quizStart.backToCourse')}</Link>}
            </Flex>
          </Flex>
        }
      />
    </Card>
  );
}

function StateTag({ state }: { state: AnswerState | undefined }) {
  const t = useT();
  switch (state) {
    case 'correct':
      return <Tag color={TAG.green} icon={<CheckCircleFilled aria-hidden />}>{t('qreview.correct')}</Tag>;
    case 'partial':
      return <Tag color={TAG.gold} icon={<MinusCircleFilled aria-hidden />}>{t('qreview.partial')}</Tag>;
    case 'wrong':
      return <Tag color={TAG.red} icon={<CloseCircleFilled aria-hidden />}>{t('qreview.incorrect')}</Tag>;
    case 'needs_grading':
      return <Tag color={TAG.orange}>{t('qreview.needsGrading')}</Tag>;
    case 'graded':
      return <Tag color={TAG.blue}>{t('qreview.graded')}</Tag>;
    case 'unanswered':
      return <Tag>{t('qreview.notAnswered')}</Tag>;
    default:
      return null;
  }
}

const html = (text: string) => ({ __html: text });

/** A response written out with the question's own option texts (the right answer of the review). */
export function ResponseSummary({ question, response }: { question: PlayerQuestion; response: AnyResponse | null | undefined }) {
  const t = useT();
  if (!response) return <em>{t('qgrading.noResponse')}</em>;
  const text = (list: Keyed[] | undefined, key: string) => list?.find((o) => o.key === key)?.text ?? key;
  if (typeof response.choice === 'string') return <span dangerouslySetInnerHTML={html(text(question.options, response.choice))} />;
  if (Array.isArray(response.choices)) {
    return (
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {response.choices.map((k) => (
          <li key={k} dangerouslySetInnerHTML={html(text(question.options, k))} />
        ))}
      </ul>
    );
  }
  if (Array.isArray(response.order)) {
    return (
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {response.order.map((k) => (
          <li key={k} dangerouslySetInnerHTML={html(text(question.items, k))} />
        ))}
      </ol>
    );
  }
  if (response.pairs) {
    return (
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {Object.entries(response.pairs).map(([l, r]) => (
          <li key={l}>
            <span dangerouslySetInnerHTML={html(text(question.left, l))} /> → {text(question.right, r)}
          </li>
        ))}
      </ul>
    );
  }
  if (typeof response.text === 'string') return <span style={{ whiteSpace: 'pre-wrap' }}>{response.text}</span>;
  if (typeof response.number === 'string') return <span>{response.number}</span>;
  return <em>{t('qgrading.noResponse')}</em>;
}

/** The review of an attempt: each question with the learner's answer, and what the quiz's review rules allow. */
export function AttemptReviewView({ review, courseId }: { review: AttemptReview; courseId?: string | null }) {
  const t = useT();
  const a = review.attempt;
  const r = a.result;
  let n = 0;
  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Link to={withCourse(`/learning/quizzes/${a.quizId}`, courseId)}>{t('qresult.backToQuiz')}</Link>
        {courseId && <Link to={`/learning/${courseId}`}>{t('quizStart.backToCourse')}</Link>}
      </Flex>
      <Card style={{ marginBottom: 16 }}>
        <Flex wrap gap={24}>
          <div>
            {t('qattempts.startedAt')}: {formatVn(a.startedAt)}
          </div>
          <div>
            {t('qattempts.submittedAt')}: {formatVn(a.submittedAt) || '—'}
          </div>
          {review.shows.score && r && r.percent !== null && r.percent !== undefined && (
            <div role="status">
              {t('qresult.score', { score: formatMark(r.score), max: formatMark(r.maxScore), percent: formatPercent(r.percent) })} <PassedTag passed={r.passed} />
            </div>
          )}
        </Flex>
        {!review.shows.correctAnswers && <div style={{ color: '#434343', marginTop: 8, fontSize: 13 }}>{t('qreview.noRightAnswers')}</div>}
      </Card>
      {review.questions.map((q) => {
        const num = q.type === 'description' ? null : ++n;
        const headingId = `review-q-${q.slot}`;
        const specific = q.feedback?.specific.filter(Boolean) ?? [];
        return (
          <Card key={q.slot} style={{ marginBottom: 16 }}>
            <section aria-labelledby={headingId}>
              <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 8 }}>
                <Typography.Title level={2} id={headingId} style={{ fontSize: 16, margin: 0 }}>
                  {num === null ? t('qplayer.information') : t('qplayer.questionN', { n: num })}
                </Typography.Title>
                {q.type !== 'description' && (
                  <Flex gap={8} align="center" wrap>
                    <StateTag state={q.state} />
                    {q.awarded !== undefined && (
                      <span>{t('qreview.mark', { mark: formatMark(q.awarded), max: formatMark(q.mark) })}</span>
                    )}
                  </Flex>
                )}
              </Flex>
              <div style={{ lineHeight: 1.7, overflowWrap: 'anywhere', marginBottom: 12 }} dangerouslySetInnerHTML={html(q.text)} />
              <QuestionAnswer question={q} labelledBy={headingId} response={q.response} onChange={() => undefined} disabled />
              {q.rightAnswer && (
                <Alert
                  type="success"
                  style={{ marginTop: 12 }}
                  title={t('qreview.rightAnswer')}
                  description={
                    <>
                      <ResponseSummary question={q} response={q.rightAnswer.response} />
                      {q.rightAnswer.accepted && q.rightAnswer.accepted.length > 1 && (
                        <div style={{ marginTop: 6 }}>
                          {t('qreview.accepted')}{' '}
                          {q.rightAnswer.accepted.map((x) => `${x.text} (${formatPercent(x.percent)})`).join('; ')}
                        </div>
                      )}
                    </>
                  }
                />
              )}
              {specific.length > 0 && (
                <Alert type="info" style={{ marginTop: 12 }} title={t('qreview.feedback')} description={specific.map((f, i) => <div key={i} dangerouslySetInnerHTML={html(f)} />)} />
              )}
              {q.feedback?.general && (
                <Alert type="info" style={{ marginTop: 12 }} title={t('qreview.generalFeedback')} description={<div dangerouslySetInnerHTML={html(q.feedback.general)} />} />
              )}
              {q.graderComment && (
                <Alert type="info" style={{ marginTop: 12 }} title={t('qreview.comment')} description={<span style={{ whiteSpace: 'pre-wrap' }}>{q.graderComment}</span>} />
              )}
            </section>
          </Card>
        );
      })}
    </>
  );
}
