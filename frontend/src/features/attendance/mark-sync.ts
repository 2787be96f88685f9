/**
 * Offline marking: the queue of marks not yet acknowledged by the server, kept on the device per session,
 * and the engine that sends them with PUT /api/sessions/:id/marks (docs/api-attendance.md, "Marks and offline sync").
 *
 * Pure: no React, no window. Storage, the network call, the clock and the timers are handed in, so every rule
 * below is unit tested (mark-sync.test.ts):
 * - one queued mark per person; a newer tap replaces an older one (the later device time wins, as on the server);
 * - the queue is written to the device's storage after every change, so a reload (or a crash) replays it;
 * - the server answers each row on its own: acknowledged rows (saved / unchanged / superseded) leave the queue,
 *   an invalid row is kept apart as "rejected" with the server's message, the others are never held back by it;
 * - a row marked again while its batch was in flight stays queued (the newer tap is sent next);
 * - network failures, 5xx, 408 and 429 are retried with exponential backoff; other whole-request refusals stop
 *   the engine (nothing is dropped) until the user retries.
 */
import type { Mark, MarkCounts, MarkRowInput, MarkStatus, SaveMarksResult } from './types';

export type QueuedMark = {
  rosterId: string;
  status: MarkStatus;
  lateMinutes: number | null;
  remark: string | null;
  /** ISO time of the tap on the device (corrected by the known server clock offset) */
  markedAt: string;
  /** reason for a change made more than 30 minutes after the session */
  reason?: string;
};

export type RejectedMark = QueuedMark & { code: string; message: string; field?: string };

export type QueueState = { pending: QueuedMark[]; rejected: RejectedMark[] };

/** The subset of the Web Storage API the queue needs (localStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const STORAGE_VERSION = 1;
export const STORAGE_PREFIX = 'dakbla.attendance.queue.';
export const storageKey = (sessionId: string) => `${STORAGE_PREFIX}${sessionId}`;

const STATUSES: readonly string[] = ['present', 'late', 'left_early', 'excused', 'unexcused'];

const emptyState = (): QueueState => ({ pending: [], rejected: [] });

function isQueuedMark(v: unknown): v is QueuedMark {
  if (!v || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  return (
    typeof m.rosterId === 'string' &&
    m.rosterId.length > 0 &&
    typeof m.status === 'string' &&
    STATUSES.includes(m.status) &&
    (m.lateMinutes === null || typeof m.lateMinutes === 'number') &&
    (m.remark === null || typeof m.remark === 'string') &&
    typeof m.markedAt === 'string' &&
    !Number.isNaN(Date.parse(m.markedAt)) &&
    (m.reason === undefined || typeof m.reason === 'string')
  );
}

const time = (m: { markedAt: string }) => Date.parse(m.markedAt);

/**
 * Adds a mark to the queue: one entry per person, the later device time wins (a tie goes to the new one,
 * the last tap). An older mark arriving late (e.g. merged from storage) does not replace a newer one.
 */
export function enqueue(pending: readonly QueuedMark[], mark: QueuedMark): QueuedMark[] {
  const i = pending.findIndex((p) => p.rosterId === mark.rosterId);
  if (i < 0) return [...pending, mark];
  if (time(pending[i]) > time(mark)) return [...pending];
  const next = [...pending];
  next[i] = mark;
  return next;
}

/** Keeps the latest mark of each person, in first-seen order. */
export function dedupe(marks: readonly QueuedMark[]): QueuedMark[] {
  return marks.reduce<QueuedMark[]>((acc, m) => enqueue(acc, m), []);
}

/** Reads the queue of a session; a missing, corrupt or foreign value gives an empty queue, bad rows are dropped. */
export function loadQueue(store: KeyValueStore, sessionId: string): QueueState {
  let raw: string | null;
  try {
    raw = store.getItem(storageKey(sessionId));
  } catch {
    return emptyState();
  }
  if (!raw) return emptyState();
  try {
    const data = JSON.parse(raw) as { v?: number; pending?: unknown[]; rejected?: unknown[] };
    if (!data || data.v !== STORAGE_VERSION) return emptyState();
    const pending = dedupe((Array.isArray(data.pending) ? data.pending : []).filter(isQueuedMark));
    const rejected = (Array.isArray(data.rejected) ? data.rejected : []).filter(
      (r): r is RejectedMark => isQueuedMark(r) && typeof (r as RejectedMark).code === 'string' && typeof (r as RejectedMark).message === 'string',
    );
    return { pending, rejected };
  } catch {
    return emptyState();
  }
}

