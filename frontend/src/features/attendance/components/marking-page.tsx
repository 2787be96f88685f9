import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Drawer, Empty, Flex, Input, InputNumber, Segmented, Skeleton, Typography } from 'antd';
import { CheckCircleOutlined, CloudSyncOutlined, DisconnectOutlined, SearchOutlined } from '@ant-design/icons';
import { useT, type TFunction } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { fold } from '../../../lib/fold';
import { formatNumber } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { QueryError } from '../../../components/ui/query-error';
import { NotFound } from '../../../components/ui/not-found';
import { MARK_STATUSES, type Mark, type MarkCounts, type MarkStatus, type SessionMarks } from '../types';
import { useMarks } from '../api/get-marks';
import { liveCounts, type QueuedMark, type RejectedMark, type RowOutcome, type SyncSnapshot } from '../mark-sync';
import { useMarkSync } from '../use-mark-sync';
import { formatVnDate, formatVnTime } from '../time';
import { MARK_COLORS } from './labels';
import '../attendance.css';

/** Changes this long after the end of a session need a reason (docs/api-attendance.md). */
const REASON_AFTER_END_MS = 30 * 60_000;

type RowView = {
  item: Mark;
  pending?: QueuedMark;
  rejected?: RejectedMark;
  outcome?: RowOutcome;
  status: MarkStatus | null;
  lateMinutes: number | null;
  remark: string | null;
};

export function statusLabel(t: TFunction, status: MarkStatus | null, lateMinutes?: number | null) {
  const base = t(`att.mark.${status ?? 'unmarked'}`);
  return status === 'late' && lateMinutes != null ? `${base} ${t('att.minutesShort', { n: lateMinutes })}` : base;
}

/** The counts line: live, announced politely to screen readers. */
export function CountsBar({ counts, enabled }: { counts: MarkCounts; enabled: MarkStatus[] }) {
  const t = useT();
  return (
    <div className="att-counts" role="status" aria-live="polite" aria-label={t('att.marking.countsLabel')}>
      {MARK_STATUSES.filter((s) => enabled.includes(s) || counts[s] > 0).map((s) => (
        <span key={s}>
          <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: MARK_COLORS[s].border, marginInlineEnd: 4 }} />
          {t(`att.mark.${s}`)}: <strong>{formatNumber(counts[s])}</strong>
        </span>
      ))}
      <span>
        {t('att.mark.unmarked')}: <strong>{formatNumber(counts.unmarked)}</strong>
      </span>
      <span>
        {t('att.marking.total')}: <strong>{formatNumber(counts.total)}</strong>
      </span>
    </div>
  );
}

function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** What is not yet on the server, in plain words, with "sync now". */
function SyncBanner({ snapshot, onRetry, onRetryRejected, onDiscard, names }: {
  snapshot: SyncSnapshot;
  onRetry: () => void;
  onRetryRejected: (reason?: string) => void;
  onDiscard: (rosterId: string) => void;
  names: Map<string, string>;
}) {
  const t = useT();
  const now = useNow();
  const [reason, setReason] = useState('');
  const n = snapshot.pending.length;
  const wait = snapshot.nextRetryAt ? Math.max(0, Math.ceil((snapshot.nextRetryAt - now) / 1000)) : null;
  const needsReason = snapshot.rejected.some((r) => r.code === 'REASON_REQUIRED');
  return (
    <div style={{ display: 'grid', gap: 8, marginBottom: 8 }}>
      {!snapshot.online && (
        <Alert type="warning" showIcon icon={<DisconnectOutlined aria-hidden />} title={t('att.sync.offline')} />
      )}
      <div role="status" aria-live="polite">
        {n > 0 ? (
          <Alert
            type={snapshot.lastError && !snapshot.lastError.retryable ? 'error' : 'info'}
            showIcon
            icon={<CloudSyncOutlined aria-hidden />}
            title={<strong>{t('att.sync.pending', { n: formatNumber(n) })}</strong>}
            description={
              snapshot.syncing
                ? t('att.sync.syncing')
                : !snapshot.online
                  ? t('att.sync.willSync')
                  : snapshot.lastError
                    ? `${snapshot.lastError.message}${wait != null ? ` ${t('att.sync.retryIn', { n: wait })}` : ''}`
                    : undefined
            }
            action={
              snapshot.online && !snapshot.syncing ? (
                <Button size="small" onClick={onRetry}>
                  {t('att.sync.now')}
                </Button>
              ) : undefined
            }
          />
        ) : snapshot.syncing ? (
          <Alert type="info" showIcon title={t('att.sync.syncing')} />
        ) : (
          <Alert type="success" showIcon icon={<CheckCircleOutlined aria-hidden />} title={t('att.sync.allSynced')} />
        )}
      </div>
      {snapshot.storageFailed && <Alert type="warning" showIcon title={t('att.sync.storageFailed')} />}
      {snapshot.rejected.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('att.sync.rejected', { n: formatNumber(snapshot.rejected.length) })}
          description={
            <>
              <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>
                {snapshot.rejected.map((r) => (
                  <li key={r.rosterId}>
                    <strong>{names.get(r.rosterId) ?? r.rosterId}</strong>: {r.message}{' '}
                    <Button size="small" type="link" onClick={() => onDiscard(r.rosterId)} aria-label={t('att.sync.discardAria', { name: names.get(r.rosterId) ?? '' })}>
                      {t('att.sync.discard')}
                    </Button>
                  </li>
                ))}
              </ul>
              {needsReason && (
                <Input
                  aria-label={t('att.marking.reasonLabel')}
                  placeholder={t('att.marking.reasonLabel')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  maxLength={1000}
                  style={{ marginBottom: 6 }}
                />
              )}
              <Button size="small" onClick={() => onRetryRejected(reason.trim() || undefined)} disabled={needsReason && !reason.trim()}>
                {t('att.sync.resend')}
              </Button>
            </>
          }
        />
      )}
    </div>
  );
}

