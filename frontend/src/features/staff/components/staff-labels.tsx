import { Badge } from 'antd';
import { useLabels } from '../../../lib/i18n';
import type { LeaveKind, StaffStatus } from '../../../types/api';

const STATUS_COLOR: Record<StaffStatus, 'success' | 'warning' | 'default'> = {
  active: 'success',
  on_leave: 'warning',
  left: 'default',
};

/** "Đang công tác" / "Tạm nghỉ (Nghỉ thai sản)" / "Đã nghỉ việc", with a coloured dot and dark text. */
export function StatusLabel({ status, leaveKind }: { status: StaffStatus; leaveKind: LeaveKind | null }) {
  const labels = useLabels();
  const text =
    status === 'on_leave' && leaveKind
      ? `${labels.status.on_leave} (${labels.leaveKind[leaveKind]})`
      : labels.status[status];
  return <Badge status={STATUS_COLOR[status]} text={text} />;
}
