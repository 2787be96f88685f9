import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, InputNumber, Result, Select, Spin, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useLang, useT, type Lang } from '../../../lib/i18n';
import { ApiError, isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import type { CheckInResult, LocationError, ResolveResult } from '../types';
import { resolveCheckIn } from '../api/resolve-check-in';
import { checkIn, type CheckInInput } from '../api/check-in';
import { formatVnDate, formatVnTime } from '../time';
import '../attendance.css';

export const DEVICE_KEY = 'dakbla.checkin.device';
export const PERSON_KEY = 'dakbla.checkin.person';

type Person = { fullName: string; phone: string; birthYear: number | null };

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* the device will ask again next time */
  }
}
function readPerson(): Person | null {
  try {
    const p = JSON.parse(read(PERSON_KEY) ?? 'null') as Person | null;
    return p && typeof p.fullName === 'string' && typeof p.phone === 'string' ? p : null;
  } catch {
    return null;
  }
}

type Position = { lat: number; lng: number; accuracyM?: number };

/** The browser's location, or why not: denied, unavailable (no GPS, no API, insecure page) or timeout. */
export function locate(timeoutMs = 15_000): Promise<{ position?: Position; error?: LocationError }> {
  return new Promise((resolve) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      resolve({ error: 'unavailable' });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ position: { lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) } }),
      (e) => resolve({ error: e.code === 1 ? 'denied' : e.code === 3 ? 'timeout' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}

type Stage =
  | { kind: 'code' }
  | { kind: 'busy'; text: string }
  | { kind: 'identify'; resolved: ResolveResult }
  | { kind: 'refused'; error: ApiError; resolved?: ResolveResult }
  | { kind: 'done'; result: CheckInResult };

const asApiError = (e: unknown) =>
  isApiError(e) ? e : new ApiError({ status: 0, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) });

/** Error codes after which the person should type their name and phone (again). */
const IDENTITY_CODES = ['CHECKIN_IDENTITY_REQUIRED', 'CHECKIN_NOT_ON_ROSTER', 'VALIDATION_FAILED'];
/** …after which only a live code helps (scan the screen again or type its code). */
const TOKEN_CODES = ['CHECKIN_TOKEN_EXPIRED', 'CHECKIN_TOKEN_INVALID', 'CHECKIN_TOKEN_WRONG_SESSION'];
/** …after which trying again is pointless. */
const FINAL_CODES = ['CHECKIN_ALREADY', 'CHECKIN_WINDOW_CLOSED', 'CHECKIN_SESSION_NOT_ACTIVE'];

/**
 * The page the QR opens (/check-in?t=…), public: a signed-in person is checked in at once; a resident types
 * name and phone once and this device remembers them; the location is asked only when the class has a geofence.
 * Every refusal shows the server's reason. Big, simple, for a cheap phone.
 */
