import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockFetch, type FetchCall } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { useFastComputedStyle } from '../../../testing/fast-computed-style';
import { storageKey } from '../mark-sync';
import type { Mark, MarkCounts, MarkRowInput, SessionMarks } from '../types';

useFastComputedStyle();

const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

function mark(rosterId: string, fullName: string, overrides: Partial<Mark> = {}): Mark {
  return {
    rosterId,
    fullName,
    kind: 'resident',
    status: null,
    lateMinutes: null,
    remark: null,
    markedAt: null,
    markedBy: null,
    markedByName: null,
    source: null,
    updatedAt: null,
    ...overrides,
  };
}

function counts(items: Mark[]): MarkCounts {
  const c: MarkCounts = { present: 0, late: 0, left_early: 0, excused: 0, unexcused: 0, unmarked: 0, total: items.length };
  for (const i of items) c[i.status ?? 'unmarked'] += 1;
  return c;
}

function sessionMarks(items: Mark[]): SessionMarks {
  return {
    session: {
      id: 's-1',
      classId: 'c-1',
      seriesId: null,
      makeUpForId: null,
      // started ten minutes ago, ends in 80 minutes: no reason needed
      startsAt: iso(now - 10 * 60_000),
      endsAt: iso(now + 80 * 60_000),
      date: '2026-06-15',
      startTime: '07:30',
      endTime: '09:00',
      hours: 1.5,
      topic: 'Dùng VNeID',
      venueName: null,
      venueAddress: null,
      venueLat: null,
      venueLng: null,
      status: 'scheduled',
      statusReason: null,
      markedCount: 1,
      presentCount: 1,
      createdAt: iso(now - 86_400_000),
    },
    classId: 'c-1',
    classTitle: 'Bình dân học vụ số – Tổ dân phố 3',
    rule: {
      statuses: ['present', 'late', 'left_early', 'excused', 'unexcused'],
      weights: { present: 1, late: 1, left_early: 0.5, excused: 0, unexcused: 0 },
      rateBasis: 'sessions',
      minShare: 80,
    },
    items,
    counts: counts(items),
    serverTime: iso(now),
  };
}

const roster = () => [
  mark('r-1', 'Nguyễn Thị Hồng', { status: 'present', markedAt: iso(now - 60_000), source: 'qr' }),
  mark('r-2', 'Y Bhăm Êban'),
  mark('r-3', 'Đặng Văn Tuấn', { kind: 'staff' }),
];

