import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch, type FetchCall } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { choiceQuestion, makeAttempt, makeMyQuiz } from '../../../testing/quiz-data';
import { recordChange, serialize, storageKey, type SyncState } from '../attempt-sync';
import type { Attempt } from '../types';

const me = makeMe(['learner'], { staffId: 's-1' });

// the whole app renders (routes, layout, antd) on a shared 2-core machine
jest.setTimeout(180_000);

let online = true;
beforeAll(() => {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
});
afterEach(() => {
  online = true;
  jest.restoreAllMocks();
});

function goOffline() {
  online = false;
  act(() => {
    window.dispatchEvent(new Event('offline'));
  });
}
function goOnline() {
  online = true;
  act(() => {
    window.dispatchEvent(new Event('online'));
  });
}

type Body = { response: unknown; seq: number; flagged?: boolean };

function server(attempt: Attempt, opts: { failSaves?: () => boolean; onSubmit?: (call: FetchCall) => Attempt } = {}) {
  const stored = new Map<number, Body>();
  const fetch = mockFetch([
    { method: 'GET', path: '/api/auth/me', respond: { body: me } },
    { method: 'GET', path: '/api/me/quizzes/quiz-1', respond: { body: makeMyQuiz() } },
    { method: 'GET', path: '/api/me/attempts/att-1', respond: { body: attempt } },
    {
      method: 'PUT',
      path: /^\/api\/me\/attempts\/att-1\/answers\/\d+$/,
      respond: (call) => {
        if (opts.failSaves?.()) throw new TypeError('Failed to fetch');
        const slot = Number(call.path.split('/').pop());
        const body = call.body as Body;
        const prev = stored.get(slot);
        if (!prev || prev.seq < body.seq) stored.set(slot, body);
        return { body: { slot, seq: stored.get(slot)!.seq, savedAt: '2026-03-01T03:01:00.000Z', serverNow: attempt.serverNow, applied: !prev || prev.seq < body.seq } };
      },
    },
    {
      method: 'POST',
      path: '/api/me/attempts/att-1/submit',
      respond: (call) => ({
        body:
          opts.onSubmit?.(call) ??
          makeAttempt({ status: 'graded', submittedAt: '2026-03-01T03:05:00.000Z', result: { score: 2, maxScore: 3, percent: 66.67, passed: false, perQuestion: [] } }),
      }),
    },
  ]);
  return { fetch, stored, saves: () => fetch.calls.filter((c) => c.method === 'PUT') };
}

