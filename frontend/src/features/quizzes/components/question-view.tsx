import { useState } from 'react';
import { Button, Checkbox, Input, Radio } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import type { AnyResponse, Keyed, PlayerQuestion, QuestionType } from '../types';
import { wordCount } from './response-text';

/** Typing is held this long before it is sent (every keystroke is still kept in localStorage). */
export const TEXT_HOLD_MS = 800;
export const ESSAY_HOLD_MS = 1500;

export function effectiveType(q: Pick<PlayerQuestion, 'type' | 'baseType'>): QuestionType {
  return q.type === 'missing_word' ? (q.baseType ?? 'short_answer') : q.type;
}

const html = (text: string) => ({ __html: text });

type Props = {
  question: PlayerQuestion;
  /** id of the question's heading, which labels the answer group */
  labelledBy: string;
  response: AnyResponse | null;
  onChange: (response: AnyResponse | null, holdMs?: number) => void;
  /** leaving a text field: send what was typed now */
  onCommit?: () => void;
  disabled?: boolean;
};

function ChoiceOption({ option }: { option: Keyed }) {
  // sanitised HTML from the server (question_versions.text / answers[].text)
  return <span style={{ overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={html(option.text)} />;
}

function Ordering({ question, response, onChange, disabled, labelledBy }: Props) {
  const t = useT();
  const items = question.items ?? [];
  const byKey = new Map(items.map((i) => [i.key, i]));
  const saved = response?.order?.filter((k) => byKey.has(k));
  const order = saved && saved.length === items.length ? saved : items.map((i) => i.key);
  const [announce, setAnnounce] = useState('');
  const move = (from: number, to: number) => {
    const next = [...order];
    const [x] = next.splice(from, 1);
    next.splice(to, 0, x);
    onChange({ order: next });
    const text = byKey.get(x)?.text.replace(/<[^>]*>/g, '') ?? '';
    setAnnounce(t('qplayer.orderMoved', { item: text, n: to + 1 }));
  };
  return (
    <div role="group" aria-labelledby={labelledBy}>
      <p style={{ color: '#434343', fontSize: 13 }}>{t('qplayer.orderHelp')}</p>
      <ol style={{ paddingInlineStart: 0, listStyle: 'none', margin: 0 }}>
        {order.map((key, i) => (
          <li key={key} style={{ display: 'flex', gap: 8, alignItems: 'center', border: '1px solid #d9d9d9', borderRadius: 6, padding: '6px 8px', marginBottom: 6, background: '#fff' }}>
            <span style={{ fontWeight: 600, minWidth: 20 }}>{i + 1}.</span>
            <span style={{ flex: 1, minWidth: 0 }} dangerouslySetInnerHTML={html(byKey.get(key)?.text ?? '')} />
            <Button
              size="small"
              icon={<ArrowUpOutlined aria-hidden />}
              aria-label={t('qplayer.orderUp', { n: i + 1 })}
              disabled={disabled || i === 0}
              onClick={() => move(i, i - 1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined aria-hidden />}
              aria-label={t('qplayer.orderDown', { n: i + 1 })}
              disabled={disabled || i === order.length - 1}
              onClick={() => move(i, i + 1)}
            />
          </li>
        ))}
      </ol>
      {!saved && !disabled && (
        <Button size="small" onClick={() => onChange({ order })}>
          {t('qplayer.orderKeep')}
        </Button>
      )}
      <div aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {announce}
      </div>
    </div>
  );
}

function Matching({ question, response, onChange, disabled, labelledBy }: Props) {
  const t = useT();
  const pairs = response?.pairs ?? {};
  return (
    <div role="group" aria-labelledby={labelledBy}>
      {(question.left ?? []).map((left) => {
        const id = `q${question.slot}-match-${left.key}`;
        return (
          <div key={left.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 10 }}>
            <label htmlFor={id} style={{ flex: '1 1 200px', minWidth: 0 }} dangerouslySetInnerHTML={html(left.text)} />
            <select
              id={id}
              className="quiz-select"
              value={pairs[left.key] ?? ''}
              disabled={disabled}
              onChange={(e) => {
                const next = { ...pairs };
                if (e.target.value) next[left.key] = e.target.value;
                else delete next[left.key];
                onChange(Object.keys(next).length ? { pairs: next } : null);
              }}
              style={{ flex: '1 1 180px', minWidth: 0, maxWidth: '100%', minHeight: 36, padding: '4px 8px', borderRadius: 6, border: '1px solid #8c8c8c', background: '#fff' }}
            >
              <option value="">{t('qplayer.matchChoose')}</option>
              {(question.right ?? []).map((r) => (
                <option key={r.key} value={r.key}>
                  {r.text}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );
}

function Essay({ question, response, onChange, onCommit, disabled, labelledBy }: Props) {
  const t = useT();
  const text = response?.text ?? (response ? '' : (question.essay?.responseTemplate ?? ''));
  const words = wordCount(text);
  const { minWords, maxWords } = question.essay ?? {};
  const over = maxWords !== undefined && words > maxWords;
  const under = minWords !== undefined && words > 0 && words < minWords;
  const hintId = `q${question.slot}-essay-hint`;
  return (
    <>
      <Input.TextArea
        aria-labelledby={labelledBy}
        aria-describedby={hintId}
        value={text}
        autoSize={{ minRows: 6, maxRows: 24 }}
        maxLength={20000}
        disabled={disabled}
        onChange={(e) => onChange({ text: e.target.value }, ESSAY_HOLD_MS)}
        onBlur={onCommit}
        status={over ? 'warning' : undefined}
      />
      <div id={hintId} style={{ color: over ? '#873800' : '#434343', fontSize: 13, marginTop: 4 }}>
        {t('qplayer.words', { n: words })}
        {minWords !== undefined && ` · ${t('qplayer.minWords', { n: minWords })}`}
        {maxWords !== undefined && ` · ${t('qplayer.maxWords', { n: maxWords })}`}
        {over && ` · ${t('qplayer.tooManyWords')}`}
        {under && ` · ${t('qplayer.tooFewWords')}`}
      </div>
    </>
  );
}

/** The answer widget of one question; the question text is rendered by the caller. */
export function QuestionAnswer(props: Props) {
  const t = useT();
  const { question, response, onChange, onCommit, disabled, labelledBy } = props;
  const type = effectiveType(question);
  const multiple = type === 'multiple_choice' || question.multiple === true;
  switch (type) {
    case 'description':
      return null;
    case 'single_choice':
    case 'multiple_choice':
    case 'true_false':
      if (multiple) {
        return (
          <div role="group" aria-labelledby={labelledBy}>
            <div style={{ color: '#434343', fontSize: 13, marginBottom: 6 }}>{t('qplayer.chooseMany')}</div>
            <Checkbox.Group
              value={response?.choices ?? []}
              disabled={disabled}
              onChange={(v) => onChange((v as string[]).length ? { choices: v as string[] } : null)}
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            >
              {(question.options ?? []).map((o) => (
                <Checkbox key={o.key} value={o.key}>
                  <ChoiceOption option={o} />
                </Checkbox>
              ))}
            </Checkbox.Group>
          </div>
        );
      }
      return (
        <div role="group" aria-labelledby={labelledBy}>
          <div style={{ color: '#434343', fontSize: 13, marginBottom: 6 }}>{t('qplayer.chooseOne')}</div>
          <Radio.Group
            value={response?.choice ?? null}
            disabled={disabled}
            onChange={(e) => onChange({ choice: e.target.value as string })}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          >
            {(question.options ?? []).map((o) => (
              <Radio key={o.key} value={o.key}>
                <ChoiceOption option={o} />
              </Radio>
            ))}
          </Radio.Group>
          {response?.choice && !disabled && (
            <Button type="link" size="small" style={{ paddingInline: 0, marginTop: 4 }} onClick={() => onChange(null)}>
              {t('qplayer.clearChoice')}
            </Button>
          )}
        </div>
      );
    case 'short_answer':
      return (
        <Input
          aria-labelledby={labelledBy}
          value={response?.text ?? ''}
          maxLength={20000}
          disabled={disabled}
          autoComplete="off"
          onChange={(e) => onChange({ text: e.target.value }, TEXT_HOLD_MS)}
          onBlur={onCommit}
          onPressEnter={onCommit}
          style={{ maxWidth: 480 }}
        />
      );
    case 'numeric':
      return (
        <Input
          aria-labelledby={labelledBy}
          aria-describedby={`q${question.slot}-num-hint`}
          value={response?.number ?? ''}
          inputMode="decimal"
          maxLength={100}
          disabled={disabled}
          autoComplete="off"
          onChange={(e) => onChange({ number: e.target.value }, TEXT_HOLD_MS)}
          onBlur={onCommit}
          onPressEnter={onCommit}
          style={{ maxWidth: 240 }}
          suffix={<span id={`q${question.slot}-num-hint`} style={{ color: '#434343', fontSize: 12 }}>{t('qplayer.numberHint')}</span>}
        />
      );
    case 'matching':
      return <Matching {...props} />;
    case 'ordering':
      return <Ordering {...props} />;
    case 'essay':
      return <Essay {...props} />;
    default:
      return null;
  }
}
