import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Form, Progress, Radio, Result, Row, Spin, Steps, TreeSelect, Typography, Upload, type UploadProps } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { IMPORT_FORMATS, type Category, type ImportFormat, type ImportPreview as Preview, type ImportResult } from '../types';
import { QUESTION_TEMPLATE_URL } from '../api/keys';
import { useUploadQuestionImport } from '../api/upload-question-import';
import { useCommitQuestionImport } from '../api/commit-question-import';
import { useCancelQuestionImport } from '../api/cancel-question-import';
import { useQuestionImport } from '../api/get-question-import';
import { buildCategoryTree, flattenTree, toTreeSelectData } from './category-tree-data';
import { ImportPreview } from './import-preview';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const FORMAT_EXTENSIONS: Record<ImportFormat, string[]> = {
  gift: ['.txt', '.gift'],
  aiken: ['.txt'],
  moodlexml: ['.xml'],
  xlsx: ['.xlsx'],
};
const FORMAT_NAMES: Record<ImportFormat, string> = { gift: 'GIFT', aiken: 'Aiken', moodlexml: 'Moodle XML', xlsx: 'Excel' };

/**
 * Question import: format → target category → file → preview of every question (errors with line/row, legacy-font
 * warnings) → "Nhập N câu hỏi" (refused while errors remain) or cancel (confirmed; nothing is written).
 */
