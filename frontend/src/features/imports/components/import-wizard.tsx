import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Radio,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Upload,
  Typography,
  type UploadProps,
} from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { ImportSummary } from '../../../types/api';
import { IMPORT_TEMPLATE_URL, type ImportRowFilter } from '../api/keys';
import { useUploadImport } from '../api/upload-import';
import { useImport } from '../api/get-import';
import { useImportRows } from '../api/get-import-rows';
import { useCommitImport } from '../api/commit-import';
import { useCancelImport } from '../api/cancel-import';
import { ImportRowsTable } from './import-rows-table';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.xlsx,.csv';

function stepOf(summary: ImportSummary | undefined): number {
  if (!summary) return 0;
  switch (summary.status) {
    case 'previewed':
      return 1;
    case 'committing':
      return 2;
    case 'committed':
      return 3;
    case 'failed':
      return 2;
    default:
      return 0;
  }
}

function SummaryStats({ summary }: { summary: ImportSummary }) {
  const t = useT();
  const items: [string, number][] = [
    [t('import.total'), summary.totalRows],
    [t('import.valid'), summary.validRows],
    [t('import.errors'), summary.errorRows],
    [t('import.warnings'), summary.warningRows],
    [t('import.toCreate'), summary.createCount],
    [t('import.toUpdate'), summary.updateCount],
    [t('import.unchanged'), summary.unchangedCount],
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map(([label, value]) => (
        <Col key={label} xs={12} sm={8} md={6} xl={3}>
          <Statistic title={<span style={{ color: '#434343' }}>{label}</span>} value={value} formatter={() => formatNumber(value)} />
        </Col>
      ))}
    </Row>
  );
}

