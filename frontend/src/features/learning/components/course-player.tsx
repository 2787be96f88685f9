import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Drawer, Flex, Grid, Progress, Row, Tag, Typography } from 'antd';
import {
  CheckCircleFilled,
  CheckOutlined,
  LeftOutlined,
  LockOutlined,
  MenuOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Player, PlayerItem, ProgressEvent } from '../../courses/types';
import { usePostProgress } from '../api/post-progress';
import { DueTags } from './learning-labels';
import { videoSource } from './video';
import { TAG } from '../../courses/components/tag-colors';
import { AttachmentList } from '../../courses/components/attachment-list';
import { QuizItemEntry } from '../../quizzes/components/quiz-item-entry';

type FlatItem = PlayerItem & { sectionTitle: string; index: number };

function flatten(player: Player): FlatItem[] {
  const out: FlatItem[] = [];
  for (const s of player.sections) for (const item of s.items) out.push({ ...item, sectionTitle: s.title, index: out.length });
  return out;
}

function firstOpen(items: FlatItem[], resumeItemId: string | null): string | null {
  const resume = items.find((i) => i.id === resumeItemId && i.status !== 'locked');
  if (resume) return resume.id;
  return (items.find((i) => i.status !== 'locked' && i.status !== 'completed') ?? items.find((i) => i.status !== 'locked'))?.id ?? null;
}

function ItemStatusIcon({ item }: { item: PlayerItem }) {
  if (item.status === 'locked') return <LockOutlined aria-hidden style={{ color: '#595959' }} />;
  if (item.status === 'completed') return <CheckCircleFilled aria-hidden style={{ color: '#389e0d' }} />;
  return <PlayCircleOutlined aria-hidden style={{ color: '#0958d9' }} />;
}

