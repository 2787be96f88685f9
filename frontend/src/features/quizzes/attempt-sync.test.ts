import {
  applyAck,
  applyRejection,
  AttemptSyncEngine,
  clearStored,
  deserialize,
  getSlot,
  isAnswered,
  isRetryable,
  loadStored,
  mergeWithServer,
  pendingAnswers,
  persist,
  recordChange,
  retryDelay,
  saveStatus,
  serialize,
  storageKey,
  submitBody,
  type KeyValueStorage,
  type SyncState,
  type Transport,
} from './attempt-sync';
import type { AnyResponse, Attempt, SaveAck } from './types';

const questions = [1, 2, 3].map((slot) => ({ slot, type: 'single_choice' as const, text: `Câu ${slot}`, mark: 1 }));

function attempt(answers: Attempt['answers'] = [], id = 'att-1'): Pick<Attempt, 'id' | 'questions' | 'answers'> {
  return { id, questions, answers };
}

const empty = (): SyncState => ({ attemptId: 'att-1', slots: {} });

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

describe('recordChange', () => {
  it('gives each question its own increasing seq', () => {
    let s = empty();
    s = recordChange(s, 1, { response: { choice: 'a' } });
    s = recordChange(s, 1, { response: { choice: 'b' } });
    s = recordChange(s, 2, { response: { choice: 'x' } });
    expect(getSlot(s, 1)).toMatchObject({ seq: 2, ackedSeq: 0, response: { choice: 'b' } });
    expect(getSlot(s, 2)).toMatchObject({ seq: 1, response: { choice: 'x' } });
    expect(getSlot(s, 3)).toMatchObject({ seq: 0, response: null });
  });

  it('continues above the seq the server already has (resumed on another device)', () => {
    let s = mergeWithServer(attempt([{ slot: 1, response: { choice: 'a' }, seq: 7, savedAt: 't', flagged: false }]), null);
    s = recordChange(s, 1, { response: { choice: 'b' } });
    expect(getSlot(s, 1).seq).toBe(8);
  });

  it('a flag change keeps the answer and takes a new seq', () => {
    let s = recordChange(empty(), 1, { response: { choice: 'a' } });
    s = recordChange(s, 1, { flagged: true });
    expect(getSlot(s, 1)).toMatchObject({ seq: 2, flagged: true, response: { choice: 'a' } });
  });

  it('does not mutate the previous state', () => {
    const s0 = empty();
    const s1 = recordChange(s0, 1, { response: { choice: 'a' } });
    expect(s0.slots).toEqual({});
    expect(s1).not.toBe(s0);
  });
});

describe('applyAck', () => {
  it('marks the acknowledged seq as saved', () => {
    let s = recordChange(empty(), 1, { response: { choice: 'a' } });
    const out = applyAck(s, { slot: 1, seq: 1, savedAt: '2026-03-01T03:00:00Z' });
    s = out.state;
    expect(out.stale).toBe(false);
    expect(getSlot(s, 1)).toMatchObject({ seq: 1, ackedSeq: 1, savedAt: '2026-03-01T03:00:00Z' });
    expect(pendingAnswers(s)).toEqual([]);
  });

  it('ignores an ack older than one already received (out of order answers)', () => {
    let s = empty();
    s = recordChange(s, 1, { response: { choice: 'a' } });
    s = recordChange(s, 1, { response: { choice: 'b' } });
    s = applyAck(s, { slot: 1, seq: 2, savedAt: 'late' }).state;
    const out = applyAck(s, { slot: 1, seq: 1, savedAt: 'early' });
    expect(out.state).toBe(s);
    expect(getSlot(out.state, 1)).toMatchObject({ ackedSeq: 2, savedAt: 'late' });
  });

  it('an ack of an older seq leaves the newer change pending', () => {
    let s = empty();
    s = recordChange(s, 1, { response: { choice: 'a' } });
    s = recordChange(s, 1, { response: { choice: 'b' } });
    s = applyAck(s, { slot: 1, seq: 1, savedAt: 't' }).state;
    expect(getSlot(s, 1)).toMatchObject({ seq: 2, ackedSeq: 1 });
    expect(pendingAnswers(s)).toEqual([{ slot: 1, response: { choice: 'b' }, seq: 2, flagged: false }]);
  });

  it('reports a stale answer when the server holds a higher seq than this browser', () => {
    const s = recordChange(empty(), 1, { response: { choice: 'a' } });
    const out = applyAck(s, { slot: 1, seq: 5, savedAt: 't' });
    expect(out.stale).toBe(true);
    expect(getSlot(out.state, 1)).toMatchObject({ seq: 5, ackedSeq: 5 });
  });

  it('clears a rejection once a later seq is acknowledged', () => {
    let s = recordChange(empty(), 1, { response: { text: 'x' } });
    s = applyRejection(s, 1, 1, 'Câu trả lời không hợp lệ');
    expect(saveStatus(getSlot(s, 1), { offline: false })).toBe('error');
    s = recordChange(s, 1, { response: { text: 'y' } });
    s = applyAck(s, { slot: 1, seq: 2, savedAt: 't' }).state;
    expect(getSlot(s, 1).error).toBeNull();
    expect(saveStatus(getSlot(s, 1), { offline: false })).toBe('saved');
  });
});

