import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { BankList } from '../../features/questions/components/bank-list';
import { BankFormModal } from '../../features/questions/components/bank-form-modal';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

/** /question-banks: the question banks of the caller's scope (trainer, manager, admin). */
export default function QuestionBanksRoute() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('qb.bank.listTitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('qb.bank.create')}
          </Button>
        }
      />
      <BankList onCreate={() => setCreating(true)} />
      {creating && (
        <BankFormModal
          renderUnitSelect={() => <UnitTreeSelect />}
          onClose={() => setCreating(false)}
          onSaved={(bank) => {
            message.success(t('qb.bank.created'));
            setCreating(false);
            navigate(`/question-banks/${bank.id}`);
          }}
        />
      )}
    </>
  );
}
