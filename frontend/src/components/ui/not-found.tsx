import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFound({ text }: { text?: string }) {
  const t = useT();
  const navigate = useNavigate();
  useDocumentTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('notFound.title')}</h1>}
      subTitle={<span style={{ color: '#434343' }}>{text ?? t('notFound.text')}</span>}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('notFound.home')}
        </Button>
      }
    />
  );
}
