/**
 * The answer queue of a quiz attempt, without React and without the network (docs/api-quizzes.md, "Attempts").
 *
 * Every change of a question's answer (or flag) gets the next per-question `seq`. The server keeps the answer
 * with the highest seq it has seen and acknowledges (and ignores) any save with seq ≤ the stored one, so
 * resending is always safe. The browser keeps every answer in localStorage under the attempt id; after a reload,
 * a dropped connection or a switch of device, `mergeWithServer` resumes from what the server acknowledged and
 * replays what it had not (a higher local seq).
 *
 * The first half is pure state functions (unit tested one by one); `AttemptSyncEngine` below drives them with an
 * injected transport, storage, timers and "online" flag: one request per question at a time, a timeout, retry
 * with exponential backoff while the network is down, and a stop when the server closes the attempt.
 */
import type { AnyResponse, Attempt, SaveAck } from './types';

// ---------------------------------------------------------------------------------------------------------------
// State

export type SlotSync = {
  response: AnyResponse | null;
  flagged: boolean;
  /** seq of the latest local change; 0 = never changed here or on the server */
  seq: number;
  /** highest seq the server acknowledged for this question */
  ackedSeq: number;
  savedAt: string | null;
  /** a save the server refused (400) for this seq: not retried until the next change */
  error: { seq: number; message: string } | null;
};

export type SyncState = { attemptId: string; slots: Record<number, SlotSync> };

export type PendingAnswer = { slot: number; response: AnyResponse; seq: number; flagged: boolean };

const emptySlot = (): SlotSync => ({ response: null, flagged: false, seq: 0, ackedSeq: 0, savedAt: null, error: null });

export function getSlot(state: SyncState, slot: number): SlotSync {
  return state.slots[slot] ?? emptySlot();
}

/** A change not yet acknowledged by the server (and not refused by it). */
export function isPending(s: SlotSync): boolean {
  return s.seq > s.ackedSeq && !(s.error && s.error.seq === s.seq);
}

export function pendingAnswers(state: SyncState): PendingAnswer[] {
  return Object.entries(state.slots)
    .map(([slot, s]) => ({ slot: Number(slot), s }))
    .filter(({ s }) => isPending(s))
    .sort((a, b) => a.slot - b.slot)
    .map(({ slot, s }) => ({ slot, response: s.response ?? {}, seq: s.seq, flagged: s.flagged }));
}

/** The body of POST /me/attempts/:id/submit: every answer the server has not acknowledged yet. */
export function submitBody(state: SyncState): { answers: { slot: number; response: AnyResponse; seq: number; flagged: boolean }[] } {
  return { answers: pendingAnswers(state) };
}

/** Records a change of the answer and/or flag of one question with the next seq (above anything the server has). */
export function recordChange(
  state: SyncState,
  slot: number,
  change: { response?: AnyResponse | null; flagged?: boolean },
): SyncState {
  const prev = getSlot(state, slot);
  const next: SlotSync = {
    ...prev,
    response: change.response !== undefined ? change.response : prev.response,
    flagged: change.flagged !== undefined ? change.flagged : prev.flagged,
    seq: Math.max(prev.seq, prev.ackedSeq) + 1,
  };
  return { ...state, slots: { ...state.slots, [slot]: next } };
}

export type AckOutcome = { state: SyncState; /** the server holds a newer answer (another device): reload it */ stale: boolean };

/**
 * Applies an acknowledgement. An ack for an older seq than one already acknowledged changes nothing; an ack for
 * an older seq than the latest local change leaves that change pending; an ack above the local seq means the
 * server has a newer answer written elsewhere.
 */
export function applyAck(state: SyncState, ack: Pick<SaveAck, 'slot' | 'seq' | 'savedAt'>): AckOutcome {
  const prev = getSlot(state, ack.slot);
  if (ack.seq <= prev.ackedSeq) return { state, stale: false };
  const stale = ack.seq > prev.seq;
  const next: SlotSync = {
    ...prev,
    ackedSeq: ack.seq,
    seq: Math.max(prev.seq, ack.seq),
    savedAt: ack.savedAt ?? prev.savedAt,
    error: prev.error && prev.error.seq <= ack.seq ? null : prev.error,
  };
  return { state: { ...state, slots: { ...state.slots, [ack.slot]: next } }, stale };
}

/** Marks the given seq of a question as refused by the server (a 400): it stays local and is not resent. */
export function applyRejection(state: SyncState, slot: number, seq: number, message: string): SyncState {
  const prev = getSlot(state, slot);
  if (prev.seq !== seq) return state; // a newer change is already queued; it will be tried on its own
  return { ...state, slots: { ...state.slots, [slot]: { ...prev, error: { seq, message } } } };
}

