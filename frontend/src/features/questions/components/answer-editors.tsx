/**
 * The answer part of the question editor, one editor per kind of question (see answerKind). Every row is a
 * Form.List entry, so server errors such as "data.answers.2.fraction" land on the right input.
 */
import type { ReactNode } from 'react';
import { Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLang, useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { ALLOWED_PERCENTS, type AnswerRow, type NumericRow } from './question-payload';

const HTML_STYLE = { fontFamily: 'monospace' } as const;
const maxPercent = (rows: AnswerRow[] | NumericRow[] | undefined) => Math.max(-Infinity, ...(rows ?? []).map((r) => r?.percent ?? 0));
const fullCount = (rows: AnswerRow[] | undefined) => (rows ?? []).filter((r) => r?.percent === 100).length;

/** The weight of an answer: one of the grades Moodle allows (100, 90, 83.33333 … 5, 0 %; negatives for multiple choice). */
function WeightSelect({ id, value, onChange, allowNegative, 'aria-label': ariaLabel }: {
  id?: string;
  value?: number | null;
  onChange?: (value: number) => void;
  allowNegative: boolean;
  'aria-label'?: string;
}) {
  const { lang } = useLang();
  const fmt = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 5 });
  const values = allowNegative ? [...ALLOWED_PERCENTS, ...ALLOWED_PERCENTS.filter((p) => p > 0).reverse().map((p) => -p)] : ALLOWED_PERCENTS;
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value ?? 0}
      onChange={onChange}
      showSearch={{ filterOption: (input, option) => String(option?.label ?? '').replace('−', '-').startsWith(input.trim()) }}
      options={values.map((p) => ({ value: p, label: `${p < 0 ? '−' : ''}${fmt.format(Math.abs(p))}%` }))}
      virtual={false}
      style={{ width: '100%' }}
    />
  );
}

/** Move up / move down / delete buttons of one row, each with its own accessible name. */
function RowActions({
  index,
  count,
  label,
  move,
  remove,
  minRows,
}: {
  index: number;
  count: number;
  label: string;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
  minRows: number;
}) {
  const t = useT();
  return (
    <Flex gap={4}>
      <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={t('qb.editor.moveUp', { label })} disabled={index === 0} onClick={() => move(index, index - 1)} />
      <Button
        size="small"
        icon={<ArrowDownOutlined aria-hidden />}
        aria-label={t('qb.editor.moveDown', { label })}
        disabled={index === count - 1}
        onClick={() => move(index, index + 1)}
      />
      <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('qb.editor.remove', { label })} disabled={count <= minRows} onClick={() => remove(index)} />
    </Flex>
  );
}

function ListErrors({ errors }: { errors: ReactNode[] }) {
  return errors.length ? (
    <div role="alert" style={{ marginBottom: 12 }}>
      <Form.ErrorList errors={errors} />
    </div>
  ) : null;
}

