import { Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { MARK_STATUSES, type AttendanceClass } from '../types';
import { formatVnDateTime } from '../time';
import { ClassStatusTag } from './labels';

/** The class at a glance: type, course, venue, capacity, check-in guards and the attendance rule. */
export function ClassInfo({ klass }: { klass: AttendanceClass }) {
  const t = useT();
  const ci = klass.checkIn;
  const rule = klass.rule;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('att.class.status')}>
            <ClassStatusTag status={klass.status} />
            {klass.statusReason && <span style={{ marginInlineStart: 8 }}>{klass.statusReason}</span>}
          </Descriptions.Item>
          <Descriptions.Item label={t('att.class.type')}>{t(`att.classType.${klass.classType}`)}</Descriptions.Item>
          <Descriptions.Item label={t('att.class.course')}>
            {klass.courseId ? <Link to={`/courses/${klass.courseId}`}>{klass.courseTitle}</Link> : t('att.class.standalone')}
          </Descriptions.Item>
          <Descriptions.Item label={t('att.class.ownerUnit')}>{klass.ownerUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('att.class.venue')}>
            {[klass.venueName, klass.venueAddress].filter(Boolean).join(', ') || '—'}
            {klass.venueLat != null && klass.venueLng != null && (
              <span style={{ color: '#434343' }}> ({klass.venueLat}, {klass.venueLng})</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('att.class.capacity')}>
            {klass.capacity != null ? t('att.class.capacityOf', { n: formatNumber(klass.rosterCount), capacity: formatNumber(klass.capacity) }) : t('att.class.noLimit')}
          </Descriptions.Item>
          <Descriptions.Item label={t('att.class.sessionCount')}>{formatNumber(klass.sessionCount)}</Descriptions.Item>
          <Descriptions.Item label={t('att.class.nextSession')}>{klass.nextSessionAt ? formatVnDateTime(klass.nextSessionAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('att.class.trainers')}>{formatNumber(klass.trainerIds.length)}</Descriptions.Item>
        </Descriptions>
        {klass.description && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{klass.description}</Typography.Paragraph>}
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('att.class.sectionCheckIn')}</h2>} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('att.class.window')}>
            {t('att.class.windowText', { before: ci.opensBeforeMinutes, after: ci.closesAfterMinutes })}
          </Descriptions.Item>
          <Descriptions.Item label={t('att.class.lateAfter')}>{t('att.minutesN', { n: ci.lateAfterMinutes })}</Descriptions.Item>
          <Descriptions.Item label={t('att.class.geofence')}>
            {ci.geofenceRadiusM != null ? t('att.class.geofenceOn', { n: formatNumber(ci.geofenceRadiusM) }) : t('att.class.geofenceOff')}
          </Descriptions.Item>
          <Descriptions.Item label={t('att.class.deviceCooldown')}>{t('att.minutesN', { n: ci.deviceCooldownMinutes })}</Descriptions.Item>
          <Descriptions.Item label={t('att.class.stepSeconds')}>{t('att.secondsN', { n: ci.stepSeconds })}</Descriptions.Item>
          <Descriptions.Item label={t('att.class.allowWalkIn')}>{ci.allowWalkIn ? t('common.yes') : t('common.no')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('att.class.sectionRule')}</h2>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('att.class.weights')}>
            {MARK_STATUSES.filter((s) => rule.statuses.includes(s))
              .map((s) => `${t(`att.mark.${s}`)}: ${formatNumber(rule.weights[s])}`)
              .join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('att.class.rateBasis')}>{t(`att.class.rateBasis.${rule.rateBasis}`)}</Descriptions.Item>
          <Descriptions.Item label={t('att.class.minShare')}>{formatNumber(rule.minShare)}%</Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
