import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, units } from '../../../testing/data';
import { makeQuiz } from '../../../testing/quiz-data';
import type { Slot } from '../types';

jest.setTimeout(180_000);

const trainer = makeMe(['trainer']);

const slots: Slot[] = [
  { id: 's-1', position: 1, kind: 'fixed', questionId: 'q-1', mark: 1, question: { title: 'Mật khẩu mạnh', type: 'single_choice', version: 2 } },
  { id: 's-2', position: 2, kind: 'random', categoryId: 'c-1', categoryName: 'An toàn thông tin', includeSubcategories: true, tag: 'attt', count: 3, mark: 2, available: 5 },
  { id: 's-3', position: 3, kind: 'fixed', questionId: 'q-9', mark: 5, question: { title: 'Tự luận bảo vệ dữ liệu', type: 'essay', version: 1 } },
];

describe('quiz slots editor', () => {
  it('reorders by keyboard, saves the order, and shows the 400 of a slot on its row', async () => {
    let attempt = 0;
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: trainer } },
      { method: 'GET', path: '/api/quizzes/quiz-1', respond: { body: makeQuiz({ slotCount: 3 }) } },
      { method: 'GET', path: '/api/quizzes/quiz-1/slots', respond: { body: { slots } } },
      {
        method: 'PUT',
        path: '/api/quizzes/quiz-1/slots',
        respond: () =>
          ++attempt === 1
            ? { status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', fields: { 'slots.0.count': 'Danh mục chỉ có 2 câu hỏi phù hợp' } } }
            : { body: { slots } },
      },
    ]);
    renderApp('/quizzes/quiz-1?tab=questions');
    const handle = await screen.findByRole('button', { name: /^Di chuyển mục 2: 3 câu ngẫu nhiên từ danh mục “An toàn thông tin”/ }, { timeout: 60_000 });
    expect(screen.getByText(/hiện có 5 câu phù hợp/)).toBeInTheDocument();
    // 1 × 1 + 3 × 2 + 5 = 12 marks for 5 questions
    expect(screen.getByText('Số câu mỗi lượt làm').closest('.ant-statistic')).toHaveTextContent('5');
    expect(screen.getByText('Tổng điểm', { selector: '.ant-statistic-title' }).closest('.ant-statistic')).toHaveTextContent('12');
    handle.focus();
    fireEvent.keyDown(handle, { key: 'ArrowUp' });
    expect(await screen.findByText('Đã chuyển “3 câu ngẫu nhiên từ danh mục “An toàn thông tin” · thẻ “attt” · gồm cả danh mục con” đến vị trí 1')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: /^Di chuyển mục 1: 3 câu ngẫu nhiên/ })).toHaveFocus());
    expect(screen.getByText('Chưa lưu')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Lưu danh sách câu hỏi/ }));
    expect(await screen.findByText('Danh mục chỉ có 2 câu hỏi phù hợp')).toBeInTheDocument();
    const rows = screen.getAllByRole('listitem').filter((li) => li.closest('ol[aria-label="Danh sách câu hỏi của bài kiểm tra"]'));
    expect(within(rows[0]).getByRole('alert')).toHaveTextContent('Danh mục chỉ có 2 câu hỏi phù hợp');
    const put = fetch.callsTo('PUT', '/api/quizzes/quiz-1/slots')[0];
    expect(put.body).toEqual({
      slots: [
        { kind: 'random', categoryId: 'c-1', includeSubcategories: true, tag: 'attt', count: 3, mark: 2 },
        { kind: 'fixed', questionId: 'q-1', mark: 1 },
        { kind: 'fixed', questionId: 'q-9', mark: 5 },
      ],
    });

    // a mark of 0 is refused before the server
    const mark = screen.getByRole('spinbutton', { name: 'Điểm của mục 3' });
    await user.clear(mark);
    await user.type(mark, '0');
    await user.click(screen.getByRole('button', { name: /Lưu danh sách câu hỏi/ }));
    expect(await screen.findByText('Điểm phải lớn hơn 0, tối đa 1000, nhiều nhất 2 chữ số thập phân')).toBeInTheDocument();
    expect(fetch.callsTo('PUT', '/api/quizzes/quiz-1/slots')).toHaveLength(1);
  });
});

