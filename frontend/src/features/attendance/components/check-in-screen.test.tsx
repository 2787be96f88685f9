import { screen, waitFor } from '@testing-library/react';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import type { CheckInScreen, MarkCounts } from '../types';

const counts = (present: number): MarkCounts => ({ present, late: 0, left_early: 0, excused: 0, unexcused: 0, unmarked: 8 - present, total: 8 });

describe('check-in screen', () => {
  it('shows the rotating QR and code, fetches the next token when the step ends, and lists who checked in', async () => {
    let n = 0;
    const screens: CheckInScreen[] = ['118530', '042917'].map((code, i) => {
      const serverTime = Date.now();
      return {
        sessionId: 's-1',
        token: `tok${i}.sig${i}`,
        code,
        path: `/check-in?t=tok${i}.sig${i}`,
        stepSeconds: 10,
        // the first token's step ends one second after the answer
        validUntil: new Date(serverTime + (i === 0 ? 1000 : 10_000)).toISOString(),
        serverTime: new Date(serverTime).toISOString(),
        window: { opensAt: new Date(serverTime - 600_000).toISOString(), closesAt: new Date(serverTime + 600_000).toISOString(), open: true },
        geofence: null,
        counts: counts(1),
      };
    });
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
      { method: 'GET', path: '/api/sessions/s-1/check-in-screen', respond: () => ({ body: screens[Math.min(n++, 1)] }) },
      { method: 'GET', path: '/api/sessions/s-1/marks', respond: { status: 500, body: { code: 'INTERNAL', message: 'x' } } },
      {
        method: 'GET',
        path: '/api/sessions/s-1/check-ins',
        respond: (call) => ({
          body: call.params.get('after')
            ? { items: [], cursor: '7', counts: counts(2) }
            : {
                items: [
                  { rosterId: 'r-2', fullName: 'Y Bhăm Êban', kind: 'resident', status: 'late', lateMinutes: 7, checkedInAt: new Date().toISOString(), source: 'qr' },
                  { rosterId: 'r-1', fullName: 'Nguyễn Thị Hồng', kind: 'resident', status: 'present', lateMinutes: null, checkedInAt: new Date(Date.now() - 60_000).toISOString(), source: 'qr' },
                ],
                cursor: '7',
                counts: counts(2),
              },
        }),
      },
    ]);
    renderApp('/sessions/s-1/check-in-screen');
    const qr = await screen.findByRole('img', { name: 'Mã QR điểm danh. Quét bằng camera điện thoại để điểm danh.' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')?.getAttribute('d')?.length).toBeGreaterThan(100);
    expect(screen.getByTestId('check-in-code')).toHaveTextContent('118 530');
    expect(screen.getByText(/Không quét được\? Vào http:\/\/localhost\/check-in và nhập mã/)).toBeInTheDocument();

    // the next step's token replaces the first one without a reload
    await waitFor(() => expect(screen.getByTestId('check-in-code')).toHaveTextContent('042 917'), { timeout: 8000 });
    expect(fetch.callsTo('GET', '/api/sessions/s-1/check-in-screen').length).toBeGreaterThanOrEqual(2);

    expect(await screen.findByText('Y Bhăm Êban')).toBeInTheDocument();
    expect(screen.getByText('Nguyễn Thị Hồng')).toBeInTheDocument();
    const names = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(names.findIndex((x) => x.includes('Y Bhăm Êban'))).toBeLessThan(names.findIndex((x) => x.includes('Nguyễn Thị Hồng')));
    expect(screen.getByText(/Đi muộn 7 ph/)).toBeInTheDocument();
    // polling continues with the cursor
    await waitFor(() => expect(fetch.calls.some((c) => c.path === '/api/sessions/s-1/check-ins' && c.params.get('after') === '7')).toBe(true), { timeout: 8000 });
  });
});
