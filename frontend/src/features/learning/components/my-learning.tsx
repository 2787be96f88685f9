import { useId } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Tabs, Tag, Typography } from 'antd';
import { CheckCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import { LEARNING_FILTERS, type LearningCourse, type LearningFilter } from '../../courses/types';
import { useMyLearning } from '../api/get-my-learning';
import { DueTags } from './learning-labels';
import { TAG } from '../../courses/components/tag-colors';
import { CoverImage } from '../../courses/components/course-cover';

function readFilter(params: URLSearchParams): LearningFilter {
  const value = params.get('filter');
  return (LEARNING_FILTERS as string[]).includes(value ?? '') ? (value as LearningFilter) : 'all';
}

function LearningCard({ course }: { course: LearningCourse }) {
  const t = useT();
  const navigate = useNavigate();
  const titleId = useId();
  const done = course.status === 'completed';
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Flex vertical gap={8} style={{ height: '100%' }}>
        <CoverImage src={course.coverUrl} />
        <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }} id={titleId}>
          {course.courseTitle}
        </Typography.Title>
        <Flex wrap gap={4}>
          <Tag>{t(`learning.source.${course.source}`)}</Tag>
          {(course.cycle ?? 1) > 1 && <Tag color={TAG.blue}>{t('learning.renewal', { n: course.cycle ?? 1 })}</Tag>}
          {done && (
            <Tag color={TAG.green} icon={<CheckCircleOutlined aria-hidden />}>
              {t('learning.filter.completed')}
            </Tag>
          )}
          <DueTags course={course} />
        </Flex>
        <Progress
          percent={Math.round(course.progress)}
          aria-label={t('learning.progressOf', { title: course.courseTitle })}
          status={done ? 'success' : 'normal'}
        />
        <div style={{ color: '#434343', fontSize: 14 }}>
          {done && course.completedAt
            ? t('learning.completedAt', { date: formatDate(course.completedAt) })
            : course.dueDate
              ? t('learning.due', { date: formatDate(course.dueDate) })
              : t('learning.noDue')}
          {' · '}
          {t('learning.hours', { n: formatNumber(course.durationHours) })}
        </div>
        <div style={{ flex: 1 }} />
        <Button
          type={done ? 'default' : 'primary'}
          icon={<PlayCircleOutlined aria-hidden />}
          aria-describedby={titleId}
          onClick={() => navigate(`/learning/${course.courseId}`)}
          block
        >
          {done ? t('learning.review') : t('learning.continue')}
        </Button>
      </Flex>
    </Card>
  );
}

function LearningList({ filter }: { filter: LearningFilter }) {
  const t = useT();
  const query = useMyLearning(filter);
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const { items } = query.data;
  if (items.length === 0) {
    return (
      <Empty
        description={filter === 'all' ? t('learning.emptyAll') : t('learning.empty')}
        style={{ padding: '24px 0' }}
      >
        {filter === 'all' && (
          <Link to="/catalogue">{t('learning.goCatalogue')}</Link>
        )}
      </Empty>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      {items.map((c) => (
        <Col key={c.id} xs={24} md={12} xl={8}>
          <LearningCard course={c} />
        </Col>
      ))}
    </Row>
  );
}

export function MyLearning({ hasPerson }: { hasPerson: boolean }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const allQuery = useMyLearning(filter, hasPerson);

  if (!hasPerson) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('learning.noPersonTitle')}
        description={t('learning.noPerson')}
      />
    );
  }

  return (
    <>
      {allQuery.data && (
        <Card size="small" style={{ marginBottom: 16, maxWidth: 360 }}>
          <Statistic
            title={t('learning.hoursThisYear')}
            value={t('learning.hours', { n: formatNumber(allQuery.data.hoursThisYear) })}
          />
        </Card>
      )}
      <Tabs
        activeKey={filter}
        aria-label={t('learning.filters')}
        onChange={(key) => setParams(key === 'all' ? {} : { filter: key }, { replace: true })}
        items={LEARNING_FILTERS.map((f) => ({
          key: f,
          label: t(`learning.filter.${f}`),
          children: f === filter ? <LearningList filter={f} /> : null,
        }))}
      />
    </>
  );
}
