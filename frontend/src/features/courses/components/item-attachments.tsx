import { useState } from 'react';
import { Alert, App, Button, Progress, Typography, Upload, type UploadProps } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { acceptOf, formatBytes, MB, precheckFile, uploadErrorText, type FileKind } from '../../../lib/files';
import type { Attachment } from '../types';
import { useUploadAttachment } from '../api/upload-attachment';
import { useDeleteAttachment } from '../api/delete-attachment';
import { AttachmentList } from './attachment-list';

export const ATTACHMENT_KINDS: FileKind[] = ['pdf', 'docx', 'pptx', 'xlsx', 'png', 'jpeg'];
export const ATTACHMENT_MAX_BYTES = 10 * MB;
export const ATTACHMENTS_PER_ITEM = 10;

/**
 * Attachments of a saved lesson item in the outline builder: upload (checked again by the server),
 * download, delete after confirmation. Changes are saved at once, independently of "Lưu nội dung".
 */
export function ItemAttachments({
  courseId,
  itemId,
  itemTitle,
  attachments,
  onAdded,
  onRemoved,
  disabled,
}: {
  courseId: string;
  itemId: string;
  itemTitle: string;
  attachments: Attachment[];
  onAdded: (attachment: Attachment) => void;
  onRemoved: (attachmentId: string) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const { modal, message } = App.useApp();
  const upload = useUploadAttachment();
  const remove = useDeleteAttachment();
  const [error, setError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const full = attachments.length >= ATTACHMENTS_PER_ITEM;
  const headingId = `attachments-${itemId}`;

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const check = precheckFile(file, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES);
    if (!check.ok) {
      setError(
        check.reason === 'size'
          ? t('files.tooLarge', { name: file.name, max: formatBytes(ATTACHMENT_MAX_BYTES) })
          : check.reason === 'empty'
            ? t('files.empty', { name: file.name })
            : t('files.wrongType', { name: file.name, types: t('attachments.types') }),
      );
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    setError(null);
    setPercent(0);
    upload.mutate(
      { courseId, itemId, file, onProgress: setPercent },
      {
        onSuccess: (attachment) => {
          setPercent(null);
          onAdded(attachment);
          message.success(t('attachments.uploaded', { name: attachment.fileName }));
        },
        onError: (err) => {
          setPercent(null);
          setError(uploadErrorText(err));
        },
      },
    );
  };

  const onDelete = (a: Attachment) =>
    modal.confirm({
      title: t('attachments.deleteTitle'),
      content: t('attachments.deleteConfirm', { name: a.fileName }),
      okText: t('attachments.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync({ courseId, itemId, attachmentId: a.id }).then(
          () => {
            onRemoved(a.id);
            message.success(t('attachments.deleted', { name: a.fileName }));
          },
          (err: Error) => {
            setError(err.message);
          },
        ),
    });

  return (
    <section aria-labelledby={headingId} style={{ marginTop: 8 }}>
      <Typography.Title level={3} id={headingId} style={{ fontSize: 14, margin: '0 0 8px' }}>
        <PaperClipOutlined aria-hidden /> {t('attachments.title')} ({attachments.length}/{ATTACHMENTS_PER_ITEM})
      </Typography.Title>
      {attachments.length === 0 && <div style={{ color: '#434343', marginBottom: 8 }}>{t('attachments.empty')}</div>}
      <AttachmentList
        courseId={courseId}
        itemId={itemId}
        attachments={attachments}
        renderActions={(a) => (
          <Button
            size="small"
            danger
            icon={<DeleteOutlined aria-hidden />}
            aria-label={t('attachments.deleteNamed', { name: a.fileName })}
            disabled={disabled}
            onClick={() => onDelete(a)}
          />
        )}
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ margin: '8px 0' }} />}
      {percent !== null && <Progress percent={percent} size="small" aria-label={t('attachments.uploading')} />}
      <div style={{ marginTop: 8 }}>
        <Upload
          accept={acceptOf(ATTACHMENT_KINDS)}
          multiple={false}
          showUploadList={false}
          beforeUpload={beforeUpload}
          customRequest={customRequest}
          disabled={disabled || full || upload.isPending}
        >
          <Button
            icon={<PaperClipOutlined aria-hidden />}
            loading={upload.isPending}
            disabled={disabled || full || upload.isPending}
            aria-label={t('attachments.addTo', { title: itemTitle })}
          >
            {t('attachments.add')}
          </Button>
        </Upload>
        <div style={{ color: '#434343', fontSize: 13, marginTop: 4 }}>
          {full ? t('attachments.full', { n: ATTACHMENTS_PER_ITEM }) : t('attachments.hint', { max: formatBytes(ATTACHMENT_MAX_BYTES), n: ATTACHMENTS_PER_ITEM })}
        </div>
      </div>
    </section>
  );
}
