import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, List, Modal, Row, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber, VN_MOBILE_RE } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { UnitTreeSelect } from '../../org-units/components/unit-tree-select';
import { useStaffList } from '../../staff/api/get-staff-list';
import type { Staff } from '../../../types/api';
import type { AttendanceClass } from '../types';
import { useAddRoster, type AddRosterResult, type ResidentInput } from '../api/add-roster';
import { useResidents } from '../api/get-residents';

/** The answer of POST …/roster in words: added, already there, matched to people already known. */
function AddResult({ result, names }: { result: AddRosterResult; names?: string[] }) {
  const t = useT();
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      title={t('att.roster.addedN', { n: formatNumber(result.added.length) })}
      description={
        <>
          {result.alreadyOnRoster > 0 && <div>{t('att.roster.alreadyN', { n: formatNumber(result.alreadyOnRoster) })}</div>}
          {result.matched.length > 0 && (
            <>
              <div>{t('att.roster.matchedIntro')}</div>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {result.matched.map((m) => (
                  <li key={`${m.index}-${m.residentId ?? m.staffId}`}>
                    {t('att.roster.matchedRow', {
                      typed: names?.[m.index] ?? '',
                      name: m.fullName,
                      kind: t(m.staffId ? 'att.kind.staff' : 'att.kind.resident'),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/** Add staff people of the caller's scope (searched on the server, several at once). */
export function AddStaffModal({ open, klass, onClose }: { open: boolean; klass: AttendanceClass; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const query = useStaffList({ q: q || undefined, status: 'active', page, pageSize: 10 });
  const [selected, setSelected] = useState<Record<string, string>>({});
  const add = useAddRoster(klass.id);
  const ids = Object.keys(selected);

  const close = () => {
    setSelected({});
    setSearch('');
    add.reset();
    onClose();
  };
  const submit = () =>
    add.mutate(
      { staffIds: ids },
      {
        onSuccess: (res) => {
          message.success(t('att.roster.addedN', { n: formatNumber(res.added.length) }));
          close();
        },
      },
    );

  const columns: TableColumnsType<Staff> = [
    { title: t('att.roster.fullName'), dataIndex: 'fullName', key: 'name' },
    { title: t('att.roster.birthYear'), dataIndex: 'birthYear', key: 'by', width: 90, render: (y: number | null) => y ?? '—' },
    { title: t('att.roster.unit'), dataIndex: 'unitName', key: 'unit' },
  ];

  return (
    <Modal
      open={open}
      title={t('att.roster.addStaff')}
      okText={t('att.roster.addSelected', { n: ids.length })}
      okButtonProps={{ disabled: ids.length === 0, loading: add.isPending }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={close}
      width={720}
      destroyOnHidden
    >
      {add.error && <Alert type="error" showIcon role="alert" title={add.error.message} style={{ marginBottom: 12 }} />}
      <Input
        aria-label={t('att.roster.staffSearch')}
        placeholder={t('att.roster.staffSearch')}
        prefix={<SearchOutlined aria-hidden />}
        allowClear
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
      />
      <Table<Staff>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 560 }}
        rowSelection={{
          selectedRowKeys: ids,
          preserveSelectedRowKeys: true,
          onChange: (keys, rows) =>
            setSelected((prev) => {
              const next: Record<string, string> = {};
              for (const k of keys) next[String(k)] = prev[String(k)] ?? rows.find((r) => r?.id === k)?.fullName ?? String(k);
              return next;
            }),
          getCheckboxProps: (s) => ({ 'aria-label': t('att.roster.selectAria', { name: s.fullName }) }),
        }}
        pagination={{ current: page, pageSize: 10, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      {ids.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t('att.roster.selectedNames', { names: Object.values(selected).join(', ') })}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

type ResidentRow = { fullName: string; phone: string; birthYear: number | null };

/** "Already known?" hint under a resident row: people of the scope with that phone or that name. */
function KnownHint({ row }: { row: ResidentRow | undefined }) {
  const t = useT();
  const name = useDebouncedValue(row?.fullName?.trim() ?? '', 400);
  const phone = useDebouncedValue((row?.phone ?? '').replace(/\D/g, ''), 400);
  const byPhone = phone.length >= 9;
  const enabled = byPhone || name.length >= 3;
  const query = useResidents({ q: byPhone ? undefined : name, phone: byPhone ? phone : undefined, page: 1, pageSize: 3 }, enabled);
  const items = enabled ? (query.data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <div role="status" style={{ color: '#614700', background: '#fffbe6', padding: '4px 8px', borderRadius: 4, marginBottom: 8, fontSize: 13 }}>
      {t('att.roster.knownHint')}{' '}
      {items
        .map((r) => [r.fullName, r.birthYear, r.phoneMasked, r.unitName].filter((x) => x != null && x !== '').join(' · '))
        .join('; ')}
    </div>
  );
}

/** Add residents by name + phone + birth year; the server matches them to people already known. */
export function AddResidentsModal({ open, klass, onClose }: { open: boolean; klass: AttendanceClass; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ unitId?: string; residents: ResidentRow[] }>();
  const add = useAddRoster(klass.id);
  const [result, setResult] = useState<{ res: AddRosterResult; names: string[] } | null>(null);
  const rows = Form.useWatch('residents', form);

  const close = () => {
    form.resetFields();
    setResult(null);
    add.reset();
    onClose();
  };
  const submit = async () => {
    const v = await form.validateFields();
    const residents: ResidentInput[] = v.residents.map((r) => ({
      fullName: r.fullName.trim(),
      phone: r.phone?.trim() || null,
      birthYear: r.birthYear ?? null,
      ...(v.unitId ? { unitId: v.unitId } : {}),
    }));
    add.mutate(
      { residents },
      {
        onSuccess: (res) => {
          setResult({ res, names: residents.map((r) => r.fullName) });
          form.setFieldsValue({ residents: [{ fullName: '', phone: '', birthYear: null }] });
        },
        onError: (err) => {
          if (isApiError(err)) {
            form.setFields(
              Object.entries(err.fields)
                .map(([name, msg]) => {
                  const m = /^residents\.(\d+)\.(\w+)$/.exec(name);
                  return m ? { name: ['residents', Number(m[1]), m[2] as 'fullName'] as ['residents', number, 'fullName'], errors: [msg] } : null;
                })
                .filter((x): x is NonNullable<typeof x> => x !== null),
            );
          }
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('att.roster.addResidents')}
      okText={t('att.roster.addResidentsOk')}
      okButtonProps={{ loading: add.isPending }}
      cancelText={t('common.close')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('att.roster.residentsIntro')}</Typography.Paragraph>
      {result && <AddResult result={result.res} names={result.names} />}
      {add.error && <Alert type="error" showIcon role="alert" title={add.error.message} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ residents: [{ fullName: '', phone: '', birthYear: null }] }}>
        <Form.Item name="unitId" label={t('att.roster.residentUnit')} extra={t('att.roster.residentUnitHint', { unit: klass.ownerUnitName })}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.List name="residents">
          {(fields, { add: addRow, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} style={{ borderTop: i ? '1px solid #f0f0f0' : undefined, paddingTop: i ? 8 : 0 }}>
                  <Row gutter={8} align="top">
                    <Col xs={24} sm={10}>
                      <Form.Item
                        name={[field.name, 'fullName']}
                        label={t('att.roster.residentName', { n: i + 1 })}
                        rules={[{ required: true, whitespace: true, message: t('att.required') }]}
                      >
                        <Input maxLength={200} autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={7}>
                      <Form.Item
                        name={[field.name, 'phone']}
                        label={t('att.roster.phone')}
                        dependencies={[['residents', field.name, 'birthYear']]}
                        rules={[
                          ({ getFieldValue }) => ({
                            validator: (_, v: string) => {
                              const digits = (v ?? '').replace(/[\s.-]/g, '').replace(/^\+84/, '0');
                              if (!digits && getFieldValue(['residents', field.name, 'birthYear']) == null)
                                return Promise.reject(new Error(t('att.roster.phoneOrYear')));
                              if (digits && !VN_MOBILE_RE.test(digits) && !/^0\d{10}$/.test(digits))
                                return Promise.reject(new Error(t('att.roster.phoneInvalid')));
                              return Promise.resolve();
                            },
                          }),
                        ]}
                      >
                        <Input inputMode="tel" maxLength={20} autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col xs={9} sm={5}>
                      <Form.Item name={[field.name, 'birthYear']} label={t('att.roster.birthYear')}>
                        <InputNumber min={1900} max={new Date().getFullYear()} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={3} sm={2} style={{ paddingTop: 30 }}>
                      {fields.length > 1 && (
                        <Button
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('att.roster.removeRowAria', { n: i + 1 })}
                          onClick={() => remove(field.name)}
                        />
                      )}
                    </Col>
                  </Row>
                  <KnownHint row={rows?.[field.name]} />
                </div>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => addRow({ fullName: '', phone: '', birthYear: null })} disabled={fields.length >= 50}>
                {t('att.roster.addRow')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      {result && result.res.added.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 12 }}
          header={t('att.roster.justAdded')}
          dataSource={result.res.added}
          renderItem={(m) => (
            <List.Item>
              {m.fullName} · {m.birthYear ?? '—'} · {m.phoneMasked ?? '—'} · {m.unitName}
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