describe('applyRejection', () => {
  it('keeps the refused answer out of the queue but not a newer change', () => {
    let s = recordChange(empty(), 1, { response: { text: 'x' } });
    s = applyRejection(s, 1, 1, 'bad');
    expect(pendingAnswers(s)).toEqual([]);
    s = recordChange(s, 1, { response: { text: 'y' } });
    expect(pendingAnswers(s)).toEqual([{ slot: 1, response: { text: 'y' }, seq: 2, flagged: false }]);
  });

  it('is ignored when a newer change was recorded meanwhile', () => {
    let s = recordChange(empty(), 1, { response: { text: 'x' } });
    s = recordChange(s, 1, { response: { text: 'xy' } });
    expect(applyRejection(s, 1, 1, 'bad')).toBe(s);
  });
});

describe('mergeWithServer (resume after a reload, a dropped connection or another device)', () => {
  it('replays what the server never acknowledged (higher local seq)', () => {
    const server = attempt([{ slot: 1, response: { choice: 'a' }, seq: 2, savedAt: 's1', flagged: false }]);
    let local = mergeWithServer(server, null);
    local = recordChange(local, 1, { response: { choice: 'c' } }); // seq 3, offline
    local = recordChange(local, 2, { response: { choice: 'x' }, flagged: true }); // seq 1, offline
    const stored = deserialize(serialize(local), 'att-1');
    const resumed = mergeWithServer(server, stored);
    expect(getSlot(resumed, 1)).toMatchObject({ response: { choice: 'c' }, seq: 3, ackedSeq: 2 });
    expect(getSlot(resumed, 2)).toMatchObject({ response: { choice: 'x' }, seq: 1, ackedSeq: 0, flagged: true });
    expect(submitBody(resumed)).toEqual({
      answers: [
        { slot: 1, response: { choice: 'c' }, seq: 3, flagged: false },
        { slot: 2, response: { choice: 'x' }, seq: 1, flagged: true },
      ],
    });
  });

  it('takes the server answer when its seq is equal or higher (already sent, or newer from another device)', () => {
    const server = attempt([
      { slot: 1, response: { choice: 'from-phone' }, seq: 4, savedAt: 's', flagged: true },
      { slot: 2, response: { choice: 'same' }, seq: 1, savedAt: 's', flagged: false },
    ]);
    let local = empty();
    for (let i = 0; i < 3; i++) local = recordChange(local, 1, { response: { choice: `old-${i}` } });
    local = recordChange(local, 2, { response: { choice: 'same' } });
    const resumed = mergeWithServer(server, local);
    expect(getSlot(resumed, 1)).toMatchObject({ response: { choice: 'from-phone' }, seq: 4, ackedSeq: 4, flagged: true });
    expect(getSlot(resumed, 2)).toMatchObject({ seq: 1, ackedSeq: 1 });
    expect(pendingAnswers(resumed)).toEqual([]);
  });

  it('ignores the stored answers of another attempt and of unknown questions', () => {
    let other: SyncState = { attemptId: 'att-OLD', slots: {} };
    other = recordChange(other, 1, { response: { choice: 'z' } });
    expect(pendingAnswers(mergeWithServer(attempt(), other))).toEqual([]);
    let local = recordChange(empty(), 99, { response: { choice: 'z' } });
    local = recordChange(local, 3, { response: { choice: 'k' } });
    expect(pendingAnswers(mergeWithServer(attempt(), local)).map((p) => p.slot)).toEqual([3]);
  });

  it('keeps a refusal of the same seq so that it is not resent after a reload', () => {
    let local = recordChange(empty(), 1, { response: { text: 'x' } });
    local = applyRejection(local, 1, 1, 'bad');
    const resumed = mergeWithServer(attempt(), deserialize(serialize(local), 'att-1'));
    expect(getSlot(resumed, 1).error).toEqual({ seq: 1, message: 'bad' });
    expect(pendingAnswers(resumed)).toEqual([]);
  });
});

