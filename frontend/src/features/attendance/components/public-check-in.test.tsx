import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import type { ResolveResult } from '../types';
import { DEVICE_KEY, PERSON_KEY } from './public-check-in';

const DEVICE = 'd'.repeat(43);

function resolved(overrides: Partial<ResolveResult> = {}): ResolveResult {
  return {
    ticket: 'ticket-1',
    ticketExpiresAt: new Date(Date.now() + 300_000).toISOString(),
    deviceToken: DEVICE,
    session: { id: 's-1', classTitle: 'Bình dân học vụ số – Tổ dân phố 3', topic: 'Dùng VNeID', date: '2026-06-15', startTime: '07:30', endTime: '09:00', venueName: 'Nhà văn hóa TDP 3' },
    identity: { kind: 'none', fullName: null },
    requiresLocation: false,
    window: { opensAt: '2026-06-15T00:15:00.000Z', closesAt: '2026-06-15T01:00:00.000Z', open: true },
    ...overrides,
  };
}

const unauthenticated = { method: 'GET', path: '/api/auth/me', respond: { status: 401, body: { code: 'UNAUTHENTICATED', message: 'Chưa đăng nhập' } } };

describe('public check-in page', () => {
  it('asks a resident without an account for name and phone once, checks in, and remembers the device', async () => {
    const fetch = mockFetch([
      unauthenticated,
      { method: 'POST', path: '/api/check-in/resolve', respond: { body: resolved() } },
      {
        method: 'POST',
        path: '/api/check-in',
        respond: {
          status: 201,
          body: {
            result: 'checked_in',
            sessionId: 's-1',
            rosterId: 'r-2',
            fullName: 'Y Bhăm Êban',
            status: 'late',
            lateMinutes: 7,
            checkedInAt: '2026-06-15T00:37:00.000Z',
            deviceToken: DEVICE,
            classTitle: 'Bình dân học vụ số – Tổ dân phố 3',
          },
        },
      },
    ]);
    renderApp('/check-in?t=tok.sig');
    expect(await screen.findByText('Bình dân học vụ số – Tổ dân phố 3')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/check-in/resolve')[0].body).toEqual({ token: 'tok.sig' });

    fireEvent.change(screen.getByLabelText('Họ và tên'), { target: { value: 'Y Bhăm Êban' } });
    fireEvent.change(screen.getByLabelText('Số điện thoại'), { target: { value: '0912 345 678' } });
    fireEvent.click(screen.getByRole('button', { name: 'Điểm danh' }));

    expect(await screen.findByText('Đã điểm danh: Y Bhăm Êban')).toBeInTheDocument();
    expect(screen.getByText(/Đi muộn 7 phút/)).toBeInTheDocument();
    expect(screen.getByText(/lúc 07:37/)).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/check-in')[0].body).toEqual({
      ticket: 'ticket-1',
      deviceToken: DEVICE,
      sessionId: 's-1',
      resident: { fullName: 'Y Bhăm Êban', phone: '0912 345 678', birthYear: null },
    });
    expect(localStorage.getItem(DEVICE_KEY)).toBe(DEVICE);
    expect(JSON.parse(localStorage.getItem(PERSON_KEY) ?? '{}')).toMatchObject({ fullName: 'Y Bhăm Êban', phone: '0912 345 678' });
    // nobody was sent to the login page
    expect(screen.queryByLabelText('Mật khẩu')).not.toBeInTheDocument();
  });

  it('checks a remembered device in at once, sending its device token', async () => {
    localStorage.setItem(DEVICE_KEY, DEVICE);
    const fetch = mockFetch([
      unauthenticated,
      { method: 'POST', path: '/api/check-in/resolve', respond: { body: resolved({ identity: { kind: 'resident', fullName: 'Y Bhăm Êban' } }) } },
      {
        method: 'POST',
        path: '/api/check-in',
        respond: {
          status: 201,
          body: { result: 'checked_in', sessionId: 's-1', rosterId: 'r-2', fullName: 'Y Bhăm Êban', status: 'present', lateMinutes: null, checkedInAt: '2026-06-15T00:31:00.000Z', deviceToken: DEVICE, classTitle: 'Lớp' },
        },
      },
    ]);
    renderApp('/check-in?t=tok.sig');
    expect(await screen.findByText('Đã điểm danh: Y Bhăm Êban')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/check-in/resolve')[0].body).toEqual({ token: 'tok.sig', deviceToken: DEVICE });
    expect(fetch.callsTo('POST', '/api/check-in')[0].body).toEqual({ ticket: 'ticket-1', deviceToken: DEVICE, sessionId: 's-1' });
  });

  it("shows the server's Vietnamese reason for an expired code and offers to type the live code", async () => {
    const fetch = mockFetch([
      unauthenticated,
      {
        method: 'POST',
        path: '/api/check-in/resolve',
        respond: (call) =>
          (call.body as { code?: string }).code === '042917'
            ? { body: resolved({ identity: { kind: 'staff', fullName: 'Đặng Văn Tuấn' } }) }
            : { status: 410, body: { code: 'CHECKIN_TOKEN_EXPIRED', message: 'Mã điểm danh đã hết hạn (mã đổi sau vài giây, ảnh chụp màn hình không dùng được). Hãy quét mã QR đang hiện trên màn hình' } },
      },
      {
        method: 'POST',
        path: '/api/check-in',
        respond: { status: 409, body: { code: 'CHECKIN_ALREADY', message: 'Bạn đã điểm danh buổi này lúc 07:32. Không cần điểm danh lại' } },
      },
    ]);
    renderApp('/check-in?t=old.screenshot');
    expect(await screen.findByText(/Mã điểm danh đã hết hạn/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Mã điểm danh'), { target: { value: '042 917' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await waitFor(() => expect(fetch.callsTo('POST', '/api/check-in/resolve')).toHaveLength(2));
    expect(fetch.callsTo('POST', '/api/check-in/resolve')[1].body).toMatchObject({ code: '042917' });
    expect(await screen.findByText('Bạn đã điểm danh buổi này lúc 07:32. Không cần điểm danh lại')).toBeInTheDocument();
  });

  it('asks for the location when the class has a geofence and explains a refusal in Vietnamese', async () => {
    const getCurrentPosition = jest.fn((_ok: PositionCallback, fail: PositionErrorCallback) =>
      fail({ code: 1, message: 'denied', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError),
    );
    Object.defineProperty(navigator, 'geolocation', { configurable: true, value: { getCurrentPosition } });
    const fetch = mockFetch([
      unauthenticated,
      { method: 'POST', path: '/api/check-in/resolve', respond: { body: resolved({ requiresLocation: true, identity: { kind: 'staff', fullName: 'Đặng Văn Tuấn' } }) } },
      {
        method: 'POST',
        path: '/api/check-in',
        respond: {
          status: 403,
          body: {
            code: 'CHECKIN_LOCATION_REQUIRED',
            message: 'Lớp này cần vị trí của điện thoại để điểm danh. Hãy cho phép trình duyệt truy cập vị trí rồi thử lại',
            fields: { location: 'Bạn đã chặn quyền vị trí. Mở cài đặt trình duyệt, cho phép vị trí cho trang này rồi thử lại' },
          },
        },
      },
    ]);
    renderApp('/check-in?t=tok.sig');
    expect(await screen.findByText(/Lớp này cần vị trí của điện thoại để điểm danh. Hãy cho phép/)).toBeInTheDocument();
    expect(screen.getByText(/Bạn đã chặn quyền vị trí. Hãy mở cài đặt/)).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/check-in')[0].body).toMatchObject({ locationError: 'denied' });
    expect(getCurrentPosition).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Thử lại' })).toBeInTheDocument();
    delete (navigator as { geolocation?: unknown }).geolocation;
  });
});
