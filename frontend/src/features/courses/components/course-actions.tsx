import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Form, Input, Modal, Popconfirm } from 'antd';
import { CopyOutlined, EditOutlined, InboxOutlined, OrderedListOutlined, SendOutlined, SyncOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import type { Course } from '../types';
import { usePublishCourse } from '../api/publish-course';
import { useArchiveCourse } from '../api/archive-course';
import { useDuplicateCourse } from '../api/duplicate-course';
import { useRunRenewals } from '../api/run-renewals';

function DuplicateModal({ course, onClose }: { course: Course; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const duplicate = useDuplicateCourse();
  const [form] = Form.useForm<{ code: string; title: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    let values: { code: string; title: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    duplicate.mutate(
      { id: course.id, code: values.code.trim(), title: values.title.trim() },
      {
        onSuccess: (copy) => {
          message.success(t('courses.duplicated'));
          onClose();
          navigate(`/courses/${copy.id}`);
        },
        onError: (err) => setError(err.message),
      },
    );
  };
  const required = [{ required: true, whitespace: true, message: t('courses.required') }];
  return (
    <Modal
      open
      title={t('courses.duplicateTitle', { title: course.title })}
      okText={t('courses.duplicate')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={duplicate.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ code: `${course.code}-2`, title: `${course.title}${t('courses.copySuffix')}` }}
      >
        <Form.Item name="code" label={t('courses.code')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t('courses.courseTitle')} rules={required}>
          <Input />
        </Form.Item>
        {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
      </Form>
    </Modal>
  );
}

/** Edit / content / publish / archive / re-enrol / duplicate buttons of a course (publish, archive and re-enrol confirm first). */
export function CourseActions({ course }: { course: Course }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const publish = usePublishCourse();
  const archive = useArchiveCourse();
  const renewals = useRunRenewals();
  const [duplicating, setDuplicating] = useState(false);
  const archived = course.status === 'archived';
  const onError = (err: Error) => message.error(err.message);
  return (
    <>
      {!archived && (
        <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/courses/${course.id}/edit`)}>
          {t('common.edit')}
        </Button>
      )}
      {!archived && (
        <Button icon={<OrderedListOutlined aria-hidden />} onClick={() => navigate(`/courses/${course.id}/outline`)}>
          {t('courses.outline')}
        </Button>
      )}
      {course.status === 'draft' && (
        <Popconfirm
          title={t('courses.publishConfirm')}
          okText={t('courses.publish')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            publish.mutateAsync(course.id).then(
              () => message.success(t('courses.published')),
              onError,
            )
          }
        >
          <Button type="primary" icon={<SendOutlined aria-hidden />} loading={publish.isPending}>
            {t('courses.publish')}
          </Button>
        </Popconfirm>
      )}
      {course.status === 'published' && (
        <Popconfirm
          title={t('courses.archiveConfirm')}
          okText={t('courses.archive')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            archive.mutateAsync(course.id).then(
              () => message.success(t('courses.archived')),
              onError,
            )
          }
        >
          <Button icon={<InboxOutlined aria-hidden />} loading={archive.isPending}>
            {t('courses.archive')}
          </Button>
        </Popconfirm>
      )}
      {course.status === 'published' && course.renewalLeadDays !== null && course.renewalLeadDays !== undefined && (
        <Popconfirm
          title={t('courses.runRenewalsConfirm', { n: course.renewalLeadDays })}
          okText={t('courses.runRenewals')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            renewals.mutateAsync(course.id).then(
              (r) => message.success(t('courses.renewalsDone', { renewed: r.renewed, already: r.alreadyRenewed })),
              onError,
            )
          }
        >
          <Button icon={<SyncOutlined aria-hidden />} loading={renewals.isPending}>
            {t('courses.runRenewals')}
          </Button>
        </Popconfirm>
      )}
      <Button icon={<CopyOutlined aria-hidden />} onClick={() => setDuplicating(true)}>
        {t('courses.duplicate')}
      </Button>
      {duplicating && <DuplicateModal course={course} onClose={() => setDuplicating(false)} />}
    </>
  );
}
