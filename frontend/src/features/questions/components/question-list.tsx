import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Checkbox, Col, Flex, Grid, Input, Row, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import type { UpdateParams } from '../../../lib/use-url-filters';
import { PagedTable } from '../../../components/ui/paged-table';
import { QUESTION_TYPES, type QuestionSummary, type QuestionType } from '../types';
import { useQuestions, type QuestionFilters } from '../api/get-questions';
import { useDeleteQuestion } from '../api/delete-question';
import { QuestionTypeTag } from './question-labels';

export const DEFAULT_QUESTION_PAGE_SIZE = 20;

/** The list filters kept in the bank page's URL (?category=&sub=0&type=&tag=&q=&page=&pageSize=). */
export function readQuestionFilters(params: URLSearchParams): QuestionFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const type = params.get('type');
  const categoryId = params.get('category') || undefined;
  return {
    categoryId,
    includeSubcategories: categoryId ? params.get('sub') !== '0' : undefined,
    type: (QUESTION_TYPES as string[]).includes(type ?? '') ? (type as QuestionType) : undefined,
    tag: params.get('tag')?.trim() || undefined,
    q: params.get('q')?.trim() || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 100 ? pageSize : DEFAULT_QUESTION_PAGE_SIZE,
  };
}


/** The questions of a bank: filters (type, tag, category with or without subcategories, diacritic-insensitive search), paging. */
export function QuestionList({
  bankId,
  filters,
  update,
  categoryName,
}: {
  bankId: string;
  filters: QuestionFilters;
  update: UpdateParams;
  categoryName: (id: string) => string | undefined;
}) {
  const t = useT();
  const { modal, message } = App.useApp();
  const query = useQuestions(bankId, filters);
  const remove = useDeleteQuestion();
  const screens = Grid.useBreakpoint();
  const wide = screens.md !== false;
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const [tagText, setTagText] = useState(filters.tag ?? '');
  const q = useDebouncedValue(searchText.trim(), 350);
  const tag = useDebouncedValue(tagText.trim(), 350);

  useEffect(() => {
    if ((filters.q ?? '') !== q) update({ q: q || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  useEffect(() => {
    if ((filters.tag ?? '') !== tag) update({ tag: tag || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tag]);

  const onDelete = (question: QuestionSummary) =>
    modal.confirm({
      title: t('qb.question.deleteTitle', { title: question.title }),
      content: t('qb.question.deleteConfirm'),
      okText: t('qb.delete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        remove.mutateAsync({ id: question.id, bankId }).then(
          () => message.success(t('qb.question.deleted')),
          (err: Error) => message.error(err.message),
        ),
    });

  const columns: TableColumnsType<QuestionSummary> = [
    {
      title: t('qb.question.title'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, q2) => (
        <>
          <Link to={`/question-banks/${bankId}/questions/${q2.id}`}>{title}</Link>
          {q2.textPreview && (
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13, color: '#434343' }}>
              {q2.textPreview}
            </Typography.Paragraph>
          )}
          <div style={{ fontSize: 12, color: '#434343' }}>{categoryName(q2.categoryId) ?? ''}</div>
          {!wide && (
            // phones: the type and the mark go under the title instead of in their own columns
            <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
              <QuestionTypeTag type={q2.type} />
              <span style={{ fontSize: 12 }}>{t('qb.question.markShort', { n: formatNumber(Number(q2.defaultMark)) })}</span>
            </Flex>
          )}
        </>
      ),
    },
    {
      title: t('qb.question.type'),
      dataIndex: 'type',
      key: 'type',
      width: 140,
      responsive: ['md'],
      render: (type: QuestionType) => <QuestionTypeTag type={type} />,
    },
    {
      title: t('qb.question.tags'),
      dataIndex: 'tags',
      key: 'tags',
      width: 150,
      responsive: ['lg'],
      render: (tags: string[]) => (
        <Flex gap={4} wrap>
          {tags.map((tg) => (
            <Tag key={tg} style={{ marginInlineEnd: 0 }}>
              {tg}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('qb.question.version'),
      dataIndex: 'version',
      key: 'version',
      width: 80,
      align: 'right',
      responsive: ['md'],
      render: (v: number) => `v${v}`,
    },
    {
      title: t('qb.question.defaultMark'),
      dataIndex: 'defaultMark',
      key: 'defaultMark',
      width: 70,
      align: 'right',
      responsive: ['md'],
      render: (m: number) => formatNumber(Number(m)),
    },
    {
      title: t('qb.question.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 110,
      responsive: ['xxl'],
      render: (d: string) => formatDate(d),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_: unknown, q2) => (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t('qb.question.deleteLabel', { title: q2.title })}
          onClick={() => onDelete(q2)}
        />
      ),
    },
  ];

  const filtered = !!(filters.q || filters.tag || filters.type);
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} role="search" aria-label={t('qb.question.filters')}>
        <Col xs={24} lg={10}>
          <Input
            aria-label={t('qb.question.search')}
            placeholder={t('qb.question.searchPlaceholder')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </Col>
        <Col xs={24} sm={12} lg={7}>
          <Select
            aria-label={t('qb.question.filterType')}
            placeholder={t('qb.question.filterType')}
            allowClear
            style={{ width: '100%' }}
            value={filters.type}
            onChange={(v) => update({ type: v })}
            options={QUESTION_TYPES.map((type) => ({ value: type, label: t(`qb.type.${type}`) }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={7}>
          <Input aria-label={t('qb.question.filterTag')} placeholder={t('qb.question.filterTag')} allowClear value={tagText} onChange={(e) => setTagText(e.target.value)} />
        </Col>
        {filters.categoryId && (
          <Col xs={24}>
            <Checkbox checked={filters.includeSubcategories !== false} onChange={(e) => update({ sub: e.target.checked ? undefined : '0' })}>
              {t('qb.question.includeSubcategories')}
            </Checkbox>
          </Col>
        )}
      </Row>
      <PagedTable<QuestionSummary>
        query={query}
        columns={columns}
        scrollX={wide ? 640 : 300}
        emptyText={filtered ? t('qb.question.emptyFiltered') : t('qb.question.empty')}
        page={filters.page}
        pageSize={filters.pageSize}
        onPageChange={(page, pageSize) =>
          update(
            { page: page > 1 ? page : undefined, pageSize: pageSize !== DEFAULT_QUESTION_PAGE_SIZE ? pageSize : undefined },
            false,
          )
        }
      />
    </>
  );
}
