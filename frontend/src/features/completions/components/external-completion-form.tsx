import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Row,
  Select,
  Upload,
  type UploadProps,
} from 'antd';
import { DeleteOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { API_DATE_FORMAT, DATE_FORMAT } from '../../../lib/format';
import { acceptOf, formatBytes, MB, precheckFile, type FileKind } from '../../../lib/files';
import { EXTERNAL_SOURCES, type ExternalCompletion, type ExternalSource } from '../types';
import { useCreateExternalCompletion } from '../api/create-external-completion';

export const EVIDENCE_KINDS: FileKind[] = ['pdf', 'png', 'jpeg', 'webp'];
export const EVIDENCE_MAX_BYTES = 5 * MB;

const PROVIDERS: Record<ExternalSource, string[]> = {
  bdhvs: ['binhdanhocvuso.gov.vn'],
  provincial_program: ['Sở Khoa học và Công nghệ tỉnh Quảng Ngãi', 'Sở Nội vụ tỉnh Quảng Ngãi', 'Trường Chính trị tỉnh Quảng Ngãi'],
};

type Values = {
  source: ExternalSource;
  courseId?: string;
  title: string;
  provider: string;
  completedOn?: Dayjs | null;
  hours?: number | null;
  certificateNo?: string;
};

const FIELDS = new Set(['source', 'courseId', 'title', 'provider', 'completedOn', 'hours', 'certificateNo']);

export type CourseChoice = { id: string; title: string };

/**
 * "Ghi nhận kết quả học tập bên ngoài": a completion earned on binhdanhocvuso.gov.vn or in a
 * provincial programme, with its evidence file. It waits for a manager's review.
 */
export function ExternalCompletionForm({
  courseChoices = [],
  onCreated,
}: {
  /** the learner's own courses, when the external course stands for one of them */
  courseChoices?: CourseChoice[];
  onCreated?: (completion: ExternalCompletion) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateExternalCompletion();
  const [evidence, setEvidence] = useState<File | null>(null);
  const [evidenceError, setEvidenceError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const source = Form.useWatch('source', form) ?? 'bdhvs';
  const required = (msg = t('courses.required')) => [{ required: true, whitespace: true, message: msg }];

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const check = precheckFile(file, EVIDENCE_KINDS, EVIDENCE_MAX_BYTES);
    if (!check.ok) {
      setEvidenceError(
        check.reason === 'size'
          ? t('files.tooLarge', { name: file.name, max: formatBytes(EVIDENCE_MAX_BYTES) })
          : check.reason === 'empty'
            ? t('files.empty', { name: file.name })
            : t('files.wrongType', { name: file.name, types: t('completions.evidenceTypes') }),
      );
      return Upload.LIST_IGNORE;
    }
    setEvidenceError(null);
    setEvidence(file);
    return false; // kept until the form is sent
  };

  const onFinish = (v: Values) => {
    setError(null);
    if (!evidence) {
      setEvidenceError(t('completions.evidenceRequired'));
      return;
    }
    setPercent(0);
    create.mutate(
      {
        source: v.source,
        courseId: v.courseId || undefined,
        title: v.title.trim(),
        provider: v.provider.trim(),
        completedOn: (v.completedOn as Dayjs).format(API_DATE_FORMAT),
        hours: v.hours as number,
        certificateNo: v.certificateNo?.trim() || undefined,
        evidence,
        onProgress: setPercent,
      },
      {
        onSuccess: (created) => {
          setPercent(null);
          message.success(t('completions.submitted'));
          form.resetFields();
          setEvidence(null);
          onCreated?.(created);
        },
        onError: (err) => {
          setPercent(null);
          if (isApiError(err)) {
            const known = Object.entries(err.fields).filter(([name]) => FIELDS.has(name));
            if (known.length > 0) form.setFields(known.map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
            if (err.fields.evidence) setEvidenceError(err.fields.evidence);
          }
          setError(err.message);
        },
      },
    );
  };

  return (
    <Card>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ source: 'bdhvs', provider: PROVIDERS.bdhvs[0] }}
        onFinish={onFinish}
        onFinishFailed={() => {
          if (!evidence) setEvidenceError(t('completions.evidenceRequired'));
        }}
        onValuesChange={(changed: Partial<Values>) => {
          // A provider typed for the other source is replaced by the new source's usual one.
          if (changed.source) {
            const current = form.getFieldValue('provider') as string;
            const others = EXTERNAL_SOURCES.filter((s) => s !== changed.source).flatMap((s) => PROVIDERS[s]);
            if (!current || others.includes(current)) form.setFieldValue('provider', changed.source === 'bdhvs' ? PROVIDERS.bdhvs[0] : '');
          }
        }}
      >
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="source" label={t('completions.source')} rules={[{ required: true, message: t('courses.required') }]}>
          <Radio.Group options={EXTERNAL_SOURCES.map((s) => ({ value: s, label: t(`completions.sourceLong.${s}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="title" label={t('completions.title')} rules={required()} extra={t('completions.titleHint')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="provider" label={t('completions.provider')} rules={required()}>
              <AutoComplete options={PROVIDERS[source].map((p) => ({ value: p }))} maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="completedOn"
              label={t('completions.completedOn')}
              rules={[
                { required: true, message: t('courses.required') },
                {
                  validator: (_: unknown, value: Dayjs | null | undefined) =>
                    !value || !value.isAfter(dayjs(), 'day') ? Promise.resolve() : Promise.reject(new Error(t('completions.dateInFuture'))),
                },
              ]}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item
              name="hours"
              label={t('completions.hours')}
              rules={[
                { required: true, message: t('courses.required') },
                {
                  validator: (_: unknown, value: number | null | undefined) =>
                    value == null || (value > 0 && value <= 500) ? Promise.resolve() : Promise.reject(new Error(t('completions.hoursRange'))),
                },
              ]}
            >
              {/* no min/max: a value out of range gets the validator's message instead of being changed silently */}
              <InputNumber step={0.5} decimalSeparator="," style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="certificateNo" label={t('completions.certificateNo')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {courseChoices.length > 0 && (
            <Col xs={24}>
              <Form.Item name="courseId" label={t('completions.course')} extra={t('completions.courseHint')}>
                <Select allowClear options={courseChoices.map((c) => ({ value: c.id, label: c.title }))} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          label={t('completions.evidence')}
          required
          validateStatus={evidenceError ? 'error' : undefined}
          help={evidenceError ?? t('completions.evidenceHint', { max: formatBytes(EVIDENCE_MAX_BYTES) })}
        >
          <Flex gap={8} wrap align="center">
            <Upload accept={acceptOf(EVIDENCE_KINDS)} multiple={false} showUploadList={false} beforeUpload={beforeUpload}>
              <Button icon={<PaperClipOutlined aria-hidden />}>{evidence ? t('completions.evidenceReplace') : t('completions.evidenceChoose')}</Button>
            </Upload>
            {evidence && (
              <>
                <span style={{ overflowWrap: 'anywhere' }}>
                  {evidence.name} <span style={{ color: '#434343' }}>({formatBytes(evidence.size)})</span>
                </span>
                <Button
                  size="small"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('completions.evidenceRemove', { name: evidence.name })}
                  onClick={() => setEvidence(null)}
                />
              </>
            )}
          </Flex>
        </Form.Item>
        {percent !== null && <Progress percent={percent} size="small" aria-label={t('completions.sending')} />}
        <Button type="primary" htmlType="submit" icon={<SendOutlined aria-hidden />} loading={create.isPending}>
          {t('completions.submit')}
        </Button>
      </Form>
    </Card>
  );
}
