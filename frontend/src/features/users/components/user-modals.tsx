import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { useLabels, useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { ROLES, type Role, type User } from '../../../types/api';
import { useCreateUser } from '../api/create-user';
import { useUpdateUser } from '../api/update-user';
import { useResetUserPassword } from '../api/reset-password';

const MIN_PASSWORD = 10;

type UserValues = {
  username: string;
  displayName: string;
  email?: string;
  password?: string;
  roles: Role[];
  scopeUnitId?: string | null;
  isActive?: boolean;
};

function applyServerErrors(form: ReturnType<typeof Form.useForm<UserValues>>[0], err: Error) {
  if (isApiError(err)) {
    form.setFields(Object.entries(err.fields).map(([name, msg]) => ({ name: name as keyof UserValues, errors: [msg] })));
  }
}

export type UserModalMode = { kind: 'create' } | { kind: 'edit'; user: User };

export function UserFormModal({
  mode,
  onClose,
  renderUnitSelect,
}: {
  mode: UserModalMode | null;
  onClose: () => void;
  renderUnitSelect: () => ReactNode;
}) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserValues>();
  const createMutation = useCreateUser();
  const updateMutation = useUpdateUser();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!mode) return;
    setError(null);
    form.resetFields();
    if (mode.kind === 'edit') {
      const u = mode.user;
      form.setFieldsValue({
        username: u.username,
        displayName: u.displayName,
        email: u.email ?? '',
        roles: u.roles,
        scopeUnitId: u.scopeUnitId,
        isActive: u.isActive,
      });
    } else {
      form.setFieldsValue({ roles: ['learner'], isActive: true });
    }
  }, [mode, form]);

  const onFinish = (v: UserValues) => {
    setError(null);
    const onError = (err: Error) => {
      setError(err.message);
      applyServerErrors(form, err);
    };
    if (mode?.kind === 'edit') {
      updateMutation.mutate(
        {
          id: mode.user.id,
          displayName: v.displayName.trim(),
          email: v.email?.trim() || null,
          roles: v.roles,
          scopeUnitId: v.scopeUnitId ?? null,
          isActive: !!v.isActive,
        },
        {
          onSuccess: () => {
            message.success(t('users.updated'));
            onClose();
          },
          onError,
        },
      );
    } else {
      createMutation.mutate(
        {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          email: v.email?.trim() || null,
          password: v.password ?? '',
          roles: v.roles,
          scopeUnitId: v.scopeUnitId ?? null,
        },
        {
          onSuccess: () => {
            message.success(t('users.created'));
            onClose();
          },
          onError,
        },
      );
    }
  };

  const required = { required: true, whitespace: true, message: t('users.required') };

  return (
    <Modal
      open={!!mode}
      title={mode?.kind === 'edit' ? t('users.editTitle', { name: mode.user.username }) : t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={createMutation.isPending || updateMutation.isPending}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="user" layout="vertical" onFinish={onFinish}>
        <Form.Item name="username" label={t('users.username')} rules={[required]}>
          <Input autoComplete="off" maxLength={64} disabled={mode?.kind === 'edit'} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required]}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('staff.emailInvalid') }]}>
          <Input type="email" autoComplete="off" maxLength={200} />
        </Form.Item>
        {mode?.kind !== 'edit' && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('users.initialPasswordHint')}
            rules={[required, { min: MIN_PASSWORD, message: t('auth.newPasswordTooShort') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: labels.role[r] }))} />
        </Form.Item>
        <Form.Item name="scopeUnitId" label={t('users.scope')} extra={t('users.scopeHint')}>
          {renderUnitSelect()}
        </Form.Item>
        {mode?.kind === 'edit' && (
          <Form.Item name="isActive" label={t('users.isActive')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const mutation = useResetUserPassword();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (user) {
      setError(null);
      form.resetFields();
    }
  }, [user, form]);

  const onFinish = (v: { newPassword: string }) => {
    if (!user) return;
    modal.confirm({
      title: t('users.resetTitle', { name: user.username }),
      content: t('users.resetConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () =>
        mutation
          .mutateAsync({ id: user.id, newPassword: v.newPassword })
          .then(() => {
            message.success(t('users.resetDone'));
            onClose();
          })
          .catch((err: Error) => setError(err.message)),
    });
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetTitle', { name: user.username }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="reset-password" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('users.initialPasswordHint')}
          rules={[
            { required: true, message: t('users.required') },
            { min: MIN_PASSWORD, message: t('auth.newPasswordTooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('users.required') },
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
      </Form>
    </Modal>
  );
}