describe('submitBody', () => {
  it('contains exactly the unacknowledged answers, in slot order, with an empty response for a flag-only change', () => {
    let s = empty();
    s = recordChange(s, 3, { response: { choice: 'c' } });
    s = recordChange(s, 1, { response: { choice: 'a' } });
    s = recordChange(s, 2, { flagged: true });
    s = applyAck(s, { slot: 1, seq: 1, savedAt: 't' }).state;
    expect(submitBody(s)).toEqual({
      answers: [
        { slot: 2, response: {}, seq: 1, flagged: true },
        { slot: 3, response: { choice: 'c' }, seq: 1, flagged: false },
      ],
    });
  });

  it('is empty when everything was saved', () => {
    let s = recordChange(empty(), 1, { response: { choice: 'a' } });
    s = applyAck(s, { slot: 1, seq: 1, savedAt: 't' }).state;
    expect(submitBody(s)).toEqual({ answers: [] });
  });
});

describe('storage', () => {
  it('round-trips through localStorage under the attempt id', () => {
    const storage = new MemoryStorage();
    let s = recordChange(empty(), 2, { response: { pairs: { l1: 'r2' } }, flagged: true });
    s = applyAck(s, { slot: 2, seq: 1, savedAt: 't' }).state;
    s = recordChange(s, 2, { response: { pairs: { l1: 'r3' } } });
    expect(persist(storage, s)).toBe(true);
    expect([...storage.data.keys()]).toEqual([storageKey('att-1')]);
    expect(loadStored(storage, 'att-1')).toEqual(s);
    clearStored(storage, 'att-1');
    expect(loadStored(storage, 'att-1')).toBeNull();
  });

  it('refuses damaged, foreign or other-version data without throwing', () => {
    expect(deserialize('{nope', 'att-1')).toBeNull();
    expect(deserialize('null', 'att-1')).toBeNull();
    expect(deserialize(JSON.stringify({ v: 99, attemptId: 'att-1', slots: {} }), 'att-1')).toBeNull();
    expect(deserialize(serialize(recordChange(empty(), 1, { response: { choice: 'a' } })), 'att-2')).toBeNull();
    const partly = JSON.stringify({ v: 1, attemptId: 'att-1', slots: { 1: { seq: 'x' }, two: { seq: 1 }, 3: { seq: 2, response: [1], flagged: 'yes' } } });
    expect(deserialize(partly, 'att-1')).toEqual({
      attemptId: 'att-1',
      slots: { 3: { seq: 2, ackedSeq: 0, response: null, flagged: false, savedAt: null, error: null } },
    });
  });

  it('reports a full or missing storage instead of throwing', () => {
    const full: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(persist(full, empty())).toBe(false);
    expect(persist(null, empty())).toBe(false);
    expect(loadStored(full, 'att-1')).toBeNull();
  });
});

describe('isAnswered and saveStatus', () => {
  it.each<[AnyResponse | null, boolean]>([
    [null, false],
    [{}, false],
    [{ choice: '' }, false],
    [{ choice: 'k1' }, true],
    [{ choices: [] }, false],
    [{ choices: ['k1'] }, true],
    [{ text: '   ' }, false],
    [{ text: 'Hà Nội' }, true],
    [{ number: '' }, false],
    [{ number: '3,5' }, true],
    [{ pairs: { a: '' } }, false],
    [{ pairs: { a: 'r1' } }, true],
    [{ order: [] }, false],
    [{ order: ['i2', 'i1'] }, true],
  ])('%j answered = %s', (response, expected) => {
    expect(isAnswered(response)).toBe(expected);
  });

  it('derives the per-question save state', () => {
    let s = recordChange(empty(), 1, { response: { choice: 'a' } });
    expect(saveStatus(undefined, { offline: false })).toBe('none');
    expect(saveStatus(getSlot(s, 1), { offline: false })).toBe('saving');
    expect(saveStatus(getSlot(s, 1), { offline: true })).toBe('offline');
    s = applyAck(s, { slot: 1, seq: 1, savedAt: 't' }).state;
    expect(saveStatus(getSlot(s, 1), { offline: true })).toBe('saved');
  });
});

