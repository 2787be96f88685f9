import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockFetch, type FetchCall } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { categories, makeBank, makeQuestion } from '../../../testing/question-data';
import { useFastComputedStyle } from '../../../testing/fast-computed-style';
import type { Question, QuestionInput } from '../types';

useFastComputedStyle();

/** Opens an antd Select by its label and clicks the option with that title in the popup that just opened. */
async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const popup = await waitFor(() => {
    const open = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown')].filter((d) => !d.className.includes('-hidden'));
    expect(open.length).toBeGreaterThan(0);
    return open[open.length - 1];
  });
  fireEvent.click(within(popup).getByTitle(option));
  await waitFor(() => expect(popup.className).toMatch(/-hidden/));
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
// *ByRole queries are slow on a form this size: buttons are found by their text or aria-label.
const click = (text: string) => fireEvent.click(screen.getByText(text, { selector: 'button > span' }));
const save = () => click('Lưu');

function session(extra: Parameters<typeof mockFetch>[0]) {
  return mockFetch([
    { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
    { method: 'GET', path: '/api/question-banks/b-1', respond: { body: makeBank() } },
    { method: 'GET', path: '/api/question-banks/b-1/categories', respond: { body: { items: categories } } },
    { method: 'GET', path: '/api/questions/q-new/versions', respond: { body: { items: [] } } },
    ...extra,
  ]);
}

const created = (call: FetchCall): Question => ({ ...makeQuestion(), ...(call.body as QuestionInput), id: 'q-new', version: 1 });

describe('question editor', () => {
  it('builds multiple-choice data with negative weights and refuses weights that do not add up to 100%', async () => {
    const fetch = session([
      { method: 'POST', path: '/api/question-banks/b-1/questions', respond: (call) => ({ status: 201, body: created(call) }) },
      { method: 'GET', path: '/api/questions/q-new', respond: { body: makeQuestion({ id: 'q-new', type: 'multiple_choice' }) } },
    ]);
    renderApp('/question-banks/b-1/questions/new?category=cat-2');
    expect(await screen.findByLabelText('Loại câu hỏi')).toBeInTheDocument();
    expect(screen.getByText('Thêm câu hỏi', { selector: 'h1' })).toBeInTheDocument();
    await choose('Loại câu hỏi', 'Nhiều lựa chọn');
    type('Tiêu đề câu hỏi', '  Dấu hiệu lừa đảo trực tuyến ');
    type('Nội dung câu hỏi (HTML)', '<p>Dấu hiệu nào cho thấy tin nhắn là lừa đảo?</p>');
    type('Nội dung – Phương án 1', 'Yêu cầu chuyển tiền gấp');
    type('Nội dung – Phương án 2', 'Đường link lạ');
    type('Nội dung – Phương án 3', 'Tin nhắn từ tổng đài 1022');
    type('Phản hồi – Phương án 3', 'Tổng đài 1022 là kênh chính thức của tỉnh');
    fireEvent.click(screen.getByLabelText('Xóa: Phương án 4'));
    await waitFor(() => expect(screen.queryByLabelText('Nội dung – Phương án 4')).not.toBeInTheDocument());

    // 100 % + 50 % is more than full credit: refused before anything is sent.
    await choose('Trọng số (%) – Phương án 2', '50%');
    save();
    expect(await screen.findByText('Tổng trọng số các phương án đúng phải bằng 100% (đang là 150%)')).toBeInTheDocument();
    expect(fetch.callsTo('POST', '/api/question-banks/b-1/questions')).toHaveLength(0);

    await choose('Trọng số (%) – Phương án 1', '50%');
    await choose('Trọng số (%) – Phương án 3', '−50%');
    expect(screen.getByText('Tổng trọng số dương: 100%')).toBeInTheDocument();
    save();
    await waitFor(() => expect(fetch.callsTo('POST', '/api/question-banks/b-1/questions')).toHaveLength(1));
    expect(fetch.callsTo('POST', '/api/question-banks/b-1/questions')[0].body).toEqual({
      categoryId: 'cat-2',
      type: 'multiple_choice',
      title: 'Dấu hiệu lừa đảo trực tuyến',
      text: '<p>Dấu hiệu nào cho thấy tin nhắn là lừa đảo?</p>',
      defaultMark: 1,
      tags: [],
      data: {
        answers: [
          { text: 'Yêu cầu chuyển tiền gấp', fraction: 0.5, feedback: '' },
          { text: 'Đường link lạ', fraction: 0.5, feedback: '' },
          { text: 'Tin nhắn từ tổng đài 1022', fraction: -0.5, feedback: 'Tổng đài 1022 là kênh chính thức của tỉnh' },
        ],
        pairs: [],
        numeric: [],
        generalFeedback: '',
        single: false,
        shuffleAnswers: true,
      },
    });
    // the new question opens in the editor
    // (a lazy route: give it time on a busy machine)
    expect(await screen.findByText('Sửa câu hỏi “Cổng dịch vụ công”', { selector: 'h1' }, { timeout: 30_000 })).toBeInTheDocument();
  }, 180_000);

  it('builds short-answer data with ignore-diacritics and puts a server error on the answer it names', async () => {
    let posts = 0;
    const fetch = session([
      {
        method: 'POST',
        path: '/api/question-banks/b-1/questions',
        respond: (call) =>
          ++posts === 1
            ? {
                status: 400,
                body: {
                  statusCode: 400,
                  code: 'VALIDATION_FAILED',
                  message: 'Dữ liệu không hợp lệ',
                  fields: { 'data.answers.1.text': 'Tối đa 1000 ký tự' },
                  requestId: 'r-1',
                },
              }
            : { status: 201, body: created(call) },
      },
      { method: 'GET', path: '/api/questions/q-new', respond: { body: makeQuestion({ id: 'q-new', type: 'short_answer' }) } },
    ]);
    renderApp('/question-banks/b-1/questions/new?category=cat-1');
    await screen.findByLabelText('Loại câu hỏi');
    await choose('Loại câu hỏi', 'Trả lời ngắn');
    type('Tiêu đề câu hỏi', 'Thủ đô');
    type('Nội dung câu hỏi (HTML)', '<p>Thủ đô của Việt Nam là gì?</p>');
    type('Nội dung – Đáp án chấp nhận 1', 'Hà Nội');
    click('Thêm đáp án chấp nhận');
    await screen.findByLabelText('Nội dung – Đáp án chấp nhận 2');
    type('Nội dung – Đáp án chấp nhận 2', 'Thành phố Hà Nội');
    await choose('Trọng số (%) – Đáp án chấp nhận 2', '50%');
    const ignoreDiacritics = screen.getByLabelText('Bỏ qua dấu tiếng Việt');
    expect(ignoreDiacritics).not.toBeChecked();
    fireEvent.click(ignoreDiacritics);
    expect(screen.getByLabelText('Không phân biệt hoa thường')).toBeChecked();
    save();

    await waitFor(() => expect(fetch.callsTo('POST', '/api/question-banks/b-1/questions')).toHaveLength(1));
    expect(fetch.callsTo('POST', '/api/question-banks/b-1/questions')[0].body).toMatchObject({
      type: 'short_answer',
      title: 'Thủ đô',
      data: {
        answers: [
          { text: 'Hà Nội', fraction: 1, feedback: '' },
          { text: 'Thành phố Hà Nội', fraction: 0.5, feedback: '' },
        ],
        pairs: [],
        numeric: [],
        generalFeedback: '',
        caseSensitive: false,
        ignoreDiacritics: true,
      },
    });
    // "data.answers.1.text" is shown under the text of accepted answer 2
    const fieldError = await screen.findByText('Tối đa 1000 ký tự');
    expect(fieldError.closest('.ant-form-item')).toContainElement(screen.getByLabelText('Nội dung – Đáp án chấp nhận 2'));
    expect(screen.getByText('Dữ liệu không hợp lệ').closest('[role=alert]')).toBeInTheDocument();

    type('Nội dung – Đáp án chấp nhận 2', 'TP Hà Nội');
    save();
    await waitFor(() => expect(fetch.callsTo('POST', '/api/question-banks/b-1/questions')).toHaveLength(2));
    expect((fetch.callsTo('POST', '/api/question-banks/b-1/questions')[1].body as QuestionInput).data.answers[1].text).toBe('TP Hà Nội');
  }, 180_000);

  it('shows the version, saves an edit as the next version and previews the question as a learner', async () => {
    const v3 = makeQuestion({ version: 3, usedInAttempts: 12 });
    const fetch = session([
      { method: 'GET', path: '/api/questions/q-1', respond: { body: v3 } },
      {
        method: 'GET',
        path: '/api/questions/q-1/versions',
        respond: {
          body: {
            items: [
              { version: 3, title: 'Cổng dịch vụ công', createdAt: '2026-01-03T02:00:00Z', createdBy: 'Nguyễn Thị Mỹ Hạnh' },
              { version: 2, title: 'Cổng DVC', createdAt: '2026-01-02T02:00:00Z', createdBy: 'Nguyễn Thị Mỹ Hạnh' },
              { version: 1, title: 'DVC', createdAt: '2026-01-01T02:00:00Z', createdBy: null },
            ],
          },
        },
      },
      {
        method: 'GET',
        path: '/api/questions/q-1/preview',
        respond: {
          body: {
            slot: 1,
            type: 'single_choice',
            text: '<p>Cổng Dịch vụ công quốc gia có địa chỉ nào?</p>',
            mark: 1,
            options: [
              { key: 'k1', text: 'dichvucong.com' },
              { key: 'k2', text: 'dichvucong.gov.vn' },
            ],
          },
        },
      },
      { method: 'PUT', path: '/api/questions/q-1', respond: (call) => ({ body: { ...v3, ...(call.body as QuestionInput), version: 4 } }) },
    ]);
    renderApp('/question-banks/b-1/questions/q-1');
    expect(await screen.findByText(/Mỗi lần lưu sẽ tạo phiên bản mới \(4\); phiên bản cũ được giữ nguyên/)).toBeInTheDocument();
    expect(screen.getByText('Câu hỏi này đã được dùng trong 12 lượt làm bài.')).toBeInTheDocument();
    const history = await screen.findByLabelText('Lịch sử phiên bản');
    expect(within(history).getAllByRole('listitem')).toHaveLength(3);
    expect(within(history).getByText('Cổng DVC')).toBeInTheDocument();

    // the editor's own button (the history has one per version)
    fireEvent.click(screen.getAllByText('Xem trước', { selector: 'button > span' })[0]);
    const dialog = (await screen.findByText('Xem trước như học viên')).closest<HTMLElement>('[role=dialog]')!;
    const options = await within(dialog).findAllByRole('radio');
    expect(options).toHaveLength(2);
    options.forEach((o) => expect(o).toBeDisabled());
    expect(within(dialog).getByText('dichvucong.gov.vn')).toBeInTheDocument();
    // the learner view never shows weights or feedback
    expect(within(dialog).queryByText(/Tên miền .com/)).not.toBeInTheDocument();
    fireEvent.click(within(dialog).getAllByLabelText('Đóng')[0]);
    // an older version from the history
    fireEvent.click(screen.getByLabelText('Xem trước phiên bản 2'));
    await waitFor(() => expect(fetch.callsTo('GET', '/api/questions/q-1/preview').some((c) => c.params.get('version') === '2')).toBe(true));
    expect(fetch.callsTo('GET', '/api/questions/q-1/preview')[0].params.get('version')).toBe('3');
    const older = (await screen.findByText(/phiên bản đã lưu \(v2\)/)).closest<HTMLElement>('[role=dialog]')!;
    fireEvent.click(within(older).getAllByLabelText('Đóng')[0]);

    type('Tiêu đề câu hỏi', 'Địa chỉ Cổng Dịch vụ công quốc gia');
    click('Lưu thành phiên bản 4');
    await waitFor(() => expect(fetch.callsTo('PUT', '/api/questions/q-1')).toHaveLength(1));
    expect(fetch.callsTo('PUT', '/api/questions/q-1')[0].body).toEqual({
      categoryId: 'cat-1',
      type: 'single_choice',
      title: 'Địa chỉ Cổng Dịch vụ công quốc gia',
      text: '<p>Cổng Dịch vụ công quốc gia có địa chỉ nào?</p>',
      defaultMark: 1,
      tags: ['dvc'],
      data: {
        answers: [
          { text: 'dichvucong.gov.vn', fraction: 1, feedback: '' },
          { text: 'dichvucong.com', fraction: 0, feedback: 'Tên miền .com không phải của cơ quan nhà nước' },
        ],
        pairs: [],
        numeric: [],
        generalFeedback: '',
        single: true,
        shuffleAnswers: true,
      },
    });
    expect(await screen.findByText('Đã lưu phiên bản 4')).toBeInTheDocument();
    expect(await screen.findByText('Lưu thành phiên bản 5', { selector: 'button > span' })).toBeInTheDocument();
  }, 180_000);
});
