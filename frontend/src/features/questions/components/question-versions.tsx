import { Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import { useQuestionVersions } from '../api/get-question-versions';

/** The versions of a question, newest first. Versions are immutable; attempts keep the one they showed. */
export function QuestionVersions({ questionId, current, onPreview }: { questionId: string; current: number; onPreview: (version: number) => void }) {
  const t = useT();
  const query = useQuestionVersions(questionId);
  const items = [...(query.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('qb.versions.title')}</h2>}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('qb.versions.hint')}
      </Typography.Paragraph>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{t('common.noData')}</Typography.Text>
      ) : (
        <ol aria-label={t('qb.versions.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((v) => (
            <li key={v.version} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Flex justify="space-between" align="center" gap={8}>
                <div>
                  <Tag color={v.version === current ? 'blue' : undefined}>v{v.version}</Tag>
                  {v.version === current && <Typography.Text strong>{t('qb.versions.current')}</Typography.Text>}
                </div>
                <Button
                  size="small"
                  type="link"
                  icon={<EyeOutlined aria-hidden />}
                  aria-label={t('qb.versions.preview', { n: v.version })}
                  onClick={() => onPreview(v.version)}
                >
                  {t('qb.preview.button')}
                </Button>
              </Flex>
              <div style={{ overflowWrap: 'anywhere' }}>{v.title}</div>
              <div style={{ fontSize: 13, color: '#434343' }}>
                {formatDateTime(v.createdAt)}
                {v.createdBy ? ` · ${v.createdBy}` : ''}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
