import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { AttendanceReports } from '../../features/attendance/components/attendance-reports';

/** /attendance-reports: attendance per unit and per person in a year. */
export default function AttendanceReportsRoute() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('att.reports.title')} />
      <AttendanceReports />
    </>
  );
}
