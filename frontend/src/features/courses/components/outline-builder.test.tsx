import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe } from '../../../testing/data';
import { makeCourse } from '../../../testing/course-data';
import type { Outline } from '../types';

const outline: Outline = {
  courseId: 'c-1',
  version: 1,
  sections: [
    {
      id: 'sec-1',
      title: 'Làm quen',
      items: [
        { id: 'i-1', type: 'lesson', title: 'Giới thiệu', required: true, isFinal: false, bodyHtml: '<p>A</p>', videoUrl: null, completionRule: 'confirm', videoShare: null },
        { id: 'i-2', type: 'lesson', title: 'Cổng dịch vụ công', required: true, isFinal: false, bodyHtml: '<p>B</p>', videoUrl: 'https://youtu.be/abc', completionRule: 'opened_to_end', videoShare: null },
      ],
    },
    {
      id: 'sec-2',
      title: 'Kiểm tra',
      items: [{ id: 'i-3', type: 'quiz', title: 'Bài kiểm tra cuối', required: true, isFinal: true, minScore: 70 }],
    },
  ],
};

describe('outline builder', () => {
  it('saves the reordered outline with PUT, new items without id', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
      { method: 'GET', path: '/api/courses/c-1', respond: { body: makeCourse({ status: 'draft' }) } },
      { method: 'GET', path: '/api/courses/c-1/outline', respond: { body: outline } },
      { method: 'PUT', path: '/api/courses/c-1/outline', respond: (call) => ({ body: { ...outline, sections: (call.body as Outline).sections } }) },
    ]);
    renderApp('/courses/c-1/outline');
    expect(await screen.findByText('Soạn nội dung “Kỹ năng số cơ bản”', { selector: 'h1' })).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Chuyển “Cổng dịch vụ công” lên'));
    // Past the end of its section an item moves to the next section.
    fireEvent.click(screen.getByLabelText('Chuyển “Giới thiệu” xuống'));
    fireEvent.click(screen.getByLabelText('Chuyển “Kiểm tra” lên'));
    fireEvent.click(screen.getByLabelText('Thêm bài (Làm quen)'));
    fireEvent.change(screen.getByLabelText('Tên bài'), { target: { value: 'Điểm danh buổi 1' } });
    fireEvent.mouseDown(screen.getByLabelText('Loại nội dung'));
    fireEvent.click(await screen.findByTitle('Điểm danh'));
    fireEvent.change(screen.getByLabelText('Tỷ lệ tham dự tối thiểu (%)'), { target: { value: '80' } });
    expect(screen.getByText('Có thay đổi chưa lưu')).toBeInTheDocument();

    fireEvent.click(screen.getByText('Lưu nội dung'));
    await waitFor(() => expect(fetch.callsTo('PUT', '/api/courses/c-1/outline')).toHaveLength(1));
    expect(fetch.callsTo('PUT', '/api/courses/c-1/outline')[0].body).toEqual({
      sections: [
        {
          id: 'sec-2',
          title: 'Kiểm tra',
          items: [
            { id: 'i-1', type: 'lesson', title: 'Giới thiệu', required: true, isFinal: false, bodyHtml: '<p>A</p>', videoUrl: null, completionRule: 'confirm', videoShare: null },
            { id: 'i-3', type: 'quiz', title: 'Bài kiểm tra cuối', required: true, isFinal: true, minScore: 70 },
          ],
        },
        {
          id: 'sec-1',
          title: 'Làm quen',
          items: [
            { id: 'i-2', type: 'lesson', title: 'Cổng dịch vụ công', required: true, isFinal: false, bodyHtml: '<p>B</p>', videoUrl: 'https://youtu.be/abc', completionRule: 'opened_to_end', videoShare: null },
            { type: 'attendance', title: 'Điểm danh buổi 1', required: true, isFinal: false, minShare: 80 },
          ],
        },
      ],
    });
    expect(await screen.findByText('Đã lưu nội dung khóa học')).toBeInTheDocument();
    expect(screen.queryByText('Có thay đổi chưa lưu')).not.toBeInTheDocument();
  });

  it('shows the 409 message when an item with progress is removed', async () => {
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/courses/c-1', respond: { body: makeCourse() } },
      { method: 'GET', path: '/api/courses/c-1/outline', respond: { body: outline } },
      {
        method: 'PUT',
        path: '/api/courses/c-1/outline',
        respond: { status: 409, body: { statusCode: 409, code: 'ITEM_HAS_PROGRESS', message: 'Không thể xóa bài đã có người học' } },
      },
    ]);
    renderApp('/courses/c-1/outline');
    expect(await screen.findByText('Khóa học đã xuất bản: lưu nội dung sẽ tạo phiên bản mới.')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Xóa bài “Giới thiệu”'));
    fireEvent.click(await screen.findByText('Xác nhận', { selector: 'button > span' }));
    fireEvent.click(screen.getByText('Lưu nội dung'));
    expect(await screen.findByText('Không thể xóa bài đã có người học')).toBeInTheDocument();
  });
});
