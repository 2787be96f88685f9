import { useEffect, useRef, useState } from 'react';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatRemaining, type ServerClock } from '../server-clock';

/** Minutes left at which screen readers are told (not every second). */
export const WARNINGS_MIN = [10, 5, 1];

const hidden: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

/**
 * Time left until `deadlineAt` by the SERVER's clock (ServerClock), never the device's. The visible clock is a
 * role="timer" (not announced); a separate live region speaks at 10, 5 and 1 minute(s) left and at the end.
 */
export function QuizTimer({
  clock,
  deadlineAt,
  onExpire,
  leadMs = 0,
}: {
  clock: ServerClock;
  deadlineAt: string;
  onExpire: () => void;
  /** call onExpire this long before the deadline (so that a submit sent then reaches the server in time) */
  leadMs?: number;
}) {
  const t = useT();
  const [remaining, setRemaining] = useState<number | null>(() => clock.remaining(deadlineAt));
  const [warning, setWarning] = useState('');
  /** the smallest threshold already announced */
  const level = useRef(Infinity);
  const expired = useRef(false);
  const onExpireRef = useRef(onExpire);
  onExpireRef.current = onExpire;

  useEffect(() => {
    const tick = () => {
      const ms = clock.remaining(deadlineAt);
      if (ms === null) {
        setRemaining(null);
        return;
      }
      if (ms <= leadMs) {
        setRemaining(0);
        if (!expired.current) {
          expired.current = true;
          setWarning(t('qtimer.expired'));
          onExpireRef.current();
        }
        return;
      }
      setRemaining(ms);
      const minutes = ms / 60000;
      const reached = WARNINGS_MIN.filter((w) => minutes <= w);
      const now = reached.length ? Math.min(...reached) : Infinity;
      if (now < level.current) {
        level.current = now;
        setWarning(now === 1 ? t('qtimer.warnOne') : t('qtimer.warn', { n: now }));
      }
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [clock, deadlineAt, leadMs, t]);

  if (remaining === null) return null;
  const low = remaining <= 5 * 60000;
  const critical = remaining <= 60000;
  return (
    <div
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 6,
        fontVariantNumeric: 'tabular-nums',
        fontWeight: 600,
        fontSize: 18,
        padding: '4px 10px',
        borderRadius: 6,
        color: critical ? '#fff' : low ? '#873800' : '#1f1f1f',
        background: critical ? '#a8071a' : low ? '#fff7e6' : '#f5f5f5',
        border: `1px solid ${critical ? '#a8071a' : low ? '#ffd591' : '#d9d9d9'}`,
      }}
    >
      <ClockCircleOutlined aria-hidden />
      <span role="timer" aria-live="off" aria-label={t('qtimer.label', { time: formatRemaining(remaining) })} data-testid="quiz-timer">
        {formatRemaining(remaining)}
      </span>
      <span aria-live="assertive" style={hidden}>
        {warning}
      </span>
    </div>
  );
}
