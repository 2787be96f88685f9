import {
  applyResults,
  backoffDelay,
  dedupe,
  enqueue,
  isRetryable,
  liveCounts,
  loadQueue,
  MarkSyncEngine,
  saveQueue,
  storageKey,
  toRows,
  type KeyValueStore,
  type QueuedMark,
} from './mark-sync';
import type { Mark, MarkRowInput, SaveMarksResult } from './types';

class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const q = (rosterId: string, markedAt: string, status: QueuedMark['status'] = 'present', extra: Partial<QueuedMark> = {}): QueuedMark => ({
  rosterId,
  status,
  lateMinutes: null,
  remark: null,
  markedAt,
  ...extra,
});

const serverMark = (row: MarkRowInput, overrides: Partial<Mark> = {}): Mark => ({
  rosterId: row.rosterId,
  fullName: `Người ${row.rosterId}`,
  kind: 'staff',
  status: row.status,
  lateMinutes: row.lateMinutes ?? null,
  remark: row.remark ?? null,
  markedAt: row.markedAt,
  markedBy: 'u-1',
  markedByName: 'Giảng viên',
  source: 'trainer',
  updatedAt: row.markedAt,
  ...overrides,
});

const counts = { present: 0, late: 0, left_early: 0, excused: 0, unexcused: 0, unmarked: 0, total: 0 };

/** The server's answer: every row saved, except the rosterIds in `errors`. */
function answer(rows: MarkRowInput[], errors: Record<string, { code: string; message: string; field?: string }> = {}, superseded: Record<string, Partial<Mark>> = {}): SaveMarksResult {
  const results = rows.map((row, index) => {
    const e = errors[row.rosterId];
    if (e) return { index, rosterId: row.rosterId, result: 'error' as const, ...e };
    const s = superseded[row.rosterId];
    if (s) return { index, rosterId: row.rosterId, result: 'superseded' as const, mark: serverMark(row, s) };
    return { index, rosterId: row.rosterId, result: 'saved' as const, mark: serverMark(row) };
  });
  return {
    results,
    saved: results.filter((r) => r.result === 'saved').length,
    superseded: results.filter((r) => r.result === 'superseded').length,
    unchanged: 0,
    errors: results.filter((r) => r.result === 'error').length,
    counts,
  };
}

