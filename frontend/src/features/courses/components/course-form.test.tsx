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

  describe('certificate validity and re-enrolment before expiry', () => {
    const VALIDITY = 'Thời hạn hiệu lực của giấy chứng nhận (tháng)';
    const LEAD = 'Ghi danh học lại trước khi hết hạn (ngày)';
    const editHandlers = (course = makeCourse({ status: 'draft' }), patch?: (body: unknown) => { status?: number; body: unknown }) => [
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      { method: 'GET', path: '/api/courses/c-1', respond: { body: course } },
      { method: 'GET', path: '/api/courses/trainer-options', respond: { body: { items: [] } } },
      {
        method: 'PATCH',
        path: '/api/courses/c-1',
        respond: (call: { body: unknown }) => (patch ? patch(call.body) : { body: { ...course, ...(call.body as object) } }),
      },
    ];
    const save = () => fireEvent.click(screen.getByText('Lưu', { selector: 'button > span' }));

    it('sets a validity and a lead time (the lead time waits for a validity); only those fields are sent', async () => {
      const fetch = mockFetch(editHandlers());
      renderApp('/courses/c-1/edit');
      const validity = await screen.findByLabelText(VALIDITY, {}, { timeout: 30_000 });
      const lead = screen.getByLabelText(LEAD);
      expect(lead).toBeDisabled();
      expect(screen.getByText('Cần đặt thời hạn hiệu lực của giấy chứng nhận trước.')).toBeInTheDocument();
      expect(screen.getByText(/Để trống nếu không có thời hạn/)).toBeInTheDocument();

      fireEvent.change(validity, { target: { value: '12' } });
      await waitFor(() => expect(screen.getByLabelText(LEAD)).not.toBeDisabled());
      expect(screen.getByText(/hạn hoàn thành là ngày hết hạn/)).toBeInTheDocument();
      fireEvent.change(screen.getByLabelText(LEAD), { target: { value: '30' } });
      save();
      await waitFor(() => expect(fetch.callsTo('PATCH', '/api/courses/c-1')).toHaveLength(1));
      expect(fetch.callsTo('PATCH', '/api/courses/c-1')[0].body).toEqual({ certificateValidityMonths: 12, renewalLeadDays: 30 });
    }, 60_000);

    it('refuses a lead time as long as the validity before sending, and shows the server’s reason on the field', async () => {
      const fetch = mockFetch(
        editHandlers(makeCourse({ status: 'draft' }), () => ({
          status: 400,
          body: {
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: 'Dữ liệu không hợp lệ',
            fields: { renewalLeadDays: 'Cần đặt thời hạn hiệu lực của giấy chứng nhận trước khi đặt số ngày ghi danh học lại' },
          },
        })),
      );
      renderApp('/courses/c-1/edit');
      fireEvent.change(await screen.findByLabelText(VALIDITY, {}, { timeout: 30_000 }), { target: { value: '1' } });
      await waitFor(() => expect(screen.getByLabelText(LEAD)).not.toBeDisabled());
      fireEvent.change(screen.getByLabelText(LEAD), { target: { value: '30' } });
      save();
      expect(await screen.findByText('Số ngày phải ít hơn thời hạn hiệu lực (tối đa 27 ngày).')).toBeInTheDocument();
      expect(fetch.callsTo('PATCH', '/api/courses/c-1')).toHaveLength(0);

      fireEvent.change(screen.getByLabelText(LEAD), { target: { value: '20' } });
      save();
      await waitFor(() => expect(fetch.callsTo('PATCH', '/api/courses/c-1')).toHaveLength(1));
      expect(fetch.callsTo('PATCH', '/api/courses/c-1')[0].body).toEqual({ certificateValidityMonths: 1, renewalLeadDays: 20 });
      expect(await screen.findByText('Cần đặt thời hạn hiệu lực của giấy chứng nhận trước khi đặt số ngày ghi danh học lại')).toBeInTheDocument();
    }, 60_000);

    it('removing the validity removes the lead time too', async () => {
      const fetch = mockFetch(editHandlers(makeCourse({ status: 'draft', certificateValidityMonths: 12, renewalLeadDays: 30 })));
      renderApp('/courses/c-1/edit');
      const validity = await screen.findByLabelText(VALIDITY, {}, { timeout: 30_000 });
      expect(validity).toHaveValue('12');
      expect(screen.getByLabelText(LEAD)).toHaveValue('30');
      fireEvent.change(validity, { target: { value: '' } });
      await waitFor(() => expect(screen.getByLabelText(LEAD)).toBeDisabled());
      expect(screen.getByLabelText(LEAD)).toHaveValue('');
      save();
      await waitFor(() => expect(fetch.callsTo('PATCH', '/api/courses/c-1')).toHaveLength(1));
      expect(fetch.callsTo('PATCH', '/api/courses/c-1')[0].body).toEqual({ certificateValidityMonths: null, renewalLeadDays: null });
    }, 60_000);

    it('the course page shows the settings and re-enrols people now after confirmation', async () => {
      const course = makeCourse({ certificateValidityMonths: 12, renewalLeadDays: 30 });
      const fetch = mockFetch([
        { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
        { method: 'GET', path: '/api/courses/c-1', respond: { body: course } },
        { method: 'POST', path: '/api/courses/c-1/renewals', respond: { body: { renewed: 2, alreadyRenewed: 1 } } },
      ]);
      renderApp('/courses/c-1');
      expect(await screen.findByText('12 tháng', {}, { timeout: 30_000 })).toBeInTheDocument();
      expect(screen.getByText('30 ngày trước khi hết hạn')).toBeInTheDocument();
      fireEvent.click(screen.getByText('Ghi danh học lại ngay', { selector: 'button > span' }));
      expect(await screen.findByText(/sẽ hết hạn trong 30 ngày tới/)).toBeInTheDocument();
      expect(fetch.callsTo('POST', '/api/courses/c-1/renewals')).toHaveLength(0);
      const buttons = screen.getAllByText('Ghi danh học lại ngay', { selector: 'button > span' });
      fireEvent.click(buttons[buttons.length - 1]);
      await waitFor(() => expect(fetch.callsTo('POST', '/api/courses/c-1/renewals')).toHaveLength(1));
      expect(await screen.findByText('Đã ghi danh học lại 2 người; 1 người đã được ghi danh học lại trước đó.')).toBeInTheDocument();
    }, 60_000);

    it('a course without a lead time offers no re-enrolment and shows no expiry', async () => {
      mockFetch([
        { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
        { method: 'GET', path: '/api/courses/c-1', respond: { body: makeCourse() } },
      ]);
      renderApp('/courses/c-1');
      expect(await screen.findByText('Không thời hạn', {}, { timeout: 30_000 })).toBeInTheDocument();
      expect(screen.getByText('Không tự động ghi danh học lại')).toBeInTheDocument();
      expect(screen.queryByText('Ghi danh học lại ngay', { selector: 'button > span' })).not.toBeInTheDocument();
    }, 60_000);
  });
});
