import { Table, Tag, type TableColumnsType } from 'antd';
import { CloseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import type { ImportIssue, ImportRow, ImportRowData } from '../../../types/api';

export const ERROR_TEXT_COLOR = '#a8071a';
export const WARNING_TEXT_COLOR = '#874d00';

function IssueList({ errors, warnings }: { errors: ImportIssue[]; warnings: ImportIssue[] }) {
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
      {errors.map((e, i) => (
        <li key={`e${i}`} style={{ color: ERROR_TEXT_COLOR, fontSize: 13 }}>
          <CloseCircleOutlined aria-hidden /> {e.message}
        </li>
      ))}
      {warnings.map((w, i) => (
        <li key={`w${i}`} style={{ color: WARNING_TEXT_COLOR, fontSize: 13 }}>
          <WarningOutlined aria-hidden /> {w.message}
        </li>
      ))}
    </ul>
  );
}

type ColumnDef = {
  key: string;
  title: string;
  fields: string[];
  value: (d: ImportRowData) => string;
  width?: number;
};

type Props = {
  rows: ImportRow[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
};

export function ImportRowsTable({ rows, total, page, pageSize, loading, onPageChange }: Props) {
  const t = useT();
  const defs: ColumnDef[] = [
    {
      key: 'name',
      title: t('staff.fullName'),
      fields: ['fullName', 'familyName', 'middleName', 'givenName'],
      value: (d) => d.fullName || [d.familyName, d.middleName, d.givenName].filter(Boolean).join(' '),
      width: 200,
    },
    { key: 'staffCode', title: t('staff.staffCode'), fields: ['staffCode'], value: (d) => d.staffCode ?? '' },
    { key: 'gender', title: t('staff.gender'), fields: ['gender'], value: (d) => d.gender ?? '' },
    { key: 'birthYear', title: t('staff.birthYear'), fields: ['birthYear'], value: (d) => (d.birthYear != null ? String(d.birthYear) : '') },
    { key: 'email', title: t('staff.email'), fields: ['email'], value: (d) => d.email ?? '', width: 200 },
    { key: 'phone', title: t('staff.phone'), fields: ['phone'], value: (d) => d.phone ?? '' },
    {
      key: 'unit',
      title: t('staff.unit'),
      fields: ['unitCode', 'unitName', 'unitId', 'unit'],
      value: (d) => [d.unitCode, d.unitName].filter(Boolean).join(' - '),
      width: 200,
    },
    { key: 'position', title: t('staff.position'), fields: ['position'], value: (d) => d.position ?? '' },
    { key: 'category', title: t('staff.category'), fields: ['category'], value: (d) => d.category ?? '' },
    { key: 'dtRole', title: t('staff.dtRole'), fields: ['dtRole'], value: (d) => d.dtRole ?? '' },
    { key: 'status', title: t('staff.status'), fields: ['status', 'leaveKind', 'statusSince'], value: (d) => d.status ?? '' },
  ];
  const shownFields = new Set(defs.flatMap((d) => d.fields));

  const columns: TableColumnsType<ImportRow> = [
    {
      title: t('import.row'),
      dataIndex: 'rowNumber',
      key: 'rowNumber',
      width: 72,
      fixed: 'left',
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('import.action'),
      dataIndex: 'action',
      key: 'action',
      width: 110,
      render: (a: ImportRow['action']) => <Tag>{t(`import.action.${a}`)}</Tag>,
    },
    ...defs.map((def) => ({
      title: def.title,
      key: def.key,
      width: def.width,
      render: (_: unknown, row: ImportRow) => (
        <>
          <span>{def.value(row.data)}</span>
          <IssueList
            errors={row.errors.filter((e) => def.fields.includes(e.field))}
            warnings={row.warnings.filter((w) => def.fields.includes(w.field))}
          />
        </>
      ),
    })),
    {
      title: t('import.issues'),
      key: 'issues',
      width: 220,
      render: (_: unknown, row: ImportRow) => (
        <IssueList
          errors={row.errors.filter((e) => !shownFields.has(e.field))}
          warnings={row.warnings.filter((w) => !shownFields.has(w.field))}
        />
      ),
    },
  ];

  return (
    <Table<ImportRow>
      rowKey="rowNumber"
      columns={columns}
      dataSource={rows}
      loading={loading}
      size="small"
      scroll={{ x: 1700 }}
      rowClassName={(r) => (r.errors.length > 0 ? 'import-row-error' : r.warnings.length > 0 ? 'import-row-warning' : '')}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) => t('common.total', { n: formatNumber(n) }),
        onChange: onPageChange,
      }}
    />
  );
}