/** Writes the queue (removes the key when empty). false when the device refused (storage full or disabled). */
export function saveQueue(store: KeyValueStore, sessionId: string, state: QueueState): boolean {
  try {
    if (state.pending.length === 0 && state.rejected.length === 0) store.removeItem(storageKey(sessionId));
    else store.setItem(storageKey(sessionId), JSON.stringify({ v: STORAGE_VERSION, ...state }));
    return true;
  } catch {
    return false;
  }
}

/** The request rows of queued marks. */
export function toRows(marks: readonly QueuedMark[]): MarkRowInput[] {
  return marks.map((m) => ({
    rosterId: m.rosterId,
    status: m.status,
    lateMinutes: m.status === 'late' ? m.lateMinutes : null,
    remark: m.remark,
    markedAt: m.markedAt,
    ...(m.reason ? { reason: m.reason } : {}),
  }));
}

/** What the server said about one person's last sent mark. */
export type RowOutcome =
  | { kind: 'saved' | 'unchanged'; mark?: Mark }
  /** the server already had a later mark (another trainer, or a QR check-in): `mark` is the one it kept */
  | { kind: 'superseded'; mark?: Mark }
  | { kind: 'error'; code: string; message: string; field?: string };

const sameMark = (a: QueuedMark, b: QueuedMark) =>
  a.rosterId === b.rosterId &&
  a.markedAt === b.markedAt &&
  a.status === b.status &&
  a.lateMinutes === b.lateMinutes &&
  a.remark === b.remark &&
  (a.reason ?? '') === (b.reason ?? '');

/**
 * Applies the per-row answer of one batch to the queue. A row leaves the queue when the server acknowledged
 * exactly what is still queued; a person marked again in the meantime stays queued with the newer mark.
 * An error row moves to `rejected` (with the server's message), unless a newer mark of that person is queued.
 */
export function applyResults(
  state: QueueState,
  sent: readonly QueuedMark[],
  response: Pick<SaveMarksResult, 'results'>,
): { state: QueueState; outcomes: Record<string, RowOutcome>; acknowledged: number; rejected: number } {
  let pending = [...state.pending];
  let rejected = [...state.rejected];
  const outcomes: Record<string, RowOutcome> = {};
  let acknowledged = 0;
  let rejectedCount = 0;
  for (const r of response.results) {
    const row = sent[r.index];
    if (!row) continue;
    const queued = pending.find((p) => p.rosterId === row.rosterId);
    const stillCurrent = !!queued && sameMark(queued, row);
    if (r.result === 'error') {
      rejectedCount += 1;
      outcomes[row.rosterId] = { kind: 'error', code: r.code ?? 'ERROR', message: r.message ?? r.code ?? 'Error', field: r.field };
      if (stillCurrent) {
        pending = pending.filter((p) => p.rosterId !== row.rosterId);
        rejected = [
          ...rejected.filter((x) => x.rosterId !== row.rosterId),
          { ...row, code: r.code ?? 'ERROR', message: r.message ?? r.code ?? 'Error', ...(r.field ? { field: r.field } : {}) },
        ];
      }
      continue;
    }
    acknowledged += 1;
    outcomes[row.rosterId] = { kind: r.result as 'saved' | 'unchanged' | 'superseded', mark: r.mark };
    if (stillCurrent) pending = pending.filter((p) => p.rosterId !== row.rosterId);
    // an older refused mark of this person is settled by the accepted one
    rejected = rejected.filter((x) => x.rosterId !== row.rosterId || time(x) > time(row));
  }
  return { state: { pending, rejected }, outcomes, acknowledged, rejected: rejectedCount };
}

