import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Modal, Popconfirm, Row, Switch, Typography } from 'antd';
import { CopyOutlined, FilePdfOutlined, FileExcelOutlined, ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { API_DATE_FORMAT, DATE_FORMAT, formatDate, formatDateTime } from '../../../lib/format';
import { useDownload } from '../../../lib/use-download';
import { DownloadStatus } from '../../../components/ui/download-status';
import { NARRATIVE_KEYS, type Narrative, type NarrativeKey, type Report, type ReportChanges } from '../types';
import { reportFileUrl } from '../api/get-report';
import { useReviseReport, useSubmitReport, useUpdateReport } from '../api/save-report';
import { ReportFiguresView } from './report-figures-view';
import { ReportStatusTag } from './report-labels';

type FormValues = {
  title: string;
  periodLabel: string;
  periodStart: Dayjs | null;
  cutOff: Dayjs | null;
  docNumber: string;
  place: string;
  reportDate: Dayjs | null;
  recipients: string;
  signerTitle: string;
  signerName: string;
  narrative: Narrative;
  includePolice: boolean;
  estimated: boolean;
};

const day = (v: string | null) => (v ? dayjs(v, API_DATE_FORMAT) : null);

function toValues(r: Report): FormValues {
  return {
    title: r.title,
    periodLabel: r.periodLabel,
    periodStart: day(r.periodStart),
    cutOff: day(r.cutOff),
    docNumber: r.docNumber,
    place: r.place,
    reportDate: day(r.reportDate),
    recipients: r.recipients.join('\n'),
    signerTitle: r.signerTitle,
    signerName: r.signerName,
    narrative: Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, r.narrative[k] ?? ''])),
    includePolice: r.includePolice,
    estimated: r.estimated,
  };
}

function toChanges(v: FormValues): Required<ReportChanges> {
  return {
    title: v.title?.trim() ?? '',
    periodLabel: v.periodLabel?.trim() ?? '',
    periodStart: v.periodStart ? v.periodStart.format(API_DATE_FORMAT) : '',
    cutOff: v.cutOff ? v.cutOff.format(API_DATE_FORMAT) : '',
    docNumber: v.docNumber?.trim() ?? '',
    place: v.place?.trim() ?? '',
    reportDate: v.reportDate ? v.reportDate.format(API_DATE_FORMAT) : null,
    recipients: (v.recipients ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    // the server refuses control characters: a two-line title ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") is sent as one line
    signerTitle: (v.signerTitle ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' / '),
    signerName: v.signerName?.trim() ?? '',
    narrative: Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, v.narrative?.[k] ?? ''])),
    includePolice: !!v.includePolice,
    estimated: !!v.estimated,
  };
}

/** Only the fields that differ from the saved report. */
function diff(v: FormValues, r: Report): ReportChanges {
  const before = toChanges(toValues(r)) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(toChanges(v))) if (JSON.stringify(before[k]) !== JSON.stringify(val)) out[k] = val;
  return out as ReportChanges;
}

/** 'narrative.results' -> ['narrative', 'results'] */
const fieldName = (name: string) => name.split('.').filter(Boolean);

/**
 * The report editor: document fields, the narrative sections, the options, a live preview of Biểu 01–03,
 * submit (with a confirmation: the report is then locked) and, once submitted, read-only with
 * "Lập bản điều chỉnh" (a new version). PDF and XLSX downloads in both states.
 */
