import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TableColumnsType } from 'antd';
import { useT } from '../../lib/i18n';
import { formatNumber } from '../../lib/format';
import type { Page } from '../../types/api';
import { QueryError } from './query-error';

/**
 * A table paged on the server: the error state with a retry, the empty state, and the pager
 * (page sizes 10–100, "Tổng số N") shared by every list page.
 */
export function PagedTable<T extends { id: string }>({
  query,
  columns,
  scrollX,
  emptyText,
  page,
  pageSize,
  onPageChange,
  totalText,
}: {
  query: UseQueryResult<Page<T>>;
  columns: TableColumnsType<T>;
  scrollX: number;
  emptyText: ReactNode;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  /** overrides "Tổng số N", e.g. for a capped search total */
  totalText?: (total: number) => ReactNode;
}) {
  const t = useT();
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<T>
      rowKey="id"
      columns={columns}
      dataSource={query.data?.items ?? []}
      loading={query.isFetching}
      scroll={{ x: scrollX }}
      size="middle"
      locale={{ emptyText: <Empty description={emptyText} /> }}
      pagination={{
        current: page,
        pageSize,
        total: query.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: totalText ?? ((total) => t('common.total', { n: formatNumber(total) })),
        onChange: onPageChange,
      }}
    />
  );
}
