import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Grid, Modal, Row, Tag, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  FlagFilled,
  FlagOutlined,
  LeftOutlined,
  LoadingOutlined,
  RightOutlined,
  SendOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { learningKeys } from '../../learning/api/keys';
import type { AnyResponse, LearnerQuiz, Navigation, PlayerQuestion } from '../types';
import { clearStored, getSlot, isAnswered, pendingAnswers, retryDelay, saveStatus, submitBody, type SaveStatus } from '../attempt-sync';
import { ServerClock } from '../server-clock';
import { useAttemptSync, browserStorage } from '../use-attempt-sync';
import { goToPage, submitAttempt, type TimedAttempt } from '../api/my-quiz';
import { myQuizKeys } from '../api/keys';
import { QuestionAnswer } from './question-view';
import { QuestionNavigator, type NavEntry } from './question-navigator';
import { QuizTimer } from './quiz-timer';
import { formatMark } from './quiz-labels';

const hidden: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

/** Pages of questions: the server's `page` when given, else `perPage` at a time (0 = all on one page). */
export function paginate(questions: PlayerQuestion[], perPage: number): PlayerQuestion[][] {
  if (questions.length === 0) return [[]];
  if (questions.some((q) => typeof q.page === 'number')) {
    const pages = new Map<number, PlayerQuestion[]>();
    for (const q of questions) {
      const p = q.page ?? 0;
      pages.set(p, [...(pages.get(p) ?? []), q]);
    }
    return [...pages.entries()].sort((a, b) => a[0] - b[0]).map(([, qs]) => qs);
  }
  if (!perPage || perPage <= 0) return [questions];
  const out: PlayerQuestion[][] = [];
  for (let i = 0; i < questions.length; i += perPage) out.push(questions.slice(i, i + perPage));
  return out;
}

/** The automatic submit leaves this early so that it reaches the server before the deadline. */
export const AUTO_SUBMIT_LEAD_MS = 1000;

const pageKey = (attemptId: string) => `dakbla.attempt.${attemptId}.page`;

function readPage(attemptId: string): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(pageKey(attemptId)));
    return Number.isInteger(n) && n >= 0 ? n : 0;
  } catch {
    return 0;
  }
}

function SaveState({ status, error }: { status: SaveStatus; error?: string }) {
  const t = useT();
  const content =
    status === 'saved' ? (
      <span style={{ color: '#135200' }}>
        <CheckCircleOutlined aria-hidden /> {t('qplayer.save.saved')}
      </span>
    ) : status === 'saving' ? (
      <span style={{ color: '#434343' }}>
        <LoadingOutlined aria-hidden /> {t('qplayer.save.saving')}
      </span>
    ) : status === 'offline' ? (
      <span style={{ color: '#873800' }}>
        <DisconnectOutlined aria-hidden /> {t('qplayer.save.offline')}
      </span>
    ) : status === 'error' ? (
      <span style={{ color: '#a8071a' }}>
        <ExclamationCircleOutlined aria-hidden /> {t('qplayer.save.error', { message: error ?? '' })}
      </span>
    ) : null;
  return (
    <span role="status" style={{ fontSize: 13 }}>
      {content}
    </span>
  );
}

type Props = {
  timed: TimedAttempt;
  quiz: LearnerQuiz | undefined;
  /** reload the attempt from the server (GET) */
  reload: () => Promise<unknown>;
  courseId?: string | null;
};

/**
 * The attempt: questions by page, a navigator, the server-clock timer, answers saved as they change (with a save
 * state per question), offline queue and replay (attempt-sync), and submit with whatever was not saved yet.
 */
