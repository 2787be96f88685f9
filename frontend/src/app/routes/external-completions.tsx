import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { hasRole } from '../../lib/roles';
import { PageHeader } from '../../components/ui/page-header';
import { ExternalCompletionReview, type UnitFilterProps } from '../../features/completions/components/external-completion-review';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';
import { useCurrentUser } from '../guards';

const unitPicker = (props: UnitFilterProps) => <UnitTreeSelect {...props} />;

/** /external-completions: managers review the external completions of people in their scope. */
export default function ExternalCompletionsRoute() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const canReview = hasRole(me, 'manager', 'admin');
  return (
    <>
      <PageHeader
        title={t('menu.externalReview')}
        extra={
          canReview && (
            <Button icon={<CloudUploadOutlined aria-hidden />} onClick={() => navigate('/external-completions/import')}>
              {t('menu.externalImport')}
            </Button>
          )
        }
      />
      <ExternalCompletionReview canReview={canReview} renderUnitSelect={unitPicker} />
    </>
  );
}
