import { useCallback, useId } from 'react';
import { useSearchParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { Button, DatePicker } from 'antd';
import { useT } from '../../../lib/i18n';
import { API_DATE_FORMAT, DATE_FORMAT } from '../../../lib/format';

export const todayIso = () => dayjs().format(API_DATE_FORMAT);

/** A valid past or present 'YYYY-MM-DD', else undefined (= today). */
export function readAsOf(value: string | null): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = dayjs(value, API_DATE_FORMAT);
  if (!d.isValid() || d.format(API_DATE_FORMAT) !== value) return undefined;
  return value > todayIso() ? undefined : value;
}

/** The "as of" date kept in the URL (?asOf=YYYY-MM-DD), so a view of a past date can be shared and reloaded. */
export function useAsOf(): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const asOf = readAsOf(params.get('asOf'));
  const setAsOf = useCallback(
    (value: string | undefined) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (!value || value >= todayIso()) next.delete('asOf');
          else next.set('asOf', value);
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [asOf, setAsOf];
}

/** "Số liệu tính đến ngày …": a date picker that refuses future days, and a button back to today. */
export function AsOfPicker({ value, onChange }: { value: string | undefined; onChange: (value: string | undefined) => void }) {
  const t = useT();
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <label htmlFor={id} style={{ fontWeight: 500 }}>
        {t('target.asOfLabel')}
      </label>
      <DatePicker
        id={id}
        aria-describedby={hintId}
        format={DATE_FORMAT}
        value={dayjs(value ?? todayIso(), API_DATE_FORMAT)}
        allowClear={false}
        disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')}
        onChange={(d) => onChange(d ? d.format(API_DATE_FORMAT) : undefined)}
        style={{ width: 150 }}
      />
      {value && <Button onClick={() => onChange(undefined)}>{t('target.asOfToday')}</Button>}
      <span id={hintId} style={{ color: '#434343', fontSize: 13 }}>
        {t('target.asOfHint')}
      </span>
    </div>
  );
}
