import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Input, InputNumber, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { QueryError } from '../../../components/ui/query-error';
import { NotFound } from '../../../components/ui/not-found';
import type { Mark, MarkHistory, MarkResult, MarkStatus } from '../types';
import { useMarks } from '../api/get-marks';
import { useSavePaperMarks } from '../api/save-paper-marks';
import { useMarkHistory } from '../api/get-mark-history';
import { signInSheetUrl } from '../api/get-class-report';
import { formatVnDate, formatVnDateTime } from '../time';
import { MarkStatusTag, ToneTag } from './labels';
import { CountsBar, statusLabel } from './marking-page';
import '../attendance.css';

/** One key per status, as printed on the legend (Vietnamese initials, or 1-5). */
export const PAPER_CODES: Record<string, MarkStatus> = {
  C: 'present',
  '1': 'present',
  M: 'late',
  '2': 'late',
  S: 'left_early',
  '3': 'left_early',
  P: 'excused',
  '4': 'excused',
  K: 'unexcused',
  '5': 'unexcused',
};
const CODE_OF: Record<MarkStatus, string> = { present: 'C', late: 'M', left_early: 'S', excused: 'P', unexcused: 'K' };

type Entry = { code: string; lateMinutes: number | null; remark: string };

/** The history of marks of the session: who changed what, when, and the older offline marks that lost. */
function MarkHistoryList({ sessionId }: { sessionId: string }) {
  const t = useT();
  const query = useMarkHistory(sessionId);
  const columns: TableColumnsType<MarkHistory> = [
    { title: t('att.history.when'), dataIndex: 'changedAt', key: 'at', width: 150, render: (v: string) => formatVnDateTime(v) },
    { title: t('att.roster.fullName'), dataIndex: 'fullName', key: 'name' },
    {
      title: t('att.history.change'),
      key: 'change',
      render: (_, h) => (
        <>
          <MarkStatusTag status={h.oldStatus} lateMinutes={h.oldLateMinutes} /> → <MarkStatusTag status={h.newStatus} lateMinutes={h.newLateMinutes} />
          {!h.applied && <ToneTag tone="orange">{t('att.history.notApplied')}</ToneTag>}
          {h.afterSessionEnd && <ToneTag tone="purple">{t('att.history.afterEnd')}</ToneTag>}
        </>
      ),
    },
    {
      title: t('att.history.by'),
      key: 'by',
      render: (_, h) => `${h.changedByName ?? '—'} (${t(`att.source.${h.source}`)})`,
    },
    { title: t('att.history.markedAt'), dataIndex: 'markedAt', key: 'markedAt', width: 150, render: (v: string) => formatVnDateTime(v) },
    { title: t('att.reason'), dataIndex: 'reason', key: 'reason', render: (v: string | null) => v ?? '' },
  ];
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<MarkHistory>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={query.data?.items ?? []}
      loading={query.isFetching}
      scroll={{ x: 900 }}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('att.history.empty')} /> }}
    />
  );
}

/**
 * Typing marks back in from the printed sign-in sheet, keyboard first: one key per person
 * (C có mặt, M muộn, S về sớm, P có phép, K không phép), Enter / ↓ to the next row, ↑ back.
 */
