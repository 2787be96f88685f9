import { ApiError, api, setUnauthorizedHandler } from './api-client';
import { mockFetch } from '../testing/fetch-mock';

describe('api client', () => {
  afterEach(() => setUnauthorizedHandler(null));

  it('parses the error body into an ApiError with fields and Retry-After', async () => {
    mockFetch([
      {
        method: 'POST',
        path: '/api/staff',
        respond: {
          status: 400,
          headers: { 'Retry-After': '5' },
          body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', fields: { email: 'Sai' }, requestId: 'r-1' },
        },
      },
    ]);
    const err = await api.post('/staff', { a: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', fields: { email: 'Sai' }, requestId: 'r-1', retryAfter: 5 });
  });

  it('sends credentials, Accept-Language and query params without empty values', async () => {
    const fetch = mockFetch([{ method: 'GET', path: '/api/staff', respond: { body: { items: [], total: 0 } } }]);
    await api.get('/staff', { params: { q: 'đăk', unitId: undefined, status: '', page: 1 } });
    const init = fetch.fn.mock.calls[0][1] as RequestInit;
    expect(init.credentials).toBe('same-origin');
    expect(fetch.calls[0].headers['Accept-Language']).toBe('vi');
    expect(fetch.calls[0].url.search).toBe('?q=%C4%91%C4%83k&page=1');
  });

  it('runs the 401 handler for API calls but not for the login call', async () => {
    const handler = jest.fn();
    setUnauthorizedHandler(handler);
    const unauth = { status: 401, body: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Hết phiên' } };
    mockFetch([
      { method: 'GET', path: '/api/staff', respond: unauth },
      { method: 'POST', path: '/api/auth/login', respond: { ...unauth, body: { ...unauth.body, code: 'INVALID_CREDENTIALS' } } },
    ]);
    await expect(api.post('/auth/login', {})).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(handler).not.toHaveBeenCalled();
    await expect(api.get('/staff')).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
