import { Tag } from 'antd';
import { EditOutlined, LockOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { TAG } from '../../courses/components/tag-colors';
import type { ReportStatus } from '../types';

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return status === 'submitted' ? (
    <Tag color={TAG.green} icon={<LockOutlined aria-hidden />}>
      {t('report.status.submitted')}
    </Tag>
  ) : (
    <Tag color={TAG.blue} icon={<EditOutlined aria-hidden />}>
      {t('report.status.draft')}
    </Tag>
  );
}
