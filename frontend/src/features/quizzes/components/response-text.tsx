import { useT } from '../../../lib/i18n';
import type { AnyResponse } from '../types';

/** A learner's response as plain text for the trainer (essay text keeps its line breaks). */
export function ResponseText({ response }: { response: AnyResponse | null | undefined }) {
  const t = useT();
  if (!response) return <em>{t('qgrading.noResponse')}</em>;
  if (typeof response.text === 'string') {
    return response.text.trim() ? (
      <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{response.text}</div>
    ) : (
      <em>{t('qgrading.noResponse')}</em>
    );
  }
  if (typeof response.number === 'string') return <span>{response.number}</span>;
  if (typeof response.choice === 'string') return <span>{response.choice}</span>;
  if (Array.isArray(response.choices)) return <span>{response.choices.join(', ')}</span>;
  if (Array.isArray(response.order)) return <span>{response.order.join(' → ')}</span>;
  if (response.pairs) return <span>{Object.entries(response.pairs).map(([l, r]) => `${l} → ${r}`).join('; ')}</span>;
  return <em>{t('qgrading.noResponse')}</em>;
}

export function wordCount(text: string): number {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  return words.length;
}
