import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Col, Empty, Flex, Progress, Row, Skeleton, Typography } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { NotFound } from '../../../components/ui/not-found';
import { QueryError } from '../../../components/ui/query-error';
import type { LiveItem, MarkCounts } from '../types';
import { useCheckInScreen } from '../api/get-check-in-screen';
import { getCheckIns } from '../api/get-check-ins';
import { useMarks } from '../api/get-marks';
import { formatVnDate, formatVnTime } from '../time';
import { CountsBar, statusLabel } from './marking-page';
import { QrCode } from './qr-code';
import '../attendance.css';

const LIVE_POLL_MS = 3000;

/** The live list: newest check-ins and marks first, polled with the server's cursor (only what changed). */
function useLiveList(sessionId: string) {
  const [items, setItems] = useState<Map<string, LiveItem>>(new Map());
  const [counts, setCounts] = useState<MarkCounts | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let cursor: string | undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const res = await getCheckIns(sessionId, cursor, controller.signal);
        if (stopped) return;
        cursor = res.cursor;
        setCounts(res.counts);
        setError(null);
        if (res.items.length)
          setItems((prev) => {
            const next = new Map(prev);
            for (const i of [...res.items].reverse()) next.set(i.rosterId, i);
            return next;
          });
      } catch (e) {
        if (stopped) return;
        setError(e as Error);
      }
      timer = setTimeout(() => void poll(), LIVE_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [sessionId]);
  const list = useMemo(() => [...items.values()].sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt)), [items]);
  return { list, counts, error };
}

function Countdown({ until, serverTime, fetchedAt, step }: { until: string; serverTime: string; fetchedAt: number; step: number }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, []);
  // the server's clock: its time at fetch + what elapsed here since
  const serverNow = Date.parse(serverTime) + (now - fetchedAt);
  const left = Math.max(0, Date.parse(until) - serverNow);
  return (
    <Progress
      percent={Math.round((left / (step * 1000)) * 100)}
      showInfo={false}
      size="small"
      aria-label={t('att.screen.rotates', { n: step })}
      style={{ maxWidth: 360, margin: '0 auto' }}
    />
  );
}

/**
 * The session's check-in screen for a projector or a tablet: the rotating QR (a new signed token every few
 * seconds; a photo of it is useless soon after), the 6-digit code to type, and who has checked in.
 */
export function CheckInScreen({ sessionId }: { sessionId: string }) {
  const t = useT();
  const screen = useCheckInScreen(sessionId);
  const marks = useMarks(sessionId);
  const live = useLiveList(sessionId);
  const rootRef = useRef<HTMLDivElement>(null);
  const data = screen.data;
  useDocumentTitle(marks.data ? t('att.screen.docTitle', { title: marks.data.classTitle }) : t('att.screen.title'));

  if (screen.isError && !data) {
    if (isApiError(screen.error) && screen.error.status === 404) return <NotFound text={t('att.marking.notFound')} />;
    return (
      <main id="main-content" className="att-screen">
        <QueryError error={screen.error} onRetry={() => screen.refetch()} />
      </main>
    );
  }
  const origin = typeof window !== 'undefined' ? window.location.origin : '';
  const url = data ? `${origin}${data.path}` : '';
  const session = marks.data?.session;
  const counts = live.counts ?? data?.counts ?? null;
  const code = data ? `${data.code.slice(0, 3)} ${data.code.slice(3)}` : '';

  return (
    <main id="main-content" className="att-screen" ref={rootRef}>
      <Flex justify="space-between" align="center" wrap gap={8} className="att-no-print">
        {marks.data ? <Link to={`/classes/${marks.data.classId}?tab=sessions`}>← {marks.data.classTitle}</Link> : <span />}
        <Button
          icon={<FullscreenOutlined aria-hidden />}
          onClick={() => void (document.fullscreenElement ? document.exitFullscreen() : rootRef.current?.requestFullscreen?.())}
        >
          {t('att.screen.fullscreen')}
        </Button>
      </Flex>
      <Typography.Title level={1} style={{ fontSize: 28, margin: '8px 0 0', textAlign: 'center' }}>
        {marks.data?.classTitle ?? t('att.screen.title')}
      </Typography.Title>
      {session && (
        <div style={{ textAlign: 'center', fontSize: 18, color: '#434343' }}>
          {formatVnDate(session.date)} · {session.startTime}–{session.endTime}
          {session.topic ? ` · ${session.topic}` : ''}
        </div>
      )}
      <Row gutter={[32, 24]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14} style={{ textAlign: 'center' }}>
          {!data ? (
            <Skeleton.Node active style={{ width: 320, height: 320 }} />
          ) : (
            <>
              {!data.window.open && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ maxWidth: 520, margin: '0 auto 12px', textAlign: 'start' }}
                  title={
                    Date.parse(data.serverTime) < Date.parse(data.window.opensAt)
                      ? t('att.screen.notOpen', { time: formatVnTime(data.window.opensAt) })
                      : t('att.screen.closed', { time: formatVnTime(data.window.closesAt) })
                  }
                />
              )}
              <div
                data-check-in-url={url}
                style={{ display: 'inline-block', padding: 8, background: '#fff', border: '1px solid #f0f0f0', width: 'min(80vw, 60vh, 480px)' }}
              >
                <QrCode text={url} label={t('att.screen.qrLabel')} size="100%" />
              </div>
              <Countdown until={data.validUntil} serverTime={data.serverTime} fetchedAt={screen.dataUpdatedAt} step={data.stepSeconds} />
              <div style={{ fontSize: 18, marginTop: 12 }}>{t('att.screen.orType', { url: `${origin}/check-in` })}</div>
              <div className="att-screen-code" data-testid="check-in-code">
                {code}
              </div>
              {data.geofence && <div style={{ color: '#434343' }}>{t('att.screen.geofence', { n: formatNumber(data.geofence.radiusM) })}</div>}
              {screen.isError && <Alert type="error" showIcon title={t('att.screen.refreshFailed')} style={{ maxWidth: 520, margin: '8px auto 0' }} />}
            </>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Title level={2} style={{ fontSize: 22 }}>
            {t('att.screen.liveTitle')}
          </Typography.Title>
          {counts && (
            <div style={{ fontSize: 18, marginBottom: 8 }}>
              <strong style={{ fontSize: 32 }}>{formatNumber(counts.present + counts.late + counts.left_early)}</strong> / {formatNumber(counts.total)}{' '}
              {t('att.screen.present')}
              <div style={{ fontSize: 14, marginTop: 4 }}>
                <CountsBar counts={counts} enabled={marks.data?.rule.statuses ?? []} />
              </div>
            </div>
          )}
          {live.error && <Alert type="warning" showIcon title={t('att.screen.liveFailed')} description={live.error.message} style={{ marginBottom: 8 }} />}
          {live.list.length === 0 ? (
            <Empty description={t('att.screen.noneYet')} />
          ) : (
            <ol aria-label={t('att.screen.liveTitle')} style={{ listStyle: 'none', padding: 0, margin: 0, maxHeight: '60vh', overflow: 'auto' }} tabIndex={0}>
              {live.list.map((i) => (
                <li key={i.rosterId} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0', fontSize: 18 }}>
                  <span>
                    <strong>{i.fullName}</strong>
                    <span style={{ color: '#434343', fontSize: 14 }}> · {t(`att.source.${i.source}`)}</span>
                  </span>
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {statusLabel(t, i.status, i.lateMinutes)} · {formatVnTime(i.checkedInAt)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Col>
      </Row>
    </main>
  );
}

