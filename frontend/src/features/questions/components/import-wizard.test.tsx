import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { mockXhr } from '../../../testing/xhr-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { categories, makeBank, makeImportPreview } from '../../../testing/question-data';
import { useFastComputedStyle } from '../../../testing/fast-computed-style';
import type { ImportPreview, ImportQuestion } from '../types';

useFastComputedStyle();

const choice: ImportQuestion = {
  index: 1,
  type: 'single_choice',
  title: 'Cổng dịch vụ công',
  text: '<p>Cổng Dịch vụ công quốc gia có địa chỉ nào?</p>',
  line: 1,
  category: null,
  warnings: [],
  data: {
    answers: [
      { text: 'dichvucong.gov.vn', fraction: 1, feedback: '' },
      { text: 'dichvucong.com', fraction: 0, feedback: '' },
    ],
    pairs: [],
    numeric: [],
    generalFeedback: '',
    single: true,
  },
};
const legacy: ImportQuestion = {
  index: 2,
  type: 'true_false',
  title: 'Ch÷ ký sè',
  text: '<p>Ch÷ ký sè cã gi¸ trÞ ph¸p lý</p>',
  line: 7,
  category: 'An toàn thông tin',
  warnings: [
    {
      code: 'legacy_font',
      font: 'tcvn3',
      field: 'title',
      message: 'Text in title looks like the legacy TCVN3 (ABC, .VnTime) font encoding; convert it to Unicode before importing.',
      messageVi: 'Nội dung ở title có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC, .VnTime); hãy chuyển sang Unicode trước khi nhập.',
    },
  ],
  data: { answers: [], pairs: [], numeric: [], generalFeedback: '', correctAnswer: true },
};

const withErrors: ImportPreview = makeImportPreview({
  questions: [choice, legacy],
  errors: [
    { line: 12, code: 'braceerror', message: 'Missing closing brace', messageVi: 'Thiếu dấu } đóng phần đáp án', question: 'Câu hỏi về VNeID' },
    { line: 30, code: 'invalidgradequestion', message: 'Invalid grades', messageVi: 'Mức điểm 0,42 không hợp lệ', question: 'Định danh điện tử' },
  ],
  counts: { questions: 2, errors: 2, warnings: 1 },
});

