import { useState } from 'react';
import { Alert, App, Button, Flex, Popconfirm, Progress, Typography, Upload, type UploadProps } from 'antd';
import { DeleteOutlined, PictureOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { acceptOf, formatBytes, MB, precheckFile, uploadErrorText, type FileKind } from '../../../lib/files';
import type { Course } from '../types';
import { useUploadCover } from '../api/upload-cover';
import { useDeleteCover } from '../api/delete-cover';

export const COVER_KINDS: FileKind[] = ['png', 'jpeg', 'webp'];
export const COVER_MAX_BYTES = 2 * MB;

/**
 * A card's cover image. It is decorative (alt=""): the course title is the card's heading right
 * next to it, so a screen reader would only hear the title twice. A broken image is hidden.
 */
export function CoverImage({ src, height = 140 }: { src: string | null | undefined; height?: number }) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) return null;
  return (
    <img
      src={src}
      alt=""
      loading="lazy"
      onError={() => setFailed(true)}
      style={{ display: 'block', width: '100%', height, objectFit: 'cover', borderRadius: 6 }}
    />
  );
}

/** Course form: upload, preview, replace and remove the cover image (saved at once). */
export function CourseCoverField({ course, disabled }: { course: Course; disabled?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUploadCover();
  const remove = useDeleteCover();
  const [error, setError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  // The server's URL changes with the image, so a replaced cover is never shown from the cache.
  const src = course.coverUrl ?? null;
  const busy = upload.isPending || remove.isPending;

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const check = precheckFile(file, COVER_KINDS, COVER_MAX_BYTES);
    if (!check.ok) {
      setError(
        check.reason === 'size'
          ? t('files.tooLarge', { name: file.name, max: formatBytes(COVER_MAX_BYTES) })
          : check.reason === 'empty'
            ? t('files.empty', { name: file.name })
            : t('files.wrongType', { name: file.name, types: t('cover.types') }),
      );
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    setError(null);
    setPercent(0);
    upload.mutate(
      { courseId: course.id, file: options.file as File, onProgress: setPercent },
      {
        onSuccess: () => {
          setPercent(null);
          message.success(t('cover.uploaded'));
        },
        onError: (err) => {
          setPercent(null);
          setError(uploadErrorText(err));
        },
      },
    );
  };

  const onRemove = () => {
    setError(null);
    remove.mutate(course.id, {
      onSuccess: () => message.success(t('cover.removed')),
      onError: (err) => setError(err.message),
    });
  };

  return (
    <section aria-labelledby="course-cover-title">
      <Typography.Title level={2} id="course-cover-title" style={{ fontSize: 16, margin: '0 0 8px' }}>
        {t('cover.title')}
      </Typography.Title>
      <Flex gap={16} wrap align="flex-start">
        <div
          style={{
            width: 240,
            maxWidth: '100%',
            aspectRatio: '16 / 9',
            border: '1px dashed #8c8c8c',
            borderRadius: 6,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            overflow: 'hidden',
            background: '#fafafa',
          }}
        >
          {src ? (
            <img
              src={src}
              alt={t('cover.alt', { title: course.title })}
              style={{ width: '100%', height: '100%', objectFit: 'cover' }}
            />
          ) : (
            <span style={{ color: '#434343', textAlign: 'center', padding: 8 }}>
              <PictureOutlined aria-hidden style={{ fontSize: 28, display: 'block', marginBottom: 4 }} />
              {t('cover.none')}
            </span>
          )}
        </div>
        <Flex vertical gap={8} style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Flex gap={8} wrap>
            <Upload
              accept={acceptOf(COVER_KINDS)}
              multiple={false}
              showUploadList={false}
              beforeUpload={beforeUpload}
              customRequest={customRequest}
              disabled={disabled || busy}
            >
              <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending} disabled={disabled || busy}>
                {src ? t('cover.replace') : t('cover.upload')}
              </Button>
            </Upload>
            {src && (
              <Popconfirm
                title={t('cover.removeConfirm')}
                okText={t('cover.remove')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={onRemove}
                disabled={disabled || busy}
              >
                <Button danger icon={<DeleteOutlined aria-hidden />} loading={remove.isPending} disabled={disabled || busy}>
                  {t('cover.remove')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
          <div style={{ color: '#434343', fontSize: 13 }}>{t('cover.hint', { max: formatBytes(COVER_MAX_BYTES) })}</div>
          {percent !== null && <Progress percent={percent} size="small" aria-label={t('cover.uploading')} />}
          {error && <Alert type="error" showIcon role="alert" title={error} />}
        </Flex>
      </Flex>
    </section>
  );
}
