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
