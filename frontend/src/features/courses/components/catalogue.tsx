import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, Modal, Pagination, Row, Skeleton, Tag, Typography } from 'antd';
import { KeyOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { QueryError } from '../../../components/ui/query-error';
import type { Course } from '../types';
import { useCatalogue } from '../api/get-catalogue';
import { useEnrolCatalogue } from '../api/enrol-catalogue';
import { TAG } from './tag-colors';
import { CoverImage } from './course-cover';

const PAGE_SIZE = 12;

function htmlToText(html: string): string {
  if (typeof DOMParser === 'undefined') return html.replace(/<[^>]*>/g, ' ');
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

function EnrolModal({ course, onClose }: { course: Course; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const enrol = useEnrolCatalogue();
  const [form] = Form.useForm<{ enrolKey: string }>();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let values: { enrolKey: string };
    try {
      values = await form.validateFields();
    } catch {
      return; // the field shows the message
    }
    setError(null);
    enrol.mutate(
      { courseId: course.id, enrolKey: values.enrolKey?.trim() },
      {
        onSuccess: () => {
          message.success(t('catalogue.enrolled'));
          onClose();
          navigate(`/learning/${course.id}`);
        },
        onError: (err) => {
          if (isApiError(err) && err.code === 'WRONG_ENROL_KEY') form.setFields([{ name: 'enrolKey', errors: [err.message] }]);
          else setError(err instanceof Error ? err.message : String(err));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('catalogue.enrolTitle', { title: course.title })}
      okText={t('catalogue.enrol')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={enrol.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <p>{t('catalogue.enrolKeyHint')}</p>
        <Form.Item
          name="enrolKey"
          label={t('catalogue.enrolKey')}
          rules={[{ required: true, whitespace: true, message: t('catalogue.enrolKeyRequired') }]}
        >
          <Input.Password autoComplete="off" autoFocus />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Form>
    </Modal>
  );
}

function CatalogueCard({ course, onEnrol, pending }: { course: Course; onEnrol: () => void; pending: boolean }) {
  const t = useT();
  const labels = { target: t(`courses.target.${course.targetGroup}`), delivery: t(`courses.delivery.${course.deliveryMode}`) };
  const titleId = useId();
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Flex vertical gap={8} style={{ height: '100%' }}>
        <CoverImage src={course.coverUrl} />
        <Typography.Title level={2} id={titleId} style={{ fontSize: 17, margin: 0 }}>
          {course.title}
        </Typography.Title>
        <div style={{ color: '#434343', fontSize: 13 }}>
          {course.code} · {course.ownerUnitName} · {t('learning.hours', { n: formatNumber(course.durationHours) })}
        </div>
        <Flex wrap gap={4}>
          <Tag>{labels.delivery}</Tag>
          <Tag>{labels.target}</Tag>
          {course.hasEnrolKey && (
            <Tag icon={<KeyOutlined aria-hidden />} color={TAG.gold}>
              {t('catalogue.needsKey')}
            </Tag>
          )}
        </Flex>
        <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
          {htmlToText(course.description)}
        </Typography.Paragraph>
        <div style={{ flex: 1 }} />
        <Button type="primary" block onClick={onEnrol} loading={pending} disabled={pending} aria-describedby={titleId}>
          {t('catalogue.enrol')}
        </Button>
      </Flex>
    </Card>
  );
}

export function Catalogue() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [searchText, setSearchText] = useState('');
  const q = useDebouncedValue(searchText.trim(), 350);
  const [page, setPage] = useState(1);
  const query = useCatalogue({ q: q || undefined, page, pageSize: PAGE_SIZE });
  const [keyCourse, setKeyCourse] = useState<Course | null>(null);
  const enrol = useEnrolCatalogue();

  const onEnrol = (course: Course) => {
    if (course.hasEnrolKey) {
      setKeyCourse(course);
      return;
    }
    enrol.mutate(
      { courseId: course.id },
      {
        onSuccess: () => {
          message.success(t('catalogue.enrolled'));
          navigate(`/learning/${course.id}`);
        },
        onError: (err) => message.error(err instanceof Error ? err.message : String(err)),
      },
    );
  };

  return (
    <>
      <div role="search" style={{ marginBottom: 16, maxWidth: 480 }}>
        <Input
          aria-label={t('common.search')}
          placeholder={t('catalogue.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            setPage(1);
          }}
        />
      </div>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <Skeleton active />
      ) : query.data.items.length === 0 ? (
        <Empty description={t('catalogue.empty')} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {query.data.items.map((c) => (
              <Col key={c.id} xs={24} md={12} xl={8}>
                <CatalogueCard course={c} onEnrol={() => onEnrol(c)} pending={enrol.isPending && enrol.variables?.courseId === c.id} />
              </Col>
            ))}
          </Row>
          {query.data.total > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 16 }}
              current={page}
              pageSize={PAGE_SIZE}
              total={query.data.total}
              onChange={setPage}
              showSizeChanger={false}
            />
          )}
        </>
      )}
      {keyCourse && <EnrolModal course={keyCourse} onClose={() => setKeyCourse(null)} />}
    </>
  );
}
