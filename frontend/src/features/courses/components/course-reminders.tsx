import { useState } from 'react';
import { Alert, App, Button, Col, Empty, Row, Select, Table, Tag, type TableColumnsType } from 'antd';
import { FileExcelOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { Course, Reminder } from '../types';
import { remindersExportUrl, useReminders, type ReminderFilters } from '../api/get-reminders';
import { EnrolmentStatusTag } from './course-labels';
import { downloadFile } from './download';
import { TAG } from './tag-colors';

const WITHIN_DAYS = [7, 14, 30];

/** "Quá hạn 3 ngày" / "Đến hạn hôm nay" / "Còn 5 ngày" (text, not only colour). */
function DueState({ days }: { days: number }) {
  const t = useT();
  if (days > 0) return <Tag color={TAG.red}>{t('reminders.overdueDays', { n: formatNumber(days) })}</Tag>;
  if (days === 0) return <Tag color={TAG.orange}>{t('reminders.dueToday')}</Tag>;
  return <Tag color={TAG.gold}>{t('reminders.daysLeft', { n: formatNumber(-days) })}</Tag>;
}

/**
 * Course detail, tab "Nhắc hạn": enrolled or in-progress people whose due date is past or near,
 * most overdue first, with how to reach them, and the same list as XLSX (an audited export).
 */
export function CourseReminders({ course }: { course: Course }) {
  const t = useT();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<ReminderFilters>({ withinDays: 7 });
  const query = useReminders(course.id, filters);
  const [downloading, setDownloading] = useState(false);
  const items = query.data?.items ?? [];

  const download = async () => {
    if (downloading) return;
    setDownloading(true);
    try {
      await downloadFile(remindersExportUrl(course.id, filters), `nhac-han-${course.code}.xlsx`);
    } catch (err) {
      message.error(`${t('progress.downloadFailed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setDownloading(false);
    }
  };

  const overdue = items.filter((r) => r.daysOverdue > 0).length;

  const columns: TableColumnsType<Reminder> = [
    {
      title: t('enrol.fullName'),
      key: 'name',
      fixed: 'left',
      width: 200,
      render: (_v, r) => (
        <>
          <div style={{ fontWeight: 500 }}>{r.enrolment.fullName}</div>
          <div style={{ fontSize: 12, color: '#434343' }}>{r.enrolment.unitName}</div>
        </>
      ),
    },
    { title: t('enrol.due'), key: 'due', width: 120, render: (_v, r) => formatDate(r.enrolment.dueDate) },
    { title: t('reminders.state'), key: 'state', width: 150, render: (_v, r) => <DueState days={r.daysOverdue} /> },
    { title: t('enrol.status'), key: 'status', width: 130, render: (_v, r) => <EnrolmentStatusTag status={r.enrolment.status} /> },
    { title: t('enrol.progress'), key: 'progress', width: 90, align: 'right', render: (_v, r) => `${Math.round(r.enrolment.progress)}%` },
    {
      title: t('reminders.email'),
      key: 'email',
      width: 220,
      render: (_v, r) =>
        r.email ? (
          <a href={`mailto:${r.email}`} style={{ overflowWrap: 'anywhere' }}>
            <MailOutlined aria-hidden /> {r.email}
          </a>
        ) : (
          <span style={{ color: '#434343' }}>{t('reminders.noContact')}</span>
        ),
    },
    {
      title: t('reminders.phone'),
      key: 'phone',
      width: 140,
      render: (_v, r) =>
        r.phone ? (
          <a href={`tel:${r.phone}`} style={{ whiteSpace: 'nowrap' }}>
            <PhoneOutlined aria-hidden /> {r.phone}
          </a>
        ) : (
          <span style={{ color: '#434343' }}>{t('reminders.noContact')}</span>
        ),
    },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
        <Col xs={24} md={10}>
          <Select
            aria-label={t('reminders.within')}
            style={{ width: '100%' }}
            value={filters.withinDays}
            onChange={(withinDays) => setFilters({ withinDays })}
            options={WITHIN_DAYS.map((n) => ({ value: n, label: t('reminders.withinN', { n }) }))}
          />
        </Col>
        <Col xs={24} md={14} style={{ display: 'flex', gap: 8, flexWrap: 'wrap', justifyContent: 'flex-end', alignItems: 'center' }}>
          {downloading && (
            <span role="status" style={{ color: '#434343' }}>
              {t('progress.downloading')}
            </span>
          )}
          <Button icon={<FileExcelOutlined aria-hidden />} loading={downloading} disabled={downloading || items.length === 0} onClick={download}>
            {t('progress.exportXlsx')}
          </Button>
        </Col>
      </Row>
      {query.data && items.length > 0 && (
        <Alert
          type={overdue > 0 ? 'warning' : 'info'}
          showIcon
          title={t('reminders.summary', { overdue: formatNumber(overdue), soon: formatNumber(items.length - overdue) })}
          style={{ marginBottom: 16 }}
        />
      )}
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<Reminder>
          rowKey={(r) => r.enrolment.id}
          columns={columns}
          dataSource={items}
          loading={query.isFetching}
          scroll={{ x: 1050 }}
          size="small"
          locale={{ emptyText: <Empty description={t('reminders.empty', { n: filters.withinDays })} /> }}
          pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { n: formatNumber(n) }) } : false}
        />
      )}
    </>
  );
}
