/**
 * `npm start`: validates the configuration, starts an embedded PostgreSQL when DATABASE_URL is unset,
 * applies migrations, seeds the demo data into an empty database, and serves the API and the SPA.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/env';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded';
import { runMigrations } from './database/migrate';
import { DEMO_ACCOUNTS, isEmpty, seedDemo } from './database/seed/demo-seed';

const say = (s: string) => process.stdout.write(`${s}\n`);

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const dataDir = path.resolve(process.cwd(), config.dataDir);
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    say('Không có DATABASE_URL: khởi động PostgreSQL nhúng / no DATABASE_URL: starting an embedded PostgreSQL …');
    embedded = await startEmbeddedPostgres(dataDir, say);
    url = embedded.url;
    say(`PostgreSQL nhúng sẵn sàng, dữ liệu tại ${embedded.dataDir}`);
  }

  const ds = await runMigrations(url);
  const passwordFile = path.join(dataDir, 'demo-password.txt');
  let demoPassword: string | null = null;
  let seededNow = false;
  if (config.seedDemo && (await isEmpty(ds))) {
    demoPassword = config.demoPassword ?? randomBytes(9).toString('base64url');
    await seedDemo(ds, demoPassword);
    seededNow = true;
    if (!config.demoPassword) {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(passwordFile, `${demoPassword}\n`, { mode: 0o600 });
    }
  } else if (config.demoPassword) {
    demoPassword = config.demoPassword;
  } else if (fs.existsSync(passwordFile)) {
    demoPassword = fs.readFileSync(passwordFile, 'utf8').trim();
  }
  await ds.destroy();

  const app = await createApp(config, url);
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  say('');
  say(`Nền tảng bồi dưỡng số - Phường Đăk Bla đang chạy tại / running at: http://localhost:${port}`);
  say(`API: http://localhost:${port}/api  ·  Tài liệu API / API docs: http://localhost:${port}/api/docs`);
  if (config.seedDemo) {
    say(`Tài khoản demo / demo accounts: ${DEMO_ACCOUNTS.join(', ')}`);
    if (demoPassword) {
      say(`Mật khẩu / password: ${demoPassword}${seededNow ? '' : ' (đặt khi nạp dữ liệu mẫu lần đầu / set at the first seed)'}`);
    } else {
      say('Mật khẩu demo đã được in ở lần khởi động đầu tiên / the demo password was printed at the first start');
    }
  }
  say('Nhấn Ctrl-C để dừng / press Ctrl-C to stop');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: đang dừng / stopping …`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
    } finally {
      if (embedded) await embedded.stop();
      say('Đã dừng / stopped.');
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`Không khởi động được / failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