/** The server: saves every row, except the rosterIds in `refuse` (one bad row never stops the others). */
function server(refuse: Record<string, string> = {}) {
  const items = roster();
  return mockFetch([
    { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
    { method: 'GET', path: '/api/sessions/s-1/marks', respond: () => ({ body: sessionMarks(items) }) },
    {
      method: 'PUT',
      path: '/api/sessions/s-1/marks',
      respond: (call: FetchCall) => {
        const rows = (call.body as { marks: MarkRowInput[] }).marks;
        const results = rows.map((row, index) => {
          if (refuse[row.rosterId]) return { index, rosterId: row.rosterId, result: 'error', code: 'STATUS_NOT_ENABLED', message: refuse[row.rosterId] };
          const i = items.findIndex((x) => x.rosterId === row.rosterId);
          items[i] = { ...items[i], status: row.status, lateMinutes: row.lateMinutes ?? null, markedAt: row.markedAt, source: 'trainer', markedByName: 'Giảng viên' };
          return { index, rosterId: row.rosterId, result: 'saved', mark: items[i] };
        });
        return { body: { results, saved: results.filter((r) => r.result === 'saved').length, superseded: 0, unchanged: 0, errors: results.filter((r) => r.result === 'error').length, counts: counts(items) } };
      },
    },
  ]);
}

function setOnline(online: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  act(() => {
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
  });
}

const countsText = () => screen.getByRole('status', { name: 'Số liệu điểm danh' }).textContent ?? '';

describe('trainer marking page', () => {
  afterEach(() => setOnline(true));

  it('shows live counts, marks every unmarked person present in one batch, and finds names without diacritics', async () => {
    const fetch = server();
    renderApp('/sessions/s-1/mark');
    expect(await screen.findByText('Y Bhăm Êban')).toBeInTheDocument();
    expect(countsText()).toContain('Có mặt: 1');
    expect(countsText()).toContain('Chưa điểm danh: 2');
    expect(countsText()).toContain('Tổng: 3');

    fireEvent.click(screen.getByRole('button', { name: 'Có mặt tất cả (2 người chưa điểm danh)' }));
    await waitFor(() => expect(fetch.callsTo('PUT', '/api/sessions/s-1/marks')).toHaveLength(1));
    const sent = (fetch.callsTo('PUT', '/api/sessions/s-1/marks')[0].body as { marks: MarkRowInput[] }).marks;
    // the one already present (by QR) is left alone; both rows carry one device time
    expect(sent.map((r) => [r.rosterId, r.status])).toEqual([
      ['r-2', 'present'],
      ['r-3', 'present'],
    ]);
    expect(sent[0].markedAt).toBe(sent[1].markedAt);
    expect(await screen.findByText('Đã đồng bộ tất cả điểm danh')).toBeInTheDocument();
    expect(countsText()).toContain('Có mặt: 3');
    expect(countsText()).toContain('Chưa điểm danh: 0');
    expect(screen.getByRole('button', { name: 'Đã điểm danh tất cả' })).toBeDisabled();

    const list = screen.getByRole('list', { name: 'Danh sách điểm danh' });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Tìm tên (gõ không dấu cũng được)' }), { target: { value: 'dang van tuan' } });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByText('Đặng Văn Tuấn')).toBeInTheDocument();
  });

  it('keeps marks made offline on the device, says how many are not synced, and sends them when the network returns', async () => {
    const fetch = server();
    renderApp('/sessions/s-1/mark');
    expect(await screen.findByText('Y Bhăm Êban')).toBeInTheDocument();
    setOnline(false);
    expect(await screen.findByText(/Mất kết nối mạng/)).toBeInTheDocument();

    // an exception: late 12 minutes, with a remark
    fireEvent.click(screen.getByRole('button', { name: 'Y Bhăm Êban: Chưa điểm danh. Bấm để điểm danh' }));
    const sheet = await screen.findByRole('dialog');
    expect(within(sheet).getByText('Điểm danh: Y Bhăm Êban')).toBeInTheDocument();
    fireEvent.click(within(sheet).getByRole('button', { name: 'Đi muộn' }));
    fireEvent.change(within(sheet).getByRole('spinbutton'), { target: { value: '12' } });
    fireEvent.change(within(sheet).getByLabelText('Ghi chú'), { target: { value: 'Trời mưa' } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Lưu đi muộn' }));
    // then everyone else present
    fireEvent.click(screen.getByRole('button', { name: 'Có mặt tất cả (1 người chưa điểm danh)' }));

    expect(await screen.findByText('2 điểm danh chưa đồng bộ')).toBeInTheDocument();
    expect(screen.getAllByText('Chưa đồng bộ')).toHaveLength(2);
    expect(countsText()).toContain('Đi muộn: 1');
    expect(fetch.callsTo('PUT', '/api/sessions/s-1/marks')).toHaveLength(0);
    const stored = JSON.parse(localStorage.getItem(storageKey('s-1')) ?? '{}');
    expect(stored.pending.map((p: MarkRowInput) => [p.rosterId, p.status, p.lateMinutes, p.remark])).toEqual([
      ['r-2', 'late', 12, 'Trời mưa'],
      ['r-3', 'present', null, null],
    ]);

    setOnline(true);
    await waitFor(() => expect(fetch.callsTo('PUT', '/api/sessions/s-1/marks')).toHaveLength(1));
    expect(await screen.findByText('Đã đồng bộ tất cả điểm danh')).toBeInTheDocument();
    expect(localStorage.getItem(storageKey('s-1'))).toBeNull();
    expect(screen.getByRole('button', { name: 'Y Bhăm Êban: Đi muộn 12 ph. Bấm để điểm danh' })).toBeInTheDocument();
  });

  it('replays marks left on the device by an earlier visit, and shows the one row the server refused', async () => {
    localStorage.setItem(
      storageKey('s-1'),
      JSON.stringify({
        v: 1,
        pending: [
          { rosterId: 'r-2', status: 'excused', lateMinutes: null, remark: 'Ốm', markedAt: iso(now - 5 * 60_000) },
          { rosterId: 'r-3', status: 'left_early', lateMinutes: null, remark: null, markedAt: iso(now - 5 * 60_000) },
        ],
        rejected: [],
      }),
    );
    const fetch = server({ 'r-3': 'Trạng thái "Về sớm" không dùng trong lớp này' });
    renderApp('/sessions/s-1/mark');
    await waitFor(() => expect(fetch.callsTo('PUT', '/api/sessions/s-1/marks')).toHaveLength(1));
    expect(await screen.findByText('1 điểm danh bị máy chủ từ chối')).toBeInTheDocument();
    expect(screen.getAllByText(/Trạng thái "Về sớm" không dùng trong lớp này/).length).toBeGreaterThan(0);
    // the good row was acknowledged
    expect(await screen.findByRole('button', { name: 'Y Bhăm Êban: Vắng có phép. Bấm để điểm danh' })).toBeInTheDocument();
    const stored = JSON.parse(localStorage.getItem(storageKey('s-1')) ?? '{}');
    expect(stored.pending).toEqual([]);
    expect(stored.rejected.map((r: { rosterId: string }) => r.rosterId)).toEqual(['r-3']);
  });
});
