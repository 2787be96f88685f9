import { Alert, Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';

/** Error state with a retry button (lists must never render nothing on error). */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.errorTitle')}
      description={message}
      action={
        onRetry ? (
          <Button icon={<ReloadOutlined aria-hidden />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
