import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, units } from '../../../testing/data';
import { makeCourse, makeLearningCourse } from '../../../testing/course-data';

describe('progress table', () => {
  it('shows people × items with statuses and downloads the Excel file with a spinner', async () => {
    let release: () => void = () => undefined;
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      { method: 'GET', path: '/api/courses/c-1', respond: { body: makeCourse() } },
      {
        method: 'GET',
        path: '/api/courses/c-1/progress',
        respond: {
          body: {
            items: [
              {
                enrolment: makeLearningCourse(),
                items: [
                  { itemId: 'i-1', status: 'completed', progress: 100, score: null, completedAt: '2026-02-03T08:00:00Z', lockReason: null },
                  { itemId: 'i-2', status: 'locked', progress: 0, score: null, completedAt: null, lockReason: 'Chưa mở' },
                ],
              },
            ],
            columns: [
              { itemId: 'i-1', title: 'Giới thiệu', sectionTitle: 'Chương 1' },
              { itemId: 'i-2', title: 'Bài kiểm tra', sectionTitle: 'Chương 2' },
            ],
            total: 1,
            page: 1,
            pageSize: 50,
          },
        },
      },
      {
        method: 'GET',
        path: '/api/courses/c-1/progress.xlsx',
        respond: () =>
          new Promise((resolve) => {
            release = () => resolve({ body: 'xlsx-bytes', headers: { 'Content-Disposition': 'attachment; filename="tien-do.xlsx"' } });
          }),
      },
    ]);
    renderApp('/courses/c-1?tab=progress');
    expect((await screen.findAllByText('Giới thiệu')).length).toBeGreaterThan(0);
    expect(screen.getByText('Nguyễn Văn An')).toBeInTheDocument();
    expect(screen.getByText('03/02/2026')).toBeInTheDocument();
    expect(screen.getAllByText('Chưa mở').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByText('Xuất Excel', { selector: 'button > span' }));
    expect(await screen.findByText('Đang tải tệp…')).toBeInTheDocument();
    expect(screen.getByText('Xuất CSV', { selector: 'button > span' }).closest('button')).toBeDisabled();
    await waitFor(() => expect(fetch.callsTo('GET', '/api/courses/c-1/progress.xlsx')).toHaveLength(1));
    release();
    await waitFor(() => expect(screen.queryByText('Đang tải tệp…')).not.toBeInTheDocument());
  });
});
