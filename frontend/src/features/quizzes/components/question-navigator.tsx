import { FlagFilled } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';

export type NavEntry = {
  slot: number;
  /** the number shown to the learner (descriptions are not numbered) */
  number: number | null;
  answered: boolean;
  flagged: boolean;
  current: boolean;
  disabled: boolean;
};

/**
 * One button per question: filled = answered, a flag = flagged, a thick border = on the current page.
 * Each button's accessible name says all three (colour is never the only signal).
 */
export function QuestionNavigator({ entries, onSelect }: { entries: NavEntry[]; onSelect: (slot: number) => void }) {
  const t = useT();
  const numbered = entries.filter((e) => e.number !== null);
  const answered = numbered.filter((e) => e.answered).length;
  return (
    <nav aria-label={t('qplayer.navigator')}>
      <div style={{ color: '#434343', fontSize: 13, marginBottom: 8 }}>{t('qplayer.answeredOf', { n: answered, total: numbered.length })}</div>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {numbered.map((e) => {
          const states = [e.answered ? t('qplayer.nav.answered') : t('qplayer.nav.notAnswered')];
          if (e.flagged) states.push(t('qplayer.nav.flagged'));
          if (e.current) states.push(t('qplayer.nav.current'));
          return (
            <li key={e.slot}>
              <button
                type="button"
                className="quiz-nav-btn"
                aria-label={`${t('qplayer.questionN', { n: e.number! })}: ${states.join(', ')}`}
                aria-current={e.current ? 'step' : undefined}
                disabled={e.disabled}
                onClick={() => onSelect(e.slot)}
                style={{
                  position: 'relative',
                  width: 40,
                  height: 40,
                  borderRadius: 6,
                  fontWeight: 600,
                  fontSize: 14,
                  cursor: e.disabled ? 'not-allowed' : 'pointer',
                  color: e.answered ? '#fff' : '#1f1f1f',
                  background: e.answered ? '#0958d9' : '#fff',
                  border: e.current ? '3px solid #002c8c' : '1px solid #8c8c8c',
                  opacity: e.disabled ? 0.55 : 1,
                }}
              >
                {e.number}
                {e.flagged && (
                  <FlagFilled
                    aria-hidden
                    style={{ position: 'absolute', top: -6, right: -6, color: '#a8071a', fontSize: 14, background: '#fff', borderRadius: 7 }}
                  />
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <ul style={{ listStyle: 'none', padding: 0, margin: '10px 0 0', fontSize: 12, color: '#434343', display: 'flex', flexWrap: 'wrap', gap: 12 }} aria-hidden>
        <li>
          <span style={{ display: 'inline-block', width: 12, height: 12, background: '#0958d9', borderRadius: 2, marginInlineEnd: 4 }} />
          {t('qplayer.nav.answered')}
        </li>
        <li>
          <span style={{ display: 'inline-block', width: 12, height: 12, border: '1px solid #8c8c8c', borderRadius: 2, marginInlineEnd: 4 }} />
          {t('qplayer.nav.notAnswered')}
        </li>
        <li>
          <FlagFilled style={{ color: '#a8071a', marginInlineEnd: 4 }} />
          {t('qplayer.nav.flagged')}
        </li>
      </ul>
    </nav>
  );
}
