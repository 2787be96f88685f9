import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Dropdown, Empty, Flex, Table, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { CalendarOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { AttendanceClass, ClassSession } from '../types';
import { useSessions } from '../api/get-sessions';
import { useCreateSession } from '../api/create-session';
import { useCreateSeries } from '../api/create-series';
import { useUpdateSession } from '../api/update-session';
import { usePostponeSession } from '../api/postpone-session';
import { useCancelSession } from '../api/cancel-session';
import { useCreateMakeUp } from '../api/create-make-up';
import { signInSheetUrl } from '../api/get-class-report';
import { formatVnDate, isoWeekday } from '../time';
import { SessionStatusTag } from './labels';
import { ReasonModal, SeriesModal, SessionModal } from './session-forms';

type Dialog =
  | { kind: 'add' }
  | { kind: 'series' }
  | { kind: 'edit'; session: ClassSession }
  | { kind: 'makeUp'; session: ClassSession }
  | { kind: 'postpone'; session: ClassSession }
  | { kind: 'cancel'; session: ClassSession }
  | null;

/** The sessions of a class in time order, with marking, the QR screen, the sign-in sheet and the paper entry. */
export function SessionList({ klass }: { klass: AttendanceClass }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const query = useSessions(klass.id);
  const create = useCreateSession(klass.id);
  const series = useCreateSeries(klass.id);
  const update = useUpdateSession(klass.id);
  const postpone = usePostponeSession(klass.id);
  const cancel = useCancelSession(klass.id);
  const makeUp = useCreateMakeUp(klass.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const closed = klass.status === 'completed' || klass.status === 'cancelled';
  const sessions = query.data?.items ?? [];
  const byId = new Map(sessions.map((s) => [s.id, s]));

  const columns: TableColumnsType<ClassSession> = [
    {
      title: t('att.session.when'),
      key: 'when',
      width: 200,
      render: (_, s) => (
        <>
          <div style={{ fontWeight: 600 }}>
            {t(`att.weekdayShort.${isoWeekday(s.date)}` as 'att.weekdayShort.1')} {formatVnDate(s.date)}
          </div>
          <div>
            {s.startTime}–{s.endTime} ({t('att.hoursN', { n: formatNumber(s.hours) })})
          </div>
        </>
      ),
    },
    {
      title: t('att.session.topic'),
      key: 'topic',
      render: (_, s) => (
        <>
          <div>{s.topic || '—'}</div>
          {(s.venueName || s.venueAddress) && (
            <div style={{ color: '#434343', fontSize: 13 }}>{[s.venueName, s.venueAddress].filter(Boolean).join(', ')}</div>
          )}
          {s.makeUpForId && byId.get(s.makeUpForId) && (
            <div style={{ color: '#434343', fontSize: 13 }}>
              {t('att.session.makeUpFor', { date: formatVnDate(byId.get(s.makeUpForId)!.date) })}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('att.session.status'),
      key: 'status',
      width: 180,
      render: (_, s) => (
        <>
          <SessionStatusTag status={s.status} />
          {s.statusReason && <div style={{ fontSize: 13, color: '#434343' }}>{s.statusReason}</div>}
        </>
      ),
    },
    {
      title: t('att.session.attendance'),
      key: 'marks',
      width: 130,
      render: (_, s) =>
        s.status === 'scheduled'
          ? t('att.session.presentOf', { present: formatNumber(s.presentCount), n: formatNumber(klass.rosterCount) })
          : '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 330,
      render: (_, s) => {
        const when = `${formatVnDate(s.date)} ${s.startTime}`;
        const more: MenuProps['items'] = [
          { key: 'history', label: t('att.session.history') },
          ...(!closed && s.status === 'scheduled'
            ? [
                { key: 'edit', label: t('att.session.edit') },
                { key: 'postpone', label: t('att.session.postpone') },
                { key: 'cancel', label: t('att.session.cancel'), danger: true },
              ]
            : []),
          ...(!closed && s.status !== 'scheduled' ? [{ key: 'makeUp', label: t('att.session.addMakeUp') }] : []),
        ];
        return (
          <Flex gap={6} wrap>
            {s.status === 'scheduled' && (
              <>
                <Button size="small" type="primary" aria-label={t('att.session.markAria', { when })} onClick={() => navigate(`/sessions/${s.id}/mark`)}>
                  {t('att.session.mark')}
                </Button>
                <Button size="small" aria-label={t('att.session.qrAria', { when })} onClick={() => navigate(`/sessions/${s.id}/check-in-screen`)}>
                  {t('att.session.qr')}
                </Button>
                <Button size="small" href={signInSheetUrl(s.id)} target="_blank" rel="noopener noreferrer" aria-label={t('att.session.sheetAria', { when })}>
                  {t('att.session.sheet')}
                </Button>
                <Button size="small" aria-label={t('att.session.paperAria', { when })} onClick={() => navigate(`/sessions/${s.id}/paper`)}>
                  {t('att.session.paper')}
                </Button>
              </>
            )}
            <Dropdown
              trigger={['click']}
              menu={{
                items: more,
                onClick: ({ key }) => {
                  if (key === 'history') navigate(`/sessions/${s.id}/paper#history`);
                  else if (key === 'edit' || key === 'postpone' || key === 'cancel' || key === 'makeUp') setDialog({ kind: key, session: s });
                },
              }}
            >
              <Button size="small" icon={<MoreOutlined aria-hidden />} aria-label={t('att.session.moreAria', { when })} />
            </Dropdown>
          </Flex>
        );
      },
    },
  ];

  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0, flex: 1 }}>
          {t('att.session.listTitle')}
        </Typography.Title>
        {!closed && (
          <>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'add' })}>
              {t('att.session.add')}
            </Button>
            <Button type="primary" icon={<CalendarOutlined aria-hidden />} onClick={() => setDialog({ kind: 'series' })}>
              {t('att.series.add')}
            </Button>
          </>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('att.session.timeZoneNote')}</Typography.Paragraph>
      <Table<ClassSession>
        rowKey="id"
        columns={columns}
        dataSource={sessions}
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 1000 }}
        size="middle"
        rowClassName={(s) => (s.status === 'scheduled' ? '' : 'att-row-muted')}
        locale={{ emptyText: <Empty description={t('att.session.empty')} /> }}
      />
      <SessionModal
        open={dialog?.kind === 'add'}
        title={t('att.session.add')}
        okText={t('att.session.addOk')}
        pending={create.isPending}
        onSubmit={(input) => create.mutateAsync(input).then(() => message.success(t('att.session.added')))}
        onClose={() => setDialog(null)}
      />
      <SessionModal
        key={dialog?.kind === 'edit' ? dialog.session.id : 'edit'}
        open={dialog?.kind === 'edit'}
        title={t('att.session.edit')}
        okText={t('common.save')}
        session={dialog?.kind === 'edit' ? dialog.session : undefined}
        pending={update.isPending}
        onSubmit={(input) =>
          dialog?.kind === 'edit'
            ? update.mutateAsync({ id: dialog.session.id, changes: input }).then(() => message.success(t('att.session.saved')))
            : Promise.resolve()
        }
        onClose={() => setDialog(null)}
      />
      <SessionModal
        key={dialog?.kind === 'makeUp' ? `mu-${dialog.session.id}` : 'makeUp'}
        open={dialog?.kind === 'makeUp'}
        title={dialog?.kind === 'makeUp' ? t('att.session.makeUpTitle', { date: formatVnDate(dialog.session.date) }) : ''}
        okText={t('att.session.addMakeUp')}
        pending={makeUp.isPending}
        onSubmit={(input) =>
          dialog?.kind === 'makeUp'
            ? makeUp.mutateAsync({ id: dialog.session.id, input }).then(() => message.success(t('att.session.makeUpAdded')))
            : Promise.resolve()
        }
        onClose={() => setDialog(null)}
      />
      <SeriesModal
        open={dialog?.kind === 'series'}
        pending={series.isPending}
        onSubmit={(input) =>
          series.mutateAsync(input).then((res) => {
            message.success(t('att.series.created', { n: res.items.length }));
            return res;
          })
        }
        onClose={() => setDialog(null)}
      />
      <ReasonModal
        open={dialog?.kind === 'postpone' || dialog?.kind === 'cancel'}
        mode={dialog?.kind === 'cancel' ? 'cancel' : 'postpone'}
        session={dialog?.kind === 'postpone' || dialog?.kind === 'cancel' ? dialog.session : null}
        pending={postpone.isPending || cancel.isPending}
        onSubmit={(reason, mu) => {
          if (dialog?.kind === 'postpone')
            return postpone.mutateAsync({ id: dialog.session.id, reason, makeUp: mu }).then(() => message.success(t('att.session.postponed')));
          if (dialog?.kind === 'cancel')
            return cancel.mutateAsync({ id: dialog.session.id, reason }).then(() => message.success(t('att.session.cancelled')));
          return Promise.resolve();
        }}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