/** Manual timers: run them when the test says so. */
function manualTimers() {
  const timers: { fn: () => void; ms: number; id: number }[] = [];
  let next = 1;
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.push({ fn, ms, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    runAll: () => {
      const due = timers.splice(0);
      for (const t of due) t.fn();
    },
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flushPromises = () => new Promise((r) => setTimeout(r, 0));

describe('queue', () => {
  it('keeps one mark per person, the later device time winning', () => {
    let queue: QueuedMark[] = [];
    queue = enqueue(queue, q('a', '2026-06-15T01:00:00.000Z', 'present'));
    queue = enqueue(queue, q('b', '2026-06-15T01:00:00.000Z', 'present'));
    queue = enqueue(queue, q('a', '2026-06-15T01:05:00.000Z', 'late', { lateMinutes: 12 }));
    expect(queue).toEqual([q('a', '2026-06-15T01:05:00.000Z', 'late', { lateMinutes: 12 }), q('b', '2026-06-15T01:00:00.000Z')]);
    // an older mark arriving afterwards does not replace the newer one
    queue = enqueue(queue, q('a', '2026-06-15T00:59:00.000Z', 'unexcused'));
    expect(queue[0].status).toBe('late');
    // a tie goes to the last tap
    queue = enqueue(queue, q('b', '2026-06-15T01:00:00.000Z', 'excused'));
    expect(queue[1].status).toBe('excused');
  });

  it('dedupes a list keeping the latest mark of each person in first-seen order', () => {
    const list = [
      q('a', '2026-06-15T01:00:00.000Z', 'present'),
      q('b', '2026-06-15T01:01:00.000Z', 'present'),
      q('a', '2026-06-15T01:02:00.000Z', 'left_early'),
      q('b', '2026-06-15T00:00:00.000Z', 'unexcused'),
    ];
    expect(dedupe(list).map((m) => [m.rosterId, m.status])).toEqual([
      ['a', 'left_early'],
      ['b', 'present'],
    ]);
  });

  it('saves to and loads from the device storage per session, and removes the key when empty', () => {
    const store = new MemoryStore();
    const state = { pending: [q('a', '2026-06-15T01:00:00.000Z')], rejected: [] };
    expect(saveQueue(store, 's-1', state)).toBe(true);
    expect(loadQueue(store, 's-1')).toEqual(state);
    expect(loadQueue(store, 's-2')).toEqual({ pending: [], rejected: [] });
    expect(saveQueue(store, 's-1', { pending: [], rejected: [] })).toBe(true);
    expect(store.data.has(storageKey('s-1'))).toBe(false);
  });

  it('survives corrupt or foreign storage values and drops malformed rows', () => {
    const store = new MemoryStore();
    store.setItem(storageKey('s-1'), '{not json');
    expect(loadQueue(store, 's-1')).toEqual({ pending: [], rejected: [] });
    store.setItem(storageKey('s-1'), JSON.stringify({ v: 99, pending: [q('a', '2026-06-15T01:00:00.000Z')] }));
    expect(loadQueue(store, 's-1').pending).toEqual([]);
    store.setItem(
      storageKey('s-1'),
      JSON.stringify({
        v: 1,
        pending: [
          q('a', '2026-06-15T01:00:00.000Z'),
          { rosterId: 'b', status: 'asleep', lateMinutes: null, remark: null, markedAt: '2026-06-15T01:00:00.000Z' },
          { rosterId: 'c', status: 'present', lateMinutes: null, remark: null, markedAt: 'yesterday' },
          null,
        ],
        rejected: [{ ...q('d', '2026-06-15T01:00:00.000Z'), code: 'ROSTER_NOT_FOUND', message: 'Không có trong danh sách' }, { rosterId: 'e' }],
      }),
    );
    const state = loadQueue(store, 's-1');
    expect(state.pending.map((m) => m.rosterId)).toEqual(['a']);
    expect(state.rejected.map((m) => m.rosterId)).toEqual(['d']);
  });

  it('reports a device that refuses to store', () => {
    const store = new MemoryStore();
    store.failWrites = true;
    expect(saveQueue(store, 's-1', { pending: [q('a', '2026-06-15T01:00:00.000Z')], rejected: [] })).toBe(false);
  });

  it('sends late minutes only with "late" and the reason only when given', () => {
    expect(
      toRows([q('a', '2026-06-15T01:00:00.000Z', 'present', { lateMinutes: 5 }), q('b', '2026-06-15T01:00:00.000Z', 'late', { lateMinutes: 7, reason: 'Nhập bù' })]),
    ).toEqual([
      { rosterId: 'a', status: 'present', lateMinutes: null, remark: null, markedAt: '2026-06-15T01:00:00.000Z' },
      { rosterId: 'b', status: 'late', lateMinutes: 7, remark: null, markedAt: '2026-06-15T01:00:00.000Z', reason: 'Nhập bù' },
    ]);
  });
});

describe('applyResults', () => {
  it('acknowledges the good rows and keeps the one invalid row apart with the server message', () => {
    const sent = [q('a', '2026-06-15T01:00:00.000Z'), q('x', '2026-06-15T01:00:00.000Z'), q('c', '2026-06-15T01:00:00.000Z', 'excused')];
    const res = answer(toRows(sent), { x: { code: 'ROSTER_NOT_FOUND', message: 'Người này không có trong danh sách lớp', field: 'marks.1.rosterId' } });
    const out = applyResults({ pending: sent, rejected: [] }, sent, res);
    expect(out.acknowledged).toBe(2);
    expect(out.rejected).toBe(1);
    expect(out.state.pending).toEqual([]);
    expect(out.state.rejected).toEqual([{ ...sent[1], code: 'ROSTER_NOT_FOUND', message: 'Người này không có trong danh sách lớp', field: 'marks.1.rosterId' }]);
    expect(out.outcomes.a).toMatchObject({ kind: 'saved' });
    expect(out.outcomes.x).toEqual({ kind: 'error', code: 'ROSTER_NOT_FOUND', message: 'Người này không có trong danh sách lớp', field: 'marks.1.rosterId' });
  });

  it('keeps a person marked again while the batch was in flight', () => {
    const sent = [q('a', '2026-06-15T01:00:00.000Z', 'present')];
    const newer = q('a', '2026-06-15T01:00:05.000Z', 'late', { lateMinutes: 10 });
    const out = applyResults({ pending: [newer], rejected: [] }, sent, answer(toRows(sent)));
    expect(out.state.pending).toEqual([newer]);
    expect(out.outcomes.a).toMatchObject({ kind: 'saved' });
  });

  it('shows the mark the server kept when another trainer marked later (superseded)', () => {
    const sent = [q('a', '2026-06-15T01:00:00.000Z', 'unexcused')];
    const res = answer(toRows(sent), {}, { a: { status: 'present', markedAt: '2026-06-15T01:02:00.000Z', markedByName: 'Trần Thị Bích', source: 'qr' } });
    const out = applyResults({ pending: sent, rejected: [] }, sent, res);
    expect(out.state.pending).toEqual([]);
    expect(out.outcomes.a).toMatchObject({ kind: 'superseded', mark: { status: 'present', markedByName: 'Trần Thị Bích', source: 'qr' } });
  });

  it('settles an older refused row once a newer mark of the person is accepted', () => {
    const old = { ...q('a', '2026-06-15T01:00:00.000Z'), code: 'REASON_REQUIRED', message: 'Cần lý do' };
    const sent = [q('a', '2026-06-15T01:10:00.000Z', 'present', { reason: 'Nhập bù từ phiếu giấy' })];
    const out = applyResults({ pending: sent, rejected: [old] }, sent, answer(toRows(sent)));
    expect(out.state.rejected).toEqual([]);
  });
});

describe('retry policy', () => {
  it('retries network failures, server errors and throttling, not refusals', () => {
    expect(isRetryable({ status: 0 })).toBe(true);
    expect(isRetryable({ status: 503 })).toBe(true);
    expect(isRetryable({ status: 429 })).toBe(true);
    expect(isRetryable({ status: 408 })).toBe(true);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable({ status: 400 })).toBe(false);
    expect(isRetryable({ status: 409 })).toBe(false);
    expect(isRetryable({ status: 401 })).toBe(false);
  });

  it('backs off exponentially with jitter and a cap', () => {
    expect(backoffDelay(0, { random: () => 1 })).toBe(1000);
    expect(backoffDelay(1, { random: () => 1 })).toBe(2000);
    expect(backoffDelay(3, { random: () => 1 })).toBe(8000);
    expect(backoffDelay(3, { random: () => 0 })).toBe(4000);
    expect(backoffDelay(20, { random: () => 1 })).toBe(60_000);
  });
});

describe('live counts', () => {
  it('lays the queued marks over the server marks', () => {
    const items = [
      { rosterId: 'a', status: 'present' as const },
      { rosterId: 'b', status: null },
      { rosterId: 'c', status: null },
      { rosterId: 'd', status: 'unexcused' as const },
    ];
    expect(liveCounts(items, [q('b', '2026-06-15T01:00:00.000Z', 'late'), q('d', '2026-06-15T01:00:00.000Z', 'present')])).toEqual({
      present: 2,
      late: 1,
      left_early: 0,
      excused: 0,
      unexcused: 0,
      unmarked: 1,
      total: 4,
    });
  });
});

describe('MarkSyncEngine', () => {
  let clock = Date.parse('2026-06-15T01:00:00.000Z');
  const now = () => clock;
  beforeEach(() => {
    clock = Date.parse('2026-06-15T01:00:00.000Z');
  });

  it('queues marks while offline, keeps them on the device, and sends them once the network returns', async () => {
    const store = new MemoryStore();
    const send = jest.fn(async (rows: MarkRowInput[]) => answer(rows));
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send, online: false, now });
    engine.markMany([
      { rosterId: 'a', status: 'present' },
      { rosterId: 'b', status: 'present' },
    ]);
    clock += 30_000;
    engine.mark({ rosterId: 'b', status: 'late', lateMinutes: 15, remark: '  Đến muộn do mưa ' });
    expect(send).not.toHaveBeenCalled();
    expect(engine.snapshot().pending).toHaveLength(2);
    expect(loadQueue(store, 's-1').pending).toEqual([
      q('a', '2026-06-15T01:00:00.000Z'),
      q('b', '2026-06-15T01:00:30.000Z', 'late', { lateMinutes: 15, remark: 'Đến muộn do mưa' }),
    ]);

    engine.setOnline(true);
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0]).toEqual([
      { rosterId: 'a', status: 'present', lateMinutes: null, remark: null, markedAt: '2026-06-15T01:00:00.000Z' },
      { rosterId: 'b', status: 'late', lateMinutes: 15, remark: 'Đến muộn do mưa', markedAt: '2026-06-15T01:00:30.000Z' },
    ]);
    expect(engine.snapshot().pending).toEqual([]);
    expect(store.data.has(storageKey('s-1'))).toBe(false);
    expect(engine.snapshot().outcomes.b).toMatchObject({ kind: 'saved' });
  });

  it('replays the queue after a reload (a new engine reads the device storage)', async () => {
    const store = new MemoryStore();
    const offline = new MarkSyncEngine({ sessionId: 's-1', store, send: jest.fn(), online: false, now });
    offline.markMany([
      { rosterId: 'a', status: 'present' },
      { rosterId: 'b', status: 'excused', remark: 'Ốm' },
      { rosterId: 'c', status: 'unexcused' },
    ]);
    offline.dispose();

    // the page is reloaded: another session's queue is untouched
    saveQueue(store, 's-2', { pending: [q('z', '2026-06-15T01:00:00.000Z')], rejected: [] });
    const send = jest.fn(async (rows: MarkRowInput[]) => answer(rows));
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send, online: true, now });
    expect(engine.snapshot().pending.map((m) => m.rosterId)).toEqual(['a', 'b', 'c']);
    await engine.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0].map((r) => [r.rosterId, r.status, r.remark])).toEqual([
      ['a', 'present', null],
      ['b', 'excused', 'Ốm'],
      ['c', 'unexcused', null],
    ]);
    expect(engine.snapshot().pending).toEqual([]);
    expect(loadQueue(store, 's-2').pending).toHaveLength(1);
  });

  it('partial failure: the invalid row is reported and kept, the rest are acknowledged, nothing is resent', async () => {
    const store = new MemoryStore();
    // the server refuses a late mark over 600 minutes, row by row
    const send = jest.fn(async (rows: MarkRowInput[]) =>
      answer(
        rows,
        Object.fromEntries(
          rows
            .filter((r) => (r.lateMinutes ?? 0) > 600)
            .map((r) => [r.rosterId, { code: 'INVALID_LATE_MINUTES', message: 'Số phút đi muộn từ 0 đến 600', field: 'marks.1.lateMinutes' }]),
        ),
      ),
    );
    const changes: number[] = [];
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send, online: false, now, onChange: (s) => changes.push(s.pending.length) });
    engine.markMany([
      { rosterId: 'a', status: 'present' },
      { rosterId: 'b', status: 'late', lateMinutes: 900 },
      { rosterId: 'c', status: 'present' },
    ]);
    engine.setOnline(true);
    await flushPromises();
    const snap = engine.snapshot();
    expect(snap.pending).toEqual([]);
    expect(snap.rejected).toEqual([
      { ...q('b', '2026-06-15T01:00:00.000Z', 'late', { lateMinutes: 900 }), code: 'INVALID_LATE_MINUTES', message: 'Số phút đi muộn từ 0 đến 600', field: 'marks.1.lateMinutes' },
    ]);
    expect(snap.outcomes.a).toMatchObject({ kind: 'saved' });
    expect(snap.outcomes.c).toMatchObject({ kind: 'saved' });
    expect(snap.outcomes.b).toMatchObject({ kind: 'error', message: 'Số phút đi muộn từ 0 đến 600' });
    // the refused row survives a reload, and is not sent again by itself
    expect(loadQueue(store, 's-1').rejected.map((r) => r.rosterId)).toEqual(['b']);
    await engine.flush();
    expect(send).toHaveBeenCalledTimes(1);
    // marking the person again replaces the refused row
    engine.mark({ rosterId: 'b', status: 'late', lateMinutes: 20 });
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1][0]).toEqual([{ rosterId: 'b', status: 'late', lateMinutes: 20, remark: null, markedAt: '2026-06-15T01:00:00.000Z' }]);
    expect(engine.snapshot().rejected).toEqual([]);
  });

  it('sends a refused row again with the reason the server asked for', async () => {
    const store = new MemoryStore();
    const send = jest.fn(async (rows: MarkRowInput[]) =>
      answer(rows, rows[0].reason ? {} : { a: { code: 'REASON_REQUIRED', message: 'Sửa điểm danh sau buổi học cần lý do' } }),
    );
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send, online: true, now });
    engine.mark({ rosterId: 'a', status: 'present' });
    await flushPromises();
    expect(engine.snapshot().rejected.map((r) => r.code)).toEqual(['REASON_REQUIRED']);
    engine.retryRejected(undefined, 'Nhập lại từ phiếu ký tên');
    await flushPromises();
    expect(send.mock.calls[1][0][0]).toMatchObject({ rosterId: 'a', reason: 'Nhập lại từ phiếu ký tên', markedAt: '2026-06-15T01:00:00.000Z' });
    expect(engine.snapshot().rejected).toEqual([]);
    expect(engine.snapshot().pending).toEqual([]);
  });

  it('retries a failed network with growing delays, keeping the queue until it goes through', async () => {
    const store = new MemoryStore();
    const timers = manualTimers();
    let fail = 2;
    const send = jest.fn(async (rows: MarkRowInput[]) => {
      if (fail-- > 0) throw Object.assign(new Error('Không kết nối được máy chủ'), { status: 0 });
      return answer(rows);
    });
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send, online: true, now, random: () => 1, ...timers });
    engine.mark({ rosterId: 'a', status: 'present' });
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(1);
    expect(timers.timers.map((t) => t.ms)).toEqual([1000]);
    expect(engine.snapshot()).toMatchObject({ lastError: { status: 0, retryable: true }, nextRetryAt: clock + 1000 });
    expect(loadQueue(store, 's-1').pending).toHaveLength(1);

    // a new mark during the wait does not hammer the server: it goes with the retry
    engine.mark({ rosterId: 'b', status: 'present' });
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(1);

    timers.runAll();
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(2);
    expect(timers.timers.map((t) => t.ms)).toEqual([2000]);
    timers.runAll();
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(3);
    expect(send.mock.calls[2][0].map((r) => r.rosterId)).toEqual(['a', 'b']);
    expect(engine.snapshot()).toMatchObject({ pending: [], lastError: null, nextRetryAt: null });
  });

  it('stops on a refusal of the whole request without losing anything, until asked again', async () => {
    const store = new MemoryStore();
    let refuse = true;
    const send = jest.fn(async (rows: MarkRowInput[]) => {
      if (refuse) throw Object.assign(new Error('Buổi học đã hoãn hoặc đã hủy'), { status: 409, code: 'SESSION_NOT_ACTIVE' });
      return answer(rows);
    });
    const timers = manualTimers();
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send, online: true, now, ...timers });
    engine.mark({ rosterId: 'a', status: 'present' });
    await flushPromises();
    expect(engine.snapshot()).toMatchObject({ lastError: { status: 409, retryable: false, message: 'Buổi học đã hoãn hoặc đã hủy' } });
    expect(timers.timers).toEqual([]);
    engine.mark({ rosterId: 'b', status: 'present' });
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(1);
    expect(loadQueue(store, 's-1').pending).toHaveLength(2);
    refuse = false;
    await engine.retryNow();
    expect(send).toHaveBeenCalledTimes(2);
    expect(engine.snapshot().pending).toEqual([]);
  });

  it('sends one batch at a time and follows up with marks made meanwhile', async () => {
    const store = new MemoryStore();
    const calls: { rows: MarkRowInput[]; d: ReturnType<typeof deferred<SaveMarksResult>> }[] = [];
    const send = jest.fn((rows: MarkRowInput[]) => {
      const d = deferred<SaveMarksResult>();
      calls.push({ rows, d });
      return d.promise;
    });
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send, online: true, now });
    engine.mark({ rosterId: 'a', status: 'present' });
    expect(engine.snapshot().syncing).toBe(true);
    clock += 1000;
    engine.mark({ rosterId: 'a', status: 'left_early' });
    engine.mark({ rosterId: 'b', status: 'present' });
    expect(send).toHaveBeenCalledTimes(1);
    calls[0].d.resolve(answer(calls[0].rows));
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(2);
    expect(calls[1].rows.map((r) => [r.rosterId, r.status])).toEqual([
      ['a', 'left_early'],
      ['b', 'present'],
    ]);
    calls[1].d.resolve(answer(calls[1].rows));
    await flushPromises();
    expect(engine.snapshot()).toMatchObject({ pending: [], syncing: false });
  });

  it('splits a long queue into batches', async () => {
    const store = new MemoryStore();
    const send = jest.fn(async (rows: MarkRowInput[]) => answer(rows));
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send, online: false, now, batchSize: 2 });
    engine.markMany(['a', 'b', 'c', 'd', 'e'].map((rosterId) => ({ rosterId, status: 'present' as const })));
    engine.setOnline(true);
    await flushPromises();
    await flushPromises();
    expect(send.mock.calls.map((c) => c[0].length)).toEqual([2, 2, 1]);
    expect(engine.snapshot().pending).toEqual([]);
  });

  it('stamps marks with the server-corrected device time', () => {
    const engine = new MarkSyncEngine({ sessionId: 's-1', store: new MemoryStore(), send: jest.fn(), online: false, now });
    engine.setClockOffset(-90_000);
    expect(engine.mark({ rosterId: 'a', status: 'present' }).markedAt).toBe('2026-06-15T00:58:30.000Z');
  });

  it('keeps marks in memory and says so when the device refuses to store them', () => {
    const store = new MemoryStore();
    store.failWrites = true;
    const engine = new MarkSyncEngine({ sessionId: 's-1', store, send: jest.fn(), online: false, now });
    engine.mark({ rosterId: 'a', status: 'present' });
    expect(engine.snapshot()).toMatchObject({ storageFailed: true, pending: [{ rosterId: 'a' }] });
  });

  it('going offline cancels a scheduled retry; coming back sends at once', async () => {
    const timers = manualTimers();
    let fail = true;
    const send = jest.fn(async (rows: MarkRowInput[]) => {
      if (fail) throw Object.assign(new Error('offline'), { status: 0 });
      return answer(rows);
    });
    const engine = new MarkSyncEngine({ sessionId: 's-1', store: new MemoryStore(), send, online: true, now, ...timers });
    engine.mark({ rosterId: 'a', status: 'present' });
    await flushPromises();
    expect(timers.timers).toHaveLength(1);
    engine.setOnline(false);
    expect(timers.timers).toHaveLength(0);
    fail = false;
    engine.setOnline(true);
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(2);
    expect(engine.snapshot().pending).toEqual([]);
  });
});