export function PublicCheckIn() {
  const t = useT();
  const { lang, setLang } = useLang();
  const [params, setParams] = useSearchParams();
  const token = params.get('t') ?? undefined;
  const sessionId = params.get('s') ?? undefined;
  const [stage, setStage] = useState<Stage>(token ? { kind: 'busy', text: t('att.public.resolving') } : { kind: 'code' });
  const [codeValue, setCodeValue] = useState('');
  const [locationNote, setLocationNote] = useState<string | null>(null);
  const [form] = Form.useForm<Person>();
  const remembered = useRef<Person | null>(readPerson());
  const lastPerson = useRef<Person | null>(null);
  useDocumentTitle(t('att.public.title'));

  const finish = useCallback(
    async (resolved: ResolveResult, person: Person | null) => {
      lastPerson.current = person;
      const input: CheckInInput = { ticket: resolved.ticket, deviceToken: resolved.deviceToken, sessionId: resolved.session.id };
      if (person) input.resident = { fullName: person.fullName.trim(), phone: person.phone.trim(), birthYear: person.birthYear ?? null };
      if (resolved.requiresLocation) {
        setStage({ kind: 'busy', text: t('att.public.locating') });
        const loc = await locate();
        if (loc.position) {
          input.location = loc.position;
          setLocationNote(null);
        } else {
          input.locationError = loc.error;
          setLocationNote(t(`att.geo.${loc.error ?? 'unavailable'}`));
        }
      }
      setStage({ kind: 'busy', text: t('att.public.checkingIn') });
      try {
        const result = await checkIn(input);
        write(DEVICE_KEY, result.deviceToken);
        if (person) {
          const keep: Person = { fullName: person.fullName.trim(), phone: person.phone.trim(), birthYear: person.birthYear ?? null };
          write(PERSON_KEY, JSON.stringify(keep));
          remembered.current = keep;
        }
        setStage({ kind: 'done', result });
      } catch (e) {
        const error = asApiError(e);
        if (isApiError(e) && Object.keys(e.fields).length) {
          form.setFields(
            Object.entries(e.fields)
              .filter(([k]) => k.startsWith('resident.'))
              .map(([k, msg]) => ({ name: k.slice('resident.'.length) as keyof Person, errors: [msg] })),
          );
        }
        setStage({ kind: 'refused', error, resolved });
      }
    },
    [form, t],
  );

  const start = useCallback(
    async (input: { token?: string; code?: string }) => {
      setStage({ kind: 'busy', text: t('att.public.resolving') });
      try {
        const resolved = await resolveCheckIn({ ...input, sessionId, deviceToken: read(DEVICE_KEY) ?? undefined });
        write(DEVICE_KEY, resolved.deviceToken);
        if (resolved.identity.kind !== 'none') await finish(resolved, null);
        else {
          if (remembered.current) form.setFieldsValue(remembered.current);
          setStage({ kind: 'identify', resolved });
        }
      } catch (e) {
        setStage({ kind: 'refused', error: asApiError(e) });
      }
    },
    [finish, form, sessionId, t],
  );

  const started = useRef(false);
  useEffect(() => {
    if (token && !started.current) {
      started.current = true;
      void start({ token });
    }
  }, [token, start]);

  const submitCode = () => {
    const code = codeValue.replace(/\D/g, '');
    if (code.length !== 6) return;
    if (token) setParams({}, { replace: true });
    void start({ code });
  };

  const header = (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('att.public.title')}
      </Typography.Title>
      <Select<Lang>
        aria-label={t('app.language')}
        value={lang}
        onChange={setLang}
        size="small"
        style={{ width: 110 }}
        options={[
          { value: 'vi', label: 'Tiếng Việt' },
          { value: 'en', label: 'English' },
        ]}
      />
    </div>
  );

  const sessionInfo = (r?: ResolveResult) =>
    r ? (
      <div style={{ fontSize: 16, marginBottom: 12 }}>
        <strong>{r.session.classTitle}</strong>
        <div style={{ color: '#434343' }}>
          {formatVnDate(r.session.date)} · {r.session.startTime}–{r.session.endTime}
          {r.session.venueName ? ` · ${r.session.venueName}` : ''}
        </div>
      </div>
    ) : null;

  const codeForm = (
    <div>
      <label htmlFor="checkin-code" style={{ display: 'block', fontSize: 18, marginBottom: 8 }}>
        {t('att.public.codeLabel')}
      </label>
      <Input
        id="checkin-code"
        size="large"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        value={codeValue}
        onChange={(e) => setCodeValue(e.target.value)}
        onPressEnter={submitCode}
        style={{ fontSize: 28, letterSpacing: '0.2em', textAlign: 'center' }}
      />
      <Button type="primary" size="large" block onClick={submitCode} style={{ marginTop: 12 }} disabled={codeValue.replace(/\D/g, '').length !== 6}>
        {t('att.public.continue')}
      </Button>
    </div>
  );

  let body: React.ReactNode;
  if (stage.kind === 'code') {
    body = (
      <>
        <Typography.Paragraph style={{ fontSize: 16 }}>{t('att.public.codeIntro')}</Typography.Paragraph>
        {codeForm}
      </>
    );
  } else if (stage.kind === 'busy') {
    body = (
      <div role="status" style={{ textAlign: 'center', padding: 32, fontSize: 18 }}>
        <Spin size="large" />
        <div style={{ marginTop: 12 }}>{stage.text}</div>
      </div>
    );
  } else if (stage.kind === 'done') {
    const r = stage.result;
    body = (
      <Result
        status="success"
        title={<span style={{ fontSize: 24 }}>{t('att.public.done', { name: r.fullName })}</span>}
        subTitle={
          <span style={{ fontSize: 18, color: '#262626' }}>
            {r.status === 'late' ? t('att.public.doneLate', { n: r.lateMinutes ?? 0 }) : t('att.public.donePresent')} ·{' '}
            {t('att.public.at', { time: formatVnTime(r.checkedInAt) })}
            <br />
            {r.classTitle}
          </span>
        }
      />
    );
  } else {
    const resolved = stage.resolved;
    const refused = stage.kind === 'refused' ? stage.error : null;
    const askIdentity = stage.kind === 'identify' || (!!refused && !!resolved && IDENTITY_CODES.includes(refused.code));
    const tokenProblem = !!refused && TOKEN_CODES.includes(refused.code);
    const fieldMessages = refused ? Object.entries(refused.fields).filter(([k]) => !k.startsWith('resident.')) : [];
    body = (
      <>
        {sessionInfo(resolved)}
        {refused && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={<span style={{ fontSize: 18 }}>{refused.message}</span>}
            description={
              fieldMessages.length || (refused.code === 'CHECKIN_LOCATION_REQUIRED' && locationNote) ? (
                <>
                  {fieldMessages.map(([k, m]) => (
                    <div key={k} style={{ fontSize: 16 }}>
                      {m}
                    </div>
                  ))}
                </>
              ) : undefined
            }
            style={{ marginBottom: 12 }}
          />
        )}
        {locationNote && (
          <Alert type="warning" showIcon icon={<EnvironmentOutlined aria-hidden />} title={locationNote} style={{ marginBottom: 12 }} />
        )}
        {resolved?.requiresLocation && !locationNote && !refused && (
          <Alert type="info" showIcon icon={<EnvironmentOutlined aria-hidden />} title={t('att.public.needsLocation')} style={{ marginBottom: 12 }} />
        )}
        {askIdentity && resolved ? (
          <Form<Person>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            initialValues={remembered.current ?? { fullName: '', phone: '', birthYear: null }}
            onFinish={(v) => void finish(resolved, v)}
          >
            <Typography.Paragraph style={{ fontSize: 16 }}>{t('att.public.identifyIntro')}</Typography.Paragraph>
            <Form.Item name="fullName" label={<span style={{ fontSize: 16 }}>{t('att.public.fullName')}</span>} rules={[{ required: true, whitespace: true, message: t('att.public.fullNameRequired') }]}>
              <Input autoComplete="name" maxLength={200} />
            </Form.Item>
            <Form.Item name="phone" label={<span style={{ fontSize: 16 }}>{t('att.public.phone')}</span>} rules={[{ required: true, whitespace: true, message: t('att.public.phoneRequired') }]}>
              <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
            </Form.Item>
            <Form.Item name="birthYear" label={<span style={{ fontSize: 16 }}>{t('att.public.birthYear')}</span>}>
              <InputNumber min={1900} max={new Date().getFullYear()} precision={0} inputMode="numeric" style={{ width: '100%' }} />
            </Form.Item>
            <Button type="primary" size="large" block htmlType="submit">
              {t('att.public.checkIn')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('att.public.remember')}
            </Typography.Paragraph>
          </Form>
        ) : refused && resolved && !tokenProblem && !FINAL_CODES.includes(refused.code) ? (
          <Button type="primary" size="large" block onClick={() => void finish(resolved, lastPerson.current)}>
            {t('common.retry')}
          </Button>
        ) : null}
        {refused && (!resolved || tokenProblem) && (
          <>
            <Typography.Paragraph style={{ fontSize: 16 }}>{t('att.public.scanAgain')}</Typography.Paragraph>
            {codeForm}
          </>
        )}
      </>
    );
  }

  return (
    <main id="main-content" className="att-public">
      <Card className="att-public-card">
        {header}
        {body}
      </Card>
    </main>
  );
}
