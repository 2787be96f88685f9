import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { makeCourse, makeLearningCourse } from '../../../testing/course-data';

const enrolment = (id: string, fullName: string, dueDate: string) => {
  const { durationHours: _h, sequential: _s, nextItemId: _n, overdue: _o, dueSoon: _d, ...e } = makeLearningCourse({ id, fullName, dueDate });
  return e;
};

describe('course reminders tab', () => {
  it('lists overdue and due-soon people with how to reach them, and exports the same window', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
      { method: 'GET', path: '/api/courses/c-1', respond: { body: makeCourse() } },
      {
        method: 'GET',
        path: '/api/courses/c-1/reminders',
        respond: {
          body: {
            items: [
              { enrolment: enrolment('e-1', 'Nguyễn Văn An', '2026-03-01'), email: 'annv@dakbla.gov.vn', phone: '0905123456', daysOverdue: 3 },
              { enrolment: enrolment('e-2', 'Trần Thị Bình', '2026-03-09'), email: null, phone: null, daysOverdue: -5 },
            ],
          },
        },
      },
      { method: 'GET', path: '/api/courses/c-1/reminders.xlsx', respond: { body: 'xlsx', headers: { 'Content-Disposition': "attachment; filename*=UTF-8''nhac-hoc.xlsx" } } },
    ]);
    renderApp('/courses/c-1?tab=reminders');
    expect(await screen.findByText('Quá hạn 3 ngày', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getByText('Còn 5 ngày')).toBeInTheDocument();
    expect(screen.getByText('1 người quá hạn, 1 người sắp đến hạn')).toBeInTheDocument();
    expect(screen.getByText('annv@dakbla.gov.vn').closest('a')).toHaveAttribute('href', 'mailto:annv@dakbla.gov.vn');
    expect(screen.getByText('0905123456').closest('a')).toHaveAttribute('href', 'tel:0905123456');
    expect(fetch.callsTo('GET', '/api/courses/c-1/reminders')[0].params.get('withinDays')).toBe('7');

    fireEvent.mouseDown(screen.getByLabelText('Khoảng thời gian sắp đến hạn'));
    fireEvent.click(await screen.findByTitle('Quá hạn và đến hạn trong 14 ngày tới'));
    await waitFor(() => expect(fetch.callsTo('GET', '/api/courses/c-1/reminders').some((c) => c.params.get('withinDays') === '14')).toBe(true));
    fireEvent.click(screen.getByText('Xuất Excel', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('GET', '/api/courses/c-1/reminders.xlsx')).toHaveLength(1));
    expect(fetch.callsTo('GET', '/api/courses/c-1/reminders.xlsx')[0].params.get('withinDays')).toBe('14');
  }, 120_000);
});
