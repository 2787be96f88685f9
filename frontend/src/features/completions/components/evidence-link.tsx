import { FileSearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatBytes } from '../../../lib/files';
import { useFileTypeLabel } from '../../courses/components/attachment-list';
import { evidenceUrl } from '../api/keys';
import type { ExternalCompletion } from '../types';

/** Opens the evidence in a new tab (images and PDFs show in the browser; others download). */
export function EvidenceLink({ completion }: { completion: Pick<ExternalCompletion, 'id' | 'evidence' | 'title'> }) {
  const t = useT();
  const typeLabel = useFileTypeLabel();
  const ev = completion.evidence;
  if (!ev) return <span style={{ color: '#434343' }}>{t('completions.noEvidence')}</span>;
  return (
    <a
      href={evidenceUrl(completion.id)}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t('completions.openEvidence', { name: ev.fileName, title: completion.title })}
      style={{ overflowWrap: 'anywhere' }}
    >
      <FileSearchOutlined aria-hidden /> {ev.fileName}{' '}
      <span style={{ color: '#434343', fontSize: 12 }}>
        ({typeLabel(ev.mimeType)}, {formatBytes(ev.size)})
      </span>
    </a>
  );
}
