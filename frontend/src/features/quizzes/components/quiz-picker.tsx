import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useT } from '../../../lib/i18n';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useQuiz } from '../api/get-quiz';
import { useQuizzes } from '../api/get-quizzes';

/** Picks the quiz of a course's quiz item (searches the quizzes in the caller's scope). */
export function QuizPicker({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  value?: string | null;
  onChange: (quizId: string | null) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const list = useQuizzes({ q: q || undefined, page: 1, pageSize: 20 });
  const selected = useQuiz(value ?? undefined);
  const options = (list.data?.items ?? []).map((quiz) => ({
    value: quiz.id,
    label: quiz.status === 'draft' ? `${quiz.title} (${t('quizzes.status.draft')})` : quiz.title,
  }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: selected.data?.title ?? (selected.isError ? t('quizPicker.unknown') : t('app.loading')) });
  }
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      allowClear
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      placeholder={t('quizPicker.placeholder')}
      notFoundContent={list.isFetching ? <Spin size="small" /> : t('quizPicker.none')}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
