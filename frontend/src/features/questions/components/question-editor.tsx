import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Tag, TreeSelect, Typography } from 'antd';
import { EyeOutlined, SaveOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { MISSING_WORD_BASES, QUESTION_TYPES, type Category, type MissingWordBase, type Question, type QuestionType } from '../types';
import { useCreateQuestion } from '../api/create-question';
import { useUpdateQuestion } from '../api/update-question';
import { buildCategoryTree, toTreeSelectData } from './category-tree-data';
import { answerKind, countBlanks, formFieldOf, newValues, toInput, toValues, type EditorValues, type FieldPath } from './question-payload';
import { AcceptedEditor, ChoicesEditor, EssayEditor, MatchingEditor, NumbersEditor, OrderingEditor, TrueFalseEditor } from './answer-editors';
import { QuestionPreviewModal } from './question-preview';
import { QuestionVersions } from './question-versions';

const HTML_STYLE = { fontFamily: 'monospace' } as const;

/** Creates or edits a question of any type; every save of an existing question makes a new version. */
export function QuestionEditor({
  bankId,
  question,
  categories,
  defaultCategoryId,
  onSaved,
  onCancel,
}: {
  bankId: string;
  question?: Question;
  categories: Category[];
  defaultCategoryId?: string;
  onSaved: (question: Question, created: boolean) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<EditorValues>();
  const create = useCreateQuestion();
  const update = useUpdateQuestion();
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);
  /** the version shown in the preview dialog */
  const [previewing, setPreviewing] = useState<number | null>(null);
  const initialValues = useMemo(() => (question ? toValues(question) : newValues(defaultCategoryId)), [question, defaultCategoryId]);
  const type = (Form.useWatch('type', form) ?? initialValues.type) as QuestionType;
  const baseType = (Form.useWatch('baseType', form) ?? initialValues.baseType) as MissingWordBase;
  const kind = answerKind(type, baseType);
  const categoryTree = useMemo(() => toTreeSelectData(buildCategoryTree(categories)), [categories]);
  const pending = create.isPending || update.isPending;
  const required = [{ required: true, whitespace: true, message: t('qb.required') }];

  const onFinish = () => {
    // The whole store: lists of other types stay as typed, toInput keeps only what the type uses.
    const values = { ...initialValues, ...(form.getFieldsValue(true) as EditorValues) };
    const input = toInput(values);
    setError(null);
    const onError = (err: Error) => {
      const details: string[] = [];
      if (isApiError(err)) {
        const fields: { name: FieldPath; errors: string[] }[] = [];
        for (const [path, msg] of Object.entries(err.fields)) {
          const name = formFieldOf(path, values);
          if (name) fields.push({ name, errors: [msg] });
          if (!name || name.length === 1) details.push(msg);
        }
        if (fields.length) {
          form.setFields(fields as Parameters<typeof form.setFields>[0]);
          form.scrollToField(fields[0].name as Parameters<typeof form.scrollToField>[0], { block: 'center' });
        }
      }
      setError({ message: err.message, details: [...new Set(details)].filter((d) => d !== err.message) });
    };
    if (question) update.mutate({ id: question.id, input }, { onSuccess: (q) => onSaved(q, false), onError });
    else create.mutate({ bankId, input }, { onSuccess: (q) => onSaved(q, true), onError });
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={question ? 17 : 24}>
        <Form<EditorValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onFinish}
          scrollToFirstError={{ block: 'center' }}
          aria-label={question ? t('qb.editor.editLabel') : t('qb.editor.createLabel')}
        >
          {question ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={
                <>
                  {t('qb.editor.currentVersion')} <Tag color="blue">v{question.version}</Tag>
                </>
              }
              description={
                <>
                  <div>{t('qb.editor.versionNote', { next: question.version + 1 })}</div>
                  {question.usedInAttempts > 0 && (
                    <div>{t('qb.editor.usedInAttempts', { n: formatNumber(question.usedInAttempts) })}</div>
                  )}
                </>
              }
            />
          ) : null}
          {error && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={error.message}
              description={
                error.details.length > 0 ? (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {error.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                ) : undefined
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('qb.editor.general')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="type" label={t('qb.question.type')}>
                  <Select options={QUESTION_TYPES.map((ty) => ({ value: ty, label: t(`qb.type.${ty}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="categoryId" label={t('qb.question.category')} rules={[{ required: true, message: t('qb.required') }]}>
                  <TreeSelect treeData={categoryTree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={type === 'description' ? 24 : 16}>
                <Form.Item name="title" label={t('qb.question.title')} rules={required} extra={t('qb.editor.titleHint')}>
                  <Input maxLength={300} />
                </Form.Item>
              </Col>
              {type !== 'description' && (
                <Col xs={24} md={8}>
                  <Form.Item
                    name="defaultMark"
                    label={t('qb.question.defaultMark')}
                    rules={[
                      { required: true, message: t('qb.required') },
                      { type: 'number', min: 0.01, message: t('qb.editor.markPositive') },
                    ]}
                  >
                    <InputNumber min={0} max={1000} step={0.5} decimalSeparator="," style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24}>
                <Form.Item
                  name="text"
                  label={t('qb.editor.text')}
                  extra={type === 'missing_word' ? t('qb.editor.blankHint') : t('qb.editor.htmlHint')}
                  rules={[
                    ...required,
                    {
                      validator: async (_, value: string | undefined) => {
                        if (form.getFieldValue('type') === 'missing_word' && countBlanks(value ?? '') !== 1) {
                          throw new Error(t('qb.editor.needOneBlank'));
                        }
                      },
                    },
                  ]}
                >
                  <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} style={HTML_STYLE} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="tags" label={t('qb.question.tags')} extra={t('qb.editor.tagsHint')}>
                  <Select mode="tags" tokenSeparators={[',']} />
                </Form.Item>
              </Col>
              {type !== 'description' && (
                <Col xs={24}>
                  <Form.Item name="generalFeedback" label={t('qb.editor.generalFeedback')} extra={t('qb.editor.generalFeedbackHint')}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} style={HTML_STYLE} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          </Card>

          {kind !== 'none' && (
            <Card
              size="small"
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{kind === 'essay' ? t('qb.editor.essayOptions') : t('qb.editor.answers')}</h2>}
              style={{ marginBottom: 16 }}
            >
              {type === 'missing_word' && (
                <Form.Item name="baseType" label={t('qb.editor.baseType')} extra={t('qb.editor.baseTypeHint')}>
                  <Select options={MISSING_WORD_BASES.map((b) => ({ value: b, label: t(`qb.base.${b}`) }))} />
                </Form.Item>
              )}
              {kind === 'choices' && <ChoicesEditor multiple={false} />}
              {kind === 'multiple' && <ChoicesEditor multiple />}
              {kind === 'true_false' && <TrueFalseEditor />}
              {kind === 'accepted' && <AcceptedEditor />}
              {kind === 'numbers' && <NumbersEditor />}
              {kind === 'matching' && <MatchingEditor />}
              {kind === 'ordering' && <OrderingEditor />}
              {kind === 'essay' && <EssayEditor />}
            </Card>
          )}
          {kind === 'none' && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
              {t('qb.editor.descriptionHint')}
            </Typography.Paragraph>
          )}

          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={pending}>
              {question ? t('qb.editor.saveVersion', { n: question.version + 1 }) : t('common.save')}
            </Button>
            {question && (
              <Button icon={<EyeOutlined aria-hidden />} onClick={() => setPreviewing(question.version)}>
                {t('qb.preview.button')}
              </Button>
            )}
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      </Col>
      {question && (
        <Col xs={24} xl={7}>
          <QuestionVersions questionId={question.id} current={question.version} onPreview={setPreviewing} />
        </Col>
      )}
      {question && previewing !== null && (
        <QuestionPreviewModal
          questionId={question.id}
          version={previewing}
          dirty={previewing === question.version && form.isFieldsTouched()}
          onClose={() => setPreviewing(null)}
        />
      )}
    </Row>
  );
}