export function AttemptPlayer({ timed, quiz, reload }: Props) {
  const t = useT();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.lg === false;
  const attempt = timed.attempt;
  // every (re)load of the attempt is a server clock sample taken over its own round trip
  const [clock] = useState(() => {
    const c = new ServerClock();
    c.sync(timed.attempt.serverNow, timed.sentAt, timed.receivedAt);
    return c;
  });
  const firstTimed = useRef(timed);
  const [navOpen, setNavOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; offline: boolean } | null>(null);
  const [expired, setExpired] = useState(false);
  const [waitingServer, setWaitingServer] = useState(false);
  const submitFailures = useRef(0);
  const submitRetry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const autoSubmit = useRef(false);


  const { engine, snapshot } = useAttemptSync(attempt, clock, { onStale: () => void reload() });

  /** the server's current page (1-based; sequential navigation closes the pages before it) */
  const serverPage = useRef(attempt.currentPage ?? 1);

  useEffect(() => {
    if (firstTimed.current === timed) return;
    clock.sync(timed.attempt.serverNow, timed.sentAt, timed.receivedAt);
    serverPage.current = Math.max(serverPage.current, timed.attempt.currentPage ?? 1);
    if (timed.attempt.status === 'in_progress') engine.replaceFromServer(timed.attempt);
  }, [timed, clock, engine]);

  const navigation: Navigation = attempt.navigation ?? quiz?.navigation ?? 'free';
  const perPage = attempt.questionsPerPage ?? quiz?.questionsPerPage ?? 1;
  const pages = useMemo(() => paginate(attempt.questions, perPage), [attempt.questions, perPage]);
  const [page, setPageState] = useState(() =>
    Math.min(Math.max(readPage(attempt.id), navigation === 'sequential' ? (attempt.currentPage ?? 1) - 1 : 0), pages.length - 1),
  );
  const numbers = useMemo(() => {
    const map = new Map<number, number | null>();
    let n = 0;
    for (const q of attempt.questions) map.set(q.slot, q.type === 'description' ? null : ++n);
    return map;
  }, [attempt.questions]);
  const questionRefs = useRef(new Map<number, HTMLElement | null>());
  const locked = expired || submitting || !!snapshot.closed;

  const { modal } = App.useApp();
  const goTo = (next: number, focusSlot?: number, confirmed = false) => {
    if (next < 0 || next >= pages.length) return;
    if (navigation === 'sequential' && next < page) return;
    if (navigation === 'sequential' && next > page && !confirmed) {
      modal.confirm({
        title: t('qplayer.sequentialConfirmTitle'),
        content: t('qplayer.sequentialConfirm'),
        okText: t('qplayer.nextPage'),
        cancelText: t('common.cancel'),
        onOk: () => goTo(next, focusSlot, true),
      });
      return;
    }
    engine.flush();
    setPageState(next);
    try {
      globalThis.localStorage?.setItem(pageKey(attempt.id), String(next));
    } catch {
      /* the page is a convenience */
    }
    setNavOpen(false);
    const slot = focusSlot ?? pages[next][0]?.slot;
    requestAnimationFrame(() => {
      const el = slot !== undefined ? questionRefs.current.get(slot) : null;
      el?.focus();
      el?.scrollIntoView?.({ block: 'start' });
    });
  };

  const state = snapshot.state;
  const answerable = attempt.questions.filter((q) => q.type !== 'description');
  const unanswered = answerable.filter((q) => !isAnswered(getSlot(state, q.slot).response));
  const flagged = answerable.filter((q) => getSlot(state, q.slot).flagged);

  const entries: NavEntry[] = attempt.questions.map((q) => {
    const s = getSlot(state, q.slot);
    const onPage = pages[page]?.some((p) => p.slot === q.slot) ?? false;
    const qPage = pages.findIndex((p) => p.some((x) => x.slot === q.slot));
    return {
      slot: q.slot,
      number: numbers.get(q.slot) ?? null,
      answered: isAnswered(s.response),
      flagged: s.flagged,
      current: onPage,
      disabled: navigation === 'sequential' && qPage !== page,
    };
  });

  const finish = useCallback(
    (done: TimedAttempt) => {
      clearStored(browserStorage(), attempt.id);
      try {
        globalThis.localStorage?.removeItem(pageKey(attempt.id));
      } catch {
        /* nothing */
      }
      queryClient.setQueryData(myQuizKeys.attempt(attempt.id), done);
      void queryClient.invalidateQueries({ queryKey: myQuizKeys.quiz(attempt.quizId) });
      void queryClient.invalidateQueries({ queryKey: learningKeys.all });
    },
    [attempt.id, attempt.quizId, queryClient],
  );

  const submit = useCallback(async () => {
    if (submitRetry.current) clearTimeout(submitRetry.current);
    submitRetry.current = null;
    engine.flush();
    engine.pause();
    const body = submitBody(engine.getSnapshot().state);
    setSubmitting(true);
    setSubmitError(null);
    try {
      const done = await submitAttempt({ attemptId: attempt.id, answers: body.answers });
      engine.markSubmitted(body.answers);
      clock.sync(done.attempt.serverNow, done.sentAt, done.receivedAt);
      setConfirming(false);
      finish(done);
    } catch (err) {
      engine.resume();
      setSubmitting(false);
      if (isApiError(err) && (err.code === 'ATTEMPT_CLOSED' || err.code === 'ATTEMPT_DEADLINE_PASSED' || err.status === 404)) {
        setConfirming(false);
        setWaitingServer(true);
        void reload();
        return;
      }
      const offline = !isApiError(err) || err.status === 0 || err.status >= 500;
      setSubmitError({ message: err instanceof Error ? err.message : String(err), offline });
      if (offline && autoSubmit.current) {
        // time is up: keep trying until the server takes it (or finalises the attempt itself)
        submitFailures.current += 1;
        submitRetry.current = setTimeout(() => void submit(), retryDelay(submitFailures.current));
      }
    }
  }, [attempt.id, clock, engine, finish, reload]);

  // back online: a failed submit is retried at once
  useEffect(() => {
    const online = () => {
      if (submitError?.offline && (autoSubmit.current || confirming)) void submit();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [submitError, submit, confirming]);

  useEffect(() => () => {
    if (submitRetry.current) clearTimeout(submitRetry.current);
  }, []);

  // the server closed the attempt (a save answered 409): show it and reload its state
  useEffect(() => {
    if (snapshot.closed) {
      setWaitingServer(true);
      void reload();
    }
  }, [snapshot.closed, reload]);

  // waiting for the server to finalise (deadline + grace, the 15 s job): poll the attempt
  useEffect(() => {
    if (!waitingServer) return;
    const id = setInterval(() => void reload(), 5000);
    return () => clearInterval(id);
  }, [waitingServer, reload]);

  // back from a hidden tab or a sleeping phone: resynchronise the clock and the answers
  useEffect(() => {
    const visible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', visible);
    return () => document.removeEventListener('visibilitychange', visible);
  }, [reload]);

  // Sequential navigation: once every answer of the pages left behind is saved, tell the server the new page
  // (saving first matters: the server refuses answers on closed pages). Retried while offline or failing.
  const [pageTick, setPageTick] = useState(0);
  const pageSending = useRef(false);
  useEffect(() => {
    if (navigation !== 'sequential' || locked) return;
    const want = page + 1;
    if (want <= serverPage.current || pageSending.current || snapshot.offline) return;
    const behind = new Set(pages.slice(0, page).flat().map((q) => q.slot));
    if (pendingAnswers(snapshot.state).some((p) => behind.has(p.slot))) return;
    pageSending.current = true;
    let retry: ReturnType<typeof setTimeout> | null = null;
    goToPage(attempt.id, want)
      .then(
        (r) => {
          serverPage.current = Math.max(serverPage.current, r.currentPage);
        },
        (err: unknown) => {
          if (isApiError(err) && (err.code === 'ATTEMPT_CLOSED' || err.code === 'ATTEMPT_DEADLINE_PASSED')) void reload();
          else if (isApiError(err) && err.code === 'PAGE_LOCKED') serverPage.current = want;
          else retry = setTimeout(() => setPageTick((n) => n + 1), 3000);
        },
      )
      .finally(() => {
        pageSending.current = false;
        if (!retry) setPageTick((n) => n + 1);
      });
  }, [navigation, locked, page, pages, snapshot, attempt.id, reload, pageTick]);

  const onExpire = useCallback(() => {
    setExpired(true);
    autoSubmit.current = true;
    void submit();
  }, [submit]);

  const change = (slot: number, response: AnyResponse | null, holdMs?: number) => {
    if (locked) return;
    engine.change(slot, { response }, holdMs);
  };
  const toggleFlag = (slot: number) => {
    if (locked) return;
    engine.change(slot, { flagged: !getSlot(state, slot).flagged });
  };

  const title = attempt.quizTitle ?? quiz?.title ?? '';
  const current = pages[page] ?? [];
  const isLast = page === pages.length - 1;

  const navigator = (
    <QuestionNavigator
      entries={entries}
      onSelect={(slot) => {
        const target = pages.findIndex((p) => p.some((q) => q.slot === slot));
        if (target === page) {
          const el = questionRefs.current.get(slot);
          el?.focus();
          el?.scrollIntoView?.({ block: 'start' });
          setNavOpen(false);
        } else goTo(target, slot);
      }}
    />
  );

  return (
    <>
      <div className="quiz-toolbar" style={{ position: 'sticky', top: 0, zIndex: 10, background: '#f5f5f5', padding: '8px 0', marginBottom: 8 }}>
        <Flex wrap gap={8} align="center" justify="space-between">
          <Flex wrap gap={8} align="center">
            {attempt.deadlineAt && <QuizTimer clock={clock} deadlineAt={attempt.deadlineAt} onExpire={onExpire} leadMs={AUTO_SUBMIT_LEAD_MS} />}
            {snapshot.offline && (
              <Tag color="#873800" icon={<DisconnectOutlined aria-hidden />}>
                {t('qplayer.offlineTag')}
              </Tag>
            )}
          </Flex>
          <Flex gap={8} align="center">
            {isMobile && (
              <Button icon={<UnorderedListOutlined aria-hidden />} aria-expanded={navOpen} aria-controls="quiz-nav-panel" onClick={() => setNavOpen(!navOpen)}>
                {t('qplayer.questionsButton', { n: answerable.length - unanswered.length, total: answerable.length })}
              </Button>
            )}
            <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={() => setConfirming(true)} disabled={submitting || expired || !!snapshot.closed}>
              {t('qplayer.submit')}
            </Button>
          </Flex>
        </Flex>
        {isMobile && navOpen && (
          <Card id="quiz-nav-panel" size="small" style={{ marginTop: 8 }}>
            {navigator}
          </Card>
        )}
      </div>

      <div aria-live="polite" style={hidden}>
        {snapshot.offline ? t('qplayer.offlineAnnounce') : ''}
      </div>
      {snapshot.offline && (
        <Alert type="warning" showIcon icon={<DisconnectOutlined aria-hidden />} title={t('qplayer.offlineTitle')} description={t('qplayer.offlineText')} style={{ marginBottom: 12 }} />
      )}
      {snapshot.storageFailed && <Alert type="warning" showIcon title={t('qplayer.storageFailed')} style={{ marginBottom: 12 }} />}
      {(expired || snapshot.closed || waitingServer) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={expired ? t('qplayer.timeUp') : t('qplayer.closed')}
          description={
            submitting
              ? t('qplayer.submittingAuto')
              : submitError?.offline
                ? t('qplayer.timeUpOffline')
                : (snapshot.closed?.message ?? (waitingServer ? t('qplayer.waitingServer') : undefined))
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {submitError && !confirming && !expired && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={submitError.offline ? t('qplayer.submitOffline') : t('qplayer.submitFailed')}
          description={submitError.message}
          action={<Button onClick={() => void submit()}>{t('common.retry')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}

      <Row gutter={[24, 16]}>
        <Col xs={24} lg={17}>
          {pages.length > 1 && (
            <div style={{ color: '#434343', marginBottom: 8 }}>{t('qplayer.pageOf', { n: page + 1, total: pages.length })}</div>
          )}
          {current.map((q) => {
            const s = getSlot(state, q.slot);
            const num = numbers.get(q.slot) ?? null;
            const headingId = `q-${q.slot}-heading`;
            const status = saveStatus(s, snapshot);
            return (
              <Card
                key={q.slot}
                style={{ marginBottom: 16 }}
                styles={{ body: { padding: isMobile ? 12 : 24 } }}
              >
                <section aria-labelledby={headingId}>
                  <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 8 }}>
                    <Typography.Title
                      level={2}
                      id={headingId}
                      tabIndex={-1}
                      ref={(el: HTMLElement | null) => {
                        questionRefs.current.set(q.slot, el);
                      }}
                      style={{ fontSize: 16, margin: 0, outline: 'none', scrollMarginTop: 72 }}
                    >
                      {num === null ? t('qplayer.information') : t('qplayer.questionN', { n: num })}
                      {q.type !== 'description' && (
                        <span style={{ fontWeight: 400, color: '#434343', fontSize: 14 }}> · {t('qplayer.marks', { n: formatMark(q.mark) })}</span>
                      )}
                    </Typography.Title>
                    {q.type !== 'description' && (
                      <Button
                        size="small"
                        type={s.flagged ? 'primary' : 'default'}
                        danger={s.flagged}
                        icon={s.flagged ? <FlagFilled aria-hidden /> : <FlagOutlined aria-hidden />}
                        aria-pressed={s.flagged}
                        onClick={() => toggleFlag(q.slot)}
                        disabled={locked}
                      >
                        {s.flagged ? t('qplayer.unflag') : t('qplayer.flag')}
                      </Button>
                    )}
                  </Flex>
                  {/* sanitised HTML from the server */}
                  <div className="quiz-question-text" style={{ lineHeight: 1.7, overflowWrap: 'anywhere', marginBottom: 12 }} dangerouslySetInnerHTML={{ __html: q.text }} />
                  <QuestionAnswer
                    question={q}
                    labelledBy={headingId}
                    response={s.response}
                    onChange={(r, hold) => change(q.slot, r, hold)}
                    onCommit={() => engine.flush()}
                    disabled={locked}
                  />
                  {q.type !== 'description' && (
                    <div style={{ marginTop: 8, minHeight: 20 }}>
                      <SaveState status={status} error={s.error?.message} />
                    </div>
                  )}
                </section>
              </Card>
            );
          })}
          <Flex wrap gap={8} justify="space-between">
            <Button icon={<LeftOutlined aria-hidden />} onClick={() => goTo(page - 1)} disabled={page === 0 || navigation === 'sequential'}>
              {t('qplayer.prevPage')}
            </Button>
            {isLast ? (
              <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={() => setConfirming(true)} disabled={submitting || expired || !!snapshot.closed}>
                {t('qplayer.finish')}
              </Button>
            ) : (
              <Button type="primary" onClick={() => goTo(page + 1)}>
                {t('qplayer.nextPage')} <RightOutlined aria-hidden />
              </Button>
            )}
          </Flex>
          {navigation === 'sequential' && <p style={{ color: '#434343', fontSize: 13, marginTop: 8 }}>{t('qplayer.sequentialNote')}</p>}
        </Col>
        {!isMobile && (
          <Col lg={7}>
            <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{title || t('qplayer.navigator')}</h2>} style={{ position: 'sticky', top: 72 }}>
              {navigator}
            </Card>
          </Col>
        )}
      </Row>

      <Modal
        open={confirming}
        title={t('qplayer.confirmTitle')}
        onCancel={() => !submitting && setConfirming(false)}
        footer={[
          <Button key="back" onClick={() => setConfirming(false)} disabled={submitting}>
            {t('qplayer.keepWorking')}
          </Button>,
          <Button key="submit" type="primary" icon={<CloudUploadOutlined aria-hidden />} loading={submitting} onClick={() => void submit()}>
            {t('qplayer.confirmSubmit')}
          </Button>,
        ]}
      >
        {unanswered.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('qplayer.unansweredCount', { n: formatNumber(unanswered.length) })}
            description={t('qplayer.unansweredList', { list: unanswered.map((q) => numbers.get(q.slot)).join(', ') })}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <p>{t('qplayer.allAnswered', { n: formatNumber(answerable.length) })}</p>
        )}
        {flagged.length > 0 && <p>{t('qplayer.flaggedCount', { n: formatNumber(flagged.length) })}</p>}
        {snapshot.offline && <p>{t('qplayer.confirmOffline')}</p>}
        <p>{t('qplayer.confirmText')}</p>
        {submitError && (
          <Alert type="error" showIcon role="alert" title={submitError.offline ? t('qplayer.submitOffline') : t('qplayer.submitFailed')} description={submitError.message} />
        )}
      </Modal>
    </>
  );
}
