import { Tag } from 'antd';
import { useT } from '../../../lib/i18n';
import type { CertificateState } from '../api/certificates';

/** Dark solid tags (white text, contrast ≥ 7:1). */
const COLOR: Record<CertificateState, string> = { valid: '#135200', revoked: '#a8071a', expired: '#613400' };

export function CertificateStateTag({ state }: { state: CertificateState }) {
  const t = useT();
  return <Tag color={COLOR[state]}>{t(`cert.state.${state}`)}</Tag>;
}
