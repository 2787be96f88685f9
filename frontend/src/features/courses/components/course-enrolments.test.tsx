import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, makeStaff, units } from '../../../testing/data';
import { makeCourse, makeLearningCourse } from '../../../testing/course-data';

function dialogTitled(title: string): HTMLElement {
  return screen.getByText(title).closest<HTMLElement>('[role="dialog"]')!;
}

function session() {
  const { durationHours: _h, sequential: _s, nextItemId: _n, overdue: _o, dueSoon: _d, ...enrolment } = makeLearningCourse({
    dueDate: '2020-01-31',
    status: 'in_progress',
  });
  return mockFetch([
    { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
    { method: 'GET', path: '/api/org-units', respond: { body: units } },
    { method: 'GET', path: '/api/courses/c-1', respond: { body: makeCourse() } },
    { method: 'GET', path: '/api/courses/c-1/enrolments', respond: { body: { items: [enrolment], total: 1, page: 1, pageSize: 20 } } },
    {
      method: 'GET',
      path: '/api/staff',
      respond: (call) => ({ body: { items: call.params.get('q') ? [makeStaff()] : [], total: 1, page: 1, pageSize: 20 } }),
    },
    { method: 'POST', path: '/api/courses/c-1/enrolments', respond: { body: { enrolled: 1, alreadyEnrolled: 0 } } },
    { method: 'POST', path: '/api/enrolments/e-1/withdraw', respond: { body: { ...enrolment, status: 'withdrawn' } } },
  ]);
}

describe('course enrolments', () => {
  it('lists enrolments and refuses a past due date in the enrol modal before calling the API', async () => {
    const fetch = session();
    renderApp('/courses/c-1?tab=enrolments');
    expect(await screen.findByText('Nguyễn Văn An')).toBeInTheDocument();
    expect(screen.getByText('31/01/2020')).toBeInTheDocument();
    expect(screen.getAllByText('Quá hạn').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByText('Ghi danh', { selector: 'button > span' }));
    const dialog = await waitFor(() => dialogTitled('Ghi danh học viên'));
    const people = within(dialog).getByLabelText('Học viên');
    fireEvent.change(people, { target: { value: 'An' } });
    await waitFor(() => expect(fetch.calls.some((c) => c.path === '/api/staff' && c.params.get('q') === 'An')).toBe(true));
    fireEvent.click(await screen.findByText('Nguyễn Văn An · Phòng Văn hóa - Xã hội'));

    const due = within(dialog).getByLabelText('Hạn hoàn thành');
    const past = dayjs().subtract(1, 'day').format('DD/MM/YYYY');
    fireEvent.mouseDown(due);
    fireEvent.focus(due);
    fireEvent.change(due, { target: { value: past } });
    fireEvent.keyDown(due, { key: 'Enter', code: 'Enter' });
    fireEvent.click(within(dialog).getByText('Ghi danh', { selector: 'button > span' }));
    expect(await within(dialog).findByText('Hạn hoàn thành không được ở quá khứ')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/courses/c-1/enrolments')).toHaveLength(0);

    const future = dayjs().add(30, 'day');
    fireEvent.mouseDown(due);
    fireEvent.focus(due);
    fireEvent.change(due, { target: { value: future.format('DD/MM/YYYY') } });
    fireEvent.keyDown(due, { key: 'Enter', code: 'Enter' });
    fireEvent.click(within(dialog).getByText('Ghi danh', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('POST', '/api/courses/c-1/enrolments')).toHaveLength(1));
    expect(fetch.callsTo('POST', '/api/courses/c-1/enrolments')[0].body).toEqual({
      staffIds: ['s-1'],
      dueDate: future.format('YYYY-MM-DD'),
    });
  });

  it('withdraws with a reason after confirmation', async () => {
    const fetch = session();
    renderApp('/courses/c-1?tab=enrolments');
    fireEvent.click(await screen.findByLabelText('Rút ghi danh: Nguyễn Văn An'));
    const dialog = await waitFor(() => dialogTitled('Rút ghi danh của Nguyễn Văn An'));
    fireEvent.click(within(dialog).getByText('Rút ghi danh', { selector: 'button > span' }));
    expect(await within(dialog).findByText('Vui lòng nhập lý do')).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText('Lý do'), { target: { value: 'Chuyển công tác' } });
    fireEvent.click(within(dialog).getByText('Rút ghi danh', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('POST', '/api/enrolments/e-1/withdraw')).toHaveLength(1));
    expect(fetch.callsTo('POST', '/api/enrolments/e-1/withdraw')[0].body).toEqual({ reason: 'Chuyển công tác' });
  });
});
