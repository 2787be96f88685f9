import { useNavigate } from 'react-router';
import { Alert, Button } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import type { PlayerItem } from '../../courses/types';

/** A quiz item of the course player: what completes it and the way into the quiz's start page. */
export function QuizItemEntry({ item, courseId, readOnly = false }: { item: PlayerItem; courseId: string; readOnly?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const rule = item.minScore !== null && item.minScore !== undefined ? t('qplayer.quizItem', { n: item.minScore }) : t('qplayer.quizItemPass');
  const locked = item.status === 'locked';
  return (
    <Alert
      type="info"
      showIcon
      icon={<FormOutlined aria-hidden />}
      title={rule}
      description={
        item.score !== null && item.score !== undefined ? t('qplayer.quizItemScore', { n: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(item.score) }) : undefined
      }
      action={
        readOnly || locked || !item.quizId ? undefined : (
          <Button type="primary" onClick={() => navigate(`/learning/quizzes/${encodeURIComponent(item.quizId!)}?course=${encodeURIComponent(courseId)}`)}>
            {t('qplayer.openQuiz')}
          </Button>
        )
      }
    />
  );
}
