import * as fs from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const { serverUrl, name } = globalThis.__TEST_DB__ ?? {};
  if (serverUrl && name) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
  const emb = globalThis.__EMBEDDED_PG__;
  if (emb) {
    await emb.embedded.stop();
    fs.rmSync(emb.dir, { recursive: true, force: true });
  }
}
