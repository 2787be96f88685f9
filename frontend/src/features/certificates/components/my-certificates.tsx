import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { useDownload } from '../../../lib/use-download';
import { DownloadStatus } from '../../../components/ui/download-status';
import { QueryError } from '../../../components/ui/query-error';
import { useMyCertificates } from '../api/certificates';
import { CertificateStateTag } from './certificate-state';

/** The learner's own certificates: one card each, with the PDF and the public verification link. */
export function MyCertificates() {
  const t = useT();
  const q = useMyCertificates();
  const dl = useDownload();
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <DownloadStatus state={dl.state} onCancel={dl.cancel} onDismiss={dl.reset} />
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('cert.mine.empty')} /> }}
        grid={{ gutter: 16, xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }}
        renderItem={(c) => (
          <List.Item>
            <Card title={<span style={{ whiteSpace: 'normal' }}>{c.courseTitle}</span>} extra={<CertificateStateTag state={c.state} />}>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                {t('cert.col.registerNo')}: <strong>{c.registerNo}</strong><br />
                {t('cert.col.completedOn')}: {formatDate(c.completedOn)} · {formatNumber(c.hours)} {t('cert.col.hours').toLowerCase()}
                {c.expiresOn && <><br />{t('cert.col.expiresOn')}: {formatDate(c.expiresOn)}</>}
              </Typography.Paragraph>
              <Space wrap>
                <Button
                  icon={<DownloadOutlined aria-hidden />}
                  aria-label={t('cert.pdfOf', { no: c.registerNo })}
                  onClick={() => dl.start(`/api/certificates/${c.id}/certificate.pdf`, `giay-chung-nhan-${c.code}.pdf`, c.registerNo)}
                >
                  {t('cert.pdf')}
                </Button>
                <Button type="link" href={c.verifyUrl} target="_blank" rel="noreferrer">{t('cert.verifyLink')}</Button>
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}
