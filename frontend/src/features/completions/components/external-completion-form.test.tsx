import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { mockFetch } from '../../../testing/fetch-mock';
import { mockXhr } from '../../../testing/xhr-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { makeLearningCourse } from '../../../testing/course-data';
import type { ExternalCompletion } from '../types';

describe('external learning results of a learner', () => {
  it('requires the evidence, sends the fields and the file as multipart, and lists the result as waiting for review', async () => {
    const completedOn = dayjs().subtract(10, 'day');
    let created: ExternalCompletion | null = null;
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['learner'], { staffId: 's-1' }) } },
      { method: 'GET', path: '/api/me/learning', respond: { body: { items: [makeLearningCourse()], hoursThisYear: 0 } } },
      { method: 'GET', path: '/api/me/external-completions', respond: () => ({ body: { items: created ? [created] : [] } }) },
    ]);
    const xhr = mockXhr([
      {
        path: '/api/external-completions',
        respond: (call) => {
          created = {
            id: 'k-1', staffId: 's-1', courseId: null, courseTitle: call.fields.title, courseVersion: null,
            completedAt: `${call.fields.completedOn}T00:00:00+07:00`, hours: Number(call.fields.hours), rule: 'external_bdhvs',
            source: 'bdhvs', status: 'pending', fullName: 'Nguyễn Văn An', unitId: 'unit-vh', unitName: 'Phòng Văn hóa - Xã hội',
            title: call.fields.title, provider: call.fields.provider, completedOn: call.fields.completedOn, certificateNo: call.fields.certificateNo ?? null,
            tags: [], evidence: { fileName: call.files.evidence.name, mimeType: 'application/pdf', size: call.files.evidence.size },
            submittedBy: 'u-1', submittedAt: new Date().toISOString(), reviewedBy: null, reviewedAt: null, reviewNote: null,
          };
          return { status: 201, body: created };
        },
      },
    ]);
    const { container } = renderApp('/external-learning');
    const user = userEvent.setup();
    expect(await screen.findByText('Bạn chưa ghi nhận kết quả học tập bên ngoài nào.', {}, { timeout: 30_000 })).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Nội dung bồi dưỡng'), { target: { value: 'Kỹ năng số cơ bản cho cán bộ' } });
    expect(screen.getByLabelText('Đơn vị tổ chức')).toHaveValue('binhdanhocvuso.gov.vn');
    const date = screen.getByLabelText('Ngày hoàn thành');
    fireEvent.mouseDown(date);
    fireEvent.focus(date);
    fireEvent.change(date, { target: { value: completedOn.format('DD/MM/YYYY') } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    fireEvent.change(screen.getByLabelText('Số giờ'), { target: { value: '4,5' } });
    fireEvent.change(screen.getByLabelText('Số giấy chứng nhận'), { target: { value: 'BDHVS-2026-001' } });

    await user.click(screen.getByText('Gửi để duyệt', { selector: 'button > span' }));
    expect(await screen.findByText('Vui lòng chọn tệp minh chứng')).toBeInTheDocument();
    expect(xhr.calls).toHaveLength(0);

    await user.upload(container.querySelector('input[type=file]') as HTMLInputElement, new File(['%PDF-1.4'], 'giấy chứng nhận.pdf', { type: 'application/pdf' }));
    expect(await screen.findByText('giấy chứng nhận.pdf')).toBeInTheDocument();
    await user.click(screen.getByText('Gửi để duyệt', { selector: 'button > span' }));
    await waitFor(() => expect(xhr.callsTo('POST', '/api/external-completions')).toHaveLength(1));
    const call = xhr.calls[0];
    expect(call.fields).toEqual({
      source: 'bdhvs',
      title: 'Kỹ năng số cơ bản cho cán bộ',
      provider: 'binhdanhocvuso.gov.vn',
      completedOn: completedOn.format('YYYY-MM-DD'),
      hours: '4.5',
      certificateNo: 'BDHVS-2026-001',
    });
    expect(call.files.evidence.name).toBe('giấy chứng nhận.pdf');

    expect(await screen.findByText('Đã gửi kết quả, đang chờ duyệt')).toBeInTheDocument();
    expect(await screen.findByText('Chờ duyệt')).toBeInTheDocument();
    // the form is empty again for the next one
    expect(screen.getByLabelText('Nội dung bồi dưỡng')).toHaveValue('');
  }, 120_000);
});
