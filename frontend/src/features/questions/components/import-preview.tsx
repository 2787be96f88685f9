import { useState } from 'react';
import { Alert, Card, Col, Flex, Pagination, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useLang, useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import type { ImportError, ImportPreview as Preview, ImportQuestion } from '../types';
import { QuestionTypeTag } from './question-labels';
import { HtmlView, plainText } from './html';
import { AnswerSummary } from './answer-summary';

const PAGE_SIZE = 50;

/** "Dòng 12" (GIFT, Aiken, Moodle XML) or "Hàng 5" (Excel). */
export function useWhere() {
  const t = useT();
  return (at: { line?: number; row?: number }) =>
    at.line != null ? t('qb.import.line', { n: at.line }) : at.row != null ? t('qb.import.row', { n: at.row }) : '';
}

function fontName(font: string | undefined) {
  return font === 'tcvn3' ? 'TCVN3' : font === 'vni' ? 'VNI' : '';
}

function PreviewQuestion({ q }: { q: ImportQuestion }) {
  const t = useT();
  const { lang } = useLang();
  const where = useWhere();
  const warned = q.warnings.length > 0;
  const title = q.title || plainText(q.text).slice(0, 80);
  const pos = where(q);
  return (
    <Card
      size="small"
      className={warned ? 'import-question-warning' : undefined}
      style={{ marginBottom: 12, ...(warned ? { borderColor: '#d48806', background: '#fffbe6' } : {}) }}
      title={
        <Flex gap={8} wrap align="center">
          <span>{t('qb.import.questionN', { n: q.index })}</span>
          {pos && <Typography.Text type="secondary">{pos}</Typography.Text>}
          <QuestionTypeTag type={q.type} />
          {q.warnings.map((w, i) => (
            <Tag key={i} icon={<WarningOutlined aria-hidden />} style={{ color: '#874d00', background: '#fff1b8', borderColor: '#d48806' }}>
              {t('qb.import.legacyFontTag', { font: fontName(w.font) || w.code })}
            </Tag>
          ))}
        </Flex>
      }
    >
      <Typography.Text strong style={{ display: 'block', overflowWrap: 'anywhere' }}>
        {title}
      </Typography.Text>
      {q.category && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {t('qb.import.categoryPath', { path: q.category })}
        </Typography.Text>
      )}
      <HtmlView html={q.text} style={{ marginTop: 8, marginBottom: 8 }} />
      {q.data && <AnswerSummary type={q.type} data={q.data} />}
      {q.warnings.map((w, i) => (
        <Alert key={i} type="warning" showIcon title={lang === 'en' ? w.message : w.messageVi} style={{ marginTop: 8 }} />
      ))}
    </Card>
  );
}

/** The parsed file before anything is written: counts, errors with their line/row, every question. */
export function ImportPreview({ preview }: { preview: Preview }) {
  const t = useT();
  const { lang } = useLang();
  const where = useWhere();
  const [page, setPage] = useState(1);
  const warnings = preview.counts.warnings ?? preview.questions.reduce((n, q) => n + q.warnings.length, 0);
  const errorColumns: TableColumnsType<ImportError & { key: number }> = [
    { title: t('qb.import.where'), key: 'where', width: 110, render: (_, e) => where(e) || '—' },
    { title: t('qb.import.question'), dataIndex: 'question', key: 'question', width: 220, render: (q?: string) => q ?? '' },
    { title: t('qb.import.error'), key: 'message', render: (_, e) => (lang === 'en' ? e.message : e.messageVi || e.message) },
  ];
  const stats: [string, number, string?][] = [
    [t('qb.import.countQuestions'), preview.counts.questions],
    [t('qb.import.countErrors'), preview.counts.errors, preview.counts.errors > 0 ? '#cf1322' : undefined],
    [t('qb.import.countWarnings'), warnings, warnings > 0 ? '#ad6800' : undefined],
  ];
  const shown = preview.questions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('qb.import.summary', { file: preview.fileName })}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={[16, 16]}>
          {stats.map(([label, value, color]) => (
            <Col key={label} xs={8}>
              <Statistic
                title={<span style={{ color: '#434343' }}>{label}</span>}
                value={value}
                formatter={() => formatNumber(value)}
                styles={color ? { content: { color } } : undefined}
              />
            </Col>
          ))}
        </Row>
      </Card>
      {preview.errors.length > 0 && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('qb.import.errorsTitle')}</h2>} style={{ marginBottom: 16 }}>
          <Table
            rowKey="key"
            size="small"
            columns={errorColumns}
            dataSource={preview.errors.map((e, key) => ({ ...e, key }))}
            pagination={preview.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            rowClassName={() => 'import-row-error'}
            scroll={{ x: 560 }}
          />
        </Card>
      )}
      {warnings > 0 && <Alert type="warning" showIcon title={t('qb.import.warningsNote', { n: formatNumber(warnings) })} style={{ marginBottom: 16 }} />}
      <h2 style={{ fontSize: 16 }}>{t('qb.import.questionsTitle')}</h2>
      {preview.questions.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('qb.import.noQuestions')}</Typography.Paragraph>
      ) : (
        <>
          {shown.map((q) => (
            <PreviewQuestion key={q.index} q={q} />
          ))}
          {preview.questions.length > PAGE_SIZE && (
            <Pagination current={page} pageSize={PAGE_SIZE} total={preview.questions.length} onChange={setPage} showSizeChanger={false} />
          )}
        </>
      )}
    </>
  );
}
