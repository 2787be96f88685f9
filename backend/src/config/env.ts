/**
 * Environment configuration, parsed and validated once at boot. Every bad variable is reported with
 * its own clear message, then the process stops (fail fast).
 */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  demoPassword: string | null;
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailuresPerName: number;
  loginMaxFailuresPerIp: number;
  loginWindowMinutes: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  cookieSecure: boolean;
  corsOrigins: string[];
  trustProxy: boolean;
  staticDir: string | null;
  /** signs the rotating check-in QR tokens; null = a random secret kept in the database (app_secrets) */
  checkinSecret: string | null;
  /** where people reach the app, e.g. https://daotao.dakbla.gov.vn: the QR codes on certificates point here; null = from the request */
  publicUrl: string | null;
  /** how often the job re-enrolling people before their certificate expires runs (ms); 0 = never (tests run it by hand) */
  certificateRenewalIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${raw}": must be an integer between ${min} and ${max} (phải là số nguyên từ ${min} đến ${max})`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}="${raw}": must be true or false (phải là true hoặc false)`);
    return def;
  };

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL: must start with postgres:// or postgresql:// (phải là chuỗi kết nối PostgreSQL)`);
  }
  const demoPassword = env.DEMO_PASSWORD ?? null;
  if (demoPassword !== null && demoPassword.length < 8) {
    problems.push('DEMO_PASSWORD: must be at least 8 characters (mật khẩu demo phải có ít nhất 8 ký tự)');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL="${env.LOG_LEVEL}": must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const corsOrigins = (env.CORS_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://example.org`);
  }

  const checkinSecret = env.CHECKIN_SECRET || null;
  if (checkinSecret !== null && (checkinSecret.length < 32 || /\s/.test(checkinSecret))) {
    problems.push('CHECKIN_SECRET: must be at least 32 characters without spaces (khóa ký mã QR điểm danh phải có ít nhất 32 ký tự, không có khoảng trắng)');
  }
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl !== null && !/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(publicUrl)) {
    problems.push(`PUBLIC_URL="${publicUrl}": must be an address like https://daotao.example.gov.vn (địa chỉ công khai của ứng dụng)`);
  }
  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: env.DATA_DIR || '.data',
    demoPassword,
    seedDemo: bool('SEED_DEMO', true),
    logLevel,
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 60, 1, 7 * 24 * 60),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    loginMaxFailuresPerName: int('LOGIN_MAX_FAILURES_PER_NAME', 5, 1, 1000),
    loginMaxFailuresPerIp: int('LOGIN_MAX_FAILURES_PER_IP', 50, 1, 100000),
    loginWindowMinutes: int('LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
    uploadLimitBytes: int('UPLOAD_LIMIT_BYTES', 10 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    cookieSecure: bool('COOKIE_SECURE', false),
    corsOrigins,
    trustProxy: bool('TRUST_PROXY', false),
    staticDir: env.STATIC_DIR ?? null,
    checkinSecret: checkinSecret || null,
    publicUrl,
    // at most 2^31-1 ms (about 24 days): setInterval's limit
    certificateRenewalIntervalMs: int('CERTIFICATE_RENEWAL_INTERVAL_MS', 60 * 60 * 1000, 0, 2_147_483_647),
  };
  if (config.sessionIdleMinutes > config.sessionAbsoluteHours * 60) {
    problems.push('SESSION_IDLE_MINUTES: must not exceed SESSION_ABSOLUTE_HOURS × 60');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
