import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, units } from '../../../testing/data';
import { categories, makeBank, makeQuestionSummary } from '../../../testing/question-data';
import { useFastComputedStyle } from '../../../testing/fast-computed-style';

useFastComputedStyle();

const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('question banks', () => {
  it('shows the empty state and creates a bank owned by a unit in scope', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      { method: 'GET', path: '/api/question-banks', respond: { body: page([]) } },
      { method: 'POST', path: '/api/question-banks', respond: { status: 201, body: makeBank({ id: 'b-new', name: 'Đề thi An toàn thông tin', questionCount: 0 }) } },
      { method: 'GET', path: '/api/question-banks/b-new', respond: { body: makeBank({ id: 'b-new', name: 'Đề thi An toàn thông tin', questionCount: 0 }) } },
      { method: 'GET', path: '/api/question-banks/b-new/categories', respond: { body: { items: [categories[0]] } } },
      { method: 'GET', path: '/api/question-banks/b-new/questions', respond: { body: page([]) } },
    ]);
    renderApp('/question-banks');
    const user = userEvent.setup();
    expect(await screen.findByText(/Chưa có ngân hàng câu hỏi nào/)).toBeInTheDocument();
    const nav = screen.getByLabelText('Điều hướng chính');
    expect(within(nav).getByText('Ngân hàng câu hỏi').closest('a')).toHaveAttribute('href', '/question-banks');

    // the empty state has its own button; the header has the other one
    await user.click(screen.getAllByText('Tạo ngân hàng', { selector: 'button > span' })[1]);
    await user.type(await screen.findByLabelText('Tên ngân hàng'), 'Đề thi An toàn thông tin');
    await user.click(screen.getByText('Lưu', { selector: 'button > span' }));
    expect(await screen.findByText('Vui lòng nhập thông tin này')).toBeInTheDocument(); // owner unit
    expect(fetch.callsTo('POST', '/api/question-banks')).toHaveLength(0);

    fireEvent.mouseDown(screen.getByLabelText('Đơn vị quản lý'));
    await user.click(await screen.findByTitle('Phòng Văn hóa - Xã hội (PVHXH)'));
    await user.click(screen.getByText('Lưu', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('POST', '/api/question-banks')).toHaveLength(1));
    expect(fetch.callsTo('POST', '/api/question-banks')[0].body).toEqual({ name: 'Đề thi An toàn thông tin', ownerUnitId: 'unit-vh', description: '' });
    // (a lazy route: give it time on a busy machine)
    expect(await screen.findByText('Đề thi An toàn thông tin', { selector: 'h1' }, { timeout: 30_000 })).toBeInTheDocument();
    expect(await screen.findByText(/Chưa có câu hỏi nào trong danh mục này/)).toBeInTheDocument();
  }, 120_000);

  it('filters the questions by category (with subcategories), type and a search, and explains a refused category delete', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/question-banks/b-1', respond: { body: makeBank() } },
      { method: 'GET', path: '/api/question-banks/b-1/categories', respond: { body: { items: categories } } },
      {
        method: 'GET',
        path: '/api/question-banks/b-1/questions',
        respond: { body: page([makeQuestionSummary(), makeQuestionSummary({ id: 'q-2', type: 'true_false', title: 'Chữ ký số', categoryId: 'cat-2', version: 4 })]) },
      },
      {
        method: 'DELETE',
        path: '/api/question-categories/cat-1',
        respond: { status: 409, body: { statusCode: 409, code: 'CATEGORY_NOT_EMPTY', message: 'Danh mục còn câu hỏi', requestId: 'r-1' } },
      },
    ]);
    renderApp('/question-banks/b-1');
    const user = userEvent.setup();
    expect(await screen.findByText('Chữ ký số', { selector: 'a' })).toHaveAttribute('href', '/question-banks/b-1/questions/q-2');
    expect(screen.getByText('v4')).toBeInTheDocument();
    const panel = screen.getByText('Danh mục', { selector: 'h2' }).closest<HTMLElement>('.ant-card')!;
    const tree = panel.querySelector<HTMLElement>('.ant-tree')!;
    expect(within(panel).getByLabelText('Cây danh mục câu hỏi')).toBeInTheDocument();
    expect(within(tree).getByText('Tất cả câu hỏi (3)')).toBeInTheDocument();

    // choose a category: questions of it and its subcategories
    await user.click(within(tree).getByText('Mặc định'));
    await waitFor(() =>
      expect(fetch.callsTo('GET', '/api/question-banks/b-1/questions').some((c) => c.params.get('categoryId') === 'cat-1')).toBe(true),
    );
    const last = () => fetch.callsTo('GET', '/api/question-banks/b-1/questions').at(-1)!.params;
    expect(last().get('includeSubcategories')).toBe('true');
    expect(screen.getByText('Xuất danh mục “Mặc định”:')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Gồm cả câu hỏi trong danh mục con'));
    await waitFor(() => expect(last().get('includeSubcategories')).toBe('false'));

    fireEvent.mouseDown(screen.getByLabelText('Loại câu hỏi'));
    await user.click(await screen.findByTitle('Đúng/Sai'));
    await waitFor(() => expect(last().get('type')).toBe('true_false'));
    await user.type(screen.getByLabelText('Tìm câu hỏi'), 'chu ky so');
    await waitFor(() => expect(last().get('q')).toBe('chu ky so'));
    expect(last().get('categoryId')).toBe('cat-1');

    // deleting a category that still holds questions: confirmed first, then the refusal is explained
    await user.click(within(panel).getByText('Xóa', { selector: 'button > span' }));
    expect(await screen.findByText('Chỉ xóa được danh mục trống (không còn câu hỏi và danh mục con).')).toBeInTheDocument();
    expect(fetch.callsTo('DELETE', '/api/question-categories/cat-1')).toHaveLength(0);
    const dialog = screen.getAllByText('Xóa danh mục “Mặc định”?')[0].closest<HTMLElement>('.ant-modal')!;
    await user.click(within(dialog).getByText('Xóa', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('DELETE', '/api/question-categories/cat-1')).toHaveLength(1));
    expect(
      await screen.findByText('Danh mục “Mặc định” vẫn còn câu hỏi hoặc danh mục con. Hãy chuyển hoặc xóa chúng trước, rồi xóa lại danh mục.'),
    ).toBeInTheDocument();
  }, 120_000);
});
