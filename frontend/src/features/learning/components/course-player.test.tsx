import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { makePlayer, makePlayerItem } from '../../../testing/course-data';

const me = makeMe(['learner'], { staffId: 's-1' });

describe('course player', () => {
  it('resumes at resumeItemId, shows a locked item as locked and never sends progress for it', async () => {
    const player = makePlayer(
      [
        makePlayerItem({ id: 'i-1', title: 'Giới thiệu', status: 'completed', progress: 100 }),
        makePlayerItem({ id: 'i-2', title: 'Dịch vụ công trực tuyến', bodyHtml: '<h3>Cổng DVC</h3><p>Nộp hồ sơ</p>' }),
        makePlayerItem({ id: 'i-3', title: 'Bài kiểm tra cuối', type: 'quiz', status: 'locked', lockReason: 'Hoàn thành bài trước để mở khóa', isFinal: true, minScore: 70 }),
      ],
      { resumeItemId: 'i-2' },
    );
    const completed = makePlayer(
      [
        makePlayerItem({ id: 'i-1', title: 'Giới thiệu', status: 'completed', progress: 100 }),
        makePlayerItem({ id: 'i-2', title: 'Dịch vụ công trực tuyến', status: 'completed', progress: 100 }),
        makePlayerItem({ id: 'i-3', title: 'Bài kiểm tra cuối', type: 'quiz', status: 'not_started', isFinal: true, minScore: 70 }),
      ],
      { resumeItemId: 'i-3' },
    );
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: me } },
      { method: 'GET', path: '/api/me/learning/c-1', respond: { body: player } },
      {
        method: 'POST',
        path: /^\/api\/me\/learning\/c-1\/items\/[^/]+\/progress$/,
        respond: (call) => ({ body: (call.body as { event: string }).event === 'completed' ? completed : player }),
      },
    ]);
    renderApp('/learning/c-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Kỹ năng số cơ bản' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Dịch vụ công trực tuyến' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Cổng DVC' })).toBeInTheDocument();
    const locked = screen.getByRole('button', { name: 'Bài kiểm tra cuối (chưa mở khóa)' });
    expect(locked).toBeDisabled();
    expect(screen.getAllByText('Hoàn thành bài trước để mở khóa').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /Bài tiếp theo/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Giới thiệu (đã hoàn thành)' })).toBeEnabled();

    const user = userEvent.setup();
    await user.click(locked).catch(() => undefined);
    await waitFor(() => expect(fetch.calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(fetch.calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([
      ['/api/me/learning/c-1/items/i-2/progress', { event: 'opened' }],
    ]);

    await user.click(screen.getByRole('button', { name: 'Đánh dấu đã hoàn thành' }));
    // The Player of the answer replaces the cached one: the final item unlocks.
    expect(await screen.findByRole('button', { name: 'Bài kiểm tra cuối' })).toBeEnabled();
    expect(fetch.callsTo('POST', '/api/me/learning/c-1/items/i-2/progress').map((c) => c.body)).toEqual([
      { event: 'opened' },
      { event: 'completed' },
    ]);
    expect(fetch.callsTo('POST', '/api/me/learning/c-1/items/i-3/progress')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: /Bài tiếp theo/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Bài kiểm tra cuối' })).toBeInTheDocument();
  });

  it('shows the server message of 409 ITEM_LOCKED and lets the learner retry', async () => {
    const player = makePlayer([makePlayerItem({ id: 'i-1', title: 'Giới thiệu', status: 'in_progress', progress: 10 })]);
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: me } },
      { method: 'GET', path: '/api/me/learning/c-1', respond: { body: player } },
      {
        method: 'POST',
        path: '/api/me/learning/c-1/items/i-1/progress',
        respond: (call) =>
          (call.body as { event: string }).event === 'opened'
            ? { body: player }
            : {
                status: 409,
                body: { statusCode: 409, code: 'ITEM_LOCKED', message: 'Bài học này đang bị khóa: hãy hoàn thành bài trước.' },
              },
      },
    ]);
    renderApp('/learning/c-1');
    const button = await screen.findByRole('button', { name: 'Đánh dấu đã hoàn thành' });
    await waitFor(() => expect(button).toBeEnabled());
    const user = userEvent.setup();
    await user.click(button);
    expect(await screen.findByText('Bài học này đang bị khóa: hãy hoàn thành bài trước.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Không lưu được tiến độ');
    await user.click(screen.getByRole('button', { name: /Thử lại/ }));
    await waitFor(() =>
      expect(fetch.callsTo('POST', '/api/me/learning/c-1/items/i-1/progress').filter((c) => (c.body as { event: string }).event === 'completed')).toHaveLength(2),
    );
  });
});
