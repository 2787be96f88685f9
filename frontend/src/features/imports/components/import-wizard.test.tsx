import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import type { ImportRow, ImportSummary } from '../../../types/api';

function summary(overrides: Partial<ImportSummary> = {}): ImportSummary {
  return {
    id: 'imp-1',
    fileName: 'danh-sach.xlsx',
    status: 'previewed',
    totalRows: 3,
    validRows: 1,
    errorRows: 2,
    warningRows: 1,
    createCount: 1,
    updateCount: 0,
    unchangedCount: 0,
    processedRows: 0,
    createdAt: '2025-08-01T01:00:00Z',
    committedAt: null,
    message: null,
    ...overrides,
  };
}

const rows: ImportRow[] = [
  {
    rowNumber: 2,
    action: 'error',
    data: { fullName: 'Trần Văn Bình', phone: '0123', unitCode: 'PVHXH' },
    errors: [{ field: 'phone', message: 'Số điện thoại không hợp lệ' }],
    warnings: [],
  },
  {
    rowNumber: 3,
    action: 'error',
    data: { fullName: 'NguyÔn V¨n A', unitCode: 'KHONG-CO' },
    errors: [{ field: 'unitCode', message: 'Không tìm thấy đơn vị KHONG-CO' }],
    warnings: [{ field: 'fullName', message: 'Tên có vẻ đang dùng phông TCVN3 (.Vn), hãy chuyển sang Unicode' }],
  },
];

describe('import wizard', () => {
  it('blocks the commit while rows have errors and shows each error next to its field', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/staff/imports/imp-1', respond: { body: summary() } },
      {
        method: 'GET',
        path: '/api/staff/imports/imp-1/rows',
        respond: { body: { items: rows, total: 2, page: 1, pageSize: 20 } },
      },
    ]);
    renderApp('/staff/import?id=imp-1');

    const commit = await screen.findByRole('button', { name: 'Nhập vào hệ thống' });
    expect(commit).toBeDisabled();
    expect(screen.getByText(/sửa file và tải lên lại/)).toBeInTheDocument();
    expect(screen.getByText('Có 2 dòng lỗi nên chưa thể nhập. Hãy sửa file và tải lên lại.')).toBeInTheDocument();

    const phoneError = await screen.findByText('Số điện thoại không hợp lệ');
    const row2 = phoneError.closest('tr') as HTMLElement;
    expect(row2).toHaveClass('import-row-error');
    // The message sits in the phone cell, next to the value.
    expect(phoneError.closest('td')).toHaveTextContent('0123');
    const unitError = screen.getByText('Không tìm thấy đơn vị KHONG-CO');
    expect(unitError.closest('td')).toHaveTextContent('KHONG-CO');
    expect(screen.getByText(/phông TCVN3/).closest('td')).toHaveTextContent('NguyÔn V¨n A');

    // Summary counts
    expect(screen.getByText('Tổng số dòng')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hủy' })).toBeEnabled();
    expect(fetch.callsTo('POST', '/api/staff/imports/imp-1/commit')).toHaveLength(0);
    const rowsCall = fetch.callsTo('GET', '/api/staff/imports/imp-1/rows')[0];
    expect(rowsCall.params.get('filter')).toBe('all');

    // Filter the rows with errors.
    const user = userEvent.setup();
    expect(screen.getByRole('radio', { name: 'Dòng lỗi (2)' })).not.toBeChecked();
    await user.click(screen.getByText('Dòng lỗi (2)'));
    await waitFor(() =>
      expect(fetch.callsTo('GET', '/api/staff/imports/imp-1/rows').some((c) => c.params.get('filter') === 'errors')).toBe(true),
    );
  });

  it('commits a clean file, polls the progress and shows the result', async () => {
    let polls = 0;
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['admin']) } },
      {
        method: 'GET',
        path: '/api/staff/imports/imp-1',
        respond: () => {
          if (fetch.callsTo('POST', '/api/staff/imports/imp-1/commit').length === 0) {
            return { body: summary({ errorRows: 0, validRows: 3, createCount: 2, updateCount: 1 }) };
          }
          polls += 1;
          return polls < 2
            ? { body: summary({ errorRows: 0, status: 'committing', processedRows: 2, createCount: 2, updateCount: 1 }) }
            : { body: summary({ errorRows: 0, status: 'committed', processedRows: 3, createCount: 2, updateCount: 1 }) };
        },
      },
      {
        method: 'GET',
        path: '/api/staff/imports/imp-1/rows',
        respond: { body: { items: [], total: 0, page: 1, pageSize: 20 } },
      },
      {
        method: 'POST',
        path: '/api/staff/imports/imp-1/commit',
        respond: { body: summary({ errorRows: 0, status: 'committing', processedRows: 1, createCount: 2, updateCount: 1 }) },
      },
    ]);
    renderApp('/staff/import?id=imp-1');
    const user = userEvent.setup();
    const commit = await screen.findByRole('button', { name: 'Nhập vào hệ thống' });
    expect(commit).toBeEnabled();
    await user.click(commit);

    expect(await screen.findByText('Đang nhập dữ liệu vào hệ thống…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Đã nhập xong danh sách' })).toBeInTheDocument();
    expect(polls).toBeGreaterThanOrEqual(2);
    const result = screen.getByRole('heading', { name: 'Đã nhập xong danh sách' }).closest('.ant-result') as HTMLElement;
    expect(within(result).getByText(/Đã thêm mới: 2/)).toBeInTheDocument();
    expect(within(result).getByRole('link', { name: 'Xem danh sách nhân sự' })).toHaveAttribute('href', '/staff');
  });

  it('asks for confirmation before cancelling', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/staff/imports/imp-1', respond: { body: summary() } },
      { method: 'GET', path: '/api/staff/imports/imp-1/rows', respond: { body: { items: rows, total: 2, page: 1, pageSize: 20 } } },
      { method: 'POST', path: '/api/staff/imports/imp-1/cancel', respond: { body: summary({ status: 'cancelled' }) } },
    ]);
    renderApp('/staff/import?id=imp-1');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Hủy' }));
    expect(await screen.findByText('Hủy lần nhập này? Dữ liệu trong file sẽ không được lưu.')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/staff/imports/imp-1/cancel')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));
    await waitFor(() => expect(fetch.callsTo('POST', '/api/staff/imports/imp-1/cancel')).toHaveLength(1));
    expect(await screen.findByText('Chọn file danh sách')).toBeInTheDocument();
  });
});
