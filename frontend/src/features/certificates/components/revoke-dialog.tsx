import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useT } from '../../../lib/i18n';
import { useCertificateAction, type Certificate } from '../api/certificates';

/** Revoke or reissue with a required reason (both audited on the server). */
export function RevokeDialog({
  cert, action, onClose, onDone,
}: { cert: Certificate; action: 'revoke' | 'reissue'; onClose: () => void; onDone: (c: Certificate) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const m = useCertificateAction();
  const invalid = reason.trim().length < 3;
  const submit = () => {
    setTouched(true);
    if (invalid) return;
    m.mutate({ id: cert.id, action, reason: reason.trim() }, { onSuccess: (c) => onDone(c) });
  };
  return (
    <Modal
      open
      title={t(action === 'revoke' ? 'cert.revokeTitle' : 'cert.reissueTitle', { no: cert.registerNo })}
      okText={t(action === 'revoke' ? 'cert.revoke' : 'cert.reissue')}
      okButtonProps={{ danger: action === 'revoke', loading: m.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t(action === 'revoke' ? 'cert.revokeHint' : 'cert.reissueHint')}</p>
      <Form layout="vertical" onFinish={submit}>
        <Form.Item
          label={t('cert.reason')}
          htmlFor="cert-reason"
          required
          validateStatus={touched && invalid ? 'error' : undefined}
          help={touched && invalid ? t('cert.reasonRequired') : undefined}
        >
          <Input.TextArea id="cert-reason" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        </Form.Item>
      </Form>
      {m.isError && <Alert type="error" showIcon message={m.error.message} />}
    </Modal>
  );
}
