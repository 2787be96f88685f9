import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockFetch } from '../../../testing/fetch-mock';
import { renderApp } from '../../../testing/test-utils';
import { makeMe, makeStaff, units } from '../../../testing/data';

function formItemOf(label: string): HTMLElement {
  const input = screen.getByLabelText(label);
  const item = input.closest('.ant-form-item');
  if (!item) throw new Error(`no form item for ${label}`);
  return item as HTMLElement;
}

describe('person form', () => {
  it('shows the server field errors on the matching fields and sends only the changes', async () => {
    const staff = makeStaff();
    const fetch = mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['manager']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
      { method: 'GET', path: '/api/staff/s-1', respond: { body: staff } },
      {
        method: 'PATCH',
        path: '/api/staff/s-1',
        respond: {
          status: 400,
          body: {
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: 'Dữ liệu không hợp lệ',
            fields: { email: 'Email đã được dùng cho người khác', phone: 'Số điện thoại đã tồn tại' },
          },
        },
      },
    ]);
    renderApp('/staff/s-1/edit');
    const email = await screen.findByLabelText('Email');
    expect(email).toHaveValue('annv@dakbla.gov.vn');
    const user = userEvent.setup();
    fireEvent.change(email, { target: { value: 'an.nguyen@dakbla.gov.vn' } });
    await user.click(screen.getByRole('button', { name: /Lưu/ }));

    expect(await screen.findByText('Email đã được dùng cho người khác')).toBeInTheDocument();
    expect(formItemOf('Email')).toHaveTextContent('Email đã được dùng cho người khác');
    expect(formItemOf('Số điện thoại')).toHaveTextContent('Số điện thoại đã tồn tại');
    expect(formItemOf('Tên')).not.toHaveTextContent('Email đã được dùng');
    expect(screen.getByText('Dữ liệu không hợp lệ')).toBeInTheDocument();
    const [patch] = fetch.callsTo('PATCH', '/api/staff/s-1');
    expect(patch.body).toEqual({ email: 'an.nguyen@dakbla.gov.vn' });
  });

  it('fills the full name from the parts, allows an empty family name, and validates the phone', async () => {
    mockFetch([
      { method: 'GET', path: '/api/auth/me', respond: { body: makeMe(['admin']) } },
      { method: 'GET', path: '/api/org-units', respond: { body: units } },
    ]);
    renderApp('/staff/new');
    const user = userEvent.setup();
    fireEvent.change(await screen.findByLabelText('Chữ đệm'), { target: { value: 'A' } });
    fireEvent.change(screen.getByLabelText('Tên'), { target: { value: 'Hùng' } });
    expect(screen.getByLabelText('Họ và tên')).toHaveValue('A Hùng');

    fireEvent.change(screen.getByLabelText('Số điện thoại'), { target: { value: '0123456789' } });
    await user.click(screen.getByRole('button', { name: /Lưu/ }));
    await waitFor(() =>
      expect(formItemOf('Số điện thoại')).toHaveTextContent('Số di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09'),
    );
    expect(formItemOf('Đơn vị')).toHaveTextContent('Vui lòng chọn đơn vị');
    expect(formItemOf('Họ')).not.toHaveTextContent('Vui lòng');
  });
});