describe('retryDelay and isRetryable', () => {
  it('doubles from 1 s up to 30 s with ±20 % jitter', () => {
    expect(retryDelay(1, () => 0.5)).toBe(1000);
    expect(retryDelay(2, () => 0.5)).toBe(2000);
    expect(retryDelay(4, () => 0.5)).toBe(8000);
    expect(retryDelay(10, () => 0.5)).toBe(30000);
    expect(retryDelay(3, () => 0)).toBe(3200);
    expect(retryDelay(3, () => 1)).toBe(4800);
  });

  it('retries network, server and session errors, not a refused answer', () => {
    expect(isRetryable({ status: 0, message: 'offline' })).toBe(true);
    expect(isRetryable({ status: 503, message: 'x' })).toBe(true);
    expect(isRetryable({ status: 429, message: 'x' })).toBe(true);
    expect(isRetryable({ status: 400, code: 'VALIDATION_FAILED', message: 'x' })).toBe(false);
    expect(isRetryable({ status: 404, message: 'x' })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------------

type Call = { slot: number; body: { response: AnyResponse; seq: number; flagged: boolean }; signal: AbortSignal; resolve: (ack?: Partial<SaveAck>) => void; reject: (err: unknown) => void };

function fakeTransport() {
  const calls: Call[] = [];
  const send: Transport = (slot, body, signal) =>
    new Promise<SaveAck>((resolve, reject) => {
      calls.push({
        slot,
        body,
        signal,
        resolve: (ack = {}) => resolve({ slot, seq: body.seq, savedAt: '2026-03-01T03:00:00Z', serverNow: '2026-03-01T03:00:00Z', ...ack }),
        reject,
      });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { send, calls };
}

const settle = () => jest.advanceTimersByTimeAsync(0);
const offlineError = { status: 0, code: 'NETWORK', message: 'Không kết nối được máy chủ.' };

describe('AttemptSyncEngine', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function engine(opts: Partial<ConstructorParameters<typeof AttemptSyncEngine>[0]> = {}) {
    const t = fakeTransport();
    const storage = new MemoryStorage();
    const e = new AttemptSyncEngine({ initial: empty(), send: t.send, storage, random: () => 0.5, ...opts });
    return { e, t, storage };
  }

  it('sends a change at once, stores it, and shows it saved on the ack', async () => {
    const { e, t, storage } = engine();
    e.change(1, { response: { choice: 'a' } });
    expect(t.calls.map((c) => [c.slot, c.body])).toEqual([[1, { response: { choice: 'a' }, seq: 1, flagged: false }]]);
    expect(loadStored(storage, 'att-1')?.slots[1]).toMatchObject({ seq: 1, ackedSeq: 0 });
    expect(e.getSnapshot().inFlight.has(1)).toBe(true);
    t.calls[0].resolve();
    await settle();
    expect(saveStatus(getSlot(e.getSnapshot().state, 1), e.getSnapshot())).toBe('saved');
    expect(loadStored(storage, 'att-1')?.slots[1]).toMatchObject({ seq: 1, ackedSeq: 1 });
  });

  it('keeps one request per question on the wire and sends the latest change after it', async () => {
    const { e, t } = engine();
    e.change(1, { response: { choice: 'a' } });
    e.change(1, { response: { choice: 'b' } });
    e.change(1, { response: { choice: 'c' } });
    expect(t.calls).toHaveLength(1);
    t.calls[0].resolve();
    await settle();
    expect(t.calls.map((c) => c.body.seq)).toEqual([1, 3]);
    expect(t.calls[1].body.response).toEqual({ choice: 'c' });
    t.calls[1].resolve();
    await settle();
    expect(e.pending).toEqual([]);
  });

  it('limits concurrent requests across questions', async () => {
    const { e, t } = engine({ maxConcurrent: 2 });
    e.change(1, { response: { choice: 'a' } });
    e.change(2, { response: { choice: 'a' } });
    e.change(3, { response: { choice: 'a' } });
    expect(t.calls.map((c) => c.slot)).toEqual([1, 2]);
    t.calls[0].resolve();
    await settle();
    expect(t.calls.map((c) => c.slot)).toEqual([1, 2, 3]);
  });

  it('queues while the browser is offline and sends everything on the "online" event', async () => {
    const { e, t, storage } = engine({ online: false });
    e.change(1, { response: { choice: 'a' } });
    e.change(2, { response: { text: 'Hà Nội' } });
    expect(t.calls).toHaveLength(0);
    expect(saveStatus(getSlot(e.getSnapshot().state, 1), e.getSnapshot())).toBe('offline');
    expect(pendingAnswers(loadStored(storage, 'att-1')!)).toHaveLength(2);
    e.setOnline(true);
    expect(t.calls.map((c) => c.slot)).toEqual([1, 2]);
    expect(saveStatus(getSlot(e.getSnapshot().state, 1), e.getSnapshot())).toBe('saving');
  });

  it('retries with backoff after a network failure and recovers', async () => {
    const { e, t } = engine();
    e.change(1, { response: { choice: 'a' } });
    t.calls[0].reject(offlineError);
    await settle();
    expect(e.getSnapshot().offline).toBe(true);
    expect(saveStatus(getSlot(e.getSnapshot().state, 1), e.getSnapshot())).toBe('offline');
    await jest.advanceTimersByTimeAsync(999);
    expect(t.calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(2);
    t.calls[1].reject(offlineError);
    await settle();
    await jest.advanceTimersByTimeAsync(1999);
    expect(t.calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(3);
    expect(t.calls[2].body.seq).toBe(1);
    t.calls[2].resolve();
    await settle();
    expect(e.getSnapshot().offline).toBe(false);
    expect(e.pending).toEqual([]);
  });

  it('treats a request that hangs as a network failure (timeout)', async () => {
    const { e, t } = engine({ requestTimeoutMs: 5000 });
    e.change(1, { response: { choice: 'a' } });
    await jest.advanceTimersByTimeAsync(5000);
    expect(t.calls[0].signal.aborted).toBe(true);
    expect(e.getSnapshot().offline).toBe(true);
    await jest.advanceTimersByTimeAsync(1000);
    expect(t.calls).toHaveLength(2);
  });

  it('stops at 409 ATTEMPT_DEADLINE_PASSED and keeps the answer locally', async () => {
    const { e, t, storage } = engine();
    e.change(1, { response: { choice: 'a' } });
    t.calls[0].reject({ status: 409, code: 'ATTEMPT_DEADLINE_PASSED', message: 'Đã hết giờ làm bài' });
    await settle();
    expect(e.getSnapshot().closed).toEqual({ code: 'ATTEMPT_DEADLINE_PASSED', message: 'Đã hết giờ làm bài' });
    e.change(2, { response: { choice: 'b' } });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(t.calls).toHaveLength(1);
    expect(loadStored(storage, 'att-1')?.slots[1]).toMatchObject({ seq: 1 });
  });

  it('does not resend an answer the server refused (400) until it changes', async () => {
    const { e, t } = engine();
    e.change(1, { response: { text: 'x'.repeat(20_001) } });
    t.calls[0].reject({ status: 400, code: 'VALIDATION_FAILED', message: 'Câu trả lời quá dài' });
    await settle();
    expect(saveStatus(getSlot(e.getSnapshot().state, 1), e.getSnapshot())).toBe('error');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(t.calls).toHaveLength(1);
    e.change(1, { response: { text: 'ngắn' } });
    expect(t.calls).toHaveLength(2);
    expect(t.calls[1].body.seq).toBe(2);
  });

  it('holds a typed answer until typing pauses; flush sends it at once', async () => {
    const { e, t } = engine();
    e.change(1, { response: { text: 'H' } }, 800);
    e.change(1, { response: { text: 'Hà' } }, 800);
    await jest.advanceTimersByTimeAsync(700);
    expect(t.calls).toHaveLength(0);
    e.change(1, { response: { text: 'Hà N' } }, 800);
    await jest.advanceTimersByTimeAsync(799);
    expect(t.calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(t.calls.map((c) => c.body)).toEqual([{ response: { text: 'Hà N' }, seq: 3, flagged: false }]);
    e.change(2, { response: { text: 'x' } }, 800);
    e.flush();
    expect(t.calls.map((c) => c.slot)).toEqual([1, 2]);
  });

  it('after a reload, replays the unacknowledged answers with their seq from localStorage', async () => {
    const first = engine({ online: false });
    first.e.change(1, { response: { choice: 'a' } });
    first.e.change(1, { response: { choice: 'b' } });
    first.e.change(3, { response: { choice: 'c' } });
    first.e.stop(); // the page is reloaded

    // The server has seq 1 of question 1 (sent before the network dropped) and nothing of question 3.
    const server = attempt([{ slot: 1, response: { choice: 'a' }, seq: 1, savedAt: 't', flagged: false }]);
    const t = fakeTransport();
    const second = new AttemptSyncEngine({
      initial: mergeWithServer(server, loadStored(first.storage, 'att-1')),
      send: t.send,
      storage: first.storage,
    });
    expect(t.calls).toHaveLength(0); // nothing before start()
    second.start();
    expect(t.calls.map((c) => [c.slot, c.body])).toEqual([
      [1, { response: { choice: 'b' }, seq: 2, flagged: false }],
      [3, { response: { choice: 'c' }, seq: 1, flagged: false }],
    ]);
    second.flush(); // already on the wire: not sent twice
    expect(t.calls).toHaveLength(2);
    t.calls[0].resolve();
    t.calls[1].resolve();
    await settle();
    expect(pendingAnswers(loadStored(first.storage, 'att-1')!)).toEqual([]);
  });

  it('calls onStale when the server answers with a newer seq from another device', async () => {
    const onStale = jest.fn();
    const { e, t } = engine({ onStale });
    e.change(1, { response: { choice: 'a' } });
    t.calls[0].resolve({ seq: 9 });
    await settle();
    expect(onStale).toHaveBeenCalledTimes(1);
    e.replaceFromServer(attempt([{ slot: 1, response: { choice: 'phone' }, seq: 9, savedAt: 't', flagged: false }]));
    expect(getSlot(e.getSnapshot().state, 1).response).toEqual({ choice: 'phone' });
  });

  it('survives an unmount and mount (React strict mode): detach aborts, start resends, nothing is lost', async () => {
    const { e, t } = engine();
    e.change(1, { response: { choice: 'a' } });
    e.change(2, { response: { text: 'đang gõ' } }, 800);
    e.detach();
    expect(t.calls[0].signal.aborted).toBe(true);
    await settle();
    expect(e.getSnapshot().offline).toBe(false); // an abort by detach is not a network failure
    e.change(3, { response: { choice: 'c' } }); // recorded while detached, sent after start
    expect(t.calls).toHaveLength(1);
    e.start();
    expect(t.calls.map((c) => c.slot)).toEqual([1, 1, 2]); // two on the wire at most
    t.calls[1].resolve();
    await settle();
    expect(t.calls.map((c) => c.slot)).toEqual([1, 1, 2, 3]);
    expect(getSlot(e.getSnapshot().state, 1)).toMatchObject({ seq: 1, ackedSeq: 1 });
  });

  it('a 409 other than a closed attempt (a page closed by sequential navigation) is shown on the question, not retried', async () => {
    const { e, t } = engine();
    e.change(1, { response: { choice: 'a' } });
    t.calls[0].reject({ status: 409, code: 'PAGE_LOCKED', message: 'Trang này đã đóng' });
    await settle();
    expect(e.getSnapshot().closed).toBeNull();
    expect(getSlot(e.getSnapshot().state, 1).error).toEqual({ seq: 1, message: 'Trang này đã đóng' });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(t.calls).toHaveLength(1);
  });

  it('pauses while a submit is on the wire and counts the submitted answers as saved', async () => {
    const { e, t } = engine({ online: false });
    e.change(1, { response: { choice: 'a' } });
    e.change(2, { response: { choice: 'b' } });
    e.pause();
    e.setOnline(true);
    expect(t.calls).toHaveLength(0);
    const body = submitBody(e.getSnapshot().state);
    expect(body.answers.map((a) => a.slot)).toEqual([1, 2]);
    e.markSubmitted(body.answers);
    expect(e.pending).toEqual([]);
    e.change(3, { response: { choice: 'c' } });
    expect(t.calls).toHaveLength(0);
  });
});