/** An error of the whole request: worth retrying by itself (network, server trouble, throttling)? */
export function isRetryable(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number') return true; // a thrown TypeError & co: treat as a network failure
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at `max`, each between 50 % and 100 % of the step. */
export function backoffDelay(attempt: number, { base = 1000, max = 60_000, random = Math.random } = {}): number {
  const step = Math.min(max, base * 2 ** Math.max(0, attempt));
  return Math.round(step * (0.5 + random() * 0.5));
}

/** Local counts: the server's marks with the queued ones laid over them (what the trainer sees right now). */
export function liveCounts(
  items: readonly Pick<Mark, 'rosterId' | 'status'>[],
  pending: readonly Pick<QueuedMark, 'rosterId' | 'status'>[],
): MarkCounts {
  const byId = new Map(pending.map((p) => [p.rosterId, p.status]));
  const counts: MarkCounts = { present: 0, late: 0, left_early: 0, excused: 0, unexcused: 0, unmarked: 0, total: items.length };
  for (const item of items) {
    const status = byId.get(item.rosterId) ?? item.status;
    counts[status ?? 'unmarked'] += 1;
  }
  return counts;
}

export type SyncSnapshot = {
  pending: QueuedMark[];
  rejected: RejectedMark[];
  /** per person: the server's answer to the last mark sent */
  outcomes: Record<string, RowOutcome>;
  online: boolean;
  syncing: boolean;
  /** the error of the last failed request (null after a success) */
  lastError: { message: string; status: number | null; retryable: boolean } | null;
  /** when the next automatic retry runs (ms since epoch), null when none is scheduled */
  nextRetryAt: number | null;
  /** the device refused to store the queue (storage full or disabled): marks are only in memory */
  storageFailed: boolean;
};

export type MarkInput = { rosterId: string; status: MarkStatus; lateMinutes?: number | null; remark?: string | null; reason?: string };

export type EngineOptions = {
  sessionId: string;
  store: KeyValueStore;
  send: (rows: MarkRowInput[]) => Promise<SaveMarksResult>;
  online?: boolean;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  /** rows per request (the API takes up to 1000) */
  batchSize?: number;
  onChange?: (snapshot: SyncSnapshot) => void;
  /** every answered batch, e.g. to refresh the cached marks and counts */
  onBatch?: (response: SaveMarksResult, sent: QueuedMark[]) => void;
};

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class MarkSyncEngine {
  private state: QueueState;
  private outcomes: Record<string, RowOutcome> = {};
  private online: boolean;
  private syncing = false;
  private again = false;
  private blocked = false;
  private attempt = 0;
  private timer: unknown = null;
  private nextRetryAt: number | null = null;
  private lastError: SyncSnapshot['lastError'] = null;
  private storageFailed = false;
  private clockOffsetMs = 0;
  private disposed = false;
  private readonly o: Required<Omit<EngineOptions, 'onChange' | 'onBatch'>> & Pick<EngineOptions, 'onChange' | 'onBatch'>;

  constructor(options: EngineOptions) {
    this.o = {
      online: true,
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      random: Math.random,
      batchSize: 500,
      ...options,
    };
    this.online = this.o.online;
    this.state = loadQueue(this.o.store, this.o.sessionId);
  }

  snapshot(): SyncSnapshot {
    return {
      pending: [...this.state.pending],
      rejected: [...this.state.rejected],
      outcomes: { ...this.outcomes },
      online: this.online,
      syncing: this.syncing,
      lastError: this.lastError,
      nextRetryAt: this.nextRetryAt,
      storageFailed: this.storageFailed,
    };
  }

  /** server time − device time, from a server answer: marks carry the corrected time. */
  setClockOffset(ms: number) {
    this.clockOffsetMs = Number.isFinite(ms) ? ms : 0;
  }

  private stamp(): string {
    return new Date(this.o.now() + this.clockOffsetMs).toISOString();
  }

  private changed() {
    if (!this.disposed) this.o.onChange?.(this.snapshot());
  }

  private persist() {
    this.storageFailed = !saveQueue(this.o.store, this.o.sessionId, this.state);
  }

  /** Queues marks with one device time (e.g. "everyone present"), saves them on the device and syncs when online. */
  markMany(inputs: MarkInput[]): QueuedMark[] {
    const markedAt = this.stamp();
    const marks = inputs.map<QueuedMark>((i) => ({
      rosterId: i.rosterId,
      status: i.status,
      lateMinutes: i.status === 'late' ? (i.lateMinutes ?? null) : null,
      remark: i.remark?.trim() ? i.remark.trim().normalize('NFC') : null,
      markedAt,
      ...(i.reason?.trim() ? { reason: i.reason.trim().normalize('NFC') } : {}),
    }));
    let pending = this.state.pending;
    for (const m of marks) {
      pending = enqueue(pending, m);
      delete this.outcomes[m.rosterId];
    }
    const ids = new Set(marks.map((m) => m.rosterId));
    this.state = { pending, rejected: this.state.rejected.filter((r) => !ids.has(r.rosterId)) };
    this.persist();
    this.changed();
    void this.flush();
    return marks;
  }

  mark(input: MarkInput): QueuedMark {
    return this.markMany([input])[0];
  }

  /** Sends refused rows again (e.g. with the reason the server asked for). */
  retryRejected(rosterIds?: string[], reason?: string) {
    const pick = (r: RejectedMark) => !rosterIds || rosterIds.includes(r.rosterId);
    let pending = this.state.pending;
    for (const r of this.state.rejected.filter(pick)) {
      const { code: _c, message: _m, field: _f, ...mark } = r;
      pending = enqueue(pending, reason?.trim() ? { ...mark, reason: reason.trim().normalize('NFC') } : mark);
      delete this.outcomes[r.rosterId];
    }
    this.state = { pending, rejected: this.state.rejected.filter((r) => !pick(r)) };
    this.persist();
    this.changed();
    void this.flush();
  }

  /** Drops a refused row (the server keeps what it had). */
  discardRejected(rosterId: string) {
    this.state = { ...this.state, rejected: this.state.rejected.filter((r) => r.rosterId !== rosterId) };
    delete this.outcomes[rosterId];
    this.persist();
    this.changed();
  }

  setOnline(online: boolean) {
    this.online = online;
    this.cancelTimer();
    if (online) {
      this.attempt = 0;
      this.changed();
      void this.flush();
    } else {
      this.changed();
    }
  }

  /** Sends now (the "sync now" button): also lifts a stop after a refused request. */
  retryNow() {
    this.blocked = false;
    this.attempt = 0;
    this.cancelTimer();
    return this.flush();
  }

  private cancelTimer() {
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
    this.nextRetryAt = null;
  }

  private schedule() {
    this.cancelTimer();
    const delay = backoffDelay(this.attempt, { random: this.o.random });
    this.attempt += 1;
    this.nextRetryAt = this.o.now() + delay;
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      this.nextRetryAt = null;
      void this.flush();
    }, delay);
  }

  /** Sends the queue in batches; one at a time (a call while sending runs once more afterwards). */
  async flush(): Promise<void> {
    if (this.disposed) return;
    if (this.syncing) {
      this.again = true;
      return;
    }
    if (!this.online || this.blocked || this.state.pending.length === 0 || this.timer !== null) return;
    this.syncing = true;
    this.changed();
    try {
      do {
        this.again = false;
        const batch = this.state.pending.slice(0, this.o.batchSize);
        if (batch.length === 0) break;
        let response: SaveMarksResult;
        try {
          response = await this.o.send(toRows(batch));
        } catch (error) {
          if (this.disposed) return;
          const retryable = isRetryable(error);
          const status = (error as { status?: unknown })?.status;
          this.lastError = { message: errorMessage(error), status: typeof status === 'number' ? status : null, retryable };
          if (retryable && this.online) this.schedule();
          else if (!retryable) this.blocked = true;
          return;
        }
        if (this.disposed) return;
        const applied = applyResults(this.state, batch, response);
        this.state = applied.state;
        this.outcomes = { ...this.outcomes, ...applied.outcomes };
        this.lastError = null;
        this.attempt = 0;
        this.persist();
        this.o.onBatch?.(response, batch);
        this.changed();
        // rows the server did not answer at all would loop forever: stop and let the next event retry
        if (applied.acknowledged + applied.rejected === 0) break;
      } while ((this.state.pending.length > 0 || this.again) && this.online && !this.blocked);
    } finally {
      this.syncing = false;
      this.changed();
    }
  }

  dispose() {
    this.disposed = true;
    this.cancelTimer();
  }
}
