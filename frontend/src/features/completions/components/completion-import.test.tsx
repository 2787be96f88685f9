import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { mockXhr } from '../../../testing/xhr-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import type { CompletionImportPreview, CompletionImportRow } from '../types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const okRow = (row: number, fullName: string): CompletionImportRow => ({
  row,
  staffId: `s-${row}`,
  fullName,
  status: 'ok',
  errors: [],
  data: { source: 'bdhvs', title: 'Kỹ năng số cơ bản', provider: 'binhdanhocvuso.gov.vn', completedOn: '2026-03-02', hours: 4, certificateNo: null, unitName: 'Phòng Văn hóa - Xã hội' },
});

const withError: CompletionImportPreview = {
  id: 'imp-1',
  okCount: 1,
  errorCount: 1,
  duplicateCount: 0,
  rows: [
    okRow(2, 'Nguyễn Văn An'),
    {
      ...okRow(3, 'Trần Thị Bình'),
      status: 'error',
      errors: [{ field: 'hours', message: 'Số giờ "0" phải lớn hơn 0 và không quá 500 (tối đa 2 chữ số thập phân)' }],
    },
  ],
};
const fixed: CompletionImportPreview = { id: 'imp-2', okCount: 2, errorCount: 0, duplicateCount: 0, rows: [okRow(2, 'Nguyễn Văn An'), okRow(3, 'Trần Thị Bình')] };

describe('external completions import', () => {
  it('blocks the commit while a row has an error, then commits the fixed file', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'POST', path: '/api/external-completions/imports/imp-1/cancel', respond: { status: 204 } },
      { method: 'POST', path: '/api/external-completions/imports/imp-2/commit', respond: { body: { created: 2 } } },
    ]);
    const xhr = mockXhr([
      {
        path: '/api/external-completions/imports',
        respond: () => ({ status: 201, body: xhr.calls.length === 1 ? withError : fixed }),
      },
    ]);
    const { container } = renderApp('/external-completions/import');
    const user = userEvent.setup();
    // the first render of the lazy route is slow on a busy machine
    expect(await screen.findByText('Nhập kết quả bên ngoài', { selector: 'h1' }, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Tải file mẫu/ })).toHaveAttribute('href', '/api/external-completions/template.xlsx');

    await user.upload(container.querySelector('input[type=file]') as HTMLInputElement, new File(['x'], 'ket-qua.xlsx', { type: XLSX }));
    await waitFor(() => expect(xhr.calls).toHaveLength(1));
    // the error names the row and the column
    expect(await screen.findByText(/Dòng 3, cột “Số giờ”: Số giờ "0" phải lớn hơn 0/)).toBeInTheDocument();
    const commit = screen.getByRole('button', { name: 'Nhập vào hệ thống' });
    expect(commit).toBeDisabled();
    expect(screen.getByText('Có 1 dòng lỗi nên chưa thể nhập. Hãy sửa file và tải lên lại.')).toBeInTheDocument();
    expect(xhr.calls[0].files.file.name).toBe('ket-qua.xlsx');

    // the corrected file replaces the preview (the old one is cancelled on the server)
    await user.upload(container.querySelector('input[type=file]') as HTMLInputElement, new File(['y'], 'ket-qua-da-sua.xlsx', { type: XLSX }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Nhập vào hệ thống' })).toBeEnabled());
    expect(screen.queryByText(/Dòng 3, cột/)).not.toBeInTheDocument();
    await waitFor(() => expect(fetch.callsTo('POST', '/api/external-completions/imports/imp-1/cancel')).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Nhập vào hệ thống' }));
    expect(await screen.findByRole('heading', { name: 'Đã ghi nhận 2 kết quả' })).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/external-completions/imports/imp-2/commit')).toHaveLength(1);
    expect(fetch.callsTo('POST', '/api/external-completions/imports/imp-1/commit')).toHaveLength(0);
  }, 120_000);
});
