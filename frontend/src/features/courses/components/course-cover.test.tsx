import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { mockXhr } from '../../../testing/xhr-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, units } from '../../../testing/data';
import { makeCourse } from '../../../testing/course-data';

describe('course form: cover image and trainers', () => {
  it('shows the server’s reason for a refused cover, checks the size first, previews an accepted cover; picks trainers by server search', async () => {
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['trainer']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      { method: 'GET', path: '/api/courses/c-1', respond: { body: makeCourse({ status: 'draft' }) } },
      {
        method: 'GET',
        path: '/api/courses/trainer-options',
        respond: (call) => ({
          body: {
            items: call.params.get('q')
              ? [{ id: 'u-7', username: 'gv.hoa', displayName: 'Lê Thị Hoa', unitName: 'Phòng Văn hóa - Xã hội' }]
              : [],
          },
        }),
      },
      {
        method: 'PATCH',
        path: '/api/courses/c-1',
        respond: (call) => ({ body: makeCourse({ status: 'draft', ...(call.body as object) }) }),
      },
    ]);
    const xhr = mockXhr([
      {
        method: 'PUT',
        path: '/api/courses/c-1/cover',
        respond: () =>
          xhr.calls.length === 1
            ? {
                status: 415,
                body: {
                  statusCode: 415,
                  code: 'FILE_TYPE_NOT_ALLOWED',
                  message: 'Loại tệp không được phép',
                  fields: { file: 'Nội dung tệp là PDF, không khớp với đuôi .png' },
                },
              }
            : { body: makeCourse({ status: 'draft', coverUrl: '/api/courses/c-1/cover?v=abcd1234' }) },
      },
    ]);
    const { container } = renderApp('/courses/c-1/edit');
    const user = userEvent.setup();
    expect(await screen.findByText('Chưa có ảnh bìa', {}, { timeout: 30_000 })).toBeInTheDocument();
    const input = () => container.querySelector('input[type=file]') as HTMLInputElement;
    expect(input()).toHaveAttribute('accept', expect.stringContaining('.webp'));

    // the content decides on the server, whatever the name says
    await user.upload(input(), new File(['%PDF-1.4'], 'anh-bia.png', { type: 'image/png' }));
    expect(await screen.findByText('Loại tệp không được phép: Nội dung tệp là PDF, không khớp với đuôi .png')).toBeInTheDocument();
    expect(xhr.calls[0].method).toBe('PUT');
    expect(xhr.calls[0].files.file.name).toBe('anh-bia.png');

    // a file above the 2 MB limit is refused before it is sent
    await user.upload(input(), new File([new Uint8Array(3 * 1024 * 1024)], 'anh-lon.jpg', { type: 'image/jpeg' }));
    expect(await screen.findByText('Tệp “anh-lon.jpg” lớn hơn 2 MB, không thể tải lên.')).toBeInTheDocument();
    expect(xhr.calls).toHaveLength(1);

    await user.upload(input(), new File(['png'], 'anh-bia-dung.png', { type: 'image/png' }));
    const img = await screen.findByAltText('Ảnh bìa của khóa học “Kỹ năng số cơ bản”');
    expect(img).toHaveAttribute('src', '/api/courses/c-1/cover?v=abcd1234');
    await waitFor(() => expect(screen.queryByText(/Loại tệp không được phép/)).not.toBeInTheDocument());
    expect(screen.getByText('Thay ảnh bìa', { selector: 'button > span' })).toBeInTheDocument();

    // trainers: searched on the server (diacritic-insensitive there), sent as ids
    fireEvent.change(screen.getByLabelText('Giảng viên'), { target: { value: 'hoa' } });
    await waitFor(() => expect(fetch.calls.some((c) => c.path === '/api/courses/trainer-options' && c.params.get('q') === 'hoa')).toBe(true));
    fireEvent.click(await screen.findByText('Lê Thị Hoa (gv.hoa) · Phòng Văn hóa - Xã hội'));
    fireEvent.click(screen.getByText('Lưu', { selector: 'button > span' }));
    await waitFor(() => expect(fetch.callsTo('PATCH', '/api/courses/c-1')).toHaveLength(1));
    expect(fetch.callsTo('PATCH', '/api/courses/c-1')[0].body).toEqual({ trainerIds: ['u-7'] });
  }, 150_000);
});
