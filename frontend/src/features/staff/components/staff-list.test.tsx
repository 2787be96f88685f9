import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch, type FetchCall } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, makeStaff, units } from '../../../testing/data';

function session(staffResponder: (call: FetchCall) => { items: unknown[]; total: number }) {
  return mockFetch([
    { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
    { method: 'GET', path: '/api/org-units', respond: { body: units } },
    {
      method: 'GET',
      path: '/api/staff',
      respond: (call) => {
        const { items, total } = staffResponder(call);
        return { body: { items, total, page: Number(call.params.get('page')), pageSize: Number(call.params.get('pageSize')) } };
      },
    },
  ]);
}

describe('people page', () => {
  it('sends the URL filters as query params and renders the rows in server order', async () => {
    const fetch = session(() => ({
      items: [
        makeStaff({ id: 's-2', fullName: 'A Hùng', familyName: '', middleName: 'A', givenName: 'Hùng', dtRole: 'none' }),
        makeStaff({
          id: 's-1',
          fullName: 'Nguyễn Thị Hạnh',
          gender: 'female',
          status: 'on_leave',
          leaveKind: 'maternity_leave',
          dtRole: 'dedicated',
        }),
      ],
      total: 42,
    }));
    renderApp('/staff?status=on_leave&category=civil_servant&page=2');

    expect(await screen.findByRole('heading', { level: 1, name: 'Nhân sự' })).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(await within(table).findByRole('link', { name: 'A Hùng' })).toHaveAttribute('href', '/staff/s-2');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual(['A Hùng', 'Nguyễn Thị Hạnh']);
    // STT continues from the page: page 2 of 20 starts at 21.
    expect(within(rows[0]).getAllByRole('cell')[0]).toHaveTextContent('21');
    expect(within(rows[1]).getByText('Tạm nghỉ (Nghỉ thai sản)')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Chuyên trách')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Nữ')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Công chức')).toBeInTheDocument();

    const first = fetch.callsTo('GET', '/api/staff')[0];
    expect(first.params.get('status')).toBe('on_leave');
    expect(first.params.get('category')).toBe('civil_servant');
    expect(first.params.get('page')).toBe('2');
    expect(first.params.get('pageSize')).toBe('20');
    expect(first.params.has('q')).toBe(false);
    expect(screen.getByRole('button', { name: /Thêm người/ })).toBeInTheDocument();
  });

  it('debounces the search box into q, resets the page and keeps the other filters', async () => {
    const fetch = session(() => ({ items: [makeStaff()], total: 1 }));
    renderApp('/staff?dtRole=dedicated&page=3');
    await screen.findByRole('link', { name: 'Nguyễn Văn An' });
    const user = userEvent.setup({ delay: 20 });
    await user.type(screen.getByLabelText('Tìm kiếm'), 'nguyen van');

    await waitFor(() => expect(fetch.callsTo('GET', '/api/staff').some((c) => c.params.get('q') === 'nguyen van')).toBe(true));
    const withQ = fetch.callsTo('GET', '/api/staff').filter((c) => c.params.has('q'));
    // One request for the whole typed word, not one per key stroke.
    expect(withQ).toHaveLength(1);
    expect(withQ[0].params.get('dtRole')).toBe('dedicated');
    expect(withQ[0].params.get('page')).toBe('1');
  });

  it('shows the empty state when nothing matches', async () => {
    session(() => ({ items: [], total: 0 }));
    renderApp('/staff?q=khong-co-ai');
    expect(await screen.findByText('Không tìm thấy người nào phù hợp')).toBeInTheDocument();
    expect(screen.getByLabelText('Tìm kiếm')).toHaveValue('khong-co-ai');
  });

  it('shows the server error with a retry button', async () => {
    let fail = true;
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      {
        method: 'GET',
        path: '/api/staff',
        respond: () =>
          fail
            ? { status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'Lỗi máy chủ' } }
            : { body: { items: [makeStaff()], total: 1, page: 1, pageSize: 20 } },
      },
    ]);
    renderApp('/staff');
    expect(await screen.findByText('Lỗi máy chủ', {}, { timeout: 8000 })).toBeInTheDocument();
    // Trainers read only.
    expect(screen.queryByRole('button', { name: /Thêm người/ })).not.toBeInTheDocument();
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: /Thử lại/ }));
    expect(await screen.findByRole('link', { name: 'Nguyễn Văn An' })).toBeInTheDocument();
  });
});
