import { useState, type ReactNode } from 'react';
import { Badge, Button, Flex, Input, Table, type TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import type { User } from '../../../types/api';
import { useUsers } from '../api/get-users';
import { ResetPasswordModal, UserFormModal, type UserModalMode } from './user-modals';

export function UsersAdmin({ renderUnitSelect }: { renderUnitSelect: () => ReactNode }) {
  const t = useT();
  const labels = useLabels();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 350);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [mode, setMode] = useState<UserModalMode | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const query = useUsers({ q: q || undefined, page, pageSize });

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.email'), dataIndex: 'email', key: 'email' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: User['roles']) => roles.map((r) => labels.role[r]).join(', '),
    },
    { title: t('users.scope'), dataIndex: 'scopeUnitName', key: 'scope' },
    {
      title: t('staff.status'),
      dataIndex: 'isActive',
      key: 'isActive',
      render: (a: boolean) => <Badge status={a ? 'success' : 'default'} text={a ? t('users.active') : t('users.inactive')} />,
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', key: 'lastLoginAt', render: (d: string | null) => formatDateTime(d) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, u) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            icon={<EditOutlined aria-hidden />}
            aria-label={`${t('common.edit')} ${u.username}`}
            onClick={() => setMode({ kind: 'edit', user: u })}
          >
            {t('common.edit')}
          </Button>
          <Button
            size="small"
            icon={<KeyOutlined aria-hidden />}
            aria-label={`${t('users.resetPassword')} ${u.username}`}
            onClick={() => setResetting(u)}
          >
            {t('users.resetPassword')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setMode({ kind: 'create' })}>
            {t('users.create')}
          </Button>
        }
      />
      <div role="search" style={{ marginBottom: 16, maxWidth: 360 }}>
        <Input
          aria-label={t('common.search')}
          placeholder={t('common.search')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
      </div>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 1100 }}
          size="middle"
          pagination={{
            current: page,
            pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n: formatNumber(n) }),
            onChange: (p, ps) => {
              setPage(ps !== pageSize ? 1 : p);
              setPageSize(ps);
            },
          }}
        />
      )}
      <UserFormModal mode={mode} onClose={() => setMode(null)} renderUnitSelect={renderUnitSelect} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
