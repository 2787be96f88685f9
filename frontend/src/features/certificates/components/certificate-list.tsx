import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal, Select, Space, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useDownload } from '../../../lib/use-download';
import { DownloadStatus } from '../../../components/ui/download-status';
import { PagedTable } from '../../../components/ui/paged-table';
import type { Page } from '../../../types/api';
import {
  useCertificates, useCertificateSettings, useSaveCertificateSettings, type Certificate, type CertificateSettings, type CertificateState,
} from '../api/certificates';
import { CertificateStateTag } from './certificate-state';
import { RevokeDialog } from './revoke-dialog';

/** Certificates of the people in the caller's scope: filters, PDF per certificate, the course ZIP, revoke / reissue (managers). */
export function CertificateList({ canManage }: { canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [state, setState] = useState<CertificateState | undefined>();
  const [courseId, setCourseId] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [acting, setActing] = useState<{ cert: Certificate; action: 'revoke' | 'reissue' } | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const debounced = useDebouncedValue(q, 300);
  const query = useCertificates({ q: debounced || undefined, state, courseId, ...page });
  const courses = useQuery({
    queryKey: ['courses', 'options-for-certificates'],
    queryFn: ({ signal }) => api.get<Page<{ id: string; code: string; title: string }>>('/courses', { params: { pageSize: 200 }, signal }),
  });
  const dl = useDownload();

  const columns: TableColumnsType<Certificate> = [
    { title: t('cert.col.registerNo'), dataIndex: 'registerNo', width: 140 },
    { title: t('cert.col.fullName'), dataIndex: 'fullName', width: 200 },
    { title: t('cert.col.course'), dataIndex: 'courseTitle', width: 260 },
    { title: t('cert.col.hours'), dataIndex: 'hours', width: 80, align: 'right', render: (h: number) => formatNumber(h) },
    { title: t('cert.col.completedOn'), dataIndex: 'completedOn', width: 130, render: (d: string) => formatDate(d) },
    { title: t('cert.col.expiresOn'), dataIndex: 'expiresOn', width: 120, render: (d: string | null) => (d ? formatDate(d) : '—') },
    {
      title: t('cert.col.state'), dataIndex: 'state', width: 150,
      render: (s: CertificateState, c) => (
        <Space size={4} wrap>
          <CertificateStateTag state={s} />
          {c.kind === 'reissue' && <Tag>{t('cert.kind.reissue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('cert.col.actions'), key: 'actions', width: 300,
      render: (_: unknown, c) => (
        <Space wrap size={4}>
          <Button
            size="small"
            icon={<DownloadOutlined aria-hidden />}
            aria-label={t('cert.pdfOf', { no: c.registerNo })}
            onClick={() => dl.start(`/api/certificates/${c.id}/certificate.pdf`, `giay-chung-nhan-${c.code}.pdf`, c.registerNo)}
          >
            {t('cert.pdf')}
          </Button>
          <Button size="small" type="link" href={c.verifyUrl} target="_blank" rel="noreferrer">{t('cert.verifyLink')}</Button>
          {canManage && c.state !== 'revoked' && (
            <Button size="small" danger onClick={() => setActing({ cert: c, action: 'revoke' })}>{t('cert.revoke')}</Button>
          )}
          {canManage && !c.replacedById && (
            <Button size="small" onClick={() => setActing({ cert: c, action: 'reissue' })}>{t('cert.reissue')}</Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('cert.filter.search')}
          placeholder={t('cert.filter.search')}
          allowClear
          value={q}
          onChange={(e) => { setQ(e.target.value); setPage((p) => ({ ...p, page: 1 })); }}
          style={{ width: 280 }}
        />
        <Select
          aria-label={t('cert.filter.state')}
          value={state ?? ''}
          onChange={(v) => { setState((v || undefined) as CertificateState | undefined); setPage((p) => ({ ...p, page: 1 })); }}
          style={{ width: 180 }}
          options={[{ value: '', label: t('cert.filter.allStates') },
            ...(['valid', 'expired', 'revoked'] as const).map((s) => ({ value: s, label: t(`cert.state.${s}`) }))]}
        />
        <Select
          aria-label={t('cert.filter.course')}
          value={courseId ?? ''}
          showSearch
          optionFilterProp="label"
          onChange={(v) => { setCourseId(v || undefined); setPage((p) => ({ ...p, page: 1 })); }}
          style={{ width: 300 }}
          options={[{ value: '', label: t('cert.filter.allCourses') },
            ...(courses.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} – ${c.title}` }))]}
        />
        {courseId && (
          <Button
            icon={<DownloadOutlined aria-hidden />}
            onClick={() => dl.start(`/api/courses/${courseId}/certificates.zip`, 'giay-chung-nhan.zip', t('cert.zip'))}
            disabled={dl.running}
          >
            {t('cert.zip')}
          </Button>
        )}
        {canManage && <Button onClick={() => setSettingsOpen(true)}>{t('cert.settings')}</Button>}
      </Flex>
      <DownloadStatus state={dl.state} onCancel={dl.cancel} onDismiss={dl.reset} />
      <PagedTable<Certificate>
        query={query}
        columns={columns}
        scrollX={1400}
        emptyText={t('cert.empty')}
        page={page.page}
        pageSize={page.pageSize}
        onPageChange={(p, s) => setPage({ page: p, pageSize: s })}
      />
      {acting && (
        <RevokeDialog
          cert={acting.cert}
          action={acting.action}
          onClose={() => setActing(null)}
          onDone={(c) => {
            setActing(null);
            void message.success(acting.action === 'revoke' ? t('cert.revoked') : t('cert.reissued', { no: c.registerNo }));
          }}
        />
      )}
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </>
  );
}

function SettingsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const s = useCertificateSettings(true);
  const save = useSaveCertificateSettings();
  const [form] = Form.useForm<CertificateSettings>();
  return (
    <Modal open title={t('cert.settings')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <p>{t('cert.settings.hint')}</p>
      {s.data && (
        <Form
          form={form}
          layout="vertical"
          initialValues={s.data}
          onFinish={(v) => save.mutate(v, {
            onSuccess: () => { void message.success(t('cert.settings.saved')); onClose(); },
            onError: (e) => form.setFields(Object.entries((e as { fields?: Record<string, string> }).fields ?? {}).map(([name, msg]) => ({ name: name as keyof CertificateSettings, errors: [msg] }))),
          })}
        >
          <Form.Item name="issuerName" label={t('cert.settings.issuer')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
          <Form.Item name="signerTitle" label={t('cert.settings.signerTitle')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
          <Form.Item name="signerName" label={t('cert.settings.signerName')} rules={[{ max: 200 }]}><Input /></Form.Item>
          <Form.Item name="place" label={t('cert.settings.place')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        </Form>
      )}
    </Modal>
  );
}