describe('attempt player', () => {
  it('shows the time left by the server clock even when the device clock is wrong', async () => {
    // the phone thinks it is 2031: a timer built on Date.now() would show 00:00 and auto-submit
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2031-07-01T12:00:00Z'));
    server(makeAttempt());
    renderApp('/learning/attempts/att-1');
    const timer = await screen.findByRole('timer');
    expect(timer.textContent).toMatch(/^(30:00|29:5\d)$/);
    expect(screen.queryByText('Đã hết giờ làm bài')).not.toBeInTheDocument();
  });

  it('saves each change with an increasing seq per question and shows "Đã lưu"', async () => {
    const { saves } = server(makeAttempt());
    renderApp('/learning/attempts/att-1');
    const user = userEvent.setup();
    const q1 = await screen.findByRole('region', { name: /Câu 1/ });
    await user.click(within(q1).getByRole('radio', { name: 'Phương án A1' }));
    await waitFor(() => expect(within(q1).getByRole('status')).toHaveTextContent('Đã lưu'));
    await user.click(within(q1).getByRole('radio', { name: 'Phương án B1' }));
    await waitFor(() => expect(saves()).toHaveLength(2));
    expect(saves().map((c) => [c.path, c.body])).toEqual([
      ['/api/me/attempts/att-1/answers/1', { response: { choice: 'k1a' }, seq: 1, flagged: false }],
      ['/api/me/attempts/att-1/answers/1', { response: { choice: 'k1b' }, seq: 2, flagged: false }],
    ]);
    // the navigator says what is answered, flagged and current
    await user.click(within(q1).getByRole('button', { name: 'Gắn cờ' }));
    const nav = screen.getByRole('navigation', { name: 'Danh sách câu hỏi' });
    await waitFor(() => expect(within(nav).getByRole('button', { name: 'Câu 1: đã trả lời, đã gắn cờ, đang xem' })).toBeInTheDocument());
    expect(within(nav).getByRole('button', { name: 'Câu 2: chưa trả lời, đang xem' })).toBeInTheDocument();
    await waitFor(() => expect(saves()).toHaveLength(3));
    expect(saves()[2].body).toEqual({ response: { choice: 'k1b' }, seq: 3, flagged: true });
  });

  it('keeps answering offline, stores the answers, and replays them when the network is back', async () => {
    const { saves } = server(makeAttempt());
    renderApp('/learning/attempts/att-1');
    const user = userEvent.setup();
    const q2 = await screen.findByRole('region', { name: /Câu 2/ });
    goOffline();
    await user.click(within(q2).getByRole('radio', { name: 'Phương án A2' }));
    expect(await within(q2).findByText('Ngoại tuyến – sẽ gửi lại')).toBeInTheDocument();
    expect(screen.getByText('Mất kết nối mạng')).toBeInTheDocument();
    expect(saves()).toHaveLength(0);
    const stored = JSON.parse(localStorage.getItem(storageKey('att-1'))!);
    expect(stored.slots[2]).toMatchObject({ response: { choice: 'k2a' }, seq: 1, ackedSeq: 0 });
    goOnline();
    await waitFor(() => expect(within(q2).getByRole('status')).toHaveTextContent('Đã lưu'));
    expect(saves().map((c) => c.body)).toEqual([{ response: { choice: 'k2a' }, seq: 1, flagged: false }]);
  });

  it('after a reload, replays what the server never acknowledged with its seq', async () => {
    // before the reload: seq 3 of question 1 was kept locally while the server had seq 2
    let local: SyncState = { attemptId: 'att-1', slots: {} };
    for (const c of ['k1a', 'k1b', 'k1a']) local = recordChange(local, 1, { response: { choice: c } });
    localStorage.setItem(storageKey('att-1'), serialize(local));
    const attempt = makeAttempt({ answers: [{ slot: 1, response: { choice: 'k1b' }, seq: 2, savedAt: '2026-03-01T03:00:30.000Z', flagged: false }] });
    const { saves, stored } = server(attempt);
    renderApp('/learning/attempts/att-1');
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0].body).toEqual({ response: { choice: 'k1a' }, seq: 3, flagged: false });
    const q1 = await screen.findByRole('region', { name: /Câu 1/ });
    expect(within(q1).getByRole('radio', { name: 'Phương án A1' })).toBeChecked();
    await waitFor(() => expect(within(q1).getByRole('status')).toHaveTextContent('Đã lưu'));
    expect(stored.get(1)).toEqual({ response: { choice: 'k1a' }, seq: 3, flagged: false });
  });

  it('asks before submitting with the number of unanswered questions and sends the unsaved answers in the submit', async () => {
    let failing = false;
    const { fetch } = server(makeAttempt(), { failSaves: () => failing });
    renderApp('/learning/attempts/att-1');
    const user = userEvent.setup();
    const q1 = await screen.findByRole('region', { name: /Câu 1/ });
    await user.click(within(q1).getByRole('radio', { name: 'Phương án A1' }));
    await waitFor(() => expect(within(q1).getByRole('status')).toHaveTextContent('Đã lưu'));
    // the network fails silently (navigator still says online): the save stays pending
    failing = true;
    const q3 = screen.getByRole('region', { name: /Câu 3/ });
    await user.click(within(q3).getByRole('radio', { name: 'Phương án B3' }));
    expect(await within(q3).findByText('Ngoại tuyến – sẽ gửi lại')).toBeInTheDocument();

    await user.click(screen.getAllByRole('button', { name: /Nộp bài/ })[0]);
    // (jsdom: antd's modal is still "hidden" by its opening animation for role queries)
    const dialog = (await screen.findByText('Bạn còn 1 câu chưa trả lời')).closest<HTMLElement>('[role="dialog"]')!;
    expect(within(dialog).getByText('Nộp bài?')).toBeInTheDocument();
    expect(within(dialog).getByText('Các câu chưa trả lời: 2')).toBeInTheDocument();
    await user.click(within(dialog).getByText('Nộp bài', { selector: 'button > span' }));
    expect(await screen.findByText('Đã nộp bài')).toBeInTheDocument();
    const submit = fetch.callsTo('POST', '/api/me/attempts/att-1/submit');
    expect(submit).toHaveLength(1);
    expect(submit[0].body).toEqual({ answers: [{ slot: 3, response: { choice: 'k3b' }, seq: 1, flagged: false }] });
    expect(screen.getByRole('status')).toHaveTextContent('Điểm: 2/3 (66,7 %) Chưa đạt');
    // nothing left behind for this attempt
    expect(localStorage.getItem(storageKey('att-1'))).toBeNull();
  });

  it('a save refused because the deadline passed stops the queue and reloads the server state', async () => {
    let closed = false;
    const finished = makeAttempt({ status: 'graded', submittedAt: '2026-03-01T03:30:00.000Z', questions: [choiceQuestion(1, 1)] });
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: me } },
      { method: 'GET', path: '/api/me/quizzes/quiz-1', respond: { body: makeMyQuiz() } },
      { method: 'GET', path: '/api/me/attempts/att-1', respond: () => ({ body: closed ? finished : makeAttempt() }) },
      {
        method: 'PUT',
        path: /^\/api\/me\/attempts\/att-1\/answers\/\d+$/,
        respond: () => {
          closed = true;
          return { status: 409, body: { statusCode: 409, code: 'ATTEMPT_DEADLINE_PASSED', message: 'Đã hết thời gian làm bài' } };
        },
      },
    ]);
    renderApp('/learning/attempts/att-1');
    const user = userEvent.setup();
    const q1 = await screen.findByRole('region', { name: /Câu 1/ });
    await user.click(within(q1).getByRole('radio', { name: 'Phương án A1' }));
    expect(await screen.findByText('Đã nộp bài')).toBeInTheDocument();
    expect(fetch.callsTo('GET', '/api/me/attempts/att-1').length).toBeGreaterThanOrEqual(2);
    expect(fetch.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
  });
});
