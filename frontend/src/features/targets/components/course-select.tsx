import { useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useT } from '../../../lib/i18n';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { coursesQuery } from '../../courses/api/get-courses';
import { courseQuery } from '../../courses/api/get-course';
import type { CourseStatus } from '../../courses/types';

type Common = {
  id?: string;
  status?: CourseStatus;
  placeholder?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
};
type Single = Common & { mode?: undefined; value?: string | null; onChange?: (v: string | undefined) => void };
type Multiple = Common & { mode: 'multiple'; value?: string[]; onChange?: (v: string[]) => void };

/** Courses of the caller's scope, searched on the server (GET /api/courses?q=); chosen ones keep their titles. */
export function CourseSelect(props: Single | Multiple) {
  const t = useT();
  const { id, status, placeholder, disabled } = props;
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const list = useQuery(coursesQuery({ q: q || undefined, status, page: 1, pageSize: 50 }));
  const selected = props.mode === 'multiple' ? (props.value ?? []) : props.value ? [props.value] : [];
  const listed = new Map((list.data?.items ?? []).map((c) => [c.id, c]));
  const missing = selected.filter((s) => !listed.has(s));
  const extra = useQueries({ queries: missing.map((cid) => ({ ...courseQuery(cid), staleTime: 60_000 })) });
  const options = [...listed.values()].map((c) => ({ value: c.id, label: `${c.title} (${c.code})` }));
  missing.forEach((cid, i) => {
    const c = extra[i]?.data;
    options.push({ value: cid, label: c ? `${c.title} (${c.code})` : t('app.loading') });
  });
  const common = {
    id,
    disabled,
    'aria-label': props['aria-label'],
    'aria-describedby': props['aria-describedby'],
    'aria-invalid': props['aria-invalid'],
    showSearch: { filterOption: false, onSearch: setSearch, searchValue: search },
    placeholder: placeholder ?? t('targets.coursePlaceholder'),
    notFoundContent: list.isFetching ? <Spin size="small" /> : t('targets.noCourse'),
    options,
    style: { width: '100%' },
    allowClear: true,
    onBlur: () => setSearch(''),
  };
  if (props.mode === 'multiple') {
    return (
      <Select<string[]>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(v) => {
          props.onChange?.(v);
          setSearch('');
        }}
      />
    );
  }
  return (
    <Select<string>
      {...common}
      value={props.value ?? undefined}
      onChange={(v) => {
        props.onChange?.(v ?? undefined);
        setSearch('');
      }}
    />
  );
}
