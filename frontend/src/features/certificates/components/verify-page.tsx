import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Spin, Typography } from 'antd';
import { useLang, useT } from '../../../lib/i18n';
import { formatDate } from '../../../lib/format';
import { isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useVerification } from '../api/certificates';

const CODE_RE = /^[A-Za-z2-9]{12}$/;

/**
 * The public page a certificate's QR code opens (/verify/:code), and a form to type a code by hand (/verify).
 * It shows only what the API returns publicly: state, name, course, dates, register number, issuer.
 */
export function VerifyPage() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  useEffect(() => setTyped(code), [code]);
  useDocumentTitle(t('verify.title'));
  const wellFormed = CODE_RE.test(code);
  const q = useVerification(wellFormed ? code.toUpperCase() : '');
  const notFound = (code && !wellFormed) || (q.isError && isApiError(q.error) && q.error.status === 404);

  return (
    <main style={{ maxWidth: 640, margin: '0 auto', padding: '24px 16px' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('verify.title')}</Typography.Title>
        <Button size="small" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} lang={lang === 'vi' ? 'en' : 'vi'}>
          {lang === 'vi' ? 'English' : 'Tiếng Việt'}
        </Button>
      </div>
      <Typography.Paragraph style={{ marginTop: 8 }}>{t('verify.intro')}</Typography.Paragraph>
      <Form
        layout="inline"
        onFinish={() => navigate(`/verify/${encodeURIComponent(typed.trim().toUpperCase())}`)}
        style={{ marginBottom: 24, rowGap: 8 }}
      >
        <Form.Item label={t('verify.code')} htmlFor="verify-code" style={{ marginBottom: 0 }}>
          <Input
            id="verify-code"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            maxLength={12}
            autoCapitalize="characters"
            autoComplete="off"
            style={{ width: 180, fontFamily: 'monospace', letterSpacing: 1 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!CODE_RE.test(typed.trim())}>{t('verify.submit')}</Button>
      </Form>
      <div aria-live="polite">
        {wellFormed && q.isLoading && <Spin />}
        {notFound && <Result status="warning" title={t('verify.notFound')} />}
        {q.isError && !notFound && <Alert type="error" showIcon message={q.error.message} />}
        {q.data && (
          <Card>
            <Result
              status={q.data.state === 'valid' ? 'success' : 'error'}
              title={t(`verify.${q.data.state}`)}
              style={{ padding: '8px 0 16px' }}
            />
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('verify.holder')}><strong>{q.data.fullName}</strong></Descriptions.Item>
              <Descriptions.Item label={t('verify.course')}>{q.data.courseTitle}</Descriptions.Item>
              <Descriptions.Item label={t('verify.completedOn')}>{formatDate(q.data.completedOn)}</Descriptions.Item>
              {q.data.expiresOn && <Descriptions.Item label={t('verify.expiresOn')}>{formatDate(q.data.expiresOn)}</Descriptions.Item>}
              <Descriptions.Item label={t('verify.registerNo')}>{q.data.registerNo}</Descriptions.Item>
              <Descriptions.Item label={t('verify.issuer')}>{q.data.issuerName}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('verify.privacy')}</Typography.Paragraph>
          </Card>
        )}
      </div>
    </main>
  );
}
