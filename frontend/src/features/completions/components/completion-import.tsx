import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Progress, Radio, Result, Row, Space, Statistic, Table, Tag, Typography, Upload, type TableColumnsType, type UploadProps } from 'antd';
import { CloseCircleOutlined, DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useT, type MessageKey } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { acceptOf, formatBytes, MB, precheckFile, uploadErrorText } from '../../../lib/files';
import { TAG } from '../../courses/components/tag-colors';
import type { CompletionImportPreview, CompletionImportRow, ImportRowStatus } from '../types';
import { COMPLETION_TEMPLATE_URL } from '../api/keys';
import { useUploadCompletionImport } from '../api/upload-completion-import';
import { useCommitCompletionImport } from '../api/commit-completion-import';
import { useCancelCompletionImport } from '../api/cancel-completion-import';

const MAX_BYTES = 5 * MB;
type RowFilter = 'all' | 'error' | 'duplicate';

/** Spreadsheet columns of the template, by the field names the server reports errors on. */
const FIELD_LABELS: Record<string, MessageKey> = {
  staff: 'cimport.col.person',
  staffId: 'cimport.col.person',
  staffCode: 'cimport.col.person',
  person: 'cimport.col.person',
  fullName: 'cimport.col.person',
  birthYear: 'cimport.col.birthYear',
  unit: 'cimport.col.unit',
  unitName: 'cimport.col.unit',
  source: 'cimport.col.source',
  title: 'cimport.col.title',
  provider: 'cimport.col.provider',
  completedOn: 'cimport.col.completedOn',
  hours: 'cimport.col.hours',
  certificateNo: 'cimport.col.certificateNo',
};

const STATUS_COLOR: Record<ImportRowStatus, string> = { ok: TAG.green, error: TAG.red, duplicate: TAG.gold };

export function CompletionImportRows({ rows }: { rows: CompletionImportRow[] }) {
  const t = useT();
  const fieldLabel = (field: string) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field);
  const columns: TableColumnsType<CompletionImportRow> = [
    { title: t('import.row'), dataIndex: 'row', key: 'row', width: 72, render: (n: number) => formatNumber(n) },
    {
      title: t('cimport.col.person'),
      key: 'fullName',
      width: 200,
      render: (_v, r) => (
        <>
          <div>{r.fullName}</div>
          {r.data?.unitName && <div style={{ fontSize: 12, color: '#434343' }}>{r.data.unitName}</div>}
        </>
      ),
    },
    {
      title: t('cimport.rowStatus'),
      dataIndex: 'status',
      key: 'status',
      width: 150,
      render: (s: ImportRowStatus) => <Tag color={STATUS_COLOR[s]}>{t(`cimport.status.${s}`)}</Tag>,
    },
    {
      title: t('import.issues'),
      key: 'errors',
      width: 320,
      render: (_v, r) =>
        r.errors.length > 0 && (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {r.errors.map((e, i) => (
              <li key={i} style={{ color: '#a8071a', fontSize: 13 }}>
                <CloseCircleOutlined aria-hidden /> {t('cimport.errorAt', { row: r.row, field: fieldLabel(e.field) })}: {e.message}
              </li>
            ))}
          </ul>
        ),
    },
    {
      title: t('cimport.col.title'),
      key: 'title',
      width: 240,
      render: (_v, r) => (
        <>
          <div style={{ overflowWrap: 'anywhere' }}>{r.data?.title ?? ''}</div>
          {r.data?.provider && <div style={{ fontSize: 12, color: '#434343' }}>{r.data.provider}</div>}
        </>
      ),
    },
    {
      title: t('cimport.col.source'),
      key: 'source',
      width: 160,
      render: (_v, r) => (r.data?.source ? t(`completions.source.${r.data.source}`) : ''),
    },
    { title: t('cimport.col.completedOn'), key: 'completedOn', width: 120, render: (_v, r) => formatDate(r.data?.completedOn) },
    { title: t('cimport.col.hours'), key: 'hours', width: 80, align: 'right', render: (_v, r) => formatNumber(r.data?.hours) },
  ];
  return (
    <Table<CompletionImportRow>
      rowKey="row"
      columns={columns}
      dataSource={rows}
      size="small"
      scroll={{ x: 1350 }}
      rowClassName={(r) => (r.status === 'error' ? 'import-row-error' : '')}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { n: formatNumber(n) }) } : false}
    />
  );
}

/**
 * Bulk import of external completions from the template XLSX: upload → preview with per-row
 * status and errors → commit (refused while a row has an error) or cancel.
 */
