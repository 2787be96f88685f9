import { useT } from '../../lib/i18n';
import { canEditStaff } from '../../lib/roles';
import { PageHeader } from '../../components/ui/page-header';
import { OrgUnitBrowser } from '../../features/org-units/components/org-unit-browser';
import { useCurrentUser } from '../guards';

export default function OrgUnitsRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t('orgUnits.title')} />
      <OrgUnitBrowser canEdit={canEditStaff(me)} />
    </>
  );
}
