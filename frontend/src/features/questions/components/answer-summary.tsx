import { Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useLang, useT } from '../../../lib/i18n';
import type { QuestionData, QuestionType } from '../types';

const InlineHtml = ({ html }: { html: string }) => <span className="question-html" dangerouslySetInnerHTML={{ __html: html }} />;

/** The answers of a question with their weights (trainer view: used in the import preview). */
export function AnswerSummary({ type, data }: { type: QuestionType; data: QuestionData }) {
  const t = useT();
  const { lang } = useLang();
  const fmt = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 5 });
  const percent = (f: number) => `${f < 0 ? '−' : ''}${fmt.format(Math.abs(Math.round(f * 1e7) / 1e5))}%`;
  const base = type === 'missing_word' ? (data.baseType ?? 'short_answer') : type;
  const listStyle = { margin: 0, paddingInlineStart: 20 } as const;

  if (base === 'true_false') {
    return <Typography.Text>{t('qb.import.correctAnswer', { answer: data.correctAnswer === false ? t('qb.editor.false') : t('qb.editor.true') })}</Typography.Text>;
  }
  if (base === 'matching') {
    return (
      <ul style={listStyle} aria-label={t('qb.import.options')}>
        {data.pairs.map((p, i) => (
          <li key={i} style={{ overflowWrap: 'anywhere' }}>
            {p.left ? <InlineHtml html={p.left} /> : <em>{t('qb.import.distractor')}</em>} → {p.right}
          </li>
        ))}
      </ul>
    );
  }
  if (base === 'ordering') {
    return (
      <ol style={listStyle} aria-label={t('qb.import.correctOrder')}>
        {data.pairs.map((p, i) => (
          <li key={i} style={{ overflowWrap: 'anywhere' }}>
            <InlineHtml html={p.left} />
          </li>
        ))}
      </ol>
    );
  }
  if (base === 'essay' || base === 'description' || data.answers.length === 0) return null;
  const rich = base === 'single_choice' || base === 'multiple_choice';
  return (
    <>
      {base === 'short_answer' && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {[data.caseSensitive ? t('qb.import.caseSensitive') : t('qb.editor.caseInsensitive'), data.ignoreDiacritics ? t('qb.editor.ignoreDiacritics') : null]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      )}
      <ul style={listStyle} aria-label={t('qb.import.options')}>
        {data.answers.map((a, i) => (
          <li key={i} style={{ overflowWrap: 'anywhere' }}>
            {rich ? <InlineHtml html={a.text} /> : a.text}{' '}
            {a.fraction === 1 ? (
              <Tag color="green" icon={<CheckOutlined aria-hidden />}>
                {t('qb.import.correct')}
              </Tag>
            ) : a.fraction !== 0 ? (
              <Tag color={a.fraction > 0 ? 'green' : 'red'}>{percent(a.fraction)}</Tag>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