describe('quiz settings form', () => {
  // jsdom resolves getComputedStyle against every antd CSS-in-JS rule: seconds per call on a form this size
  const realStyle = window.getComputedStyle;
  beforeAll(() => {
    window.getComputedStyle = ((elt: Element) => (elt as HTMLElement).style ?? realStyle(elt)) as typeof window.getComputedStyle;
    // scrollToFirstError; jsdom has no scrollIntoView
    Element.prototype.scrollIntoView ??= () => undefined;
  });
  afterAll(() => {
    window.getComputedStyle = realStyle;
  });

  const session = () =>
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: trainer } },
      { method: 'GET', path: '/api/org-units', respond: { body: { items: units } } },
      { method: 'GET', path: '/api/quizzes/quiz-1', respond: { body: makeQuiz() } },
      {
        method: 'PATCH',
        path: '/api/quizzes/quiz-1',
        respond: { status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', fields: { timeLimitMinutes: 'Thời gian làm bài vượt quá thời gian mở' } } },
      },
    ]);
  const set = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

  it('names every invalid field and sends nothing', async () => {
    const fetch = session();
    renderApp('/quizzes/quiz-1');
    set(await screen.findByLabelText('Tên bài kiểm tra', {}, { timeout: 60_000 }), '');
    set(screen.getByLabelText('Điểm đạt (%)'), '');
    fireEvent.click(screen.getByRole('radio', { name: /Cho thêm thời gian ân hạn/ }));
    set(await screen.findByLabelText('Thời gian ân hạn (phút)'), '');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Vui lòng nhập tên bài kiểm tra')).toBeInTheDocument();
    // the pass mark and the grace period
    await waitFor(() => expect(screen.getAllByText('Vui lòng nhập giá trị')).toHaveLength(2));
    expect(fetch.callsTo('PATCH', '/api/quizzes/quiz-1')).toHaveLength(0);
  });

  it('sends only the changed fields and shows the server error under its field', async () => {
    const fetch = session();
    renderApp('/quizzes/quiz-1');
    set(await screen.findByLabelText('Tên bài kiểm tra', {}, { timeout: 60_000 }), 'Kiểm tra giữa khóa');
    set(screen.getByLabelText('Giới hạn thời gian (phút)'), '45');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Thời gian làm bài vượt quá thời gian mở')).toBeInTheDocument();
    expect(fetch.callsTo('PATCH', '/api/quizzes/quiz-1').map((c) => c.body)).toEqual([{ title: 'Kiểm tra giữa khóa', timeLimitMinutes: 45 }]);
  });
});