export function ImportWizard() {
  const t = useT();
  const { modal, message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const importId = params.get('id');
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [filter, setFilter] = useState<ImportRowFilter>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const uploadMutation = useUploadImport();
  const commitMutation = useCommitImport();
  const cancelMutation = useCancelImport();
  const summaryQuery = useImport(importId);
  const summary = importId ? summaryQuery.data : undefined;
  const step = stepOf(summary);
  const rowsQuery = useImportRows(step === 1 ? importId : null, filter, page, pageSize);

  useEffect(() => {
    setPage(1);
  }, [filter, importId]);

  const setImportId = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('id', id);
        else next.delete('id');
        return next;
      },
      { replace: false },
    );

  const startUpload = (file: File) => {
    setUploadError(null);
    const previousId = summary?.status === 'previewed' ? summary.id : null;
    setUploadPercent(0);
    uploadMutation.mutate(
      { file, onProgress: setUploadPercent },
      {
        onSuccess: (res) => {
          setUploadPercent(null);
          setFilter(res.errorRows > 0 ? 'errors' : 'all');
          setImportId(res.id);
          // A corrected file replaces the previous preview.
          if (previousId && previousId !== res.id) cancelMutation.mutate(previousId);
        },
        onError: (err) => {
          setUploadPercent(null);
          setUploadError(err.message);
        },
      },
    );
  };

  const beforeUpload = (file: File) => {
    const name = file.name.toLowerCase();
    if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
      setUploadError(t('import.uploadHint'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_FILE_BYTES) {
      setUploadError(t('import.uploadHint'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    startUpload(options.file as File);
  };

  const onCancel = () => {
    if (!summary) return;
    modal.confirm({
      title: t('import.cancel'),
      content: t('import.cancelConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.back'),
      okButtonProps: { danger: true },
      onOk: () =>
        cancelMutation.mutateAsync(summary.id).then(() => {
          message.info(t('import.cancelled'));
          setImportId(null);
        }),
    });
  };

  const onCommit = () => {
    if (!summary) return;
    commitMutation.mutate(summary.id);
  };

  const uploadBlock = (
    <>
      {uploadError && <Alert type="error" showIcon role="alert" title={uploadError} style={{ marginBottom: 16 }} />}
      <Upload.Dragger
        accept={ACCEPT}
        multiple={false}
        showUploadList={false}
        beforeUpload={beforeUpload}
        customRequest={customRequest}
        disabled={uploadMutation.isPending}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{t('import.uploadLabel')}</p>
        <p style={{ color: '#434343' }}>{t('import.uploadHint')}</p>
      </Upload.Dragger>
      {uploadPercent !== null && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>{t('import.uploading')}</Typography.Text>
          <Progress percent={uploadPercent} aria-label={t('import.uploading')} />
        </div>
      )}
    </>
  );

  const commitBlocked = !!summary && summary.errorRows > 0;

  return (
    <>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('import.stepUpload') },
          { title: t('import.stepPreview') },
          { title: t('import.stepCommit') },
          { title: t('import.stepResult') },
        ]}
      />
      {importId && summaryQuery.isError && <QueryError error={summaryQuery.error} onRetry={() => summaryQuery.refetch()} />}

      {step === 0 && (
        <Card size="small">
          <Flex justify="flex-end" style={{ marginBottom: 12 }}>
            <a href={IMPORT_TEMPLATE_URL} download>
              <DownloadOutlined aria-hidden /> {t('import.template')}
            </a>
          </Flex>
          {uploadBlock}
        </Card>
      )}

      {step === 1 && summary && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{`${t('import.summary')}: ${summary.fileName}`}</h2>}>
            <SummaryStats summary={summary} />
          </Card>
          {commitBlocked && (
            <Alert
              id="import-commit-blocked"
              type="error"
              showIcon
              role="alert"
              title={t('import.commitBlocked', { n: formatNumber(summary.errorRows) })}
            />
          )}
          {commitMutation.isError && (
            <Alert type="error" showIcon role="alert" title={commitMutation.error.message} />
          )}
          <Flex gap={8} wrap justify="space-between">
            <Radio.Group
              aria-label={t('import.filter')}
              optionType="button"
              value={filter}
              onChange={(e) => setFilter(e.target.value as ImportRowFilter)}
              options={[
                { value: 'all', label: t('import.filterAll') },
                { value: 'errors', label: `${t('import.filterErrors')} (${formatNumber(summary.errorRows)})` },
                { value: 'warnings', label: `${t('import.filterWarnings')} (${formatNumber(summary.warningRows)})` },
              ]}
            />
            <Flex gap={8} wrap>
              <Upload accept={ACCEPT} showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest}>
                <Button icon={<UploadOutlined aria-hidden />} loading={uploadMutation.isPending}>
                  {t('import.uploadAgain')}
                </Button>
              </Upload>
              <Button onClick={onCancel} loading={cancelMutation.isPending}>
                {t('import.cancel')}
              </Button>
              <Button
                type="primary"
                onClick={onCommit}
                disabled={commitBlocked}
                loading={commitMutation.isPending}
                aria-describedby={commitBlocked ? 'import-commit-blocked' : undefined}
              >
                {t('import.commit')}
              </Button>
            </Flex>
          </Flex>
          {uploadError && <Alert type="error" showIcon role="alert" title={uploadError} />}
          {uploadPercent !== null && <Progress percent={uploadPercent} aria-label={t('import.uploading')} />}
          {rowsQuery.isError ? (
            <QueryError error={rowsQuery.error} onRetry={() => rowsQuery.refetch()} />
          ) : (
            <ImportRowsTable
              rows={rowsQuery.data?.items ?? []}
              total={rowsQuery.data?.total ?? 0}
              page={page}
              pageSize={pageSize}
              loading={rowsQuery.isFetching}
              onPageChange={(p, ps) => {
                setPage(ps !== pageSize ? 1 : p);
                setPageSize(ps);
              }}
            />
          )}
        </Space>
      )}

      {step === 2 && summary && summary.status === 'committing' && (
        <Card size="small">
          <Typography.Paragraph role="status">{t('import.committing')}</Typography.Paragraph>
          <Progress
            percent={summary.totalRows > 0 ? Math.floor((summary.processedRows / summary.totalRows) * 100) : 0}
            status="active"
            aria-label={t('import.committing')}
          />
          <Typography.Paragraph>
            {t('import.processed', { done: formatNumber(summary.processedRows), total: formatNumber(summary.totalRows) })}
          </Typography.Paragraph>
        </Card>
      )}

      {step === 2 && summary && summary.status === 'failed' && (
        <Result
          status="error"
          title={<h2 style={{ fontSize: 20, margin: 0 }}>{t('import.failed')}</h2>}
          subTitle={<span style={{ color: '#434343' }}>{summary.message}</span>}
          extra={<Button onClick={() => setImportId(null)}>{t('import.newImport')}</Button>}
        />
      )}

      {step === 3 && summary && (
        <Result
          status="success"
          title={<h2 style={{ fontSize: 20, margin: 0 }}>{t('import.done')}</h2>}
          subTitle={
            <span style={{ color: '#434343' }}>
              {t('import.created')}: {formatNumber(summary.createCount)} · {t('import.updated')}: {formatNumber(summary.updateCount)} ·{' '}
              {t('import.unchanged')}: {formatNumber(summary.unchangedCount)}
            </span>
          }
          extra={
            <Flex gap={16} justify="center" align="center" wrap>
              <Link to="/staff">{t('import.goToStaff')}</Link>
              <Button onClick={() => setImportId(null)}>{t('import.newImport')}</Button>
            </Flex>
          }
        />
      )}
    </>
  );
}