/** Single choice (weights 0..100 %, partial credit) or multiple choice (weights -100..100 %, negative = penalty). */
export function ChoicesEditor({ multiple }: { multiple: boolean }) {
  const t = useT();
  const form = Form.useFormInstance();
  const rows = Form.useWatch('choices', form) as AnswerRow[] | undefined;
  const positive = (rows ?? []).reduce((sum, r) => sum + Math.max(0, r?.percent ?? 0), 0);
  return (
    <>
      <Typography.Paragraph type="secondary">{multiple ? t('qb.editor.multipleHint') : t('qb.editor.singleHint')}</Typography.Paragraph>
      <Form.List
        name="choices"
        rules={[
          {
            validator: async (_, value: AnswerRow[] | undefined) => {
              if (!value || value.length < 2) throw new Error(t('qb.editor.needTwoChoices'));
              if (!multiple && fullCount(value) !== 1) throw new Error(t('qb.editor.needCorrect'));
              if (multiple) {
                const sum = value.reduce((total, r) => total + Math.max(0, r?.percent ?? 0), 0);
                if (sum <= 0) throw new Error(t('qb.editor.needPositive'));
                if (Math.abs(sum - 100) > 0.01) throw new Error(t('qb.editor.positiveSumWrong', { sum: formatNumber(Math.round(sum * 1000) / 1000) }));
              }
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((field, index) => {
              const label = t('qb.editor.choiceN', { n: index + 1 });
              const percent = rows?.[index]?.percent ?? 0;
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12, borderInlineStart: `4px solid ${percent > 0 ? '#389e0d' : percent < 0 ? '#cf1322' : '#d9d9d9'}` }}
                  title={<span style={{ fontWeight: 600 }}>{label}</span>}
                  extra={<RowActions index={index} count={fields.length} label={label} move={move} remove={remove} minRows={2} />}
                >
                  <Row gutter={12}>
                    <Col xs={24} md={17}>
                      <Form.Item
                        name={[field.name, 'text']}
                        label={t('qb.editor.choiceText')}
                        rules={[{ required: true, whitespace: true, message: t('qb.required') }]}
                      >
                        <Input.TextArea aria-label={t('qb.editor.choiceTextOf', { label })} autoSize={{ minRows: 1, maxRows: 6 }} style={HTML_STYLE} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={7}>
                      <Form.Item name={[field.name, 'percent']} label={t('qb.editor.weight')} rules={[{ required: true, message: t('qb.required') }]}>
                        <WeightSelect aria-label={t('qb.editor.weightOf', { label })} allowNegative={multiple} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[field.name, 'feedback']} label={t('qb.editor.answerFeedback')} style={{ marginBottom: 0 }}>
                        <Input.TextArea aria-label={t('qb.editor.feedbackOf', { label })} autoSize={{ minRows: 1, maxRows: 4 }} style={HTML_STYLE} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <ListErrors errors={errors} />
            <Flex gap={12} align="center" wrap>
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ text: '', percent: 0, feedback: '' })}>
                {t('qb.editor.addChoice')}
              </Button>
              {multiple && (
                <Typography.Text type={Math.abs(positive - 100) > 0.01 ? 'warning' : 'secondary'} aria-live="polite">
                  {t('qb.editor.positiveSum', { sum: formatNumber(Math.round(positive * 100) / 100) })}
                </Typography.Text>
              )}
            </Flex>
          </>
        )}
      </Form.List>
      <Form.Item name="shuffleAnswers" label={t('qb.editor.shuffle')} valuePropName="checked" style={{ marginTop: 16 }}>
        <Switch />
      </Form.Item>
    </>
  );
}

