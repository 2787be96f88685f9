import { useMemo, useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select, Switch, Table, Tag, TreeSelect, type TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { fold } from '../../../lib/fold';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { QueryError } from '../../../components/ui/query-error';
import { QUESTION_TYPES, type QuestionType } from '../types';
import { useBankQuestions, useBanks, useCategories, type BankCategory, type BankQuestion } from '../api/bank';
import { formatMark } from './quiz-labels';

type CategoryNode = { value: string; title: string; searchText: string; children: CategoryNode[] };

export function categoryTree(items: BankCategory[]): CategoryNode[] {
  const byParent = new Map<string | null, BankCategory[]>();
  for (const c of items) {
    const list = byParent.get(c.parentId) ?? [];
    list.push(c);
    byParent.set(c.parentId, list);
  }
  const ids = new Set(items.map((c) => c.id));
  const build = (parent: string | null): CategoryNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'vi'))
      .map((c) => ({ value: c.id, title: `${c.name} (${c.questionCount})`, searchText: fold(c.name), children: build(c.id) }));
  // orphans (a parent outside the list) are shown at the top level
  const roots = build(null);
  for (const c of items) if (c.parentId && !ids.has(c.parentId) && !roots.some((r) => r.value === c.id)) roots.push(...build(c.parentId));
  return roots;
}

/** Questions in a category, with its subcategories when asked. */
export function availableCount(items: BankCategory[], categoryId: string, includeSub: boolean): number {
  const self = items.find((c) => c.id === categoryId);
  if (!self) return 0;
  if (!includeSub) return self.questionCount;
  return self.questionCount + items.filter((c) => c.parentId === categoryId).reduce((n, c) => n + availableCount(items, c.id, true), 0);
}