export function CompletionImport() {
  const t = useT();
  const { modal, message } = App.useApp();
  const upload = useUploadCompletionImport();
  const commit = useCommitCompletionImport();
  const cancel = useCancelCompletionImport();
  const [preview, setPreview] = useState<(CompletionImportPreview & { fileName: string }) | null>(null);
  const [created, setCreated] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [filter, setFilter] = useState<RowFilter>('all');

  const counts = useMemo(() => {
    const rows = preview?.rows ?? [];
    return {
      total: rows.length,
      ok: rows.filter((r) => r.status === 'ok').length,
      error: rows.filter((r) => r.status === 'error').length,
      duplicate: preview?.duplicateCount ?? rows.filter((r) => r.status === 'duplicate').length,
    };
  }, [preview]);
  const errorCount = preview ? Math.max(preview.errorCount, counts.error) : 0;
  const commitBlocked = errorCount > 0 || (preview?.okCount ?? 0) === 0;

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const check = precheckFile(file, ['xlsx'], MAX_BYTES);
    if (!check.ok) {
      setUploadError(
        check.reason === 'size'
          ? t('files.tooLarge', { name: file.name, max: formatBytes(MAX_BYTES) })
          : check.reason === 'empty'
            ? t('files.empty', { name: file.name })
            : t('files.wrongType', { name: file.name, types: 'XLSX' }),
      );
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    const previous = preview?.id ?? null;
    setUploadError(null);
    setPercent(0);
    upload.mutate(
      { file, onProgress: setPercent },
      {
        onSuccess: (res) => {
          setPercent(null);
          commit.reset();
          setPreview({ ...res, fileName: file.name });
          setFilter(res.errorCount > 0 ? 'error' : 'all');
          // A corrected file replaces the previous preview.
          if (previous && previous !== res.id) cancel.mutate(previous);
        },
        onError: (err) => {
          setPercent(null);
          setUploadError(uploadErrorText(err));
        },
      },
    );
  };

  const onCancel = () => {
    if (!preview) return;
    modal.confirm({
      title: t('import.cancel'),
      content: t('cimport.cancelConfirm'),
      okText: t('common.confirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.back'),
      onOk: () =>
        cancel.mutateAsync(preview.id).then(() => {
          message.info(t('import.cancelled'));
          setPreview(null);
        }),
    });
  };

  const onCommit = () => {
    if (!preview || commitBlocked) return;
    commit.mutate(preview.id, {
      onSuccess: (res) => {
        setCreated(res.created);
        setPreview(null);
      },
    });
  };

  const uploader = (dragger: boolean) =>
    dragger ? (
      <Upload.Dragger accept={acceptOf(['xlsx'])} multiple={false} showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest} disabled={upload.isPending}>
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{t('cimport.uploadLabel')}</p>
        <p style={{ color: '#434343' }}>{t('cimport.uploadHint')}</p>
      </Upload.Dragger>
    ) : (
      <Upload accept={acceptOf(['xlsx'])} multiple={false} showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest} disabled={upload.isPending}>
        <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
          {t('import.uploadAgain')}
        </Button>
      </Upload>
    );

  if (created !== null) {
    return (
      <Result
        status="success"
        title={<h2 style={{ fontSize: 20, margin: 0 }}>{t('cimport.done', { n: formatNumber(created) })}</h2>}
        subTitle={<span style={{ color: '#434343' }}>{t('cimport.doneHint')}</span>}
        extra={
          <Flex gap={16} justify="center" align="center" wrap>
            <Link to="/external-completions">{t('cimport.goReview')}</Link>
            <Button onClick={() => setCreated(null)}>{t('import.newImport')}</Button>
          </Flex>
        }
      />
    );
  }

  if (!preview) {
    return (
      <Card size="small">
        <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Paragraph style={{ margin: 0, maxWidth: 720 }}>{t('cimport.intro')}</Typography.Paragraph>
          <a href={COMPLETION_TEMPLATE_URL} download>
            <DownloadOutlined aria-hidden /> {t('import.template')}
          </a>
        </Flex>
        {uploadError && <Alert type="error" showIcon role="alert" title={uploadError} style={{ marginBottom: 16 }} />}
        {uploader(true)}
        {percent !== null && <Progress percent={percent} aria-label={t('import.uploading')} style={{ marginTop: 16 }} />}
      </Card>
    );
  }

  const rows = filter === 'all' ? preview.rows : preview.rows.filter((r) => r.status === filter);
  const stats: [string, number][] = [
    [t('import.total'), counts.total],
    [t('cimport.okRows'), preview.okCount],
    [t('import.errors'), errorCount],
    [t('cimport.duplicates'), counts.duplicate],
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{`${t('import.summary')}: ${preview.fileName}`}</h2>}>
        <Row gutter={[16, 16]}>
          {stats.map(([label, value]) => (
            <Col key={label} xs={12} md={6}>
              <Statistic title={<span style={{ color: '#434343' }}>{label}</span>} value={value} formatter={() => formatNumber(value)} />
            </Col>
          ))}
        </Row>
      </Card>
      {errorCount > 0 && (
        <Alert id="cimport-commit-blocked" type="error" showIcon role="alert" title={t('import.commitBlocked', { n: formatNumber(errorCount) })} />
      )}
      {errorCount === 0 && preview.okCount === 0 && (
        <Alert id="cimport-commit-blocked" type="warning" showIcon title={t('cimport.nothingToImport')} />
      )}
      {commit.isError && <Alert type="error" showIcon role="alert" title={commit.error.message} />}
      {uploadError && <Alert type="error" showIcon role="alert" title={uploadError} />}
      {percent !== null && <Progress percent={percent} aria-label={t('import.uploading')} />}
      <Flex gap={8} wrap justify="space-between">
        <Radio.Group
          aria-label={t('import.filter')}
          optionType="button"
          value={filter}
          onChange={(e) => setFilter(e.target.value as RowFilter)}
          options={[
            { value: 'all', label: `${t('import.filterAll')} (${formatNumber(counts.total)})` },
            { value: 'error', label: `${t('import.filterErrors')} (${formatNumber(counts.error)})` },
            { value: 'duplicate', label: `${t('cimport.duplicates')} (${formatNumber(counts.duplicate)})` },
          ]}
        />
        <Flex gap={8} wrap>
          {uploader(false)}
          <Button onClick={onCancel} loading={cancel.isPending}>
            {t('import.cancel')}
          </Button>
          <Button
            type="primary"
            onClick={onCommit}
            disabled={commitBlocked}
            loading={commit.isPending}
            aria-describedby={commitBlocked ? 'cimport-commit-blocked' : undefined}
          >
            {t('import.commit')}
          </Button>
        </Flex>
      </Flex>
      <CompletionImportRows rows={rows} />
    </Space>
  );
}
