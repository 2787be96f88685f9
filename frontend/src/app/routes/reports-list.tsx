import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { useOrgUnits } from '../../features/org-units/api/get-org-units';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';
import { ReportList } from '../../features/reports/components/report-list';
import { CreateReportModal } from '../../features/reports/components/create-report-modal';
import { todayIso } from '../../features/targets/components/as-of-picker';
import { useCurrentUser } from '../guards';

/** /reports: the semi-annual reports to the provincial Department of Science and Technology. */
export default function ReportsListRoute() {
  const t = useT();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const units = useOrgUnits(false, creating);
  const wards = (units.data ?? []).filter((u) => u.type === 'ward' || u.type === 'commune');
  const defaultUnitId = wards.find((u) => u.id === me.scopeUnitId)?.id ?? wards[0]?.id;
  return (
    <>
      <PageHeader
        title={t('report.listTitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('report.add')}
          </Button>
        }
      />
      <ReportList />
      {creating && units.data && (
        <CreateReportModal
          today={todayIso()}
          defaultUnitId={defaultUnitId}
          renderUnitSelect={() => <UnitTreeSelect />}
          onCreated={(r) => navigate(`/reports/${r.id}`)}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}
