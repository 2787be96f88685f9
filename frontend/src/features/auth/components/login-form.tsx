import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import type { Me } from '../../../types/api';
import { useLogin, type LoginInput } from '../api/login';

type Props = { onSuccess: (user: Me) => void };

export function LoginForm({ onSuccess }: Props) {
  const t = useT();
  const [form] = Form.useForm<LoginInput>();
  const loginMutation = useLogin();
  const [waitSeconds, setWaitSeconds] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = setTimeout(() => setWaitSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitSeconds]);

  const onFinish = (values: LoginInput) => {
    setError(null);
    loginMutation.mutate(values, {
      onSuccess: (res) => onSuccess(res.user),
      onError: (err) => {
        if (isApiError(err) && err.status === 429) {
          const wait = err.retryAfter ?? 0;
          setWaitSeconds(wait);
          setError(wait > 0 ? t('auth.tooManyAttempts', { n: wait }) : err.message || t('auth.tooManyAttemptsNoWait'));
        } else {
          setError(err.message || t('auth.loginFailed'));
        }
        form.setFieldValue('password', '');
      },
    });
  };

  const locked = waitSeconds > 0;
  const errorText = locked ? t('auth.tooManyAttempts', { n: waitSeconds }) : error;

  return (
    <Form form={form} name="login" layout="vertical" requiredMark={false} onFinish={onFinish} autoComplete="on">
      {errorText && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('auth.loginFailed')}
          description={errorText}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        name="login"
        label={t('auth.loginField')}
        rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}
      >
        <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" size="large" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={loginMutation.isPending} disabled={locked}>
        {t('auth.login')}
      </Button>
    </Form>
  );
}
