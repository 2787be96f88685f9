import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { MIN_PASSWORD_LENGTH, useChangePassword } from '../api/change-password';

type Values = { oldPassword: string; newPassword: string; confirmPassword: string };

export function ChangePasswordForm({ onSuccess }: { onSuccess: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const mutation = useChangePassword();
  const [error, setError] = useState<string | null>(null);

  const onFinish = (values: Values) => {
    setError(null);
    mutation.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onSuccess();
        },
        onError: (err) => {
          setError(err.message);
          if (isApiError(err) && Object.keys(err.fields).length > 0) {
            form.setFields(
              Object.entries(err.fields)
                .filter(([name]) => name === 'oldPassword' || name === 'newPassword')
                .map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })),
            );
          }
        },
      },
    );
  };

  return (
    <Form form={form} name="change-password" layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="oldPassword" label={t('auth.oldPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        extra={t('auth.newPasswordHint')}
        rules={[
          { required: true, message: t('auth.passwordRequired') },
          { min: MIN_PASSWORD_LENGTH, message: t('auth.newPasswordTooShort') },
          ({ getFieldValue }) => ({
            validator: (_, value: string) =>
              value && value === getFieldValue('oldPassword')
                ? Promise.reject(new Error(t('auth.newSameAsOld')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.passwordRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: string) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        {t('auth.changePasswordSubmit')}
      </Button>
    </Form>
  );
}
