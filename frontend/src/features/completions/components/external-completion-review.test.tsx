import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, units } from '../../../testing/data';
import type { ExternalCompletion } from '../types';

function makeCompletion(overrides: Partial<ExternalCompletion> = {}): ExternalCompletion {
  return {
    id: 'k-1',
    staffId: 's-1',
    courseId: null,
    courseTitle: 'Kỹ năng số cơ bản',
    courseVersion: null,
    completedAt: '2026-03-01T17:00:00Z',
    hours: 4,
    rule: 'external_bdhvs',
    source: 'bdhvs',
    status: 'pending',
    fullName: 'Nguyễn Văn An',
    unitId: 'unit-vh',
    unitName: 'Phòng Văn hóa - Xã hội',
    title: 'Kỹ năng số cơ bản',
    provider: 'binhdanhocvuso.gov.vn',
    completedOn: '2026-03-02',
    certificateNo: 'BDHVS-123',
    tags: [],
    evidence: { fileName: 'chung-nhan.pdf', mimeType: 'application/pdf', size: 120_000 },
    submittedBy: 'u-9',
    submittedAt: '2026-03-03T01:00:00Z',
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    ...overrides,
  };
}

describe('external completions review', () => {
  it('refuses to reject without a note, then rejects with the note after confirmation', async () => {
    const pending = makeCompletion();
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      {
        method: 'GET',
        path: '/api/external-completions',
        respond: () => ({
          body: { items: fetch.callsTo('POST', '/api/external-completions/k-1/reject').length ? [] : [pending], total: 1, page: 1, pageSize: 20 },
        }),
      },
      {
        method: 'POST',
        path: '/api/external-completions/k-1/reject',
        respond: (call) => ({ body: { ...pending, status: 'rejected', reviewNote: (call.body as { note: string }).note } }),
      },
    ]);
    renderApp('/external-completions');
    const user = userEvent.setup();
    // the first render of the lazy route is slow on a busy machine
    const evidence = (await screen.findByText('chung-nhan.pdf', {}, { timeout: 30_000 })).closest('a') as HTMLElement;
    expect(evidence).toHaveAttribute('href', '/api/external-completions/k-1/evidence');
    expect(evidence).toHaveAttribute('target', '_blank');
    expect(evidence).toHaveAccessibleName(/^Mở minh chứng chung-nhan\.pdf của “Kỹ năng số cơ bản”/);
    // the list opens on the pending ones
    expect(fetch.callsTo('GET', '/api/external-completions')[0].params.get('status')).toBe('pending');

    await user.click(screen.getByLabelText('Không duyệt kết quả “Kỹ năng số cơ bản” của Nguyễn Văn An'));
    const dialog = (await screen.findByText('Không duyệt kết quả của Nguyễn Văn An?')).closest('.ant-modal') as HTMLElement;
    const rejectButton = () => within(dialog).getByText('Không duyệt', { selector: 'button > span' });
    await user.click(rejectButton());
    expect(await within(dialog).findByText('Vui lòng nhập lý do không duyệt để cán bộ biết cần bổ sung gì')).toBeInTheDocument();
    // only spaces are no reason either
    fireEvent.change(within(dialog).getByLabelText('Lý do không duyệt'), { target: { value: '   ' } });
    await user.click(rejectButton());
    expect(await within(dialog).findByText('Vui lòng nhập lý do không duyệt để cán bộ biết cần bổ sung gì')).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 300));
    expect(fetch.callsTo('POST', '/api/external-completions/k-1/reject')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Lý do không duyệt'), { target: { value: 'Ảnh chụp không đọc được số giấy chứng nhận' } });
    await user.click(rejectButton());
    await waitFor(() => expect(fetch.callsTo('POST', '/api/external-completions/k-1/reject')).toHaveLength(1));
    expect(fetch.callsTo('POST', '/api/external-completions/k-1/reject')[0].body).toEqual({ note: 'Ảnh chụp không đọc được số giấy chứng nhận' });
    expect(await screen.findByText('Đã từ chối kết quả của Nguyễn Văn An')).toBeInTheDocument();
    expect(await screen.findByText('Không có kết quả nào đang chờ duyệt')).toBeInTheDocument();
  }, 120_000);
});
