/**
 * The production compose file stays valid: Debian's docker-compose (v1.29) validates it without a Docker
 * engine. docker-compose must be installed (`apt-get install -y docker-compose`; CI's .ci/run installs it):
 * this test fails, never skips, when it is missing.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const BACKEND_DIR = path.resolve(__dirname, '../..');
const COMPOSE_FILE = '../docker-compose.yml';

function compose(args: string[]) {
  const r = spawnSync('docker-compose', ['-f', COMPOSE_FILE, ...args], {
    cwd: BACKEND_DIR,
    encoding: 'utf8',
    // the file's defaults must be enough: no password or demo settings from the caller's environment
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
    timeout: 30_000,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      'docker-compose is not installed: run `apt-get install -y docker-compose` (Debian, v1.29; CI\'s .ci/run installs it). ' +
        'This test validates docker-compose.yml and must not be skipped.',
    );
  }
  if (r.error) throw r.error;
  return r;
}

/** The lines nested under `key:` at the given indentation, in docker-compose v1's canonical YAML output. */
function block(lines: string[], key: string, indent: number): string[] {
  const head = `${' '.repeat(indent)}${key}:`;
  const start = lines.findIndex((l) => l === head || l.startsWith(`${head} `));
  if (start < 0) throw new Error(`no "${key}:" at indent ${indent} in:\n${lines.join('\n')}`);
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === '') continue;
    const ind = l.length - l.trimStart().length;
    if (ind <= indent && !l.trimStart().startsWith('- ')) break;
    if (ind < indent) break;
    out.push(l);
  }
  return out;
}

const keysAt = (lines: string[], indent: number) =>
  lines
    .filter((l) => l.length - l.trimStart().length === indent && /^[\w.-]+:/.test(l.trimStart()))
    .map((l) => l.trim().split(':')[0]);

describe('docker-compose.yml', () => {
  it('is valid for docker-compose (config -q exits 0)', () => {
    const r = compose(['config', '-q']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  describe('resolved configuration', () => {
    let lines: string[];
    beforeAll(() => {
      const r = compose(['config']);
      if (r.status !== 0) throw new Error(`docker-compose config failed (${r.status}):\n${r.stderr}`);
      lines = r.stdout.split('\n');
    });

    it('has the db and app services', () => {
      expect(keysAt(block(lines, 'services', 0), 2).sort()).toEqual(['app', 'db']);
    });

    it('keeps the database in the named volume pgdata', () => {
      expect(keysAt(block(lines, 'volumes', 0), 2)).toContain('pgdata');
      const db = block(block(lines, 'services', 0), 'db', 2);
      expect(block(db, 'volumes', 4).join('\n')).toMatch(/- pgdata:\/var\/lib\/postgresql\/data/);
      expect(block(db, 'healthcheck', 4).join('\n')).toMatch(/pg_isready/);
      expect(db.join('\n')).toMatch(/image: postgres:16/);
    });

    it('starts the app after a healthy database, and health-checks the app', () => {
      const app = block(block(lines, 'services', 0), 'app', 2);
      const dependsOnDb = block(block(app, 'depends_on', 4), 'db', 6);
      expect(dependsOnDb.map((l) => l.trim())).toContain('condition: service_healthy');
      const health = block(app, 'healthcheck', 4).join('\n');
      expect(health).toMatch(/test:/);
      expect(health).toMatch(/\/api\/health/);
      const env = block(app, 'environment', 4).map((l) => l.trim());
      expect(env.some((l) => /^DATABASE_URL: postgres:\/\/postgres:.+@db:5432\/dakbla$/.test(l))).toBe(true);
      expect(env).toContain('SEED_DEMO: "false"');
      expect(app.join('\n')).toMatch(/published: 3000\s+target: 3000/);
    });
  });
});
