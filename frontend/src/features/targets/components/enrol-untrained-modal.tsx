import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, DatePicker, Descriptions, Form, Modal, Result, Skeleton } from 'antd';
import { useT } from '../../../lib/i18n';
import { API_DATE_FORMAT, DATE_FORMAT, formatDate, formatNumber } from '../../../lib/format';
import { useCourse } from '../../courses/api/get-course';
import { notPast } from '../../courses/components/enrol-modal';
import type { EnrolResult, Target } from '../types';
import { useTargetPeople } from '../api/get-people';
import { useEnrolUntrained } from '../api/enrol-untrained';
import { CourseSelect } from './course-select';

type Values = { courseId?: string; dueDate?: Dayjs | null };
type Step = { kind: 'form' } | { kind: 'confirm'; courseId: string; dueDate: string | null } | { kind: 'done'; result: EnrolResult };

/**
 * "Ghi danh những người chưa đạt": choose a course and a due date, confirm with the number of people,
 * then see how many were enrolled and how many already were. Works on today's figures of the unit subtree.
 */
export function EnrolUntrainedModal({
  target,
  unitId,
  unitName,
  onClose,
}: {
  target: Target;
  unitId: string | undefined;
  unitName: string;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [error, setError] = useState<string | null>(null);
  const enrol = useEnrolUntrained();
  // today's untrained people of the unit: the people the server will enrol
  const count = useTargetPeople(target.id, { trained: false, unitId, page: 1, pageSize: 1 });
  const untrained = count.data?.total;
  const chosen = useCourse(step.kind === 'confirm' ? step.courseId : undefined);

  const next = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    setStep({ kind: 'confirm', courseId: v.courseId as string, dueDate: v.dueDate ? v.dueDate.format(API_DATE_FORMAT) : null });
  };

  const confirm = () => {
    if (step.kind !== 'confirm') return;
    setError(null);
    enrol.mutate(
      { targetId: target.id, courseId: step.courseId, unitId, dueDate: step.dueDate },
      {
        onSuccess: (result) => setStep({ kind: 'done', result }),
        onError: (err) => {
          setError(err.message);
          setStep({ kind: 'form' });
        },
      },
    );
  };

  const footer =
    step.kind === 'form' ? (
      <>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" onClick={next} disabled={untrained === 0}>
          {t('targetEnrol.next')}
        </Button>
      </>
    ) : step.kind === 'confirm' ? (
      <>
        <Button onClick={() => setStep({ kind: 'form' })} disabled={enrol.isPending}>
          {t('common.back')}
        </Button>
        <Button type="primary" onClick={confirm} loading={enrol.isPending}>
          {t('targetEnrol.confirm')}
        </Button>
      </>
    ) : (
      <Button type="primary" onClick={onClose}>
        {t('common.close')}
      </Button>
    );

  return (
    <Modal open title={t('targetEnrol.title')} footer={footer} onCancel={onClose} destroyOnHidden width={620} mask={{ closable: false }}>
      {step.kind === 'form' && (
        <>
          {count.isError ? (
            <Alert type="error" showIcon role="alert" title={count.error.message} style={{ marginBottom: 16 }} />
          ) : untrained === undefined ? (
            <Skeleton active paragraph={{ rows: 1 }} />
          ) : untrained === 0 ? (
            <Alert type="success" showIcon title={t('targetEnrol.nobody', { unit: unitName })} style={{ marginBottom: 16 }} />
          ) : (
            <Alert type="info" showIcon title={t('targetEnrol.count', { n: formatNumber(untrained), unit: unitName })} style={{ marginBottom: 16 }} />
          )}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" initialValues={{ courseId: target.courseIds[0], dueDate: null }} onFinish={next}>
            <Form.Item name="courseId" label={t('targetEnrol.course')} rules={[{ required: true, message: t('targetEnrol.courseRequired') }]} extra={t('targetEnrol.courseHint')}>
              <CourseSelect status="published" />
            </Form.Item>
            <Form.Item name="dueDate" label={t('targetEnrol.dueDate')} rules={[notPast(t('targetEnrol.duePast'))]}>
              <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} style={{ width: '100%' }} />
            </Form.Item>
          </Form>
        </>
      )}
      {step.kind === 'confirm' && (
        <div>
          <p id="target-enrol-confirm" style={{ fontSize: 15 }}>
            {t('targetEnrol.confirmText', {
              n: formatNumber(untrained ?? 0),
              unit: unitName,
              course: chosen.data?.title ?? '…',
            })}
          </p>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('targetEnrol.course')}>{chosen.data ? `${chosen.data.title} (${chosen.data.code})` : '…'}</Descriptions.Item>
            <Descriptions.Item label={t('targetEnrol.dueDate')}>{step.dueDate ? formatDate(step.dueDate) : t('targetEnrol.noDue')}</Descriptions.Item>
            <Descriptions.Item label={t('targetEnrol.people')}>{formatNumber(untrained ?? 0)}</Descriptions.Item>
          </Descriptions>
          <p style={{ marginTop: 12, color: '#434343' }}>{t('targetEnrol.confirmNote')}</p>
        </div>
      )}
      {step.kind === 'done' && (
        <Result
          status="success"
          title={<span role="status">{t('targetEnrol.doneTitle', { n: formatNumber(step.result.enrolled) })}</span>}
          subTitle={
            <span style={{ color: '#434343' }}>
              {t('targetEnrol.doneText', {
                untrained: formatNumber(step.result.untrained),
                enrolled: formatNumber(step.result.enrolled),
                already: formatNumber(step.result.alreadyEnrolled),
              })}
            </span>
          }
        />
      )}
    </Modal>
  );
}
