import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { makePlayer, makePlayerItem } from '../../../testing/course-data';
import { makeAttempt, makeMyQuiz } from '../../../testing/quiz-data';

jest.setTimeout(180_000);

const me = makeMe(['learner'], { staffId: 's-1' });

describe('learner entry and quiz start page', () => {
  it('opens the quiz of a course item, shows the rules and attempts left, and starts after confirming the time limit', async () => {
    const player = makePlayer([makePlayerItem({ id: 'i-9', type: 'quiz', title: 'Bài kiểm tra cuối khóa', quizId: 'quiz-1', minScore: 70, bodyHtml: undefined })]);
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: me } },
      { method: 'GET', path: '/api/me/learning/c-1', respond: { body: player } },
      { method: 'POST', path: /^\/api\/me\/learning\/c-1\/items\/i-9\/progress$/, respond: { body: player } },
      {
        method: 'GET',
        path: '/api/me/quizzes/quiz-1',
        respond: {
          body: makeMyQuiz({
            attempts: [{ id: 'att-0', attemptNo: 1, status: 'graded', counted: true, startedAt: '2026-03-01T01:00:00Z', submittedAt: '2026-03-01T01:20:00Z', score: 2, maxScore: 3, percent: 66.67, passed: false, reviewAvailable: true }],
          }),
        },
      },
      { method: 'POST', path: '/api/me/quizzes/quiz-1/attempts', respond: { status: 201, body: makeAttempt() } },
      { method: 'GET', path: '/api/me/attempts/att-1', respond: { body: makeAttempt() } },
    ]);
    renderApp('/learning/c-1');
    const user = userEvent.setup();
    expect(await screen.findByText('Bài kiểm tra: đạt từ 70% điểm trở lên được ghi nhận là hoàn thành.', {}, { timeout: 60_000 })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Vào bài kiểm tra' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Kiểm tra kỹ năng số cơ bản' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Quay lại khóa học/ })).toHaveAttribute('href', '/learning/c-1');
    const rules = screen.getByText('Quy định làm bài').closest('.ant-card') as HTMLElement;
    expect(within(rules).getByText('30 phút')).toBeInTheDocument();
    expect(within(rules).getByText('Số lần còn lại').closest('tr')).toHaveTextContent('1');
    expect(screen.getByRole('link', { name: 'Xem lại lần 1' })).toHaveAttribute('href', '/learning/attempts/att-0/review?course=c-1');

    await user.click(screen.getByRole('button', { name: /Làm lại/ }));
    // a timed quiz asks first
    expect(await screen.findByText(/Thời gian bắt đầu tính ngay khi bạn bấm/)).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/me/quizzes/quiz-1/attempts')).toHaveLength(0);
    await user.click(screen.getAllByRole('button', { name: /Bắt đầu làm bài/ }).at(-1)!);
    await waitFor(() => expect(fetch.callsTo('POST', '/api/me/quizzes/quiz-1/attempts')).toHaveLength(1));
    expect(await screen.findByRole('timer')).toBeInTheDocument();
  });

  it('says why a new attempt cannot start', async () => {
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: me } },
      { method: 'GET', path: '/api/me/quizzes/quiz-1', respond: { body: makeMyQuiz({ canStart: false, reason: 'ATTEMPT_DELAY', retryAt: '2026-03-01T05:30:00.000Z' }) } },
    ]);
    renderApp('/learning/quizzes/quiz-1');
    expect(await screen.findByText('Bạn chưa thể bắt đầu lượt làm mới', {}, { timeout: 60_000 })).toBeInTheDocument();
    expect(screen.getByText('Chưa hết thời gian chờ giữa hai lần làm bài.')).toBeInTheDocument();
    // 05:30 UTC is 12:30 in Vietnam
    expect(screen.getByText('Được làm lại từ 01/03/2026 12:30')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Bắt đầu làm bài/ })).toBeDisabled();
  });
});
