import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';
import { useT } from '../../../lib/i18n';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import type { TrainerOption } from '../types';
import { useTrainerOptions } from '../api/get-trainer-options';

const label = (o: TrainerOption) => `${o.displayName} (${o.username})${o.unitName ? ` · ${o.unitName}` : ''}`;

/**
 * Trainers of a course: several users with role trainer or manager of the caller's scope,
 * searched on the server (GET /api/courses/trainer-options?q=, diacritic-insensitive).
 */
export function TrainerSelect({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const query = useTrainerOptions(q);
  // Labels of users seen so far, so chosen people keep their name when the search changes.
  const [known, setKnown] = useState<Record<string, string>>({});
  useEffect(() => {
    const items = query.data?.items;
    if (!items?.length) return;
    setKnown((prev) => {
      const next = { ...prev };
      for (const o of items) next[o.id] = label(o);
      return next;
    });
  }, [query.data]);

  const options = (query.data?.items ?? []).map((o) => ({ value: o.id, label: label(o) }));
  for (const v of value ?? []) {
    if (!options.some((o) => o.value === v)) options.push({ value: v, label: known[v] ?? t('trainers.unknown') });
  }

  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(v: string[]) => {
        onChange?.(v);
        setSearch('');
      }}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      options={options}
      placeholder={t('trainers.placeholder')}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('trainers.none')}
      loading={query.isFetching}
      disabled={disabled}
      style={{ width: '100%' }}
      allowClear
    />
  );
}
