import { UsersAdmin } from '../../features/users/components/users-admin';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

export default function UsersRoute() {
  return <UsersAdmin renderUnitSelect={() => <UnitTreeSelect />} />;
}
