import { Alert, Button, Progress } from 'antd';
import { useT } from '../../lib/i18n';
import { formatNumber } from '../../lib/format';
import { formatBytes } from '../../lib/files';
import type { DownloadState } from '../../lib/use-download';

const hidden: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * The progress of a download (rows announced by the server, megabytes received, an estimated bar), then
 * the saved file's name, or the error. Screen readers hear the start and the end only (a polite live
 * region), not every chunk.
 */
export function DownloadStatus({ state, onCancel, onDismiss }: { state: DownloadState; onCancel?: () => void; onDismiss?: () => void }) {
  const t = useT();
  const announce =
    state.status === 'running'
      ? t('download.started', { label: state.label })
      : state.status === 'done'
        ? t('download.done', { file: state.result.fileName })
        : state.status === 'error'
          ? t('download.failed', { label: state.label })
          : '';
  return (
    <div style={{ marginTop: 8 }}>
      <div role="status" aria-live="polite" style={hidden}>
        {announce}
      </div>
      {state.status === 'running' && (
        <div style={{ maxWidth: 520 }}>
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
            <span style={{ color: '#434343' }}>
              {state.progress?.rows != null
                ? t('download.progressRows', {
                    label: state.label,
                    rows: formatNumber(state.progress.rows),
                    size: formatBytes(state.progress.bytes) || '0 B',
                  })
                : t('download.progressBytes', { label: state.label, size: formatBytes(state.progress?.bytes ?? 0) || '0 B' })}
            </span>
            {onCancel && (
              <Button size="small" onClick={onCancel}>
                {t('download.cancel')}
              </Button>
            )}
          </div>
          <Progress
            aria-label={t('download.bar', { label: state.label })}
            percent={state.progress?.percent ?? 0}
            status="active"
            size="small"
          />
        </div>
      )}
      {state.status === 'done' && (
        <Alert
          type="success"
          showIcon
          title={t('download.savedAs', {
            file: state.result.fileName,
            size: formatBytes(state.result.bytes) || '0 B',
          })}
          description={state.result.rows != null ? t('download.savedRows', { rows: formatNumber(state.result.rows) }) : undefined}
          closable={onDismiss ? { onClose: onDismiss, 'aria-label': t('common.close') } : undefined}
        />
      )}
      {state.status === 'error' && (
        <Alert
          type="error"
          showIcon
          title={t('download.failed', { label: state.label })}
          description={state.error.message}
          closable={onDismiss ? { onClose: onDismiss, 'aria-label': t('common.close') } : undefined}
        />
      )}
    </div>
  );
}