/** The server's word on this row, when it is not simply "saved". */
function RowNote({ view }: { view: RowView }) {
  const t = useT();
  if (view.pending) return <span style={{ color: '#0958d9', fontSize: 13 }}>{t('att.marking.notSynced')}</span>;
  if (view.rejected) return <span style={{ color: '#a8071a', fontSize: 13 }}>{view.rejected.message}</span>;
  const o = view.outcome;
  if (!o) return null;
  if (o.kind === 'superseded')
    return (
      <span style={{ color: '#613400', fontSize: 13 }}>
        {t('att.marking.superseded', {
          status: statusLabel(t, o.mark?.status ?? null, o.mark?.lateMinutes),
          who: o.mark?.markedByName ?? (o.mark?.source ? t(`att.source.${o.mark.source}`) : ''),
          time: formatVnTime(o.mark?.markedAt),
        })}
      </span>
    );
  if (o.kind === 'error') return <span style={{ color: '#a8071a', fontSize: 13 }}>{o.message}</span>;
  return <span style={{ color: '#135200', fontSize: 13 }}>{t('att.marking.saved')}</span>;
}

/** The bottom sheet to mark one person: big status buttons, late minutes, remark. */
function MarkSheet({
  view,
  enabled,
  suggestedLate,
  onSave,
  onClose,
}: {
  view: RowView | null;
  enabled: MarkStatus[];
  suggestedLate: number | null;
  onSave: (status: MarkStatus, lateMinutes: number | null, remark: string | null) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [lateMode, setLateMode] = useState(false);
  const [minutes, setMinutes] = useState<number | null>(null);
  const [remark, setRemark] = useState('');
  const minutesRef = useRef<React.ComponentRef<typeof InputNumber>>(null);
  useEffect(() => {
    if (!view) return;
    setLateMode(view.status === 'late');
    setMinutes(view.lateMinutes ?? suggestedLate);
    setRemark(view.remark ?? '');
    // only when another person is opened: a sync finishing meanwhile must not wipe what is being typed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view?.item.rosterId]);
  useEffect(() => {
    if (lateMode) setTimeout(() => minutesRef.current?.focus(), 50);
  }, [lateMode]);
  const remarkValue = remark.trim() || null;
  const choose = (s: MarkStatus) => {
    if (s === 'late') {
      setLateMode(true);
      return;
    }
    onSave(s, null, remarkValue);
  };
  return (
    <Drawer
      open={!!view}
      placement="bottom"
      size="auto"
      onClose={onClose}
      title={view ? t('att.marking.sheetTitle', { name: view.item.fullName }) : ''}
      closable={{ 'aria-label': t('common.close') }}
      destroyOnHidden
      styles={{ body: { paddingTop: 8 } }}
    >
      {view && (
        <div style={{ display: 'grid', gap: 8 }}>
          <div role="group" aria-label={t('att.marking.chooseStatus')} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            {MARK_STATUSES.filter((s) => enabled.includes(s)).map((s) => {
              const c = MARK_COLORS[s];
              const current = view.status === s || (s === 'late' && lateMode);
              return (
                <Button
                  key={s}
                  className="att-status-choice"
                  aria-pressed={current}
                  style={{ background: c.bg, color: c.fg, borderColor: current ? c.fg : c.border, borderWidth: current ? 3 : 1 }}
                  onClick={() => choose(s)}
                >
                  {t(`att.mark.${s}`)}
                </Button>
              );
            })}
          </div>
          {lateMode && (
            <Flex gap={8} align="end" wrap>
              <label style={{ flex: 1, minWidth: 160 }}>
                <span style={{ display: 'block', marginBottom: 4 }}>{t('att.marking.lateMinutes')}</span>
                <InputNumber
                  ref={minutesRef}
                  size="large"
                  min={0}
                  max={600}
                  precision={0}
                  inputMode="numeric"
                  value={minutes}
                  onChange={(v) => setMinutes(v)}
                  style={{ width: '100%' }}
                />
              </label>
              {[5, 10, 15, 30].map((m) => (
                <Button key={m} size="large" onClick={() => setMinutes(m)} aria-label={t('att.minutesN', { n: m })}>
                  {m}′
                </Button>
              ))}
            </Flex>
          )}
          <label>
            <span style={{ display: 'block', marginBottom: 4 }}>{t('att.marking.remark')}</span>
            <Input.TextArea rows={2} maxLength={500} value={remark} onChange={(e) => setRemark(e.target.value)} />
          </label>
          <Flex gap={8}>
            <Button
              type="primary"
              size="large"
              style={{ flex: 1, minHeight: 52 }}
              disabled={lateMode ? minutes == null : !view.status}
              onClick={() => (lateMode ? onSave('late', minutes ?? 0, remarkValue) : view.status && onSave(view.status, view.lateMinutes, remarkValue))}
            >
              {lateMode ? t('att.marking.saveLate') : t('att.marking.saveRemark')}
            </Button>
            <Button size="large" style={{ minHeight: 52 }} onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </Flex>
        </div>
      )}
    </Drawer>
  );
}

type Filter = 'all' | 'unmarked' | 'absent' | 'unsynced';

/**
 * The trainer's marking page, made for a phone: the whole roster on one screen, "everyone present" then the
 * exceptions, search without diacritics, live counts; marks are kept on the device and synced when the network
 * allows (mark-sync.ts), with the server's answer shown per row.
 */
export function MarkingPage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const sync = useMarkSync(sessionId);
  const { snapshot } = sync;
  const idle = snapshot.pending.length === 0 && !snapshot.syncing;
  const query = useMarks(sessionId);
  const data: SessionMarks | undefined = query.data;
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const now = useNow(30_000);
  useDocumentTitle(data ? t('att.marking.docTitle', { title: data.classTitle }) : t('att.marking.title'));

  // the device clock corrected by the server's: marks carry comparable times
  const { setClockOffset } = sync;
  useEffect(() => {
    if (data?.serverTime && query.dataUpdatedAt) setClockOffset(Date.parse(data.serverTime) - query.dataUpdatedAt);
  }, [data?.serverTime, query.dataUpdatedAt, setClockOffset]);

  // other trainers and QR check-ins: refresh while nothing of ours is waiting
  const { refetch } = query;
  useEffect(() => {
    if (!snapshot.online || !idle) return;
    const id = setInterval(() => void refetch(), 20_000);
    return () => clearInterval(id);
  }, [snapshot.online, idle, refetch]);
  const wasOnline = useRef(snapshot.online);
  useEffect(() => {
    if (snapshot.online && !wasOnline.current && idle) void refetch();
    wasOnline.current = snapshot.online;
  }, [snapshot.online, idle, refetch]);

  const views = useMemo<RowView[]>(() => {
    const pending = new Map(snapshot.pending.map((p) => [p.rosterId, p]));
    const rejected = new Map(snapshot.rejected.map((r) => [r.rosterId, r]));
    return (data?.items ?? []).map((item) => {
      const p = pending.get(item.rosterId);
      return {
        item,
        pending: p,
        rejected: rejected.get(item.rosterId),
        outcome: snapshot.outcomes[item.rosterId],
        status: p ? p.status : item.status,
        lateMinutes: p ? p.lateMinutes : item.lateMinutes,
        remark: p ? p.remark : item.remark,
      };
    });
  }, [data?.items, snapshot]);
  const names = useMemo(() => new Map((data?.items ?? []).map((i) => [i.rosterId, i.fullName])), [data?.items]);
  const counts = useMemo(() => liveCounts(data?.items ?? [], snapshot.pending), [data?.items, snapshot.pending]);

  if (query.isError && !data) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('att.marking.notFound')} />;
    return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  }
  if (!data) return <Skeleton active />;

  const session = data.session;
  const enabled = data.rule.statuses;
  const active = session.status === 'scheduled';
  const afterEnd = now > Date.parse(session.endsAt) + REASON_AFTER_END_MS;
  const reasonMissing = afterEnd && !reason.trim();
  const startMs = Date.parse(session.startsAt);
  const suggestedLate = now > startMs ? Math.min(600, Math.floor((now - startMs) / 60_000)) : null;
  const q = fold(search);
  const shown = views.filter((v) => {
    if (q && !fold(v.item.fullName).includes(q)) return false;
    if (filter === 'unmarked') return v.status === null;
    if (filter === 'absent') return v.status === 'excused' || v.status === 'unexcused';
    if (filter === 'unsynced') return !!v.pending || !!v.rejected;
    return true;
  });
  const unmarked = views.filter((v) => v.status === null);
  const reasonArg = afterEnd ? reason.trim() : undefined;
  const openView = views.find((v) => v.item.rosterId === open) ?? null;

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Link to={`/classes/${data.classId}?tab=sessions`} style={{ fontSize: 14 }}>
        ← {data.classTitle}
      </Link>
      <Typography.Title level={1} style={{ fontSize: 20, margin: '4px 0' }}>
        {t('att.marking.title')}
      </Typography.Title>
      <div style={{ color: '#434343', marginBottom: 8 }}>
        {formatVnDate(session.date)} · {session.startTime}–{session.endTime}
        {session.topic ? ` · ${session.topic}` : ''}
      </div>
      {!active && <Alert type="warning" showIcon title={t('att.marking.inactive', { status: t(`att.sessionStatus.${session.status}`) })} style={{ marginBottom: 8 }} />}
      <SyncBanner
        snapshot={snapshot}
        names={names}
        onRetry={sync.retryNow}
        onRetryRejected={(r) => sync.retryRejected(undefined, r)}
        onDiscard={sync.discardRejected}
      />
      {afterEnd && active && (
        <Alert
          type="info"
          showIcon
          title={t('att.marking.afterEnd')}
          description={
            <Input
              aria-label={t('att.marking.reasonLabel')}
              placeholder={t('att.marking.reasonPlaceholder')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={1000}
            />
          }
          style={{ marginBottom: 8 }}
        />
      )}
      <div className="att-sticky">
        <CountsBar counts={counts} enabled={enabled} />
        {active && (
          <Button
            type="primary"
            size="large"
            block
            style={{ minHeight: 52, marginTop: 8, fontSize: 17 }}
            disabled={unmarked.length === 0 || reasonMissing}
            onClick={() => sync.markMany(unmarked.map((v) => ({ rosterId: v.item.rosterId, status: 'present', remark: v.remark, reason: reasonArg })))}
          >
            {unmarked.length > 0 ? t('att.marking.allPresent', { n: formatNumber(unmarked.length) }) : t('att.marking.allMarked')}
          </Button>
        )}
        <Input
          role="searchbox"
          aria-label={t('att.marking.search')}
          placeholder={t('att.marking.search')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          size="large"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ marginTop: 8 }}
        />
        <Segmented<Filter>
          block
          style={{ marginTop: 8 }}
          value={filter}
          onChange={setFilter}
          aria-label={t('att.marking.filter')}
          options={[
            { value: 'all', label: t('att.marking.filter.all') },
            { value: 'unmarked', label: t('att.marking.filter.unmarked') },
            { value: 'absent', label: t('att.marking.filter.absent') },
            { value: 'unsynced', label: t('att.marking.filter.unsynced') },
          ]}
        />
      </div>
      {shown.length === 0 ? (
        <Empty description={views.length === 0 ? t('att.marking.emptyRoster') : t('att.marking.noMatch')} style={{ marginTop: 24 }} />
      ) : (
        <ul className="att-mark-list" aria-label={t('att.marking.listLabel')}>
          {shown.map((v) => {
            const c = MARK_COLORS[v.status ?? 'unmarked'];
            const label = statusLabel(t, v.status, v.lateMinutes);
            return (
              <li key={v.item.rosterId} className="att-mark-row" data-testid="mark-row">
                <div className="att-mark-row-name">
                  <strong>{v.item.fullName}</strong>
                  <div style={{ fontSize: 13, color: '#434343' }}>
                    {t(`att.kind.${v.item.kind}`)}
                    {v.remark ? ` · ${v.remark}` : ''}
                  </div>
                  <RowNote view={v} />
                </div>
                <button
                  type="button"
                  className="att-mark-status"
                  style={{ background: c.bg, color: c.fg, borderColor: c.border }}
                  aria-label={t('att.marking.rowAria', { name: v.item.fullName, status: label })}
                  disabled={!active || reasonMissing}
                  onClick={() => setOpen(v.item.rosterId)}
                >
                  {label}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <MarkSheet
        view={openView}
        enabled={enabled}
        suggestedLate={suggestedLate}
        onClose={() => setOpen(null)}
        onSave={(status, lateMinutes, remark) => {
          if (!openView) return;
          sync.mark({ rosterId: openView.item.rosterId, status, lateMinutes, remark, reason: reasonArg });
          setOpen(null);
        }}
      />
    </div>
  );
}