/** Every question sent in a submit that the server accepted counts as acknowledged. */
export function applySubmitted(state: SyncState, sent: { slot: number; seq: number }[]): SyncState {
  let next = state;
  for (const a of sent) next = applyAck(next, { slot: a.slot, seq: a.seq, savedAt: getSlot(next, a.slot).savedAt ?? '' }).state;
  return next;
}

/**
 * Resumes an attempt: the server's answers are the truth up to their seq; a local answer with a higher seq was
 * never acknowledged and is kept as pending so the engine replays it. Local state of another attempt is ignored.
 */
export function mergeWithServer(
  attempt: Pick<Attempt, 'id' | 'questions' | 'answers'>,
  stored: SyncState | null,
): SyncState {
  const slots: Record<number, SlotSync> = {};
  const server = new Map(attempt.answers.map((a) => [a.slot, a]));
  const local = stored && stored.attemptId === attempt.id ? stored.slots : {};
  const known = new Set(attempt.questions.map((q) => q.slot));
  for (const slot of known) {
    const a = server.get(slot);
    const l = local[slot];
    const serverSeq = a?.seq ?? 0;
    if (l && l.seq > serverSeq) {
      slots[slot] = {
        response: l.response,
        flagged: l.flagged,
        seq: l.seq,
        ackedSeq: serverSeq,
        savedAt: a?.savedAt ?? null,
        error: l.error && l.error.seq === l.seq ? l.error : null,
      };
    } else if (a) {
      slots[slot] = { response: a.response, flagged: !!a.flagged, seq: serverSeq, ackedSeq: serverSeq, savedAt: a.savedAt, error: null };
    }
  }
  return { attemptId: attempt.id, slots };
}

// ---------------------------------------------------------------------------------------------------------------
// Answered / save status

/** True when the response holds an answer (an empty text, no choice, an empty order is no answer). */
export function isAnswered(response: AnyResponse | null | undefined): boolean {
  if (!response) return false;
  if (typeof response.choice === 'string' && response.choice !== '') return true;
  if (Array.isArray(response.choices) && response.choices.length > 0) return true;
  if (typeof response.text === 'string' && response.text.trim() !== '') return true;
  if (typeof response.number === 'string' && response.number.trim() !== '') return true;
  if (response.pairs && Object.values(response.pairs).some((v) => !!v)) return true;
  if (Array.isArray(response.order) && response.order.length > 0) return true;
  return false;
}

export type SaveStatus = 'none' | 'saved' | 'saving' | 'offline' | 'error';

export function saveStatus(s: SlotSync | undefined, opts: { offline: boolean }): SaveStatus {
  if (!s || s.seq === 0) return 'none';
  if (s.error && s.error.seq === s.seq) return 'error';
  if (s.seq <= s.ackedSeq) return 'saved';
  return opts.offline ? 'offline' : 'saving';
}

// ---------------------------------------------------------------------------------------------------------------
// localStorage

const STORAGE_PREFIX = 'dakbla.attempt.';
const STORAGE_VERSION = 1;

export const storageKey = (attemptId: string) => `${STORAGE_PREFIX}${attemptId}`;

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function serialize(state: SyncState): string {
  return JSON.stringify({ v: STORAGE_VERSION, attemptId: state.attemptId, slots: state.slots });
}

function isResponse(x: unknown): x is AnyResponse {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/** Parses what `serialize` wrote; anything damaged or foreign gives null (never throws). */
export function deserialize(raw: string | null, attemptId: string): SyncState | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const d = data as { v?: unknown; attemptId?: unknown; slots?: unknown };
  if (d.v !== STORAGE_VERSION || d.attemptId !== attemptId || !d.slots || typeof d.slots !== 'object') return null;
  const slots: Record<number, SlotSync> = {};
  for (const [k, v] of Object.entries(d.slots as Record<string, unknown>)) {
    const slot = Number(k);
    if (!Number.isInteger(slot) || !v || typeof v !== 'object') continue;
    const s = v as Partial<SlotSync>;
    if (typeof s.seq !== 'number' || !Number.isFinite(s.seq) || s.seq < 0) continue;
    slots[slot] = {
      response: isResponse(s.response) ? s.response : null,
      flagged: s.flagged === true,
      seq: s.seq,
      ackedSeq: typeof s.ackedSeq === 'number' && Number.isFinite(s.ackedSeq) ? s.ackedSeq : 0,
      savedAt: typeof s.savedAt === 'string' ? s.savedAt : null,
      error:
        s.error && typeof s.error === 'object' && typeof s.error.seq === 'number' && typeof s.error.message === 'string'
          ? { seq: s.error.seq, message: s.error.message }
          : null,
    };
  }
  return { attemptId, slots };
}

export function loadStored(storage: KeyValueStorage | null | undefined, attemptId: string): SyncState | null {
  try {
    return deserialize(storage?.getItem(storageKey(attemptId)) ?? null, attemptId);
  } catch {
    return null;
  }
}