/** True / false with feedback for each answer. */
export function TrueFalseEditor() {
  const t = useT();
  return (
    <Row gutter={12}>
      <Col xs={24}>
        <Form.Item name="correctAnswer" label={t('qb.editor.correctAnswer')}>
          <Radio.Group
            options={[
              { value: true, label: t('qb.editor.true') },
              { value: false, label: t('qb.editor.false') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="trueFeedback" label={t('qb.editor.trueFeedback')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} style={HTML_STYLE} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="falseFeedback" label={t('qb.editor.falseFeedback')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} style={HTML_STYLE} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Short answer: several accepted answers with weights; case and Vietnamese-diacritic options. */
export function AcceptedEditor() {
  const t = useT();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('qb.editor.acceptedHint')}</Typography.Paragraph>
      <Form.List
        name="accepted"
        rules={[
          {
            validator: async (_, value: AnswerRow[] | undefined) => {
              if (!value || value.length === 0) throw new Error(t('qb.editor.needAccepted'));
              if (maxPercent(value) !== 100) throw new Error(t('qb.editor.needFullAccepted'));
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((field, index) => {
              const label = t('qb.editor.acceptedN', { n: index + 1 });
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={<span style={{ fontWeight: 600 }}>{label}</span>}
                  extra={<RowActions index={index} count={fields.length} label={label} move={move} remove={remove} minRows={1} />}
                >
                  <Row gutter={12}>
                    <Col xs={24} md={17}>
                      <Form.Item
                        name={[field.name, 'text']}
                        label={t('qb.editor.acceptedText')}
                        rules={[{ required: true, whitespace: true, message: t('qb.required') }]}
                      >
                        <Input aria-label={t('qb.editor.choiceTextOf', { label })} maxLength={500} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={7}>
                      <Form.Item name={[field.name, 'percent']} label={t('qb.editor.weight')} rules={[{ required: true, message: t('qb.required') }]}>
                        <WeightSelect aria-label={t('qb.editor.weightOf', { label })} allowNegative={false} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[field.name, 'feedback']} label={t('qb.editor.answerFeedback')} style={{ marginBottom: 0 }}>
                        <Input.TextArea aria-label={t('qb.editor.feedbackOf', { label })} autoSize={{ minRows: 1, maxRows: 4 }} style={HTML_STYLE} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <ListErrors errors={errors} />
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ text: '', percent: 100, feedback: '' })}>
              {t('qb.editor.addAccepted')}
            </Button>
          </>
        )}
      </Form.List>
      <Row gutter={12} style={{ marginTop: 16 }}>
        <Col xs={24} md={12}>
          <Form.Item name="caseInsensitive" label={t('qb.editor.caseInsensitive')} valuePropName="checked" extra={t('qb.editor.caseInsensitiveHint')}>
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="ignoreDiacritics" label={t('qb.editor.ignoreDiacritics')} valuePropName="checked" extra={t('qb.editor.ignoreDiacriticsHint')}>
            <Switch />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Numeric: each answer is a value ± tolerance or a range min–max, with a weight and feedback. */
export function NumbersEditor() {
  const t = useT();
  const form = Form.useFormInstance();
  const rows = Form.useWatch('numbers', form) as NumericRow[] | undefined;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('qb.editor.numericHint')}</Typography.Paragraph>
      <Form.List
        name="numbers"
        rules={[
          {
            validator: async (_, value: NumericRow[] | undefined) => {
              if (!value || value.length === 0) throw new Error(t('qb.editor.needAccepted'));
              if (maxPercent(value) !== 100) throw new Error(t('qb.editor.needFullAccepted'));
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((field, index) => {
              const label = t('qb.editor.numberN', { n: index + 1 });
              const mode = rows?.[index]?.mode ?? 'tolerance';
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={<span style={{ fontWeight: 600 }}>{label}</span>}
                  extra={<RowActions index={index} count={fields.length} label={label} move={move} remove={remove} minRows={1} />}
                >
                  <Form.Item name={[field.name, 'mode']} label={t('qb.editor.numericMode')}>
                    <Radio.Group
                      aria-label={t('qb.editor.numericModeOf', { label })}
                      options={[
                        { value: 'tolerance', label: t('qb.editor.modeTolerance') },
                        { value: 'range', label: t('qb.editor.modeRange') },
                      ]}
                    />
                  </Form.Item>
                  <Row gutter={12}>
                    {mode === 'tolerance' ? (
                      <>
                        <Col xs={12} md={8}>
                          <Form.Item name={[field.name, 'value']} label={t('qb.editor.value')} rules={[{ required: true, message: t('qb.required') }]}>
                            <InputNumber aria-label={t('qb.editor.valueOf', { label })} decimalSeparator="," style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={8}>
                          <Form.Item name={[field.name, 'tolerance']} label={t('qb.editor.tolerance')} rules={[{ required: true, message: t('qb.required') }]}>
                            <InputNumber aria-label={t('qb.editor.toleranceOf', { label })} min={0} decimalSeparator="," prefix="±" style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </>
                    ) : (
                      <>
                        <Col xs={12} md={8}>
                          <Form.Item name={[field.name, 'min']} label={t('qb.editor.min')} rules={[{ required: true, message: t('qb.required') }]}>
                            <InputNumber aria-label={t('qb.editor.minOf', { label })} decimalSeparator="," style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={8}>
                          <Form.Item
                            name={[field.name, 'max']}
                            label={t('qb.editor.max')}
                            dependencies={[['numbers', field.name, 'min']]}
                            rules={[
                              { required: true, message: t('qb.required') },
                              ({ getFieldValue }) => ({
                                validator: async (_, max: number | null) => {
                                  const min = getFieldValue(['numbers', field.name, 'min']) as number | null;
                                  if (min != null && max != null && max < min) throw new Error(t('qb.editor.minAboveMax'));
                                },
                              }),
                            ]}
                          >
                            <InputNumber aria-label={t('qb.editor.maxOf', { label })} decimalSeparator="," style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </>
                    )}
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'percent']} label={t('qb.editor.weight')} rules={[{ required: true, message: t('qb.required') }]}>
                        <WeightSelect aria-label={t('qb.editor.weightOf', { label })} allowNegative={false} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[field.name, 'feedback']} label={t('qb.editor.answerFeedback')} style={{ marginBottom: 0 }}>
                        <Input.TextArea aria-label={t('qb.editor.feedbackOf', { label })} autoSize={{ minRows: 1, maxRows: 4 }} style={HTML_STYLE} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <ListErrors errors={errors} />
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ mode: 'tolerance', value: null, tolerance: 0, min: null, max: null, percent: 0, feedback: '' } satisfies NumericRow)}
            >
              {t('qb.editor.addNumber')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

/** Matching: prompt → answer pairs, plus answers that match no prompt (distractors). */
export function MatchingEditor() {
  const t = useT();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('qb.editor.matchingHint')}</Typography.Paragraph>
      <Form.List
        name="pairs"
        rules={[
          {
            validator: async (_, value: unknown[] | undefined) => {
              if (!value || value.length < 2) throw new Error(t('qb.editor.needTwoPairs'));
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((field, index) => {
              const label = t('qb.editor.pairN', { n: index + 1 });
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={<span style={{ fontWeight: 600 }}>{label}</span>}
                  extra={<RowActions index={index} count={fields.length} label={label} move={move} remove={remove} minRows={2} />}
                >
                  <Row gutter={12}>
                    <Col xs={24} md={14}>
                      <Form.Item name={[field.name, 'left']} label={t('qb.editor.pairLeft')} rules={[{ required: true, whitespace: true, message: t('qb.required') }]} style={{ marginBottom: 0 }}>
                        <Input.TextArea aria-label={t('qb.editor.pairLeftOf', { label })} autoSize={{ minRows: 1, maxRows: 4 }} style={HTML_STYLE} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item name={[field.name, 'right']} label={t('qb.editor.pairRight')} rules={[{ required: true, whitespace: true, message: t('qb.required') }]} style={{ marginBottom: 0 }}>
                        <Input aria-label={t('qb.editor.pairRightOf', { label })} maxLength={500} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <ListErrors errors={errors} />
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ left: '', right: '' })}>
              {t('qb.editor.addPair')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 24 }}>
        {t('qb.editor.distractors')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('qb.editor.distractorsHint')}</Typography.Paragraph>
      <Form.List name="distractors">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => {
              const label = t('qb.editor.distractorN', { n: index + 1 });
              return (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true, message: t('qb.required') }]} style={{ flex: 1 }}>
                    <Input aria-label={label} placeholder={label} maxLength={500} />
                  </Form.Item>
                  <Button danger icon={<DeleteOutlined aria-hidden />} aria-label={t('qb.editor.remove', { label })} onClick={() => remove(index)} />
                </Flex>
              );
            })}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ text: '' })}>
              {t('qb.editor.addDistractor')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="shuffleAnswers" label={t('qb.editor.shufflePrompts')} valuePropName="checked" style={{ marginTop: 16 }}>
        <Switch />
      </Form.Item>
    </>
  );
}

