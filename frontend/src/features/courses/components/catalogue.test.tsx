import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { makeCourse, makeLearningCourse, makePlayer, makePlayerItem } from '../../../testing/course-data';

describe('catalogue', () => {
  it('enrols with a key: a wrong key shows the server message on the field, the right one opens the player', async () => {
    const course = makeCourse({ id: 'c-9', title: 'Chữ ký số', hasEnrolKey: true });
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['learner'], { staffId: 's-1' }) } },
      {
        method: 'GET',
        path: '/api/catalogue',
        respond: (call) => ({ body: { items: call.params.get('q') === 'xyz' ? [] : [course], total: 1, page: 1, pageSize: 12 } }),
      },
      {
        method: 'POST',
        path: '/api/catalogue/c-9/enrol',
        respond: (call) =>
          (call.body as { enrolKey?: string }).enrolKey === 'DAKBLA2026'
            ? { status: 201, body: makeLearningCourse({ courseId: 'c-9', courseTitle: 'Chữ ký số', source: 'self' }) }
            : { status: 403, body: { statusCode: 403, code: 'WRONG_ENROL_KEY', message: 'Mã ghi danh không đúng' } },
      },
      {
        method: 'GET',
        path: '/api/me/learning/c-9',
        respond: { body: makePlayer([makePlayerItem({ id: 'i-1', title: 'Mở đầu' })], { course: course }) },
      },
      { method: 'POST', path: '/api/me/learning/c-9/items/i-1/progress', respond: { body: makePlayer([makePlayerItem({ id: 'i-1', title: 'Mở đầu' })], { course: course }) } },
    ]);
    renderApp('/catalogue');
    expect(await screen.findByText('Khóa học mở', { selector: 'h1' })).toBeInTheDocument();
    fireEvent.click(await screen.findByText('Đăng ký học', { selector: 'button > span' }));
    const dialog = (await screen.findByText('Đăng ký khóa “Chữ ký số”')).closest<HTMLElement>('[role="dialog"]')!;
    fireEvent.click(within(dialog).getByText('Đăng ký học', { selector: 'button > span' }));
    expect(await within(dialog).findByText('Vui lòng nhập mã ghi danh')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/catalogue/c-9/enrol')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Mã ghi danh'), { target: { value: 'sai' } });
    fireEvent.click(within(dialog).getByText('Đăng ký học', { selector: 'button > span' }));
    expect(await within(dialog).findByText('Mã ghi danh không đúng')).toBeInTheDocument();

    fireEvent.change(within(dialog).getByLabelText('Mã ghi danh'), { target: { value: 'DAKBLA2026' } });
    fireEvent.click(within(dialog).getByText('Đăng ký học', { selector: 'button > span' }));
    expect(await screen.findByText('Mở đầu', { selector: 'h2' })).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/catalogue/c-9/enrol').map((c) => c.body)).toEqual([
      { enrolKey: 'sai' },
      { enrolKey: 'DAKBLA2026' },
    ]);
  });

  it('searches with a debounce and enrols without a key directly', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['learner'], { staffId: 's-1' }) } },
      {
        method: 'GET',
        path: '/api/catalogue',
        respond: (call) => ({
          body: { items: call.params.get('q') === 'xyz' ? [] : [makeCourse()], total: call.params.get('q') === 'xyz' ? 0 : 1, page: 1, pageSize: 12 },
        }),
      },
      { method: 'POST', path: '/api/catalogue/c-1/enrol', respond: { status: 201, body: makeLearningCourse() } },
      { method: 'GET', path: '/api/me/learning/c-1', respond: { body: makePlayer([]) } },
    ]);
    renderApp('/catalogue');
    fireEvent.change(await screen.findByLabelText('Tìm kiếm'), { target: { value: 'xyz' } });
    expect(await screen.findByText('Không có khóa học mở nào phù hợp')).toBeInTheDocument();
    await waitFor(() => expect(fetch.callsTo('GET', '/api/catalogue').filter((c) => c.params.get('q'))).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Tìm kiếm'), { target: { value: '' } });
    fireEvent.click(await screen.findByText('Đăng ký học', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('POST', '/api/catalogue/c-1/enrol')).toHaveLength(1));
    expect(fetch.callsTo('POST', '/api/catalogue/c-1/enrol')[0].body).toEqual({});
    expect(await screen.findByText('Khóa học chưa có nội dung.')).toBeInTheDocument();
  });
});