function session(extra: Parameters<typeof mockFetch>[0] = []) {
  return mockFetch([
    { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
    { method: 'GET', path: '/api/question-banks/b-1', respond: { body: makeBank() } },
    { method: 'GET', path: '/api/question-banks/b-1/categories', respond: { body: { items: categories } } },
    ...extra,
  ]);
}

const fileInput = (container: HTMLElement) => container.querySelector<HTMLInputElement>('input[type=file]')!;

describe('question import', () => {
  it('blocks the import while the file has errors, names their lines, flags legacy fonts, and cancels after confirmation', async () => {
    const fetch = session([{ method: 'POST', path: '/api/question-imports/imp-1/cancel', respond: { status: 204 } }]);
    const xhr = mockXhr([{ path: '/api/question-banks/b-1/imports', respond: { status: 201, body: withErrors } }]);
    const { container } = renderApp('/question-banks/b-1/import?category=cat-2');
    const user = userEvent.setup();
    expect(await screen.findByLabelText('GIFT', { exact: false })).toBeChecked();
    expect(screen.getByText('Tải tệp Excel mẫu').closest('a')).toHaveAttribute('href', '/api/question-imports/template.xlsx');

    await user.upload(fileInput(container), new File(['::Q1:: ...'], 'cau-hoi.txt', { type: 'text/plain' }));
    expect(await screen.findByText('Tệp có 2 lỗi nên chưa thể nhập. Hãy sửa tệp theo vị trí dòng/hàng bên dưới và tải lên lại.')).toBeInTheDocument();
    expect(xhr.calls[0].fields).toEqual({ format: 'gift', categoryId: 'cat-2' });
    expect(xhr.calls[0].files.file.name).toBe('cau-hoi.txt');

    // "Nhập N câu hỏi" is refused while errors remain, and says why.
    const commit = screen.getByText('Nhập 2 câu hỏi').closest('button')!;
    expect(commit).toBeDisabled();
    expect(commit).toHaveAttribute('aria-describedby', 'question-import-blocked');

    // each error with its line
    const braceError = screen.getByText('Thiếu dấu } đóng phần đáp án').closest('tr')!;
    expect(within(braceError).getByText('Dòng 12')).toBeInTheDocument();
    expect(within(braceError).getByText('Câu hỏi về VNeID')).toBeInTheDocument();
    expect(within(screen.getByText('Mức điểm 0,42 không hợp lệ').closest('tr')!).getByText('Dòng 30')).toBeInTheDocument();

    // every question rendered; the TCVN3 one is highlighted with its warning
    const first = screen.getByText('Cổng dịch vụ công').closest<HTMLElement>('.ant-card')!;
    expect(within(first).getByText('Một lựa chọn')).toBeInTheDocument();
    expect(within(first).getByText('Dòng 1')).toBeInTheDocument();
    expect(within(first).getByText('dichvucong.gov.vn')).toBeInTheDocument();
    const second = screen.getByText('Ch÷ ký sè').closest<HTMLElement>('.ant-card')!;
    expect(second).toHaveClass('import-question-warning');
    expect(within(second).getByText('Bảng mã cũ TCVN3')).toBeInTheDocument();
    expect(within(second).getByText(/bảng mã cũ TCVN3 \(ABC, \.VnTime\); hãy chuyển sang Unicode/)).toBeInTheDocument();
    expect(within(second).getByText('Đáp án đúng: Đúng')).toBeInTheDocument();
    expect(first).not.toHaveClass('import-question-warning');

    // cancel discards, after confirmation
    await user.click(screen.getByText('Hủy lần nhập', { selector: 'button > span' }));
    expect(await screen.findByText('Hủy lần nhập này? Không câu hỏi nào trong tệp được lưu.')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/question-imports/imp-1/cancel')).toHaveLength(0);
    await user.click(screen.getByText('Xác nhận', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('POST', '/api/question-imports/imp-1/cancel')).toHaveLength(1));
    expect(await screen.findByText('Định dạng tệp')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/question-imports/imp-1/commit')).toHaveLength(0);
  }, 120_000);

  it('checks the extension of the chosen format, then imports a clean Excel file', async () => {
    const clean = makeImportPreview({
      id: 'imp-2',
      format: 'xlsx',
      fileName: 'cau-hoi.xlsx',
      questions: [{ ...choice, line: undefined, row: 2 }],
      counts: { questions: 1, errors: 0, warnings: 0 },
    });
    const fetch = session([{ method: 'POST', path: '/api/question-imports/imp-2/commit', respond: { body: { created: 1, categoriesCreated: 0 } } }]);
    const xhr = mockXhr([{ path: '/api/question-banks/b-1/imports', respond: { status: 201, body: clean } }]);
    const { container } = renderApp('/question-banks/b-1/import?category=cat-1');
    const user = userEvent.setup({ applyAccept: false });
    await user.click(await screen.findByLabelText('Excel', { exact: false }));
    expect(fileInput(container)).toHaveAttribute('accept', '.xlsx');

    await user.upload(fileInput(container), new File(['x'], 'cau-hoi.txt', { type: 'text/plain' }));
    expect(await screen.findByText('Tệp Excel phải có đuôi .xlsx')).toBeInTheDocument();
    expect(xhr.calls).toHaveLength(0);

    await user.upload(fileInput(container), new File(['x'], 'cau-hoi.xlsx'));
    const commit = (await screen.findByText('Nhập 1 câu hỏi')).closest('button')!;
    expect(xhr.calls[0].fields).toEqual({ format: 'xlsx', categoryId: 'cat-1' });
    expect(screen.getByText('Hàng 2')).toBeInTheDocument();
    expect(commit).toBeEnabled();
    await user.click(commit);
    await waitFor(() => expect(fetch.callsTo('POST', '/api/question-imports/imp-2/commit')).toHaveLength(1));
    expect(await screen.findByText('Đã nhập 1 câu hỏi')).toBeInTheDocument();
    expect(screen.getByText('Về ngân hàng câu hỏi').closest('a')).toHaveAttribute('href', '/question-banks/b-1');
  }, 120_000);
});
