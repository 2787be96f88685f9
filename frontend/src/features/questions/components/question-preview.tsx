import { useId } from 'react';
import { Alert, Checkbox, Flex, Input, Modal, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { PlayerQuestion, QuestionType } from '../types';
import { useQuestionPreview } from '../api/get-question-preview';
import { BLANK_RE } from './question-payload';
import { HtmlView } from './html';

/** Read-only, but as legible as the learner's view (antd greys out disabled labels). */
const READABLE = { color: '#1f1f1f' } as const;

/** Inline HTML of a choice (sanitised by the server). */
const InlineHtml = ({ html }: { html: string }) => <span className="question-html" dangerouslySetInnerHTML={{ __html: html }} />;

function effectiveType(q: PlayerQuestion): QuestionType {
  return q.type === 'missing_word' ? (q.baseType ?? 'short_answer') : q.type;
}

/** The question exactly as the learner's player lays it out, every control read-only. */
export function QuestionPreview({ question }: { question: PlayerQuestion }) {
  const t = useT();
  const type = effectiveType(question);
  const uid = useId();
  const textId = `${uid}-text`;
  // A missing-word question shows its blank as a visible gap in the text.
  const html =
    question.type === 'missing_word'
      ? question.text.replace(BLANK_RE, `<span class="question-blank">__________</span>`)
      : question.text;
  const multiple = question.multiple || question.type === 'multiple_choice';
  return (
    <section aria-label={t('qb.preview.region')} className="question-preview">
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        {question.type === 'description'
          ? t('qb.preview.description')
          : t('qb.preview.header', { slot: question.slot, mark: formatNumber(question.mark) })}
      </Typography.Text>
      <HtmlView html={html} id={textId} style={{ marginBottom: 16 }} />
      {(type === 'single_choice' || type === 'true_false' || type === 'multiple_choice') && question.options && (
        <>
          {multiple && <Typography.Text type="secondary">{t('qb.preview.chooseSeveral')}</Typography.Text>}
          {multiple ? (
            <Checkbox.Group aria-labelledby={textId} disabled style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {question.options.map((o) => (
                <Checkbox key={o.key} value={o.key} style={READABLE}>
                  <InlineHtml html={o.text} />
                </Checkbox>
              ))}
            </Checkbox.Group>
          ) : (
            <Radio.Group aria-labelledby={textId} disabled style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {question.options.map((o) => (
                <Radio key={o.key} value={o.key} style={READABLE}>
                  <InlineHtml html={o.text} />
                </Radio>
              ))}
            </Radio.Group>
          )}
        </>
      )}
      {(type === 'short_answer' || type === 'numeric') && (
        <Input
          disabled
          aria-label={t('qb.preview.answer')}
          placeholder={type === 'numeric' ? t('qb.preview.numberPlaceholder') : t('qb.preview.answerPlaceholder')}
          inputMode={type === 'numeric' ? 'decimal' : 'text'}
          style={{ maxWidth: 360 }}
        />
      )}
      {type === 'matching' && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {(question.left ?? []).map((l, i) => (
            <Flex key={l.key} gap={12} wrap align="center">
              <div style={{ flex: '1 1 200px' }} id={`${uid}-left-${i}`}>
                <InlineHtml html={l.text} />
              </div>
              <Select
                disabled
                aria-labelledby={`${uid}-left-${i}`}
                placeholder={t('qb.preview.choose')}
                style={{ flex: '1 1 200px', minWidth: 160 }}
                options={(question.right ?? []).map((r) => ({ value: r.key, label: r.text }))}
              />
            </Flex>
          ))}
        </Space>
      )}
      {type === 'ordering' && (
        <>
          <Typography.Text type="secondary">{t('qb.preview.orderHint')}</Typography.Text>
          <ol style={{ paddingInlineStart: 24, marginTop: 8 }}>
            {(question.items ?? []).map((item) => (
              <li key={item.key} style={{ padding: '6px 8px', border: '1px solid #d9d9d9', borderRadius: 6, marginBottom: 6 }}>
                <InlineHtml html={item.text} />
              </li>
            ))}
          </ol>
        </>
      )}
      {type === 'essay' && (
        <>
          {(question.essay?.minWords || question.essay?.maxWords) && (
            <Typography.Paragraph type="secondary">
              {t('qb.preview.wordLimits', {
                min: question.essay?.minWords ? formatNumber(question.essay.minWords) : '—',
                max: question.essay?.maxWords ? formatNumber(question.essay.maxWords) : '—',
              })}
            </Typography.Paragraph>
          )}
          <Input.TextArea disabled rows={6} aria-label={t('qb.preview.answer')} value={question.essay?.responseTemplate ?? ''} />
        </>
      )}
    </section>
  );
}

/** "Xem trước": GET /questions/:id/preview in a dialog. */
export function QuestionPreviewModal({
  questionId,
  version,
  dirty,
  onClose,
}: {
  questionId: string;
  version: number;
  dirty: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const query = useQuestionPreview(questionId, version, true);
  return (
    <Modal open title={t('qb.preview.title')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Alert type="info" showIcon title={t('qb.preview.note', { version })} style={{ marginBottom: 16 }} />
      {dirty && <Alert type="warning" showIcon title={t('qb.preview.unsaved')} style={{ marginBottom: 16 }} />}
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : query.data ? (
        <QuestionPreview question={query.data} />
      ) : (
        <Skeleton active />
      )}
    </Modal>
  );
}
