import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Input } from 'antd';
import { AppProvider } from '../../../app/provider';
import { mockFetch } from '../../../testing/fetch-mock';
import { createTestQueryClient } from '../../../testing/test-utils';
import { makeCourse } from '../../../testing/course-data';
import { makeTarget } from '../../../testing/target-data';
import type { Target } from '../types';
import { fieldPath, TargetForm } from './target-form';

jest.setTimeout(240_000);

function renderForm(target?: Target, onSaved = jest.fn()) {
  render(
    <AppProvider queryClient={createTestQueryClient()} initialLang="vi">
      <TargetForm target={target} renderUnitSelect={() => <Input />} onSaved={onSaved} onCancel={jest.fn()} />
    </AppProvider>,
  );
  return onSaved;
}

describe('TargetForm', () => {
  it('maps server field paths to form fields', () => {
    expect(fieldPath('milestones[1].date')).toEqual(['milestones', 1, 'date']);
    expect(fieldPath('milestones.0.share')).toEqual(['milestones', 0, 'share']);
    expect(fieldPath('courseIds')).toEqual(['courseIds']);
  });

  it('sends only the changed fields and shows the server field errors under the fields', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/courses', respond: { body: { items: [makeCourse()], total: 1, page: 1, pageSize: 50 } } },
      {
        method: 'PATCH',
        path: '/api/targets/t-1',
        respond: {
          status: 400,
          body: {
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: 'Dữ liệu không hợp lệ',
            fields: { 'milestones[0].date': 'Mốc phải trước hạn hoàn thành' },
            requestId: 'r',
          },
        },
      },
    ]);
    const onSaved = renderForm(makeTarget());
    expect(await screen.findByText('Kỹ năng số cơ bản (CDS-01)')).toBeInTheDocument(); // the chosen course keeps its title
    fireEvent.change(screen.getByLabelText('Tên mốc 1'), { target: { value: 'Sơ kết giữa kỳ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Mốc phải trước hạn hoàn thành', {}, { timeout: 60_000 })).toBeInTheDocument();
    expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes('Dữ liệu không hợp lệ'))).toBe(true);
    const patch = fetch.callsTo('PATCH', '/api/targets/t-1');
    expect(patch).toHaveLength(1);
    expect(patch[0].body).toEqual({ milestones: [{ date: '2026-06-30', share: 50, label: 'Sơ kết giữa kỳ' }] });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('refuses a target without a population rule or a counting rule before asking the server', async () => {
    const fetch = mockFetch([{ method: 'GET', path: '/api/courses', respond: { body: { items: [], total: 0, page: 1, pageSize: 50 } } }]);
    renderForm(makeTarget({ dtRoles: [], categories: [], courseIds: [], courseTags: [], externalSources: [] }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Chọn ít nhất một loại cán bộ hoặc một vai trò chuyển đổi số', {}, { timeout: 60_000 })).toBeInTheDocument();
    expect(screen.getByText('Chọn ít nhất một điều kiện: khóa học, thẻ chủ đề hoặc nguồn bên ngoài')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes('Vui lòng sửa các trường được đánh dấu.'))).toBe(true));
    expect(fetch.calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });
});