export function QuestionImportWizard({
  bankId,
  categories,
  initialCategoryId,
  bankPath,
}: {
  bankId: string;
  categories: Category[];
  initialCategoryId?: string;
  /** Link back to the bank page. */
  bankPath: string;
}) {
  const t = useT();
  const { modal, message } = App.useApp();
  const tree = useMemo(() => buildCategoryTree(categories), [categories]);
  const treeData = useMemo(() => toTreeSelectData(tree), [tree]);
  const flat = useMemo(() => flattenTree(tree), [tree]);
  const [format, setFormat] = useState<ImportFormat>('gift');
  const [categoryId, setCategoryId] = useState<string | undefined>(
    initialCategoryId && flat.some((c) => c.id === initialCategoryId) ? initialCategoryId : undefined,
  );
  const [categoryError, setCategoryError] = useState(false);
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const upload = useUploadQuestionImport();
  const commit = useCommitQuestionImport();
  const cancel = useCancelQuestionImport();
  const categoryPath = flat.find((c) => c.id === categoryId)?.path ?? '';
  const step = result ? 2 : preview ? 1 : 0;

  // The pending import is kept in the URL (?import=), so a reload shows its preview again.
  const [params, setParams] = useSearchParams();
  const importParam = params.get('import');
  const setImportParam = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('import', id);
        else next.delete('import');
        return next;
      },
      { replace: true },
    );
  const restored = useQuestionImport(!preview && !result ? importParam : null);
  useEffect(() => {
    const data = restored.data;
    if (!data || preview) return;
    if (data.status && data.status !== 'preview') {
      setImportParam(null);
      return;
    }
    setPreview(data);
    if (data.categoryId) setCategoryId(data.categoryId);
    setFormat(data.format);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restored.data]);

  const accept = FORMAT_EXTENSIONS[format].join(',');
  const beforeUpload = (file: File) => {
    setUploadError(null);
    if (!categoryId) {
      setCategoryError(true);
      setUploadError(t('qb.import.chooseCategoryFirst'));
      return Upload.LIST_IGNORE;
    }
    const name = file.name.toLowerCase();
    if (!FORMAT_EXTENSIONS[format].some((ext) => name.endsWith(ext))) {
      setUploadError(t('qb.import.wrongExtension', { format: FORMAT_NAMES[format], ext: FORMAT_EXTENSIONS[format].join(', ') }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_FILE_BYTES) {
      setUploadError(t('qb.import.tooLarge'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    if (!categoryId) return;
    const previous = preview;
    setUploadPercent(0);
    commit.reset();
    upload.mutate(
      { bankId, file, format, categoryId, onProgress: setUploadPercent },
      {
        onSuccess: (res) => {
          setUploadPercent(null);
          setPreview(res);
          setImportParam(res.id);
          // A corrected file replaces the previous preview.
          if (previous && previous.id !== res.id) cancel.mutate(previous.id);
        },
        onError: (err) => {
          setUploadPercent(null);
          setUploadError(err.message);
        },
      },
    );
  };

  const reset = () => {
    setImportParam(null);
    setPreview(null);
    setResult(null);
    setUploadError(null);
    commit.reset();
  };

  const onCancel = () => {
    if (!preview) return;
    modal.confirm({
      title: t('qb.import.cancel'),
      content: t('qb.import.cancelConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.back'),
      okButtonProps: { danger: true },
      onOk: () =>
        cancel.mutateAsync(preview.id).then(
          () => {
            message.info(t('qb.import.cancelled'));
            reset();
          },
          (err: Error) => message.error(err.message),
        ),
    });
  };

  const onCommit = () => {
    if (!preview) return;
    commit.mutate(
      { id: preview.id, bankId },
      {
        onSuccess: (res) => {
          setImportParam(null);
          setResult(res);
        },
      },
    );
  };

  const busy = uploadPercent !== null;
  const progress = busy && (
    <div role="status" style={{ marginTop: 16 }}>
      {uploadPercent < 100 ? (
        <>
          <Typography.Text>{t('qb.import.uploading', { percent: uploadPercent })}</Typography.Text>
          <Progress percent={uploadPercent} aria-label={t('qb.import.uploadingLabel')} />
        </>
      ) : (
        <Flex gap={12} align="center">
          <Spin size="small" />
          <Typography.Text>{t('qb.import.parsing')}</Typography.Text>
        </Flex>
      )}
    </div>
  );

  const errorCount = preview?.errors.length ?? 0;
  const commitBlocked = errorCount > 0 || (preview?.questions.length ?? 0) === 0;
  const questionCount = preview?.questions.length ?? 0;

  return (
    <>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('qb.import.stepChoose') }, { title: t('qb.import.stepPreview') }, { title: t('qb.import.stepDone') }]}
      />

      {step === 0 && importParam && restored.isPending && (
        <Flex gap={12} align="center" role="status" style={{ marginBottom: 16 }}>
          <Spin size="small" />
          <Typography.Text>{t('app.loading')}</Typography.Text>
        </Flex>
      )}
      {step === 0 && restored.isError && (
        <Alert type="warning" showIcon title={t('qb.import.restoreFailed')} description={restored.error.message} style={{ marginBottom: 16 }} />
      )}
      {step === 0 && (
        <Card size="small">
          <Form layout="vertical" component="div">
            <Row gutter={24}>
              <Col xs={24} lg={12}>
                <Form.Item label={t('qb.import.format')} htmlFor="import-format" required>
                  <Radio.Group
                    id="import-format"
                    value={format}
                    onChange={(e) => {
                      setFormat(e.target.value as ImportFormat);
                      setUploadError(null);
                    }}
                    style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                    disabled={busy}
                  >
                    {IMPORT_FORMATS.map((f) => (
                      <Radio key={f} value={f}>
                        <strong>{FORMAT_NAMES[f]}</strong>{' '}
                        <span style={{ color: '#434343' }}>
                          ({FORMAT_EXTENSIONS[f].join(', ')}) — {t(`qb.import.formatHint.${f}`)}
                        </span>
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
                <a href={QUESTION_TEMPLATE_URL} download>
                  <DownloadOutlined aria-hidden /> {t('qb.import.template')}
                </a>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item
                  label={t('qb.import.category')}
                  htmlFor="import-category"
                  required
                  extra={t('qb.import.categoryHint')}
                  validateStatus={categoryError && !categoryId ? 'error' : undefined}
                  help={categoryError && !categoryId ? t('qb.import.chooseCategoryFirst') : undefined}
                >
                  <TreeSelect
                    id="import-category"
                    treeData={treeData}
                    value={categoryId}
                    onChange={(v) => {
                      setCategoryId(v as string | undefined);
                      setUploadError(null);
                    }}
                    treeDefaultExpandAll
                    placeholder={t('qb.import.categoryPlaceholder')}
                    style={{ width: '100%' }}
                    disabled={busy}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {uploadError && <Alert type="error" showIcon role="alert" title={uploadError} style={{ marginBottom: 16 }} />}
          <Upload.Dragger accept={accept} multiple={false} showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest} disabled={busy}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('qb.import.uploadLabel', { format: FORMAT_NAMES[format] })}</p>
            <p style={{ color: '#434343' }}>{t('qb.import.uploadHint', { ext: FORMAT_EXTENSIONS[format].join(', ') })}</p>
          </Upload.Dragger>
          {progress}
        </Card>
      )}

      {step === 1 && preview && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ marginBottom: 12 }}>
              {t('qb.import.target', { format: FORMAT_NAMES[preview.format] ?? preview.format, category: categoryPath })}
            </Typography.Paragraph>
            {errorCount > 0 && (
              <Alert
                id="question-import-blocked"
                type="error"
                showIcon
                role="alert"
                title={t('qb.import.blocked', { n: formatNumber(errorCount) })}
                style={{ marginBottom: 12 }}
              />
            )}
            {errorCount === 0 && questionCount === 0 && (
              <Alert id="question-import-blocked" type="warning" showIcon title={t('qb.import.noQuestions')} style={{ marginBottom: 12 }} />
            )}
            {commit.isError && <Alert type="error" showIcon role="alert" title={commit.error.message} style={{ marginBottom: 12 }} />}
            {uploadError && <Alert type="error" showIcon role="alert" title={uploadError} style={{ marginBottom: 12 }} />}
            <Flex gap={8} wrap>
              <Button
                type="primary"
                onClick={onCommit}
                disabled={commitBlocked || busy}
                loading={commit.isPending}
                aria-describedby={commitBlocked ? 'question-import-blocked' : undefined}
              >
                {t('qb.import.commit', { n: formatNumber(questionCount) })}
              </Button>
              <Upload accept={accept} showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest} disabled={busy}>
                <Button icon={<UploadOutlined aria-hidden />} loading={busy}>
                  {t('qb.import.uploadAgain')}
                </Button>
              </Upload>
              <Button onClick={onCancel} loading={cancel.isPending} disabled={commit.isPending}>
                {t('qb.import.cancel')}
              </Button>
            </Flex>
            {progress}
          </Card>
          <ImportPreview preview={preview} />
        </>
      )}

      {step === 2 && result && (
        <Result
          status="success"
          title={<h2 style={{ fontSize: 20, margin: 0 }}>{t('qb.import.done', { n: formatNumber(result.created) })}</h2>}
          subTitle={
            <span style={{ color: '#434343' }}>
              {result.categoriesCreated > 0 ? t('qb.import.categoriesCreated', { n: formatNumber(result.categoriesCreated) }) : t('qb.import.intoCategory', { category: categoryPath })}
            </span>
          }
          extra={
            <Flex gap={16} justify="center" align="center" wrap>
              <Link to={bankPath}>{t('qb.import.backToBank')}</Link>
              <Button onClick={reset}>{t('qb.import.another')}</Button>
            </Flex>
          }
        />
      )}
    </>
  );
}
