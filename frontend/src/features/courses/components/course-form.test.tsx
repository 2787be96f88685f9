import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, units } from '../../../testing/data';
import { makeCourse } from '../../../testing/course-data';

describe('course management', () => {
  it('lists courses with a status filter and creates a draft course', async () => {
    const created = makeCourse({ id: 'c-new', status: 'draft', title: 'Chuyển đổi số cơ bản' });
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      { method: 'GET', path: '/api/courses', respond: { body: { items: [makeCourse()], total: 1, page: 1, pageSize: 20 } } },
      { method: 'POST', path: '/api/courses', respond: { status: 201, body: created } },
      { method: 'GET', path: '/api/courses/c-new', respond: { body: created } },
    ]);
    renderApp('/courses');
    expect(await screen.findByText('Kỹ năng số cơ bản', { selector: 'a' })).toHaveAttribute('href', '/courses/c-1');
    expect(screen.getByText('Đã xuất bản')).toBeInTheDocument();
    fireEvent.click(screen.getByText('Tạo khóa học', { selector: 'button > span' }));
    fireEvent.change(await screen.findByLabelText('Mã khóa học'), { target: { value: 'CDS-02' } });
    fireEvent.change(screen.getByLabelText('Tên khóa học'), { target: { value: 'Chuyển đổi số cơ bản' } });
    fireEvent.change(screen.getByLabelText('Số giờ'), { target: { value: '1,5' } });
    fireEvent.click(screen.getByText('Lưu', { selector: 'button > span' }));
    expect(await screen.findByText('Vui lòng nhập thông tin này')).toBeInTheDocument(); // owner unit
    expect(fetch.callsTo('POST', '/api/courses')).toHaveLength(0);

    fireEvent.mouseDown(screen.getByLabelText('Đơn vị phụ trách'));
    fireEvent.click(await screen.findByTitle('Phòng Văn hóa - Xã hội (PVHXH)'));
    fireEvent.click(screen.getByText('Lưu', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('POST', '/api/courses')).toHaveLength(1));
    expect(fetch.callsTo('POST', '/api/courses')[0].body).toEqual({
      code: 'CDS-02',
      title: 'Chuyển đổi số cơ bản',
      description: '',
      ownerUnitId: 'unit-vh',
      tags: [],
      targetGroup: 'cbccvc',
      deliveryMode: 'self_paced',
      durationHours: 1.5,
      sequential: true,
      passMark: null,
      minProgressBeforeFinal: null,
      selfEnrol: false,
    });
    expect(await screen.findByText('Chuyển đổi số cơ bản', { selector: 'h1' })).toBeInTheDocument();
  });

  it('publishes a draft after confirmation', async () => {
    const draft = makeCourse({ status: 'draft' });
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
      { method: 'GET', path: '/api/courses/c-1', respond: { body: draft } },
      { method: 'POST', path: '/api/courses/c-1/publish', respond: { body: { ...draft, status: 'published' } } },
    ]);
    renderApp('/courses/c-1');
    fireEvent.click(await screen.findByText('Xuất bản', { selector: 'button > span' }));
    expect(await screen.findByText('Xuất bản khóa học này? Học viên được ghi danh sẽ thấy khóa học.')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/courses/c-1/publish')).toHaveLength(0);
    const buttons = screen.getAllByText('Xuất bản', { selector: 'button > span' });
    fireEvent.click(buttons[buttons.length - 1]);
    await waitFor(() => expect(fetch.callsTo('POST', '/api/courses/c-1/publish')).toHaveLength(1));
    expect(await screen.findByText('Đã xuất bản khóa học')).toBeInTheDocument();
  });
});
