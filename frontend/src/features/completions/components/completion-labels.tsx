import { Tag } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { TAG } from '../../courses/components/tag-colors';
import type { CompletionSource, CompletionStatus } from '../types';

const SOURCE_COLOR: Record<CompletionSource, string> = { internal: TAG.blue, bdhvs: TAG.purple, provincial_program: TAG.gold };

/** "Nội bộ" / "Bình dân học vụ số" / "Chương trình của tỉnh". */
export function SourceTag({ source }: { source: CompletionSource }) {
  const t = useT();
  return <Tag color={SOURCE_COLOR[source]}>{t(`completions.source.${source}`)}</Tag>;
}

const STATUS: Record<CompletionStatus, { color: string; icon: React.ReactNode }> = {
  pending: { color: TAG.orange, icon: <ClockCircleOutlined aria-hidden /> },
  approved: { color: TAG.green, icon: <CheckCircleOutlined aria-hidden /> },
  rejected: { color: TAG.red, icon: <CloseCircleOutlined aria-hidden /> },
};

/** "Chờ duyệt" / "Đã duyệt" / "Không được duyệt": text and icon, not only colour. */
export function CompletionStatusTag({ status }: { status: CompletionStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS[status].color} icon={STATUS[status].icon}>
      {t(`completions.status.${status}`)}
    </Tag>
  );
}