/** Ordering: the items in the correct order (the learner sees them shuffled). */
export function OrderingEditor() {
  const t = useT();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('qb.editor.orderingHint')}</Typography.Paragraph>
      <Form.List
        name="items"
        rules={[
          {
            validator: async (_, value: unknown[] | undefined) => {
              if (!value || value.length < 2) throw new Error(t('qb.editor.needTwoItems'));
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <>
            <ol style={{ paddingInlineStart: 0, listStyle: 'none', margin: 0 }}>
              {fields.map((field, index) => {
                const label = t('qb.editor.itemN', { n: index + 1 });
                return (
                  <li key={field.key}>
                    <Flex gap={8} align="flex-start">
                      <span aria-hidden style={{ minWidth: 24, paddingTop: 5, fontWeight: 600 }}>
                        {index + 1}.
                      </span>
                      <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true, message: t('qb.required') }]} style={{ flex: 1 }}>
                        <Input aria-label={label} maxLength={1000} />
                      </Form.Item>
                      <div style={{ paddingTop: 4 }}>
                        <RowActions index={index} count={fields.length} label={label} move={move} remove={remove} minRows={2} />
                      </div>
                    </Flex>
                  </li>
                );
              })}
            </ol>
            <ListErrors errors={errors} />
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ text: '' })}>
              {t('qb.editor.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

/** Essay: word limits and the text the answer box starts with; graded by hand. */
export function EssayEditor() {
  const t = useT();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('qb.editor.essayHint')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="essayMinWords" label={t('qb.editor.minWords')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="essayMaxWords"
            label={t('qb.editor.maxWords')}
            dependencies={['essayMinWords']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, max: number | null) => {
                  const min = getFieldValue('essayMinWords') as number | null;
                  if (min != null && max != null && max < min) throw new Error(t('qb.editor.minWordsAboveMax'));
                },
              }),
            ]}
          >
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="essayTemplate" label={t('qb.editor.responseTemplate')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
