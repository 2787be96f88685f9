import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Skeleton, Tree, TreeSelect, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { DeleteOutlined, EditOutlined, FolderAddOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { Category } from '../types';
import { useCategories } from '../api/get-categories';
import { useCreateCategory } from '../api/create-category';
import { useUpdateCategory } from '../api/update-category';
import { useDeleteCategory } from '../api/delete-category';
import { buildCategoryTree, flattenTree, toTreeSelectData, totalQuestions, type CategoryNode } from './category-tree-data';

export const ALL_CATEGORIES = '__all__';

type Editing = { mode: 'create'; parentId: string | null } | { mode: 'rename'; category: Category };

function CategoryModal({
  bankId,
  editing,
  tree,
  onClose,
  onSaved,
}: {
  bankId: string;
  editing: Editing;
  tree: CategoryNode[];
  onClose: () => void;
  onSaved: (category: Category) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ name: string; parentId?: string }>();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [error, setError] = useState<string | null>(null);
  const treeData = useMemo(() => toTreeSelectData(tree), [tree]);

  const submit = async () => {
    let values: { name: string; parentId?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const onError = (err: Error) => {
      if (isApiError(err) && err.fields.name) form.setFields([{ name: 'name', errors: [err.fields.name] }]);
      setError(isApiError(err) && err.status === 409 && !err.fields.name ? t('qb.category.duplicate') : err.message);
    };
    const name = values.name.trim();
    if (editing.mode === 'create') {
      create.mutate({ bankId, name, parentId: values.parentId ?? null }, { onSuccess: onSaved, onError });
    } else if (name === editing.category.name) {
      onClose();
    } else {
      update.mutate({ bankId, id: editing.category.id, changes: { name } }, { onSuccess: onSaved, onError });
    }
  };

  return (
    <Modal
      open
      title={editing.mode === 'create' ? t('qb.category.createTitle') : t('qb.category.renameTitle', { name: editing.category.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          editing.mode === 'create' ? { name: '', parentId: editing.parentId ?? undefined } : { name: editing.category.name }
        }
      >
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="name" label={t('qb.category.name')} rules={[{ required: true, whitespace: true, message: t('qb.required') }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        {editing.mode === 'create' && (
          <Form.Item name="parentId" label={t('qb.category.parent')} extra={t('qb.category.parentHint')}>
            <TreeSelect treeData={treeData} allowClear treeDefaultExpandAll placeholder={t('qb.category.rootLevel')} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/**
 * The bank's category tree: pick one to filter the questions (arrow keys + Enter in the tree), add a
 * subcategory, rename, delete (confirmed; a category that still holds questions or subcategories is refused).
 */
export function CategoryPanel({
  bankId,
  selectedId,
  onSelect,
}: {
  bankId: string;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const t = useT();
  const { modal, message } = App.useApp();
  const query = useCategories(bankId);
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const tree = useMemo(() => buildCategoryTree(query.data ?? []), [query.data]);
  const flat = useMemo(() => flattenTree(tree), [tree]);
  const selected = flat.find((c) => c.id === selectedId) ?? null;
  const total = tree.reduce((sum, n) => sum + totalQuestions(n), 0);

  const treeData: DataNode[] = useMemo(() => {
    const toNodes = (nodes: CategoryNode[]): DataNode[] =>
      nodes.map((n) => ({
        key: n.id,
        title: (
          <span>
            {n.name} <span style={{ color: '#434343' }}>({formatNumber(n.questionCount)})</span>
          </span>
        ),
        children: toNodes(n.children),
      }));
    return [{ key: ALL_CATEGORIES, title: `${t('qb.category.all')} (${formatNumber(total)})` }, ...toNodes(tree)];
  }, [tree, total, t]);

  const onDelete = () => {
    if (!selected) return;
    setDeleteError(null);
    modal.confirm({
      title: t('qb.category.deleteTitle', { name: selected.name }),
      content: t('qb.category.deleteConfirm'),
      okText: t('qb.delete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        remove.mutateAsync({ bankId, id: selected.id }).then(
          () => {
            message.success(t('qb.category.deleted'));
            onSelect(selected.parentId);
          },
          (err: Error) => {
            setDeleteError(
              isApiError(err) && err.code === 'CATEGORY_NOT_EMPTY' ? t('qb.category.notEmpty', { name: selected.name }) : err.message,
            );
          },
        ),
    });
  };

  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('qb.category.title')}
        </Typography.Title>
      }
    >
      {query.isError && <QueryError error={query.error} onRetry={() => query.refetch()} />}
      {deleteError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('qb.category.deleteFailed')}
          description={deleteError}
          closable={{ 'aria-label': t('common.close'), onClose: () => setDeleteError(null) }}
          style={{ marginBottom: 12 }}
        />
      )}
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button size="small" icon={<FolderAddOutlined aria-hidden />} onClick={() => setEditing({ mode: 'create', parentId: selected?.id ?? null })}>
          {selected ? t('qb.category.addSub') : t('qb.category.add')}
        </Button>
        <Button size="small" icon={<EditOutlined aria-hidden />} disabled={!selected} onClick={() => selected && setEditing({ mode: 'rename', category: selected })}>
          {t('qb.category.rename')}
        </Button>
        <Button size="small" danger icon={<DeleteOutlined aria-hidden />} disabled={!selected} onClick={onDelete} loading={remove.isPending}>
          {t('qb.delete')}
        </Button>
      </Flex>
      {selected && (
        <Typography.Paragraph style={{ fontSize: 13, color: '#434343', marginBottom: 8 }}>
          {t('qb.category.selected', { path: selected.path })}
        </Typography.Paragraph>
      )}
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <Tree
          aria-label={t('qb.category.treeLabel')}
          treeData={treeData}
          selectedKeys={[selectedId ?? ALL_CATEGORIES]}
          defaultExpandAll
          blockNode
          onSelect={(keys) => {
            const key = keys[0] as string | undefined;
            if (key === undefined) return; // clicking the selected node again keeps it
            setDeleteError(null);
            onSelect(key === ALL_CATEGORIES ? null : key);
          }}
        />
      )}
      {editing && (
        <CategoryModal
          bankId={bankId}
          editing={editing}
          tree={tree}
          onClose={() => setEditing(null)}
          onSaved={(category) => {
            message.success(editing.mode === 'create' ? t('qb.category.created') : t('qb.category.renamed'));
            setEditing(null);
            if (editing.mode === 'create') onSelect(category.id);
          }}
        />
      )}
    </Card>
  );
}
