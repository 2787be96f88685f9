import type { ReactNode } from 'react';
import { FileExcelOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined, FilePptOutlined, FileWordOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { buildUrl } from '../../../lib/api-client';
import { fileKindOf, formatBytes, type FileKind } from '../../../lib/files';
import type { Attachment } from '../types';

const ICONS: Record<FileKind, ReactNode> = {
  pdf: <FilePdfOutlined aria-hidden />,
  docx: <FileWordOutlined aria-hidden />,
  pptx: <FilePptOutlined aria-hidden />,
  xlsx: <FileExcelOutlined aria-hidden />,
  png: <FileImageOutlined aria-hidden />,
  jpeg: <FileImageOutlined aria-hidden />,
  webp: <FileImageOutlined aria-hidden />,
};

export const attachmentUrl = (courseId: string, itemId: string, attachmentId: string) =>
  buildUrl(
    `/courses/${encodeURIComponent(courseId)}/items/${encodeURIComponent(itemId)}/attachments/${encodeURIComponent(attachmentId)}`,
  );

/** "PDF", "Word (DOCX)", "Ảnh PNG"… of a stored file. */
export function useFileTypeLabel() {
  const t = useT();
  return (mimeType: string) => {
    const kind = fileKindOf(mimeType);
    return kind ? t(`files.kind.${kind}`) : mimeType;
  };
}

/**
 * The files attached to a lesson, as download links with name, type and size
 * (the learner's player, the builder's preview and the builder's editor).
 */
export function AttachmentList({
  courseId,
  itemId,
  attachments,
  renderActions,
}: {
  courseId: string;
  itemId: string;
  attachments: Attachment[];
  renderActions?: (attachment: Attachment) => ReactNode;
}) {
  const t = useT();
  const typeLabel = useFileTypeLabel();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachment-list" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {attachments.map((a) => {
        const kind = fileKindOf(a.mimeType);
        const details = `${typeLabel(a.mimeType)}, ${formatBytes(a.size)}`;
        return (
          <li
            key={a.id}
            style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
          >
            <span style={{ flex: '1 1 200px', minWidth: 0, overflowWrap: 'anywhere' }}>
              {kind ? ICONS[kind] : <FileOutlined aria-hidden />}{' '}
              <a href={attachmentUrl(courseId, itemId, a.id)} download={a.fileName} aria-label={t('files.downloadNamed', { name: a.fileName, details })}>
                {a.fileName}
              </a>{' '}
              <span style={{ color: '#434343', fontSize: 13 }}>({details})</span>
            </span>
            {renderActions?.(a)}
          </li>
        );
      })}
    </ul>
  );
}
