import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { makeLearningCourse } from '../../../testing/course-data';

describe('my learning', () => {
  it('lists the courses with progress, due date and tags, and filters by tab', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['learner'], { staffId: 's-1' }) } },
      {
        method: 'GET',
        path: '/api/me/learning',
        respond: (call) =>
          call.params.get('filter') === 'overdue'
            ? { body: { items: [], hoursThisYear: 12.5 } }
            : {
                body: {
                  items: [
                    makeLearningCourse({ overdue: true, dueDate: '2026-03-05' }),
                    makeLearningCourse({ id: 'e-2', courseId: 'c-2', courseTitle: 'An toàn thông tin', dueSoon: true, progress: 0 }),
                  ],
                  hoursThisYear: 12.5,
                },
              },
      },
    ]);
    renderApp('/learning');
    expect(await screen.findByRole('heading', { level: 1, name: 'Học tập của tôi' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Kỹ năng số cơ bản' })).toBeInTheDocument();
    expect(screen.getByText('Hạn hoàn thành: 05/03/2026', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('Quá hạn', { selector: '.ant-tag' })).toBeInTheDocument();
    expect(screen.getByText('Sắp đến hạn', { selector: '.ant-tag' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Tiến độ khóa “Kỹ năng số cơ bản”' })).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getAllByRole('button', { name: 'Tiếp tục học' })).toHaveLength(2);
    expect(screen.getByText('12,5 giờ')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Quá hạn' }));
    expect(await screen.findByText('Chưa có khóa học nào trong mục này.')).toBeInTheDocument();
    expect(fetch.calls.some((c) => c.path === '/api/me/learning' && c.params.get('filter') === 'overdue')).toBe(true);
    const tabs = screen.getByRole('tablist');
    expect(within(tabs).getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Tất cả',
      'Được giao',
      'Đang học',
      'Sắp đến hạn',
      'Quá hạn',
      'Đã hoàn thành',
    ]);
  });

  it('shows the empty state', async () => {
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['learner'], { staffId: 's-1' }) } },
      { method: 'GET', path: '/api/me/learning', respond: { body: { items: [], hoursThisYear: 0 } } },
    ]);
    renderApp('/learning');
    expect(await screen.findByText(/Bạn chưa được giao khóa học nào/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xem khóa học mở' })).toHaveAttribute('href', '/catalogue');
  });

  it('explains why an account without a linked person has no courses', async () => {
    const fetch = mockFetch([{ method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } }]);
    renderApp('/learning');
    expect(await screen.findByText(/chưa được liên kết với hồ sơ cán bộ/)).toBeInTheDocument();
    expect(fetch.callsTo('GET', '/api/me/learning')).toHaveLength(0);
  });

  it('a course the learner was re-enrolled in before their certificate expires shows as a retake, due on the expiry date', async () => {
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['learner'], { staffId: 's-1' }) } },
      {
        method: 'GET',
        path: '/api/me/learning',
        respond: {
          body: {
            items: [makeLearningCourse({ status: 'enrolled', progress: 0, cycle: 2, renewedAt: '2026-11-01T01:00:00Z', dueDate: '2026-12-20', completedAt: null })],
            hoursThisYear: 8,
          },
        },
      },
    ]);
    renderApp('/learning');
    expect(await screen.findByRole('heading', { name: 'Kỹ năng số cơ bản' })).toBeInTheDocument();
    expect(screen.getByText('Học lại (lần 2)', { selector: '.ant-tag' })).toBeInTheDocument();
    expect(screen.getByText('Hạn hoàn thành: 20/12/2026', { exact: false })).toBeInTheDocument();
  });
});
