import { useState } from 'react';
import { Card, Col, Row, Select, Switch, type TableColumnsType } from 'antd';
import { useT } from '../../../lib/i18n';
import { PagedTable } from '../../../components/ui/paged-table';
import { ATTEMPT_STATUSES, type AttemptRow, type AttemptStatus, type Quiz } from '../types';
import { useQuizAttempts } from '../api/attempts';
import { AttemptStatusTag, formatMark, formatPercent, PassedTag } from './quiz-labels';
import { formatVn } from '../vn-time';

export function QuizAttempts({ quiz }: { quiz: Quiz }) {
  const t = useT();
  const [status, setStatus] = useState<AttemptStatus>();
  const [needsGrading, setNeedsGrading] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useQuizAttempts(quiz.id, { status, needsGrading: needsGrading || undefined, page, pageSize });

  const columns: TableColumnsType<AttemptRow> = [
    { title: t('qattempts.person'), dataIndex: 'fullName', key: 'name', render: (n: string, r) => (r.unitName ? <>{n}<div style={{ fontSize: 13, color: '#434343' }}>{r.unitName}</div></> : n) },
    { title: t('qattempts.no'), dataIndex: 'attemptNo', key: 'no', align: 'right', width: 70 },
    { title: t('qattempts.status'), dataIndex: 'status', key: 'status', render: (s: AttemptStatus, r) => <>{<AttemptStatusTag status={s} />}{r.counted === false && <span style={{ fontSize: 13 }}>{t('qattempts.notCounted')}</span>}</> },
    { title: t('qattempts.startedAt'), dataIndex: 'startedAt', key: 'started', render: (d: string) => formatVn(d) },
    { title: t('qattempts.submittedAt'), dataIndex: 'submittedAt', key: 'submitted', render: (d: string | null) => formatVn(d) || '—' },
    {
      title: t('qattempts.score'),
      key: 'score',
      align: 'right',
      render: (_: unknown, r) => (r.score === null ? '—' : `${formatMark(r.score)} / ${formatMark(r.maxScore)}`),
    },
    { title: t('qattempts.percent'), dataIndex: 'percent', key: 'percent', align: 'right', render: (p: number | null) => formatPercent(p) },
    {
      title: t('qattempts.result'),
      dataIndex: 'passed',
      key: 'passed',
      render: (p: boolean | null, r) => (
        <>
          <PassedTag passed={p} />
          {!!r.toGrade && <div style={{ fontSize: 13 }}>{t('qattempts.toGrade', { n: r.toGrade })}</div>}
          {r.finishedBy === 'timer' && <div style={{ fontSize: 13, color: '#434343' }}>{t('qattempts.byTimer')}</div>}
        </>
      ),
    },
  ];

  return (
    <Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
        <Col xs={24} md={8}>
          <Select<AttemptStatus>
            aria-label={t('qattempts.status')}
            placeholder={t('qattempts.status')}
            allowClear
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={ATTEMPT_STATUSES.map((s) => ({ value: s, label: t(`qattempt.status.${s}`) }))}
            style={{ width: '100%' }}
          />
        </Col>
        <Col xs={24} md={8}>
          <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <Switch
              checked={needsGrading}
              onChange={(v) => {
                setNeedsGrading(v);
                setPage(1);
              }}
            />
            {t('qattempts.needsGradingOnly')}
          </label>
        </Col>
      </Row>
      <PagedTable<AttemptRow>
        query={query}
        columns={columns}
        scrollX={900}
        emptyText={t('qattempts.empty')}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, size) => {
          setPage(p);
          setPageSize(size);
        }}
      />
    </Card>
  );
}
