// Starts the built platform for the e2e run against a throw-away database: a fresh database on the
// server at TEST_DATABASE_URL when set, else an embedded PostgreSQL in a temporary data directory.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const port = process.env.E2E_PORT ?? '4317';
const env = { ...process.env, PORT: port, HOST: '127.0.0.1', DEMO_PASSWORD: 'e2e-demo-password', LOG_LEVEL: 'warn', LOGIN_MAX_FAILURES_PER_IP: '10000' };
let dropDb = null;
let dataDir = null;

if (process.env.TEST_DATABASE_URL) {
  const name = `dakbla_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDb = async () => {
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.end();
  };
} else {
  delete env.DATABASE_URL;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dakbla-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  env.DATA_DIR = dataDir;
}

const child = spawn(process.execPath, [path.join(root, 'backend/dist/main.js')], { cwd: root, env, stdio: 'inherit' });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  if (dropDb) await dropDb().catch((e) => console.error('drop database failed', e));
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  if (!stopping) {
    console.error(`the platform exited with code ${code}`);
    process.exit(code ?? 1);
  }
});
