import { Link } from 'react-router';
import { Col, Input, Row, type TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { PagedTable } from '../../../components/ui/paged-table';
import type { Quiz } from '../types';
import { useQuizzes, type QuizFilters } from '../api/get-quizzes';
import { formatMark, QuizStatusTag } from './quiz-labels';
import { formatVn } from '../vn-time';

const DEFAULT_PAGE_SIZE = 20;

export function readQuizFilters(params: URLSearchParams): QuizFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    q: params.get('q')?.trim() || undefined,
    courseId: params.get('courseId') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 100 ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

export function QuizList() {
  const t = useT();
  const { filters, update, searchText, setSearchText } = useUrlFilters(readQuizFilters);
  const query = useQuizzes(filters);


  const columns: TableColumnsType<Quiz> = [
    {
      title: t('quizzes.field.title'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, q) => <Link to={`/quizzes/${q.id}`}>{title}</Link>,
    },
    { title: t('quizzes.field.ownerUnit'), dataIndex: 'ownerUnitName', key: 'unit' },
    { title: t('quizzes.field.status'), dataIndex: 'status', key: 'status', render: (s: Quiz['status']) => <QuizStatusTag status={s} /> },
    { title: t('quizzes.col.questions'), key: 'questions', align: 'right', render: (_: unknown, q) => formatNumber(q.questionCount ?? q.slotCount) },
    { title: t('quizzes.col.totalMarks'), dataIndex: 'totalMarks', key: 'marks', align: 'right', render: (n: number) => formatMark(n) },
    { title: t('quizzes.col.attempts'), dataIndex: 'attemptCount', key: 'attempts', align: 'right', render: (n: number) => formatNumber(n) },
    {
      title: t('quizzes.col.window'),
      key: 'window',
      render: (_: unknown, q) =>
        q.openAt || q.closeAt ? `${formatVn(q.openAt) || '…'} – ${formatVn(q.closeAt) || '…'}` : t('quizzes.alwaysOpen'),
    },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} role="search">
        <Col xs={24} md={12} xl={8}>
          <Input
            aria-label={t('common.search')}
            placeholder={t('quizzes.searchPlaceholder')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </Col>
      </Row>
      <PagedTable<Quiz>
        query={query}
        columns={columns}
        scrollX={900}
        emptyText={filters.q ? t('quizzes.emptySearch') : t('quizzes.empty')}
        page={filters.page}
        pageSize={filters.pageSize}
        onPageChange={(page, pageSize) =>
          update({ page: page > 1 ? page : undefined, pageSize: pageSize !== DEFAULT_PAGE_SIZE ? pageSize : undefined }, false)
        }
      />
    </>
  );
}
