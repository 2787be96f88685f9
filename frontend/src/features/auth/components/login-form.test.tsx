import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';

const unauthenticated = {
  method: 'GET',
  path: '/api/auth/me',
  respond: { status: 401, body: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Chưa đăng nhập' } },
};

async function fillAndSubmit(login: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Tên đăng nhập hoặc email'), login);
  await user.type(screen.getByLabelText('Mật khẩu'), password);
  await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}

describe('login page', () => {
  it('shows the server error message on wrong credentials and sends the login body', async () => {
    const fetch = mockFetch([
      unauthenticated,
      {
        method: 'POST',
        path: '/api/auth/login',
        respond: {
          status: 401,
          body: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Sai tên đăng nhập hoặc mật khẩu' },
        },
      },
    ]);
    renderApp('/login');
    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeInTheDocument();
    await fillAndSubmit('  hanhntm ', 'sai-mat-khau');

    expect(await screen.findByText('Sai tên đăng nhập hoặc mật khẩu')).toBeInTheDocument();
    const [call] = fetch.callsTo('POST', '/api/auth/login');
    expect(call.body).toEqual({ login: 'hanhntm', password: 'sai-mat-khau' });
    expect(call.headers['Accept-Language']).toBe('vi');
    // A failed login does not leave the page.
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeEnabled();
    expect(document.title).toBe('Đăng nhập - Bồi dưỡng số - Phường Đăk Bla');
  });

  it('shows the wait time from Retry-After on 429 and blocks the button', async () => {
    mockFetch([
      unauthenticated,
      {
        method: 'POST',
        path: '/api/auth/login',
        respond: {
          status: 429,
          headers: { 'Retry-After': '42' },
          body: { statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: 'Thử quá nhiều lần' },
        },
      },
    ]);
    renderApp('/login');
    await fillAndSubmit('hanhntm', 'x');

    expect(await screen.findByText(/thử lại sau 4[12] giây/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeDisabled();
  });

  it('goes to the home page after a successful login', async () => {
    const me = makeMe(['learner']);
    mockFetch([
      unauthenticated,
      { method: 'POST', path: '/api/auth/login', respond: { body: { token: 't', expiresAt: '2030-01-01', user: me } } },
    ]);
    renderApp('/login');
    await fillAndSubmit('hanhntm', 'dung-mat-khau-123');
    expect(await screen.findByRole('heading', { level: 1, name: 'Trang chủ' })).toBeInTheDocument();
    expect(screen.getByText('Xin chào, Nguyễn Thị Mỹ Hạnh')).toBeInTheDocument();
  });

  it('sends a user who must change the password to the change-password page', async () => {
    const me = makeMe(['learner'], { mustChangePassword: true });
    mockFetch([
      unauthenticated,
      { method: 'POST', path: '/api/auth/login', respond: { body: { token: 't', expiresAt: '2030-01-01', user: me } } },
    ]);
    renderApp('/login');
    await fillAndSubmit('hanhntm', 'mat-khau-tam-thoi');
    expect(await screen.findByRole('heading', { level: 1, name: 'Đổi mật khẩu' })).toBeInTheDocument();
    expect(screen.getByText('Bạn cần đổi mật khẩu trước khi tiếp tục sử dụng hệ thống.')).toBeInTheDocument();
  });

  it('redirects an anonymous visitor of a protected page to the login page', async () => {
    mockFetch([unauthenticated]);
    renderApp('/staff');
    expect(await screen.findByRole('button', { name: 'Đăng nhập' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('navigation')).not.toBeInTheDocument());
  });
});