export function ReportEditor({ report, canManage, onRevised }: { report: Report; canManage: boolean; onRevised: (report: Report) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateReport();
  const submit = useSubmitReport();
  const revise = useReviseReport();
  const download = useDownload();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const submitted = report.status === 'submitted';
  const readOnly = submitted || !canManage;
  // once submitted, show the report exactly as stored (the server fills in the date of issue, for one)
  useEffect(() => {
    if (submitted) form.setFieldsValue(toValues(report));
  }, [submitted, report, form]);

  const showError = (err: Error) => {
    if (isApiError(err) && Object.keys(err.fields).length > 0) {
      form.setFields(Object.entries(err.fields).map(([name, msg]) => ({ name: fieldName(name) as never, errors: [msg] })));
    }
    setError(err.message);
  };

  /** Saves the pending changes (if any); false when the server refused them. */
  const save = async (): Promise<boolean> => {
    setError(null);
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      setError(t('targets.fixErrors'));
      return false;
    }
    const changes = diff(values, report);
    if (Object.keys(changes).length === 0) return true;
    try {
      await update.mutateAsync({ id: report.id, changes });
      return true;
    } catch (err) {
      showError(err as Error);
      return false;
    }
  };

  const onSave = async () => {
    if (await save()) message.success(t('report.saved'));
  };

  const askSubmit = () => {
    setError(null);
    if (!String(form.getFieldValue('docNumber') ?? '').trim()) {
      form.setFields([{ name: 'docNumber', errors: [t('report.docNumberRequired')] }]);
      form.scrollToField('docNumber');
      setError(t('report.docNumberRequired'));
      return;
    }
    setNote('');
    setConfirming(true);
  };

  const doSubmit = async () => {
    if (!(await save())) {
      setConfirming(false);
      return;
    }
    try {
      await submit.mutateAsync({ id: report.id, note: note.trim() || undefined });
      setConfirming(false);
      message.success(t('report.submitted'));
    } catch (err) {
      setConfirming(false);
      showError(err as Error);
    }
  };

  const onDownload = async (format: 'pdf' | 'xlsx') => {
    if (!readOnly && !(await save())) return;
    void download.start(reportFileUrl(report.id, format), `bao-cao-${report.cutOff}.${format}`, t('report.fileLabel', { format: format.toUpperCase() }));
  };

  const onRevise = () =>
    revise.mutate(report.id, {
      onSuccess: (fresh) => {
        message.success(t('report.revised', { v: fresh.version }));
        onRevised(fresh);
      },
      onError: (err) => setError(err.message),
    });

  const narrativeLabel = (k: NarrativeKey) => t(`report.narrative.${k}`);

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <ReportStatusTag status={report.status} />
        <span>{t('report.version', { v: report.version })}</span>
        {report.supersedesId && (
          <Link to={`/reports/${report.supersedesId}`}>{t('report.supersedes', { v: report.version - 1 })}</Link>
        )}
        {report.supersededById && <Link to={`/reports/${report.supersededById}`}>{t('report.supersededBy', { v: report.version + 1 })}</Link>}
      </Flex>
      {submitted && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('report.lockedTitle', { date: formatDateTime(report.submittedAt) })}
          description={t('report.lockedText')}
          action={
            canManage && !report.supersededById ? (
              <Popconfirm
                title={t('report.reviseConfirm', { v: report.version + 1 })}
                okText={t('report.revise')}
                cancelText={t('common.cancel')}
                onConfirm={onRevise}
              >
                <Button icon={<CopyOutlined aria-hidden />} loading={revise.isPending}>
                  {t('report.revise')}
                </Button>
              </Popconfirm>
            ) : undefined
          }
        />
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card size="small" style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.files')}</h2>}>
        <Flex gap={8} wrap>
          <Button icon={<FilePdfOutlined aria-hidden />} onClick={() => onDownload('pdf')} disabled={download.running}>
            {t('report.downloadPdf')}
          </Button>
          <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => onDownload('xlsx')} disabled={download.running}>
            {t('report.downloadXlsx')}
          </Button>
        </Flex>
        {!readOnly && <Typography.Paragraph style={{ color: '#434343', margin: '8px 0 0' }}>{t('report.filesHint')}</Typography.Paragraph>}
        <DownloadStatus state={download.state} onCancel={download.cancel} onDismiss={download.reset} />
      </Card>
      <Form form={form} layout="vertical" initialValues={toValues(report)} disabled={readOnly} onFinish={onSave}>
        <Card size="small" style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.document')}</h2>}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="docNumber" label={t('report.docNumber')} extra={t('report.docNumberHint')}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="place" label={t('report.place')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="reportDate" label={t('report.reportDate')} extra={t('report.reportDateHint')}>
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="title" label={t('report.title')} rules={[{ required: true, whitespace: true, message: t('targets.required') }]}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="periodLabel" label={t('report.periodLabel')} rules={[{ required: true, whitespace: true, message: t('targets.required') }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="periodStart" label={t('report.periodStart')} rules={[{ required: true, message: t('targets.required') }]}>
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="cutOff" label={t('report.cutOff')} rules={[{ required: true, message: t('targets.required') }]}>
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="recipients" label={t('report.recipients')} extra={t('report.recipientsHint')}>
                <Input.TextArea rows={4} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="signerTitle" label={t('report.signerTitle')} extra={t('report.signerTitleHint')}>
                <Input.TextArea rows={2} maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="signerName" label={t('report.signerName')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="includePolice" label={t('report.includePolice')} valuePropName="checked" extra={t('report.includePoliceHint')}>
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="estimated" label={t('report.estimated')} valuePropName="checked" extra={t('report.estimatedHint')}>
                <Switch />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.narrativeTitle')}</h2>}>
          {NARRATIVE_KEYS.map((k) => (
            <Form.Item key={k} name={['narrative', k]} label={narrativeLabel(k)} extra={k === 'results' ? t('report.resultsHint') : undefined}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} maxLength={20000} />
            </Form.Item>
          ))}
        </Card>
        {!readOnly && (
          <Flex gap={8} justify="flex-end" wrap style={{ marginBottom: 16 }}>
            <Button icon={<SaveOutlined aria-hidden />} htmlType="submit" loading={update.isPending && !confirming}>
              {t('common.save')}
            </Button>
            <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={askSubmit}>
              {t('report.submit')}
            </Button>
          </Flex>
        )}
      </Form>
      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.preview')}</h2>}
        extra={
          !submitted ? (
            <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={() => void save()} loading={update.isPending}>
              {t('report.recompute')}
            </Button>
          ) : undefined
        }
      >
        <ReportFiguresView figures={report.figures} estimated={report.estimated} submitted={submitted} />
      </Card>
      <Modal
        open={confirming}
        title={t('report.submitTitle')}
        okText={t('report.submitConfirm')}
        cancelText={t('common.cancel')}
        onOk={doSubmit}
        onCancel={() => setConfirming(false)}
        confirmLoading={submit.isPending || update.isPending}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('report.submitWarning')} style={{ marginBottom: 12 }} />
        <p>{t('report.submitCutOff', { date: formatDate(report.cutOff), number: String(form.getFieldValue('docNumber') ?? '') })}</p>
        <label htmlFor="report-submit-note" style={{ display: 'block', marginBottom: 4 }}>
          {t('report.submitNote')}
        </label>
        <Input.TextArea id="report-submit-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