function BankSelect({ id, value, onChange }: { id?: string; value?: string; onChange: (id: string | undefined) => void }) {
  const t = useT();
  const banks = useBanks();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={banks.isLoading}
      placeholder={t('qslots.pickBank')}
      showSearch={{ filterOption: (input, opt) => fold(String(opt?.label ?? '')).includes(fold(input)) }}
      options={(banks.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name} · ${b.ownerUnitName} (${b.questionCount})` }))}
      notFoundContent={banks.isError ? t('common.errorTitle') : t('qslots.noBanks')}
      style={{ width: '100%' }}
    />
  );
}

function CategorySelect({
  id,
  bankId,
  value,
  onChange,
  allowClear,
}: {
  id?: string;
  bankId?: string;
  value?: string;
  onChange: (id: string | undefined) => void;
  allowClear?: boolean;
}) {
  const t = useT();
  const categories = useCategories(bankId);
  const tree = useMemo(() => categoryTree(categories.data?.items ?? []), [categories.data]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange((v as string | undefined) ?? undefined)}
      treeData={tree}
      treeDefaultExpandAll
      disabled={!bankId}
      allowClear={allowClear}
      loading={categories.isLoading}
      placeholder={t('qslots.pickCategory')}
      showSearch={{ filterTreeNode: (input, node) => String((node as unknown as CategoryNode).searchText ?? '').includes(fold(input)) }}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}

export type PickedQuestion = Pick<BankQuestion, 'id' | 'title' | 'type' | 'version' | 'defaultMark'>;

/** Picks fixed questions from a bank: search (without diacritics too), category and type filters. */
export function QuestionPickerModal({
  existing,
  onAdd,
  onClose,
}: {
  existing: Set<string>;
  onAdd: (questions: PickedQuestion[]) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [bankId, setBankId] = useState<string>();
  const [categoryId, setCategoryId] = useState<string>();
  const [type, setType] = useState<QuestionType>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Map<string, PickedQuestion>>(new Map());
  const questions = useBankQuestions(bankId, { categoryId, includeSubcategories: true, type, q: q || undefined, page, pageSize: 10 });

  const columns: TableColumnsType<BankQuestion> = [
    {
      title: t('qslots.question'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, row) => (
        <>
          <div style={{ fontWeight: 500 }}>{title}</div>
          <div style={{ color: '#434343', fontSize: 13, overflowWrap: 'anywhere' }}>{row.textPreview}</div>
          {row.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </>
      ),
    },
    { title: t('qslots.type'), dataIndex: 'type', key: 'type', width: 150, render: (ty: QuestionType) => t(`quizzes.qtype.${ty}`) },
    { title: t('qslots.mark'), dataIndex: 'defaultMark', key: 'mark', width: 70, align: 'right', render: (m: number) => formatMark(m) },
  ];

  return (
    <Modal
      open
      title={t('qslots.addFixedTitle')}
      width={900}
      okText={t('qslots.addSelected', { n: selected.size })}
      okButtonProps={{ disabled: selected.size === 0 }}
      cancelText={t('common.cancel')}
      onOk={() => {
        onAdd([...selected.values()]);
        onClose();
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={12}>
          <label htmlFor="picker-bank" style={{ display: 'block', marginBottom: 4 }}>
            {t('qslots.bank')}
          </label>
          <BankSelect
            id="picker-bank"
            value={bankId}
            onChange={(id) => {
              setBankId(id);
              setCategoryId(undefined);
              setPage(1);
            }}
          />
        </Col>
        <Col xs={24} md={12}>
          <label htmlFor="picker-category" style={{ display: 'block', marginBottom: 4 }}>
            {t('qslots.category')}
          </label>
          <CategorySelect
            id="picker-category"
            bankId={bankId}
            value={categoryId}
            allowClear
            onChange={(id) => {
              setCategoryId(id);
              setPage(1);
            }}
          />
        </Col>
        <Col xs={24} md={14}>
          <Input
            aria-label={t('qslots.searchQuestions')}
            placeholder={t('qslots.searchQuestions')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            value={search}
            disabled={!bankId}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
        </Col>
        <Col xs={24} md={10}>
          <Select<QuestionType>
            aria-label={t('qslots.type')}
            placeholder={t('qslots.type')}
            allowClear
            value={type}
            disabled={!bankId}
            onChange={(v) => {
              setType(v);
              setPage(1);
            }}
            options={QUESTION_TYPES.map((ty) => ({ value: ty, label: t(`quizzes.qtype.${ty}`) }))}
            style={{ width: '100%' }}
          />
        </Col>
      </Row>
      {!bankId ? (
        <Alert type="info" showIcon title={t('qslots.pickBankFirst')} />
      ) : questions.isError ? (
        <QueryError error={questions.error} onRetry={() => questions.refetch()} />
      ) : (
        <Table<BankQuestion>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={questions.data?.items ?? []}
          loading={questions.isFetching}
          scroll={{ x: 600 }}
          locale={{ emptyText: t('qslots.noQuestions') }}
          rowSelection={{
            selectedRowKeys: [...selected.keys()],
            getCheckboxProps: (row) => ({ disabled: existing.has(row.id), 'aria-label': t('qslots.selectQuestion', { title: row.title }) }),
            onSelect: (row, checked) => {
              const next = new Map(selected);
              if (checked) next.set(row.id, row);
              else next.delete(row.id);
              setSelected(next);
            },
            onSelectAll: (checked, _rows, changed) => {
              const next = new Map(selected);
              for (const row of changed) {
                if (checked && !existing.has(row.id)) next.set(row.id, row);
                else next.delete(row.id);
              }
              setSelected(next);
            },
          }}
          pagination={{
            current: page,
            pageSize: 10,
            total: questions.data?.total ?? 0,
            onChange: setPage,
            showTotal: (total) => t('common.total', { n: formatNumber(total) }),
          }}
        />
      )}
    </Modal>
  );
}

export type RandomSlotValues = {
  bankId?: string;
  categoryId?: string;
  categoryName?: string;
  includeSubcategories: boolean;
  tag: string | null;
  count: number;
  mark: number;
};

/** A random slot: N questions drawn per attempt from a category (optionally with a tag and subcategories). */
export function RandomSlotModal({ onAdd, onClose }: { onAdd: (v: RandomSlotValues) => void; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<RandomSlotValues>();
  const bankId = Form.useWatch('bankId', form);
  const categoryId = Form.useWatch('categoryId', form);
  const includeSub = Form.useWatch('includeSubcategories', form) ?? true;
  const categories = useCategories(bankId);
  const available = bankId && categoryId ? availableCount(categories.data?.items ?? [], categoryId, includeSub) : null;

  const submit = async () => {
    let v: RandomSlotValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const cat = categories.data?.items.find((c) => c.id === v.categoryId);
    onAdd({ ...v, tag: v.tag?.trim() || null, categoryName: cat?.name });
    onClose();
  };

  return (
    <Modal open title={t('qslots.addRandomTitle')} okText={t('qslots.add')} cancelText={t('common.cancel')} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ includeSubcategories: true, count: 1, mark: 1, tag: '' }}>
        <Form.Item name="bankId" label={t('qslots.bank')} rules={[{ required: true, message: t('qslots.v.bankRequired') }]}>
          <BankSelect onChange={(id) => form.setFieldsValue({ bankId: id, categoryId: undefined })} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('qslots.category')} rules={[{ required: true, message: t('qslots.v.categoryRequired') }]}>
          <CategorySelect bankId={bankId} onChange={(id) => form.setFieldsValue({ categoryId: id })} />
        </Form.Item>
        <Form.Item name="includeSubcategories" label={t('qslots.includeSub')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="tag" label={t('qslots.tag')} extra={t('qslots.tagHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item
              name="count"
              label={t('qslots.count')}
              extra={available !== null ? t('qslots.available', { n: formatNumber(available) }) : undefined}
              rules={[
                { required: true, message: t('qslots.v.countRequired') },
                {
                  validator: (_: unknown, v: number | null) =>
                    v === null || v === undefined || (Number.isInteger(v) && v >= 1 && v <= 200)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('quizzes.v.range', { min: 1, max: 200 }))),
                },
                {
                  validator: (_: unknown, v: number | null) =>
                    // the tag filter may shrink the pool further; the server checks the exact number
                    available === null || !v || v <= available ? Promise.resolve() : Promise.reject(new Error(t('qslots.v.notEnough', { n: available }))),
                },
              ]}
            >
              <InputNumber min={1} max={200} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="mark" label={t('qslots.markEach')} rules={[{ required: true, message: t('qslots.v.markRequired') }, markRule(t)]}>
              <InputNumber min={0.01} max={1000} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export function markRule(t: ReturnType<typeof useT>) {
  return {
    validator: (_: unknown, v: number | null) =>
      v === null || v === undefined || (v > 0 && v <= 1000 && Math.round(v * 100) === v * 100)
        ? Promise.resolve()
        : Promise.reject(new Error(t('qslots.v.mark'))),
  };
}