export function PaperEntry({ sessionId }: { sessionId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const query = useMarks(sessionId);
  const save = useSavePaperMarks(sessionId);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [reason, setReason] = useState('');
  const [results, setResults] = useState<Record<string, MarkResult>>({});
  const codeRefs = useRef<Record<string, HTMLInputElement | null>>({});
  const minuteRefs = useRef<Record<string, HTMLInputElement | null>>({});
  const data = query.data;
  useDocumentTitle(data ? t('att.paper.docTitle', { title: data.classTitle }) : t('att.paper.title'));
  const items = useMemo(() => data?.items ?? [], [data?.items]);
  const order = items.map((i) => i.rosterId);
  const enabled = data?.rule.statuses ?? [];

  useEffect(() => {
    if (window.location.hash === '#history') document.getElementById('history')?.scrollIntoView();
  }, [data]);

  const focusRow = (index: number) => {
    const id = order[Math.max(0, Math.min(order.length - 1, index))];
    const el = id ? codeRefs.current[id] : null;
    el?.focus();
    el?.select();
  };

  const setEntry = (id: string, patch: Partial<Entry>) =>
    setEntries((prev) => ({ ...prev, [id]: { ...{ code: '', lateMinutes: null, remark: '' }, ...prev[id], ...patch } }));

  const onCodeKey = (e: React.KeyboardEvent<HTMLInputElement>, index: number) => {
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(index + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(index - 1);
    }
  };

  const onCodeChange = (id: string, index: number, raw: string) => {
    const code = raw.slice(-1).toUpperCase();
    if (code === '') {
      setEntry(id, { code: '', lateMinutes: null });
      return;
    }
    const status = PAPER_CODES[code];
    if (!status || !enabled.includes(status)) return; // ignore other keys
    setEntry(id, { code: CODE_OF[status], lateMinutes: status === 'late' ? (entries[id]?.lateMinutes ?? null) : null });
    if (status === 'late') setTimeout(() => minuteRefs.current[id]?.focus(), 0);
    else setTimeout(() => focusRow(index + 1), 0);
  };

  const typed = order.filter((id) => entries[id]?.code);
  const lateMissing = typed.filter((id) => entries[id].code === 'M' && entries[id].lateMinutes == null);

  const submit = () => {
    const markedAt = new Date(Date.now() + (data ? Date.parse(data.serverTime) - query.dataUpdatedAt : 0)).toISOString();
    const marks = typed.map((id) => {
      const e = entries[id];
      const status = PAPER_CODES[e.code];
      return { rosterId: id, status, lateMinutes: status === 'late' ? e.lateMinutes : null, remark: e.remark.trim() || null, markedAt };
    });
    save.mutate(
      { marks, reason: reason.trim() || undefined },
      {
        onSuccess: (res) => {
          const byId: Record<string, MarkResult> = {};
          for (const r of res.results) if (marks[r.index]) byId[marks[r.index].rosterId] = r;
          setResults(byId);
          // rows the server took are done; refused ones stay for correction
          setEntries((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => byId[id]?.result === 'error')));
          if (res.errors > 0) message.warning(t('att.paper.savedWithErrors', { n: res.saved + res.unchanged + res.superseded, errors: res.errors }));
          else message.success(t('att.paper.saved', { n: res.saved + res.unchanged + res.superseded }));
        },
      },
    );
  };

  if (query.isError && !data) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('att.marking.notFound')} />;
    return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  }
  if (!data) return <Skeleton active />;
  const session = data.session;

  const columns: TableColumnsType<Mark> = [
    { title: t('att.roster.no'), key: 'no', width: 56, render: (_, __, i) => i + 1 },
    { title: t('att.roster.fullName'), dataIndex: 'fullName', key: 'name' },
    {
      title: t('att.paper.current'),
      key: 'current',
      width: 150,
      render: (_, m) => <MarkStatusTag status={m.status} lateMinutes={m.lateMinutes} />,
    },
    {
      title: t('att.paper.code'),
      key: 'code',
      width: 90,
      render: (_, m, i) => (
        <Input
          ref={(el) => {
            codeRefs.current[m.rosterId] = el?.input ?? null;
          }}
          className="att-paper-code"
          aria-label={t('att.paper.codeAria', { name: m.fullName })}
          value={entries[m.rosterId]?.code ?? ''}
          onChange={(e) => onCodeChange(m.rosterId, i, e.target.value)}
          onKeyDown={(e) => onCodeKey(e, i)}
          onFocus={(e) => e.target.select()}
          maxLength={2}
          autoComplete="off"
          inputMode="text"
        />
      ),
    },
    {
      title: t('att.paper.lateMinutes'),
      key: 'late',
      width: 120,
      render: (_, m, i) => (
        <InputNumber
          ref={(el) => {
            minuteRefs.current[m.rosterId] = el;
          }}
          aria-label={t('att.paper.lateAria', { name: m.fullName })}
          min={0}
          max={600}
          precision={0}
          disabled={entries[m.rosterId]?.code !== 'M'}
          value={entries[m.rosterId]?.lateMinutes ?? null}
          onChange={(v) => setEntry(m.rosterId, { lateMinutes: v })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              focusRow(i + 1);
            }
          }}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      title: t('att.marking.remark'),
      key: 'remark',
      render: (_, m) => (
        <Input
          aria-label={t('att.paper.remarkAria', { name: m.fullName })}
          value={entries[m.rosterId]?.remark ?? ''}
          onChange={(e) => setEntry(m.rosterId, { remark: e.target.value })}
          maxLength={500}
          disabled={!entries[m.rosterId]?.code}
        />
      ),
    },
    {
      title: t('att.paper.result'),
      key: 'result',
      width: 220,
      render: (_, m) => {
        const r = results[m.rosterId];
        if (!r) return null;
        if (r.result === 'error') return <span style={{ color: '#a8071a' }}>{r.message}</span>;
        if (r.result === 'superseded')
          return (
            <span style={{ color: '#613400' }}>
              {t('att.marking.superseded', {
                status: statusLabel(t, r.mark?.status ?? null, r.mark?.lateMinutes),
                who: r.mark?.markedByName ?? '',
                time: formatVnDateTime(r.mark?.markedAt),
              })}
            </span>
          );
        return <span style={{ color: '#135200' }}>{t(`att.paper.result.${r.result}`)}</span>;
      },
    },
  ];

  return (
    <>
      <Link to={`/classes/${data.classId}?tab=sessions`}>← {data.classTitle}</Link>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '4px 0 12px' }}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('att.paper.title')}
          </Typography.Title>
          <div style={{ color: '#434343' }}>
            {formatVnDate(session.date)} · {session.startTime}–{session.endTime}
            {session.topic ? ` · ${session.topic}` : ''}
          </div>
        </div>
        <Button icon={<FilePdfOutlined aria-hidden />} href={signInSheetUrl(sessionId)} target="_blank" rel="noopener noreferrer">
          {t('att.paper.sheet')}
        </Button>
      </Flex>
      <Alert
        type="info"
        showIcon
        title={t('att.paper.legendTitle')}
        description={t('att.paper.legend')}
        style={{ marginBottom: 12 }}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <CountsBar counts={data.counts} enabled={enabled} />
      </Card>
      {save.error && <Alert type="error" showIcon role="alert" title={save.error.message} style={{ marginBottom: 12 }} />}
      <Table<Mark>
        rowKey="rosterId"
        columns={columns}
        dataSource={items}
        pagination={false}
        size="small"
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('att.marking.emptyRoster')} /> }}
      />
      <Flex gap={8} wrap align="center" style={{ marginTop: 12 }}>
        <Input
          aria-label={t('att.paper.reason')}
          placeholder={t('att.paper.reasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          style={{ maxWidth: 420 }}
        />
        <Button type="primary" onClick={submit} loading={save.isPending} disabled={typed.length === 0 || lateMissing.length > 0}>
          {t('att.paper.save', { n: formatNumber(typed.length) })}
        </Button>
        {lateMissing.length > 0 && <span style={{ color: '#a8071a' }}>{t('att.paper.lateMissing', { n: lateMissing.length })}</span>}
      </Flex>
      <Typography.Title level={2} id="history" style={{ fontSize: 18, marginTop: 32 }}>
        {t('att.history.title')}
      </Typography.Title>
      <MarkHistoryList sessionId={sessionId} />
    </>
  );
}
