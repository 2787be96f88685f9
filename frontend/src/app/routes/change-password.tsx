import { useNavigate } from 'react-router';
import { Alert, App, Card } from 'antd';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form';
import { useCurrentUser } from '../guards';

export default function ChangePasswordRoute() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <>
      <PageHeader title={t('auth.changePasswordTitle')} />
      {me.mustChangePassword && <Alert type="warning" showIcon title={t('auth.mustChange')} style={{ marginBottom: 16 }} />}
      <Card>
        <ChangePasswordForm
          onSuccess={() => {
            message.success(t('auth.passwordChanged'));
            navigate('/', { replace: true });
          }}
        />
      </Card>
    </>
  );
}
