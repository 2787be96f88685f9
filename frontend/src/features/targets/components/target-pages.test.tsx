import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, units } from '../../../testing/data';
import { makeCourse } from '../../../testing/course-data';
import { makeSummary, makeTarget, makeTrend } from '../../../testing/target-data';

const figures = (population: number, trained: number, onLeave = 0) => ({
  population,
  trained,
  share: Math.round((trained / population) * 1000) / 10,
  onLeave,
  onLeaveTrained: 0,
  toTrain: population - trained,
});

// whole pages (layout, forms, several antd tables) in jsdom: slow on a shared 2-core machine
jest.setTimeout(600_000);
const slow = { timeout: 60_000 };

describe('officials dashboard (home of a manager)', () => {
  it('shows each target with its figures, status, projection and chart, as of the day in the URL', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/targets', respond: { body: { items: [makeTarget()] } } },
      { method: 'GET', path: '/api/targets/t-1/summary', respond: (call) => ({ body: makeSummary({ asOf: call.params.get('asOf') ?? '2026-11-20' }) }) },
      { method: 'GET', path: '/api/targets/t-1/trend', respond: { body: makeTrend() } },
    ]);
    renderApp('/?asOf=2026-11-20');
    expect(await screen.findByRole('heading', { level: 1, name: 'Theo dõi thực hiện chỉ tiêu' }, slow)).toBeInTheDocument();
    expect(screen.getByText('Số liệu tính đến ngày 20/11/2026')).toBeInTheDocument();
    const card = (await screen.findByRole('heading', { level: 2, name: makeTarget().name })).closest('.ant-card') as HTMLElement;
    expect(await within(card).findByText('Tỷ lệ đạt', {}, slow)).toBeInTheDocument();
    expect(within(card).getByText('Tỷ lệ đạt').closest('.ant-statistic')).toHaveTextContent('70,8%');
    expect(within(card).getByText('35')).toBeInTheDocument(); // still to train
    expect(within(card).getByText('Có nguy cơ chậm')).toBeInTheDocument();
    expect(within(card).getByText('Với tốc độ hiện tại, đạt chỉ tiêu vào ngày 15/04/2027 (sau hạn 31/12/2026); cần thêm 31 người/tháng để kịp hạn.')).toBeInTheDocument();
    expect(within(card).getByText(/Trong đó 3 người nghỉ dài hạn/)).toBeInTheDocument();
    expect(within(card).getByRole('progressbar', { name: 'Tỷ lệ đã bồi dưỡng 70,8% trên chỉ tiêu 100%' })).toBeInTheDocument();
    expect(await within(card).findByRole('img', { name: `Biểu đồ lũy kế tỷ lệ đã bồi dưỡng theo tháng: ${makeTarget().name}` }, slow)).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: `Xem chi tiết chỉ tiêu “${makeTarget().name}”` })).toHaveAttribute('href', '/targets/t-1?asOf=2026-11-20');
    // every figure is asked for the chosen day
    expect(fetch.callsTo('GET', '/api/targets/t-1/summary').map((c) => c.params.get('asOf'))).toEqual(['2026-11-20']);
    expect(fetch.callsTo('GET', '/api/targets/t-1/trend').map((c) => c.params.get('asOf'))).toEqual(['2026-11-20']);
    // staff counts are the home of other roles, not of a manager
    expect(fetch.callsTo('GET', '/api/staff')).toHaveLength(0);
  });

  it('ignores a date in the future and says so when there is no target', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['admin']) } },
      { method: 'GET', path: '/api/targets', respond: { body: { items: [] } } },
    ]);
    renderApp('/?asOf=2999-01-01');
    expect(await screen.findByText('Chưa có chỉ tiêu nào đang theo dõi.', {}, slow)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Thêm chỉ tiêu' })).toBeInTheDocument();
    expect(screen.queryByText('Số liệu tính đến ngày 01/01/2999')).toBeNull();
    expect(fetch.callsTo('GET', '/api/targets')).toHaveLength(1);
  });
});

