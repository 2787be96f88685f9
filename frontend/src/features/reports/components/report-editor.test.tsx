import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '../../../app/provider';
import { mockFetch } from '../../../testing/fetch-mock';
import { createTestQueryClient } from '../../../testing/test-utils';
import { makeReport } from '../../../testing/target-data';
import type { Report } from '../types';
import { reportKeys } from '../api/keys';
import { useReport } from '../api/get-report';
import { ReportEditor } from './report-editor';

// a form, three antd tables and dialogs in jsdom: slow on a shared 2-core machine
jest.setTimeout(240_000);

const submitted = makeReport({ status: 'submitted', docNumber: '45/BC-UBND', submittedAt: '2026-06-14T03:00:00Z', reportDate: '2026-06-14' });

/** The editor as the route mounts it: the report from the query cache (updated by the mutations). */
function Editor({ id, onRevised }: { id: string; onRevised: (r: Report) => void }) {
  const q = useReport(id);
  return q.data ? <ReportEditor key={q.data.id} report={q.data} canManage onRevised={onRevised} /> : null;
}

function renderEditor(report: Report, onRevised = jest.fn()) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(reportKeys.detail(report.id), report);
  render(
    <AppProvider queryClient={queryClient} initialLang="vi">
      <MemoryRouter>
        <Editor id={report.id} onRevised={onRevised} />
      </MemoryRouter>
    </AppProvider>,
  );
  return onRevised;
}

describe('report editor', () => {
  it('shows a submitted report read-only with its frozen figures, and offers a correction as a new version', async () => {
    const revised = makeReport({ id: 'r-2', version: 2, supersedesId: 'r-1', docNumber: '' });
    const fetch = mockFetch([
      { method: 'POST', path: '/api/reports/r-1/revise', respond: { status: 201, body: revised } },
      { method: 'GET', path: '/api/reports/r-1', respond: { body: { ...submitted, supersededById: 'r-2' } } },
      { method: 'GET', path: '/api/reports', respond: { body: { items: [] } } },
    ]);
    const onRevised = renderEditor(submitted);
    expect(screen.getByText('Đã gửi')).toBeInTheDocument();
    expect(screen.getByText('Phiên bản 1')).toBeInTheDocument();
    expect(screen.getByText(/Báo cáo đã gửi lúc .* và đã bị khóa\./)).toBeInTheDocument();
    // every field is locked, and there is no way to save or submit
    expect(screen.getByLabelText('Số văn bản')).toBeDisabled();
    expect(screen.getByLabelText('Số văn bản')).toHaveValue('45/BC-UBND');
    expect(screen.getByLabelText('II. Kết quả thực hiện')).toBeDisabled();
    expect(screen.getByLabelText('II. Kết quả thực hiện')).toHaveValue('Đã tổ chức 3 hội nghị quán triệt.');
    expect(screen.getByRole('switch', { name: 'Tính Công an phường vào tổng Biểu 01' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Gửi báo cáo' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lưu' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lưu và tính lại' })).toBeNull();
    // the frozen tables
    expect(screen.getByText(/Số liệu đã được chốt khi gửi báo cáo/)).toBeInTheDocument();
    expect(screen.getByText('Số liệu tính đến ngày 15/06/2026')).toBeInTheDocument();
    expect(screen.getByText('Huỳnh Ngọc Cường')).toBeInTheDocument();
    expect(screen.getByText('Tổng: 1 người; đã bồi dưỡng chuyên sâu: 1/1 (100%)')).toBeInTheDocument();
    // files can still be downloaded
    expect(screen.getByRole('button', { name: 'Tải PDF' })).toBeEnabled();

    fireEvent.click(screen.getByRole('button', { name: 'Lập bản điều chỉnh' }));
    const pop = await screen.findByText('Lập bản điều chỉnh (phiên bản 2)? Bản đã gửi được giữ nguyên.');
    const popover = pop.closest('.ant-popover') as HTMLElement;
    fireEvent.click(within(popover).getByRole('button', { name: 'Lập bản điều chỉnh' }));
    await waitFor(() => expect(onRevised).toHaveBeenCalledWith(expect.objectContaining({ id: 'r-2', version: 2, status: 'draft' })));
    expect(fetch.callsTo('POST', '/api/reports/r-1/revise')).toHaveLength(1);
  });

  it('refuses to submit without a document number, confirms before submitting, then locks the report', async () => {
    const draft = makeReport();
    const fetch = mockFetch([
      { method: 'GET', path: '/api/reports', respond: { body: { items: [] } } },
      { method: 'PATCH', path: '/api/reports/r-1', respond: (call) => ({ body: { ...draft, ...(call.body as object) } }) },
      { method: 'POST', path: '/api/reports/r-1/submit', respond: { body: submitted } },
    ]);
    renderEditor(draft);
    const docNumber = screen.getByLabelText('Số văn bản');
    expect(docNumber).toBeEnabled();
    expect(screen.getByText(/Bản nháp: số liệu được tính lại/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Gửi báo cáo' }));
    expect((await screen.findAllByText('Nhập số văn bản trước khi gửi báo cáo')).length).toBeGreaterThan(0);
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.change(docNumber, { target: { value: '45/BC-UBND' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi báo cáo' }));
    const dialog = await screen.findByRole('dialog', { name: 'Gửi báo cáo?' });
    expect(within(dialog).getByText('Sau khi gửi, báo cáo bị khóa; muốn sửa phải lập bản điều chỉnh.')).toBeInTheDocument();
    expect(within(dialog).getByText('Số liệu được chốt tính đến ngày 15/06/2026. Số văn bản: 45/BC-UBND.')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/reports/r-1/submit')).toHaveLength(0); // nothing before the confirmation
    fireEvent.change(within(dialog).getByLabelText(/Ghi chú/), { target: { value: 'Gửi đúng hạn' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi và khóa báo cáo' }));

    await waitFor(() => expect(fetch.callsTo('POST', '/api/reports/r-1/submit')).toHaveLength(1));
    // the pending change was saved first, and only what changed
    const patches = fetch.callsTo('PATCH', '/api/reports/r-1');
    expect(patches).toHaveLength(1);
    expect(patches[0].body).toEqual({ docNumber: '45/BC-UBND' });
    expect(fetch.callsTo('POST', '/api/reports/r-1/submit')[0].body).toEqual({ note: 'Gửi đúng hạn' });
    await waitFor(() => expect(screen.getByLabelText('Số văn bản')).toBeDisabled());
    expect(screen.getByText('Đã gửi')).toBeInTheDocument();
    // the form shows the report as stored, with the date of issue the server filled in
    await waitFor(() => expect(screen.getByLabelText('Ngày ban hành')).toHaveValue('14/06/2026'));
    expect(screen.queryByRole('button', { name: 'Gửi báo cáo' })).toBeNull();
  });
});
