import { useState } from 'react';
import { Alert, App, Button, Flex, Modal, Progress, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { ToneTag } from './labels';
import { InboxOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import type { AttendanceClass, RosterImportResult, RosterImportRow } from '../types';
import { useImportRoster } from '../api/import-roster';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Import a roster from XLSX / CSV: preview every row with its errors, then commit (all or nothing). */
export function RosterImportModal({ open, klass, onClose }: { open: boolean; klass: AttendanceClass; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const mutation = useImportRoster(klass.id);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RosterImportResult | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const close = () => {
    setFile(null);
    setPreview(null);
    setPercent(null);
    setFileError(null);
    mutation.reset();
    onClose();
  };

  const check = (f: File) => {
    setFileError(null);
    setPreview(null);
    const name = f.name.toLowerCase();
    if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
      setFileError(t('att.import.badType'));
      return;
    }
    if (f.size > MAX_FILE_BYTES) {
      setFileError(t('att.import.tooBig'));
      return;
    }
    setFile(f);
    mutation.mutate({ file: f, dryRun: true, onProgress: setPercent }, { onSuccess: setPreview, onSettled: () => setPercent(null) });
  };

  const commit = () => {
    if (!file) return;
    mutation.mutate(
      { file, dryRun: false },
      {
        onSuccess: (res) => {
          if (res.committed) {
            message.success(t('att.import.committed', { n: formatNumber(res.added) }));
            close();
          } else setPreview(res);
        },
      },
    );
  };

  const columns: TableColumnsType<RosterImportRow> = [
    { title: t('att.import.row'), dataIndex: 'row', key: 'row', width: 70 },
    { title: t('att.roster.fullName'), dataIndex: 'fullName', key: 'name' },
    { title: t('att.roster.kind'), dataIndex: 'kind', key: 'kind', width: 110, render: (k: RosterImportRow['kind']) => (k ? t(`att.kind.${k}`) : '—') },
    {
      title: t('att.import.result'),
      dataIndex: 'status',
      key: 'status',
      width: 150,
      render: (s: RosterImportRow['status']) => <ToneTag tone={s === 'add' ? 'green' : s === 'already' ? 'grey' : 'red'}>{t(`att.import.status.${s}`)}</ToneTag>,
    },
    {
      title: t('att.import.errors'),
      key: 'errors',
      render: (_, r) =>
        r.errors.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 16, color: '#a8071a' }}>
            {r.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        ) : null,
    },
  ];

  return (
    <Modal
      open={open}
      title={t('att.import.title')}
      onCancel={close}
      width={860}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={close}>{t('common.close')}</Button>
          {preview && (
            <Button type="primary" onClick={commit} disabled={preview.errorCount > 0 || preview.added === 0} loading={mutation.isPending}>
              {t('att.import.commit', { n: formatNumber(preview.added) })}
            </Button>
          )}
        </Flex>
      }
    >
      <Typography.Paragraph>{t('att.import.intro')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        beforeUpload={(f) => {
          check(f as File);
          return Upload.LIST_IGNORE;
        }}
        disabled={mutation.isPending}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{file ? file.name : t('att.import.choose')}</p>
        <p style={{ color: '#434343' }}>{t('att.import.hint')}</p>
      </Upload.Dragger>
      {percent != null && <Progress percent={percent} size="small" aria-label={t('att.import.uploading')} />}
      {fileError && <Alert type="error" showIcon role="alert" title={fileError} style={{ marginTop: 12 }} />}
      {mutation.error && <Alert type="error" showIcon role="alert" title={mutation.error.message} style={{ marginTop: 12 }} />}
      {preview && (
        <div style={{ marginTop: 12 }}>
          <Alert
            type={preview.errorCount > 0 ? 'error' : 'info'}
            showIcon
            role="status"
            title={t('att.import.summary', {
              add: formatNumber(preview.added),
              already: formatNumber(preview.already),
              errors: formatNumber(preview.errorCount),
            })}
            description={preview.errorCount > 0 ? t('att.import.fixErrors') : undefined}
            style={{ marginBottom: 12 }}
          />
          <Table<RosterImportRow>
            rowKey="row"
            size="small"
            columns={columns}
            dataSource={preview.rows}
            pagination={preview.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 700 }}
          />
        </div>
      )}
    </Modal>
  );
}