function OutlineNav({
  player,
  currentId,
  onSelect,
}: {
  player: Player;
  currentId: string | null;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  return (
    <nav aria-label={t('player.outline')}>
      {player.sections.map((section) => (
        <div key={section.id} style={{ marginBottom: 12 }}>
          <Typography.Title level={3} style={{ fontSize: 15, margin: '8px 0' }}>
            {section.title}
          </Typography.Title>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {section.items.map((item) => {
              const locked = item.status === 'locked';
              const name =
                item.status === 'locked'
                  ? t('player.lockedItem', { title: item.title })
                  : item.status === 'completed'
                    ? t('player.completedItem', { title: item.title })
                    : item.status === 'in_progress'
                      ? t('player.inProgressItem', { title: item.title, n: Math.round(item.progress) })
                      : item.title;
              return (
                <li key={item.id} style={{ marginBottom: 4 }}>
                  <Button
                    type={item.id === currentId ? 'primary' : 'text'}
                    ghost={item.id === currentId}
                    disabled={locked}
                    aria-current={item.id === currentId ? 'step' : undefined}
                    aria-label={name}
                    icon={<ItemStatusIcon item={item} />}
                    onClick={() => onSelect(item.id)}
                    style={{ width: '100%', justifyContent: 'flex-start', height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                  >
                    <span>
                      {item.title}
                      {item.status === 'in_progress' && item.progress > 0 && (
                        <span style={{ color: '#434343' }}> · {Math.round(item.progress)}%</span>
                      )}
                    </span>
                  </Button>
                  {locked && item.lockReason && (
                    <div style={{ fontSize: 13, color: '#434343', paddingInlineStart: 40 }}>{item.lockReason}</div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** Watches an end marker under the lesson and calls onEnd once it scrolls into view. */
function EndMarker({ onEnd, label }: { onEnd: () => void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onEndRef.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} data-testid="lesson-end" style={{ padding: '8px 0', color: '#434343', fontSize: 13, textAlign: 'center' }}>
      — {label} —
    </div>
  );
}

function LessonVideo({
  item,
  onShare,
}: {
  item: PlayerItem;
  onShare: (share: number) => void;
}) {
  const t = useT();
  const source = videoSource(item.videoUrl);
  const maxShare = useRef(0);
  if (!source) return null;
  const title = t('player.video', { title: item.title });
  if (source.kind === 'video') {
    return (
      <video
        src={source.src}
        controls
        preload="metadata"
        aria-label={title}
        style={{ width: '100%', maxHeight: 480, background: '#000', borderRadius: 8 }}
        onTimeUpdate={(e) => {
          const v = e.currentTarget;
          if (!v.duration || !Number.isFinite(v.duration)) return;
          const share = Math.min(100, Math.round((v.currentTime / v.duration) * 100));
          // Report each 10 % step once.
          if (Math.floor(share / 10) > Math.floor(maxShare.current / 10)) {
            maxShare.current = share;
            onShare(share);
          }
        }}
        onEnded={() => {
          if (maxShare.current < 100) {
            maxShare.current = 100;
            onShare(100);
          }
        }}
      />
    );
  }
  return (
    <div style={{ position: 'relative', paddingTop: '56.25%', borderRadius: 8, overflow: 'hidden', background: '#000' }}>
      <iframe
        src={source.src}
        title={title}
        allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture"
        allowFullScreen
        referrerPolicy="strict-origin-when-cross-origin"
        style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', border: 0 }}
      />
    </div>
  );
}

export function CoursePlayer({ player, courseId, readOnly = false }: { player: Player; courseId: string; readOnly?: boolean }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.lg === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const items = useMemo(() => flatten(player), [player]);
  const [currentId, setCurrentId] = useState<string | null>(() => firstOpen(items, player.resumeItemId));
  const current = items.find((i) => i.id === currentId) ?? null;
  const progress = usePostProgress();
  const [error, setError] = useState<{ message: string; retry: ProgressEvent & { itemId: string } } | null>(null);
  const sentOpened = useRef(new Set<string>());
  const sentComplete = useRef(new Set<string>());
  const contentRef = useRef<HTMLDivElement>(null);

  // Events are sent one after the other so an older Player answer never replaces a newer one.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const send = useCallback(
    (itemId: string, event: ProgressEvent, { silent = false } = {}) => {
      if (readOnly) return;
      setError(null);
      queue.current = queue.current.then(() =>
        progress.mutateAsync({ courseId, itemId, ...event }).catch((err: unknown) => {
          if (event.event === 'completed') sentComplete.current.delete(itemId);
          if (silent && !(isApiError(err) && err.code === 'ITEM_LOCKED')) return;
          setError({ message: err instanceof Error ? err.message : String(err), retry: { itemId, ...event } });
        }),
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [courseId, readOnly],
  );

  // "opened" once per item and visit of the page; never for a locked item.
  useEffect(() => {
    if (!current || current.status === 'locked' || current.status === 'completed') return;
    if (sentOpened.current.has(current.id)) return;
    sentOpened.current.add(current.id);
    send(current.id, { event: 'opened' }, { silent: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.id]);

  const complete = (item: FlatItem, extra: Partial<ProgressEvent> = {}) => {
    if (item.status === 'locked' || item.status === 'completed' || sentComplete.current.has(item.id)) return;
    sentComplete.current.add(item.id);
    send(item.id, { event: 'completed', ...extra });
  };

  const select = (id: string) => {
    const target = items.find((i) => i.id === id);
    if (!target || target.status === 'locked') return;
    setCurrentId(id);
    setError(null);
    setDrawerOpen(false);
    requestAnimationFrame(() => contentRef.current?.focus());
  };

  const prev = current ? items[current.index - 1] : undefined;
  const next = current ? items[current.index + 1] : undefined;
  const saving = progress.isPending;

  const outline = <OutlineNav player={player} currentId={currentId} onSelect={select} />;
  const lessonRule = current?.type === 'lesson' ? (current.completionRule ?? 'confirm') : null;
  const source = current?.type === 'lesson' ? videoSource(current.videoUrl) : null;
  // Rules the browser cannot observe fall back to the learner's confirmation.
  const showConfirm =
    !readOnly &&
    !!current &&
    current.status !== 'completed' &&
    current.type === 'lesson' &&
    (lessonRule === 'confirm' ||
      (lessonRule === 'opened_to_end' && typeof IntersectionObserver === 'undefined') ||
      (lessonRule === 'video_share' && source?.kind !== 'video'));

  return (
    <>
      {!readOnly && (<Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Link to="/learning">
          <LeftOutlined aria-hidden /> {t('player.back')}
        </Link>
        <DueTags course={player.enrolment} />
        {player.enrolment.dueDate && (
          <span style={{ color: '#434343' }}>{t('learning.due', { date: formatDate(player.enrolment.dueDate) })}</span>
        )}
      </Flex>)}
      <Progress
        percent={Math.round(player.enrolment.progress)}
        aria-label={t('player.courseProgress')}
        status={player.enrolment.status === 'completed' ? 'success' : 'normal'}
        style={{ marginBottom: 16 }}
      />
      {isMobile && (
        <>
          <Button icon={<MenuOutlined aria-hidden />} onClick={() => setDrawerOpen(true)} aria-expanded={drawerOpen} style={{ marginBottom: 12 }}>
            {t('player.openOutline')}
          </Button>
          <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={320} title={t('player.outline')}>
            {outline}
          </Drawer>
        </>
      )}
      <Row gutter={[24, 16]}>
        {!isMobile && (
          <Col lg={8} xl={7}>
            <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('player.outline')}</h2>}>
              {outline}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={16} xl={17}>
          {items.length === 0 ? (
            <Alert type="info" showIcon title={t('player.noItems')} />
          ) : !current ? (
            <Alert type="info" showIcon title={t('player.selectItem')} />
          ) : (
            <section aria-labelledby="player-item-title">
              <div ref={contentRef} tabIndex={-1} style={{ outline: 'none' }}>
                <div style={{ color: '#434343', fontSize: 13 }}>
                  {current.sectionTitle} · {t('player.itemOf', { n: current.index + 1, total: items.length })}
                </div>
                <Typography.Title level={2} id="player-item-title" style={{ fontSize: 20, marginTop: 4 }}>
                  {current.title}
                </Typography.Title>
                <Flex wrap gap={4} style={{ marginBottom: 12 }}>
                  {current.required && <Tag>{t('player.required')}</Tag>}
                  {current.isFinal && <Tag color={TAG.purple}>{t('player.final')}</Tag>}
                  {current.status === 'completed' && (
                    <Tag color={TAG.green} icon={<CheckCircleFilled aria-hidden />}>
                      {t('player.completed')}
                    </Tag>
                  )}
                </Flex>
              </div>
              {current.type === 'lesson' && (
                <>
                  {source && (
                    <div style={{ marginBottom: 16 }}>
                      <LessonVideo
                        key={current.id}
                        item={current}
                        onShare={(share) => {
                          if (current.status === 'completed') return;
                          if (lessonRule === 'video_share' && share >= (current.videoShare ?? 100)) complete(current, { share });
                          else if (!saving) send(current.id, { event: 'progress', share }, { silent: true });
                        }}
                      />
                      {lessonRule === 'video_share' && (
                        <div style={{ color: '#434343', fontSize: 13, marginTop: 4 }}>
                          {t('player.videoRule', { n: current.videoShare ?? 100 })}
                        </div>
                      )}
                    </div>
                  )}
                  {current.bodyHtml && (
                    // Sanitised on the server (docs/api-courses.md, PUT outline).
                    <div className="lesson-body" style={{ lineHeight: 1.7, overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: current.bodyHtml }} />
                  )}
                  {(current.attachments?.length ?? 0) > 0 && (
                    <section aria-labelledby="player-attachments" style={{ marginTop: 16 }}>
                      <Typography.Title level={3} id="player-attachments" style={{ fontSize: 16, margin: '0 0 4px' }}>
                        {t('attachments.title')}
                      </Typography.Title>
                      <AttachmentList courseId={player.course.id} itemId={current.id} attachments={current.attachments ?? []} />
                    </section>
                  )}
                  {lessonRule === 'opened_to_end' && (
                    <EndMarker
                      key={current.id}
                      label={current.status === 'completed' ? t('player.endReached') : t('player.endOfLesson')}
                      onEnd={() => complete(current)}
                    />
                  )}
                </>
              )}
              {current.type === 'quiz' &&
                (current.quizId ? (
                  <QuizItemEntry item={current} courseId={courseId} readOnly={readOnly} />
                ) : (
                  <Alert type="info" showIcon title={t('player.quizPending', { n: current.minScore ?? 0 })} />
                ))}
              {current.type === 'attendance' && (
                <Alert type="info" showIcon title={t('player.attendancePending', { n: current.minShare ?? 0 })} />
              )}
              {saving && (
                <div role="status" style={{ color: '#434343', marginTop: 12 }}>
                  {t('player.saving')}
                </div>
              )}
              {error && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  style={{ marginTop: 12 }}
                  title={t('player.saveFailed')}
                  description={error.message}
                  action={
                    <Button
                      icon={<ReloadOutlined aria-hidden />}
                      disabled={saving}
                      onClick={() => {
                        const { itemId, ...event } = error.retry;
                        if (event.event === 'completed') sentComplete.current.add(itemId);
                        send(itemId, event);
                      }}
                    >
                      {t('common.retry')}
                    </Button>
                  }
                />
              )}
              <Flex wrap gap={8} justify="space-between" style={{ marginTop: 24 }}>
                <Button icon={<LeftOutlined aria-hidden />} disabled={!prev || prev.status === 'locked'} onClick={() => prev && select(prev.id)}>
                  {t('player.previous')}
                </Button>
                {showConfirm && (
                  <Button
                    type="primary"
                    icon={<CheckOutlined aria-hidden />}
                    loading={saving && sentComplete.current.has(current.id)}
                    disabled={saving}
                    onClick={() => complete(current)}
                  >
                    {t('player.markComplete')}
                  </Button>
                )}
                <Button
                  type={current.status === 'completed' ? 'primary' : 'default'}
                  disabled={!next || next.status === 'locked'}
                  onClick={() => next && select(next.id)}
                  aria-describedby={next?.status === 'locked' && next.lockReason ? 'player-next-lock' : undefined}
                >
                  {t('player.next')} <RightOutlined aria-hidden />
                </Button>
              </Flex>
              {next?.status === 'locked' && next.lockReason && (
                <div id="player-next-lock" style={{ color: '#434343', fontSize: 13, marginTop: 8, textAlign: 'end' }}>
                  <LockOutlined aria-hidden /> {next.lockReason}
                </div>
              )}
            </section>
          )}
        </Col>
      </Row>
    </>
  );
}