describe('essay grading and statistics', () => {
  const realStyle = window.getComputedStyle;
  beforeAll(() => {
    window.getComputedStyle = ((elt: Element) => (elt as HTMLElement).style ?? realStyle(elt)) as typeof window.getComputedStyle;
    Element.prototype.scrollIntoView ??= () => undefined;
  });
  afterAll(() => {
    window.getComputedStyle = realStyle;
  });

  it('grades an essay with a mark in range and a comment', async () => {
    const item = {
      attemptId: 'att-7',
      slot: 3,
      staffId: 's-7',
      fullName: 'Lê Thị Thu Hà',
      questionId: 'q-9',
      questionTitle: 'Tự luận bảo vệ dữ liệu',
      questionText: '<p>Nêu hai biện pháp…</p>',
      response: { text: 'Không chia sẻ mật khẩu.\nMã hóa tệp khi gửi.' },
      maxMark: 2,
      submittedAt: '2026-03-01T03:20:00.000Z',
    };
    let graded = false;
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: trainer } },
      { method: 'GET', path: '/api/quizzes/quiz-1', respond: { body: makeQuiz({ attemptCount: 1 }) } },
      { method: 'GET', path: '/api/quizzes/quiz-1/grading-queue', respond: () => ({ body: { items: graded ? [] : [item], total: graded ? 0 : 1, page: 1, pageSize: 100 } }) },
      {
        method: 'POST',
        path: '/api/attempts/att-7/slots/3/grade',
        respond: () => {
          graded = true;
          return { body: { attemptId: 'att-7', slot: 3, mark: 1.5, maxMark: 2, comment: 'Tốt', gradedAt: '2026-03-02T00:00:00Z', attempt: { status: 'graded', score: 4.5, maxScore: 5, percent: 90, passed: true } } };
        },
      },
    ]);
    renderApp('/quizzes/quiz-1?tab=grading');
    expect(await screen.findByText('1 câu trả lời chờ chấm', {}, { timeout: 60_000 })).toBeInTheDocument();
    expect(screen.getByText(/Mã hóa tệp khi gửi/)).toBeInTheDocument();
    expect(screen.getByText('Nộp lúc 01/03/2026 10:20')).toBeInTheDocument();
    const mark = screen.getByLabelText('Điểm (tối đa 2)');
    fireEvent.change(mark, { target: { value: '3' } });
    fireEvent.blur(mark);
    fireEvent.click(screen.getByRole('button', { name: 'Lưu điểm' }));
    expect(await screen.findByText('Điểm phải từ 0 đến 2')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/attempts/att-7/slots/3/grade')).toHaveLength(0);
    fireEvent.change(mark, { target: { value: '1.5' } });
    fireEvent.change(screen.getByLabelText('Nhận xét (không bắt buộc)'), { target: { value: '  Tốt  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu điểm' }));
    expect(await screen.findByText('Không có câu tự luận nào chờ chấm.')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/attempts/att-7/slots/3/grade').map((c) => c.body)).toEqual([{ mark: 1.5, comment: 'Tốt' }]);
  });

  it('shows the summary, the distribution chart and the per-question table', async () => {
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: trainer } },
      { method: 'GET', path: '/api/quizzes/quiz-1', respond: { body: makeQuiz({ attemptCount: 12 }) } },
      {
        method: 'GET',
        path: '/api/quizzes/quiz-1/statistics',
        respond: {
          body: {
            attempts: 12,
            mean: 71.25,
            median: 75,
            passRate: 0.5833,
            distribution: Array.from({ length: 10 }, (_, b) => ({ from: b * 10, to: b * 10 + 10, count: b === 7 ? 5 : b === 4 ? 2 : 0 })),
            questions: [
              { slot: 1, questionId: 'q-1', title: 'Mật khẩu mạnh', type: 'single_choice', count: 12, facility: 83.3, discrimination: 41.2, options: [{ text: 'Tr@ngSen!2026', count: 10 }, { text: '123456', count: 2 }] },
              { slot: 2, questionId: 'q-2', title: 'Tự luận', type: 'essay', count: 12, facility: null, discrimination: null, options: [] },
            ],
          },
        },
      },
    ]);
    renderApp('/quizzes/quiz-1?tab=statistics');
    expect(await screen.findByText('Phân bố điểm', { selector: 'h2' }, { timeout: 60_000 })).toBeInTheDocument();
    expect(screen.getByText('Tỷ lệ đạt').closest('.ant-statistic')).toHaveTextContent('58,3 %');
    expect(screen.getByText('Điểm trung bình').closest('.ant-statistic')).toHaveTextContent('71,3 %');
    const chart = screen.getByRole('img', { name: /^Phân bố điểm/ });
    expect(chart.querySelectorAll('rect')).toHaveLength(10);
    expect(within(chart).getByText('70–80%: 5 lượt', { exact: false, selector: 'desc' })).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /Mật khẩu mạnh/ });
    expect(row).toHaveTextContent('83,3 %');
    expect(row).toHaveTextContent('0,41');
    expect(screen.getByRole('row', { name: /Tự luận/ })).toHaveTextContent('—');
  });
});
