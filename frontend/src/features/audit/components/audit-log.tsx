import { useState } from 'react';
import { Col, DatePicker, Descriptions, Input, Row, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../lib/i18n';
import { DATE_FORMAT, formatDateTime, formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { QueryError } from '../../../components/ui/query-error';
import type { AuditEvent } from '../../../types/api';
import { useAuditEvents } from '../api/get-audit-events';

export function AuditLog() {
  const t = useT();
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const debouncedAction = useDebouncedValue(action.trim(), 350);
  const debouncedEntity = useDebouncedValue(entityType.trim(), 350);
  const query = useAuditEvents({
    action: debouncedAction || undefined,
    entityType: debouncedEntity || undefined,
    from: range?.[0] ? range[0].format('YYYY-MM-DD') : undefined,
    to: range?.[1] ? range[1].format('YYYY-MM-DD') : undefined,
    page,
    pageSize,
  });

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 150, render: (d: string) => formatDateTime(d) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      key: 'actor',
      width: 140,
      render: (a: string | null) => a ?? t('audit.system'),
    },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', width: 180 },
    { title: t('audit.entityType'), dataIndex: 'entityType', key: 'entityType', width: 130 },
    { title: t('audit.summary'), dataIndex: 'summary', key: 'summary' },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} role="search">
        <Col xs={24} md={8}>
          <Input aria-label={t('audit.action')} placeholder={t('audit.action')} allowClear value={action} onChange={(e) => { setAction(e.target.value); setPage(1); }} />
        </Col>
        <Col xs={24} md={6}>
          <Input
            aria-label={t('audit.entityType')}
            placeholder={t('audit.entityType')}
            allowClear
            value={entityType}
            onChange={(e) => {
              setEntityType(e.target.value);
              setPage(1);
            }}
          />
        </Col>
        <Col xs={24} md={10}>
          <DatePicker.RangePicker
            aria-label={t('audit.dateRange')}
            format={DATE_FORMAT}
            value={range}
            onChange={(v) => {
              setRange(v);
              setPage(1);
            }}
            style={{ width: '100%' }}
          />
        </Col>
      </Row>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          size="middle"
          scroll={{ x: 900 }}
          expandable={{
            expandedRowRender: (e) => (
              <>
                <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                  <Descriptions.Item label={t('audit.ip')}>{e.ip}</Descriptions.Item>
                  <Descriptions.Item label={t('audit.requestId')}>{e.requestId}</Descriptions.Item>
                  <Descriptions.Item label="ID">{e.entityId}</Descriptions.Item>
                </Descriptions>
                <pre
                  aria-label={t('audit.details')}
                  tabIndex={0}
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0, fontSize: 12, maxHeight: 320, overflow: 'auto' }}
                >
                  {JSON.stringify(e.details, null, 2)}
                </pre>
              </>
            ),
          }}
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
    </>
  );
}
