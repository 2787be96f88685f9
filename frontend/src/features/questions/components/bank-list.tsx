import { Link } from 'react-router';
import { Button, Col, Input, Row, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { PagedTable } from '../../../components/ui/paged-table';
import type { Bank } from '../types';
import { useBanks, type BankFilters } from '../api/get-banks';

const DEFAULT_PAGE_SIZE = 20;

export function readBankFilters(params: URLSearchParams): BankFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    q: params.get('q')?.trim() || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 100 ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The question banks of the caller's scope, with a diacritic-insensitive search. */
export function BankList({ onCreate }: { onCreate: () => void }) {
  const t = useT();
  const { filters, update, searchText, setSearchText } = useUrlFilters(readBankFilters);
  const query = useBanks(filters);


  const columns: TableColumnsType<Bank> = [
    {
      title: t('qb.bank.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, b) => <Link to={`/question-banks/${b.id}`}>{name}</Link>,
    },
    { title: t('qb.bank.ownerUnit'), dataIndex: 'ownerUnitName', key: 'ownerUnitName' },
    {
      title: t('qb.bank.questionCount'),
      dataIndex: 'questionCount',
      key: 'questionCount',
      align: 'right',
      width: 120,
      render: (n: number) => formatNumber(n),
    },
    { title: t('qb.bank.description'), dataIndex: 'description', key: 'description', ellipsis: true, responsive: ['md'] },
  ];

  const searching = !!filters.q;
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} role="search">
        <Col xs={24} md={12} xl={8}>
          <Input
            aria-label={t('qb.bank.search')}
            placeholder={t('qb.bank.searchPlaceholder')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </Col>
      </Row>
      <PagedTable<Bank>
        query={query}
        columns={columns}
        scrollX={560}
        emptyText={
          searching ? (
            t('qb.bank.emptySearch')
          ) : (
            <>
              <div>{t('qb.bank.empty')}</div>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onCreate} style={{ marginTop: 12 }}>
                {t('qb.bank.create')}
              </Button>
            </>
          )
        }
        page={filters.page}
        pageSize={filters.pageSize}
        onPageChange={(page, pageSize) =>
          update({ page: page > 1 ? page : undefined, pageSize: pageSize !== DEFAULT_PAGE_SIZE ? pageSize : undefined }, false)
        }
      />
    </>
  );
}