describe('target detail', () => {
  it('drills into a unit, lists the untrained there, and enrols them after a confirmation with the count', async () => {
    const target = makeTarget();
    const unitRows = {
      by: 'unit',
      asOf: '2026-11-20',
      parentUnitId: 'unit-ward',
      total: figures(10, 4),
      rows: [
        { key: 'unit-vh', label: 'Phòng Văn hóa - Xã hội', hasChildren: false, direct: false, ...figures(6, 2, 1) },
        { key: 'unit-ward', label: 'Phường Đăk Bla (trực thuộc)', hasChildren: false, direct: true, ...figures(4, 2) },
      ],
    };
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      { method: 'GET', path: '/api/targets/t-1', respond: { body: target } },
      { method: 'GET', path: '/api/targets/t-1/summary', respond: { body: makeSummary() } },
      { method: 'GET', path: '/api/targets/t-1/trend', respond: { body: makeTrend() } },
      {
        method: 'GET',
        path: '/api/targets/t-1/breakdown',
        respond: (call) =>
          call.params.get('unitId') === 'unit-vh'
            ? { body: { ...unitRows, parentUnitId: 'unit-vh', total: figures(6, 2, 1), rows: [{ ...unitRows.rows[0], key: 'unit-vh', label: 'Phòng Văn hóa - Xã hội (trực thuộc)', direct: true }] } }
            : { body: unitRows },
      },
      {
        method: 'GET',
        path: '/api/targets/t-1/people',
        respond: (call) => ({
          body: {
            items:
              call.params.get('unitId') === 'unit-vh'
                ? [
                    {
                      staffId: 's-9', fullName: 'Rơ Mah H’Linh', birthYear: 1990, gender: 'female', position: 'Công chức', unitId: 'unit-vh',
                      unitName: 'Phòng Văn hóa - Xã hội', category: 'civil_servant', dtRole: 'concurrent', status: 'on_leave', leaveKind: 'maternity_leave',
                      trained: false, trainedAt: null, trainedBy: null, trainedSource: null, enrolmentCourseId: 'c-1', enrolmentCourseTitle: 'Kỹ năng số cơ bản',
                      enrolmentStatus: 'in_progress', enrolmentDueDate: '2026-01-31', enrolmentProgress: 40,
                    },
                  ]
                : [],
            total: call.params.get('unitId') === 'unit-vh' ? 4 : 6,
            page: 1,
            pageSize: Number(call.params.get('pageSize')),
          },
        }),
      },
      { method: 'GET', path: '/api/courses', respond: { body: { items: [makeCourse()], total: 1, page: 1, pageSize: 50 } } },
      { method: 'GET', path: '/api/courses/c-1', respond: { body: makeCourse() } },
      { method: 'POST', path: '/api/targets/t-1/enrol', respond: { body: { untrained: 4, enrolled: 3, alreadyEnrolled: 1 } } },
    ]);
    renderApp('/targets/t-1');
    expect(await screen.findByRole('heading', { level: 1, name: target.name }, slow)).toBeInTheDocument();
    // the unit breakdown: bars and a table; a unit's name drills down
    expect(await screen.findByRole('img', { name: 'Tỷ lệ đã bồi dưỡng theo đơn vị trực thuộc Phường Đăk Bla' }, slow)).toBeInTheDocument();
    fireEvent.click(await screen.findByRole('button', { name: 'Xem Phòng Văn hóa - Xã hội' }, slow));
    await waitFor(() => expect(fetch.callsTo('GET', '/api/targets/t-1/breakdown').some((c) => c.params.get('unitId') === 'unit-vh')).toBe(true), slow);
    // the breadcrumb leads back up; the summary, chart and people are those of the unit
    const crumbs = screen.getByRole('navigation', { name: 'Đơn vị đang xem' });
    expect(within(crumbs).getByRole('button', { name: 'Phường Đăk Bla' })).toBeInTheDocument();
    expect(within(crumbs).getByText('Phòng Văn hóa - Xã hội')).toHaveAttribute('aria-current', 'location');
    expect(fetch.callsTo('GET', '/api/targets/t-1/summary').some((c) => c.params.get('unitId') === 'unit-vh')).toBe(true);
    expect(await screen.findByText('Rơ Mah H’Linh', {}, slow)).toBeInTheDocument();
    expect(screen.getByText('Nghỉ thai sản')).toBeInTheDocument();
    expect(screen.getByText('Quá hạn')).toBeInTheDocument();
    const peopleCall = fetch.callsTo('GET', '/api/targets/t-1/people').find((c) => c.params.get('unitId') === 'unit-vh');
    expect(peopleCall?.params.get('trained')).toBe('false');

    fireEvent.click(screen.getByRole('button', { name: 'Ghi danh những người chưa đạt' }));
    // (role queries over the whole page are slow: find the dialog by its text, then query inside it)
    const count = await screen.findByText('Hôm nay có 4 người thuộc đối tượng của Phòng Văn hóa - Xã hội chưa được bồi dưỡng.', {}, slow);
    const dialog = count.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText('Ghi danh những người chưa đạt')).toBeInTheDocument(); // its title
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tiếp tục' }));
    expect(await within(dialog).findByText('Ghi danh 4 người chưa được bồi dưỡng của Phòng Văn hóa - Xã hội vào khóa “Kỹ năng số cơ bản”?', {}, slow)).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/targets/t-1/enrol')).toHaveLength(0); // nothing before the confirmation
    fireEvent.click(within(dialog).getByRole('button', { name: 'Xác nhận ghi danh' }));
    expect(await within(dialog).findByText('Đã ghi danh 3 người', {}, slow)).toBeInTheDocument();
    expect(within(dialog).getByText('Trong 4 người chưa được bồi dưỡng: 3 người vừa được ghi danh, 1 người đã được ghi danh từ trước.')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/targets/t-1/enrol')[0].body).toEqual({ courseId: 'c-1', unitId: 'unit-vh', dueDate: null });
  });
});
