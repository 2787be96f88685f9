import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../testing/fetch-mock';
import { renderApp } from '../testing/test-utils';
import { makeMe, units } from '../testing/data';
import type { Role } from '../types/api';

function mockSession(roles: Role[]) {
  return mockFetch([
    { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(roles) } },
    {
      method: 'GET',
      path: '/api/staff',
      respond: (call) => {
        const status = call.params.get('status');
        const dtRole = call.params.get('dtRole');
        const total = status === 'active' ? 1200 : status === 'on_leave' ? 9 : dtRole === 'dedicated' ? 2 : dtRole === 'concurrent' ? 5 : 1234;
        return { body: { items: [], total, page: 1, pageSize: 1 } };
      },
    },
    { method: 'GET', path: '/api/org-units', respond: { body: units } },
    { method: 'POST', path: '/api/auth/logout', respond: { status: 204 } },
  ]);
}

async function menuNames(navName = 'Điều hướng chính') {
  const nav = await screen.findByRole('navigation', { name: navName });
  return within(nav)
    .getAllByRole('menuitem')
    .map((item) => item.textContent);
}

describe('app layout', () => {
  it.each<[Role, string[]]>([
    ['learner', ['Trang chủ', 'Học tập của tôi', 'Khóa học mở', 'Kết quả học tập bên ngoài', 'Giấy chứng nhận của tôi', 'Đổi mật khẩu']],
    ['trainer', ['Trang chủ', 'Học tập của tôi', 'Khóa học mở', 'Kết quả học tập bên ngoài', 'Giấy chứng nhận của tôi', 'Khóa học', 'Ngân hàng câu hỏi', 'Bài kiểm tra',
      'Lớp học', 'Đơn vị', 'Nhân sự', 'Giấy chứng nhận', 'Đổi mật khẩu']],
    [
      'manager',
      ['Trang chủ', 'Học tập của tôi', 'Khóa học mở', 'Kết quả học tập bên ngoài', 'Giấy chứng nhận của tôi', 'Khóa học', 'Ngân hàng câu hỏi', 'Bài kiểm tra',
        'Lớp học', 'Đơn vị', 'Nhân sự', 'Nhập danh sách', 'Giấy chứng nhận', 'Duyệt kết quả bên ngoài', 'Nhập kết quả bên ngoài', 'Chỉ tiêu', 'Báo cáo', 'Đổi mật khẩu'],
    ],
    [
      'admin',
      ['Trang chủ', 'Học tập của tôi', 'Khóa học mở', 'Kết quả học tập bên ngoài', 'Giấy chứng nhận của tôi', 'Khóa học', 'Ngân hàng câu hỏi', 'Bài kiểm tra',
        'Lớp học', 'Đơn vị', 'Nhân sự', 'Nhập danh sách', 'Giấy chứng nhận', 'Duyệt kết quả bên ngoài', 'Nhập kết quả bên ngoài', 'Chỉ tiêu', 'Báo cáo', 'Tài khoản', 'Nhật ký hệ thống', 'Đổi mật khẩu'],
    ],
  ])('shows the menu items of a %s', async (role, expected) => {
    mockSession([role]);
    renderApp('/');
    expect(await menuNames()).toEqual(expected);
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getAllByRole('main')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' })).toHaveAttribute('href', '#main-content');
    expect(screen.getByRole('button', { name: 'Đăng xuất' })).toBeInTheDocument();
  });

  // (managers and administrators land on the targets dashboard instead: features/targets)
  it('shows scope counts from the API on the home page of a trainer', async () => {
    const fetch = mockSession(['trainer']);
    renderApp('/');
    expect(await screen.findByText('1.234')).toBeInTheDocument();
    expect(screen.getByText('1.200')).toBeInTheDocument();
    expect(screen.getByText('9')).toBeInTheDocument();
    expect(screen.getByText('7')).toBeInTheDocument();
    // dedicated + concurrent
    expect(screen.getByText('Chuyên trách: 2')).toBeInTheDocument();
    expect(screen.getByText('Kiêm nhiệm: 5')).toBeInTheDocument();
    expect(fetch.callsTo('GET', '/api/staff').every((c) => c.params.get('pageSize') === '1')).toBe(true);
    expect(screen.getByText('Phường Đăk Bla')).toBeInTheDocument();
  });

  it('does not let a learner open the people page', async () => {
    const fetch = mockSession(['learner']);
    renderApp('/staff');
    expect(await screen.findByRole('heading', { level: 1, name: 'Không tìm thấy trang' })).toBeInTheDocument();
    expect(fetch.callsTo('GET', '/api/staff')).toHaveLength(0);
  });

  it('switches the language to English and remembers it', async () => {
    mockSession(['trainer']);
    renderApp('/');
    const user = userEvent.setup();
    const langSwitch = await screen.findByRole('combobox', { name: 'Ngôn ngữ / Language' });
    await user.click(langSwitch);
    await user.click(await screen.findByTitle('English'));
    expect(await menuNames('Main navigation')).toEqual([
      'Home', 'My learning', 'Open courses', 'External learning results', 'My certificates', 'Courses', 'Question banks', 'Quizzes', 'Classes',
      'Units', 'People', 'Certificates', 'Change password',
    ]);
    expect(localStorage.getItem('dakbla.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('combobox', { name: 'Ngôn ngữ / Language' })).toBeInTheDocument();
  });

  it('logs out and returns to the login page', async () => {
    const fetch = mockSession(['learner']);
    renderApp('/');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByRole('button', { name: 'Đăng nhập' })).toBeInTheDocument();
    await waitFor(() => expect(fetch.callsTo('POST', '/api/auth/logout')).toHaveLength(1));
  });
});
