import { Navigate, useLocation, useNavigate } from 'react-router';
import { Card, Flex, Select, Typography } from 'antd';
import { useLang, useT, type Lang } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../features/auth/api/get-me';
import { LoginForm } from '../../features/auth/components/login-form';
import { FullPageSpin } from '../guards';

export default function LoginRoute() {
  const t = useT();
  const { lang, setLang } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  useDocumentTitle(t('auth.loginTitle'));
  const from = (location.state as { from?: string } | null)?.from;

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={me.data.mustChangePassword ? '/change-password' : (from ?? '/')} replace />;

  return (
    <main id="main-content" className="login-page">
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Flex justify="flex-end">
          <Select<Lang>
            aria-label={t('app.language')}
            value={lang}
            onChange={setLang}
            size="small"
            style={{ width: 120 }}
            options={[
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Flex>
        <Typography.Title level={1} style={{ fontSize: 26, marginTop: 8 }}>
          {t('auth.loginTitle')}
        </Typography.Title>
        <Typography.Paragraph>{t('auth.loginIntro')}</Typography.Paragraph>
        <LoginForm
          onSuccess={(user) =>
            navigate(user.mustChangePassword ? '/change-password' : from && from !== '/login' ? from : '/', { replace: true })
          }
        />
      </Card>
    </main>
  );
}
