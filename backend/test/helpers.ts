import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config/env';
import { runMigrations } from '../src/database/migrate';
import { isEmpty, seedDemo } from '../src/database/seed/demo-seed';

export const DEMO_PASSWORD = 'demo-password-2026';

export function testDbUrl(): string {
  const url = process.env.TEST_DB_URL;
  if (!url) throw new Error('TEST_DB_URL is not set: the Jest globalSetup did not run');
  return url;
}

let prepared: Promise<void> | null = null;

/** Migrations once per run, and the demo ward (units, 144 people, 4 accounts) once per database. */
export function prepareDatabase(): Promise<void> {
  prepared ??= (async () => {
    const ds = await runMigrations(testDbUrl());
    if (await isEmpty(ds)) await seedDemo(ds, DEMO_PASSWORD);
    await ds.destroy();
  })();
  return prepared;
}

export interface TestApp {
  app: NestFastifyApplication;
  ds: DataSource;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  await prepareDatabase();
  const config: AppConfig = loadConfig({
    LOG_LEVEL: 'silent',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    STATIC_DIR: '',
    ...env,
  } as NodeJS.ProcessEnv);
  config.staticDir = env.STATIC_DIR ?? null;
  const app = await createApp(config, testDbUrl());
  await app.getHttpAdapter().getInstance().ready();
  const ds = app.get(DataSource);
  return { app, ds, close: () => app.close() };
}

type InjectOpts = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  remoteAddress?: string;
};

export async function call(app: NestFastifyApplication, o: InjectOpts) {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const res = await app.inject({
    method: o.method ?? 'GET',
    url: o.url,
    headers,
    ...(o.payload !== undefined ? { payload: o.payload } : o.body !== undefined ? { payload: o.body as object } : {}),
    ...(o.remoteAddress ? { remoteAddress: o.remoteAddress } : {}),
  });
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: json, raw: res };
}

export async function login(app: NestFastifyApplication, loginName: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await call(app, { method: 'POST', url: '/api/auth/login', body: { login: loginName, password } });
  if (res.status !== 200) throw new Error(`login ${loginName} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** A multipart body with one file field. */
export function multipart(fileName: string, content: Buffer, field = 'file', contentType = 'application/octet-stream') {
  const boundary = `----dakbla${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
