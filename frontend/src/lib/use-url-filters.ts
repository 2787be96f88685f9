import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from './use-debounced-value';

/** Changes some query-string parameters (an empty value removes one); back to page 1 unless `page` is among them. */
export type UpdateParams = (changes: Record<string, string | number | null | undefined>, resetPage?: boolean) => void;

/** The list filters kept in the URL (shareable, kept on reload and back): `update` changes them in place. */
export function useUpdateParams(): [URLSearchParams, UpdateParams, ReturnType<typeof useSearchParams>[1]] {
  const [params, setParams] = useSearchParams();
  const update: UpdateParams = useCallback(
    (changes, resetPage = true) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (resetPage && !('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, update, setParams];
}

/**
 * A server-paged list's filters read from the URL by `read` (a module-level function), with a search box whose text
 * goes into `q` 350 ms after the last key stroke (one request per word typed, not per key).
 */
export function useUrlFilters<F extends { q?: string }>(read: (params: URLSearchParams) => F) {
  const [params, update, setParams] = useUpdateParams();
  const filters = useMemo(() => read(params), [read, params]);
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const debounced = useDebouncedValue(searchText.trim(), 350);
  useEffect(() => {
    if ((filters.q ?? '') !== debounced) update({ q: debounced || undefined });
    // only when the typed text settles: a filter changed elsewhere must not re-send an old search
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return { params, filters, update, setParams, searchText, setSearchText };
}