/** False when the storage is unavailable or full (private mode, quota): the answer is still in memory. */
export function persist(storage: KeyValueStorage | null | undefined, state: SyncState): boolean {
  if (!storage) return false;
  try {
    storage.setItem(storageKey(state.attemptId), serialize(state));
    return true;
  } catch {
    return false;
  }
}

export function clearStored(storage: KeyValueStorage | null | undefined, attemptId: string) {
  try {
    storage?.removeItem(storageKey(attemptId));
  } catch {
    /* nothing to do */
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Backoff

/** 1 s, 2 s, 4 s … capped at 30 s, each ±20 % so that many learners whose network comes back do not retry in step. */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
  const jitter = 0.8 + 0.4 * random();
  return Math.round(base * jitter);
}

// ---------------------------------------------------------------------------------------------------------------
// Engine

/** What the transport throws: status 0 = no network / timeout, `code` of the error body otherwise. */
export type TransportError = { status: number; code?: string; message: string };

export type Transport = (
  slot: number,
  body: { response: AnyResponse; seq: number; flagged: boolean },
  signal: AbortSignal,
) => Promise<SaveAck>;

export type Timers = {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
};

export type EngineSnapshot = {
  state: SyncState;
  /** the network is down (browser offline, or the last request did not reach the server) */
  offline: boolean;
  /** questions whose save is on the wire */
  inFlight: ReadonlySet<number>;
  /** the server closed the attempt (deadline passed, submitted elsewhere) */
  closed: { code: string; message: string } | null;
  /** localStorage refused the last write */
  storageFailed: boolean;
};

export type EngineOptions = {
  initial: SyncState;
  send: Transport;
  storage?: KeyValueStorage | null;
  online?: boolean;
  timers?: Timers;
  random?: () => number;
  /** requests on the wire at once (distinct questions) */
  maxConcurrent?: number;
  requestTimeoutMs?: number;
  onServerTime?: (ack: SaveAck, sentAt: number) => void;
  /** the server has a newer answer than this browser (written on another device) */
  onStale?: () => void;
  now?: () => number;
};

const CLOSED_CODES = new Set(['ATTEMPT_DEADLINE_PASSED', 'ATTEMPT_CLOSED']);

function isTransportError(err: unknown): err is TransportError {
  return !!err && typeof err === 'object' && typeof (err as TransportError).status === 'number';
}

/** Retried later: no network, a timeout, a server error, throttling, or a lost session. */
export function isRetryable(err: unknown): boolean {
  if (!isTransportError(err)) return true;
  return err.status === 0 || err.status >= 500 || err.status === 429 || err.status === 401 || err.status === 408;
}

export class AttemptSyncEngine {
  private state: SyncState;
  /** navigator.onLine said no: nothing is tried until the "online" event */
  private browserOffline: boolean;
  /** the last request did not reach the server: retried with backoff */
  private networkDown = false;
  private inFlight = new Set<number>();
  private closed: EngineSnapshot['closed'] = null;
  private storageFailed = false;
  private failures = 0;
  private retryTimer: unknown = null;
  private holds = new Map<number, unknown>();
  private paused = false;
  /** for good: submitted or closed */
  private stopped = false;
  /** the page let go of the engine (unmount); `start` picks up again */
  private detached = false;
  private listeners = new Set<() => void>();
  private snapshot: EngineSnapshot;
  private readonly timers: Timers;
  private readonly opts: EngineOptions;
  private controllers = new Map<number, AbortController>();

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.state = opts.initial;
    this.browserOffline = opts.online === false;
    this.timers = opts.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.snapshot = this.makeSnapshot();
    this.persistState();
  }

  // --- observable -------------------------------------------------------------------------------------------
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): EngineSnapshot => this.snapshot;

  private makeSnapshot(): EngineSnapshot {
    return { state: this.state, offline: this.browserOffline || this.networkDown, inFlight: new Set(this.inFlight), closed: this.closed, storageFailed: this.storageFailed };
  }

  private emit() {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  private persistState() {
    this.storageFailed = this.opts.storage ? !persist(this.opts.storage, this.state) : false;
  }

  // --- commands ---------------------------------------------------------------------------------------------

  /** A change by the learner: stored at once, sent now or after `holdMs` without further change (typing). */
  change(slot: number, change: { response?: AnyResponse | null; flagged?: boolean }, holdMs = 0) {
    if (this.stopped || this.closed) return;
    this.state = recordChange(this.state, slot, change);
    this.persistState();
    const hold = this.holds.get(slot);
    if (hold !== undefined) this.timers.clear(hold);
    if (holdMs > 0) {
      this.holds.set(
        slot,
        this.timers.set(() => {
          this.holds.delete(slot);
          this.pump();
        }, holdMs),
      );
    } else {
      this.holds.delete(slot);
    }
    this.emit();
    this.pump();
  }

  /** Starts sending what is pending (the replay after a resume); also after `detach`. */
  start() {
    this.detached = false;
    this.pump();
  }

  /** Lets go of timers and requests without losing anything (unmount; React may mount again). */
  detach() {
    this.detached = true;
    this.clearTimersAndRequests();
  }

  /** Sends held (typing) answers now: on blur, page change, before submit, when the page is hidden. */
  flush() {
    for (const h of this.holds.values()) this.timers.clear(h);
    this.holds.clear();
    this.pump();
  }

  setOnline(online: boolean) {
    if (online) {
      this.browserOffline = false;
      this.networkDown = false;
      this.failures = 0;
      if (this.retryTimer !== null) this.timers.clear(this.retryTimer);
      this.retryTimer = null;
      this.emit();
      this.pump();
    } else {
      this.browserOffline = true;
      this.emit();
    }
  }

  /** Stops sending (while a submit is on the wire); `resume` restarts. */
  pause() {
    this.paused = true;
  }

  resume() {
    this.paused = false;
    this.pump();
  }

  /** The submit was accepted with these answers: they count as acknowledged; nothing more is sent. */
  markSubmitted(sent: { slot: number; seq: number }[]) {
    this.state = applySubmitted(this.state, sent);
    this.stop();
    this.emit();
  }

  /** The server state was reloaded (e.g. after a stale ack): merge it with what is still pending here. */
  replaceFromServer(attempt: Pick<Attempt, 'id' | 'questions' | 'answers'>) {
    this.state = mergeWithServer(attempt, this.state);
    this.persistState();
    this.emit();
    this.pump();
  }

  close(code: string, message: string) {
    this.closed = { code, message };
    this.stop();
    this.emit();
  }

  stop() {
    this.stopped = true;
    this.clearTimersAndRequests();
  }

  private clearTimersAndRequests() {
    for (const h of this.holds.values()) this.timers.clear(h);
    this.holds.clear();
    if (this.retryTimer !== null) this.timers.clear(this.retryTimer);
    this.retryTimer = null;
    for (const c of this.controllers.values()) c.abort();
    this.controllers.clear();
  }

  get pending(): PendingAnswer[] {
    return pendingAnswers(this.state);
  }

  // --- the send loop ----------------------------------------------------------------------------------------

  private pump() {
    if (this.stopped || this.detached || this.paused || this.closed || this.browserOffline || this.retryTimer !== null) return;
    const max = this.opts.maxConcurrent ?? 2;
    for (const p of pendingAnswers(this.state)) {
      if (this.inFlight.size >= max) break;
      if (this.inFlight.has(p.slot) || this.holds.has(p.slot)) continue;
      this.sendOne(p);
    }
  }

  private sendOne(p: PendingAnswer) {
    this.inFlight.add(p.slot);
    const controller = new AbortController();
    this.controllers.set(p.slot, controller);
    const timeout = this.timers.set(() => controller.abort(), this.opts.requestTimeoutMs ?? 20_000);
    const sentAt = this.opts.now?.() ?? 0;
    this.emit();
    this.opts
      .send(p.slot, { response: p.response, seq: p.seq, flagged: p.flagged }, controller.signal)
      .then(
        (ack) => {
          if (this.stopped) return;
          // an ack that arrives after detach is still a fact about the server
          const outcome = applyAck(this.state, { slot: ack.slot ?? p.slot, seq: ack.seq ?? p.seq, savedAt: ack.savedAt });
          this.state = outcome.state;
          this.failures = 0;
          this.networkDown = false;
          this.persistState();
          this.opts.onServerTime?.(ack, sentAt);
          if (outcome.stale) this.opts.onStale?.();
        },
        (err: unknown) => {
          if (this.stopped || this.detached) return;
          if (isTransportError(err) && err.code && CLOSED_CODES.has(err.code)) {
            this.closed = { code: err.code, message: err.message };
            this.stop();
            return;
          }
          if (isRetryable(err) || (err instanceof DOMException && err.name === 'AbortError')) {
            this.failures += 1;
            if (!isTransportError(err) || err.status === 0) this.networkDown = true;
            this.scheduleRetry();
            return;
          }
          const message = isTransportError(err) ? err.message : String(err);
          this.state = applyRejection(this.state, p.slot, p.seq, message);
          this.persistState();
        },
      )
      .finally(() => {
        this.timers.clear(timeout);
        this.inFlight.delete(p.slot);
        this.controllers.delete(p.slot);
        this.emit();
        this.pump();
      });
  }

  private scheduleRetry() {
    if (this.retryTimer !== null) return;
    this.retryTimer = this.timers.set(() => {
      this.retryTimer = null;
      this.pump();
    }, retryDelay(this.failures, this.opts.random));
  }
}
