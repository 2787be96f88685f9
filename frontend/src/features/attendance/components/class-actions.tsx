import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Dropdown, Form, Input, Modal, type MenuProps } from 'antd';
import { DownOutlined, EditOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import type { AttendanceClass, ClassStatus } from '../types';
import { useSetClassStatus } from '../api/set-class-status';

/** The status moves the server allows (docs/api-attendance.md). */
export const CLASS_MOVES: Record<ClassStatus, ClassStatus[]> = {
  planned: ['enrolling', 'in_progress', 'postponed', 'cancelled'],
  enrolling: ['in_progress', 'postponed', 'cancelled'],
  in_progress: ['completed', 'postponed', 'cancelled'],
  postponed: ['planned', 'enrolling', 'in_progress', 'cancelled'],
  completed: [],
  cancelled: [],
};
const NEEDS_REASON: ClassStatus[] = ['postponed', 'cancelled'];
const FINAL: ClassStatus[] = ['completed', 'cancelled'];

/** Edit, and the status lifecycle with a confirmation (and a reason for postponing or cancelling). */
export function ClassActions({ klass }: { klass: AttendanceClass }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const setStatus = useSetClassStatus();
  const [target, setTarget] = useState<ClassStatus | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const moves = CLASS_MOVES[klass.status];

  const items: MenuProps['items'] = moves.map((s) => ({ key: s, label: t(`att.classMove.${s}`), danger: s === 'cancelled' }));

  const confirm = async () => {
    const { reason } = target && NEEDS_REASON.includes(target) ? await form.validateFields() : { reason: '' };
    if (!target) return;
    setStatus.mutate(
      { id: klass.id, status: target, reason: reason?.trim() },
      {
        onSuccess: () => {
          message.success(t('att.class.statusChanged', { status: t(`att.classStatus.${target}`) }));
          setTarget(null);
          form.resetFields();
        },
      },
    );
  };

  return (
    <>
      {!FINAL.includes(klass.status) && (
        <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/classes/${klass.id}/edit`)}>
          {t('common.edit')}
        </Button>
      )}
      {moves.length > 0 && (
        <Dropdown menu={{ items, onClick: ({ key }) => setTarget(key as ClassStatus) }} trigger={['click']}>
          <Button>
            {t('att.class.changeStatus')} <DownOutlined aria-hidden />
          </Button>
        </Dropdown>
      )}
      <Modal
        open={target !== null}
        title={target ? t('att.class.confirmMoveTitle', { status: t(`att.classStatus.${target}`) }) : ''}
        okText={target ? t(`att.classMove.${target}`) : t('common.confirm')}
        okButtonProps={{ danger: target === 'cancelled', loading: setStatus.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => void confirm().catch(() => undefined)}
        onCancel={() => {
          setTarget(null);
          setStatus.reset();
          form.resetFields();
        }}
        destroyOnHidden
      >
        <p>{target && t(`att.classMoveText.${target}`)}</p>
        {target && NEEDS_REASON.includes(target) && (
          <Form form={form} layout="vertical">
            <Form.Item name="reason" label={t('att.reason')} rules={[{ required: true, whitespace: true, message: t('att.reasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={1000} autoFocus />
            </Form.Item>
          </Form>
        )}
        {setStatus.error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {setStatus.error.message}
          </div>
        )}
      </Modal>
    </>
  );
}
