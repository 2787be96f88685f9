/**
 * Creates (or re-enables) an administrator for a production install without demo data:
 *   npm run create-admin -- --username nguyenvana [--display-name "Nguyễn Văn A"] [--email a@x.vn]
 * The password comes from the ADMIN_PASSWORD variable or is generated and printed once.
 * Needs DATABASE_URL; applies pending migrations first.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runMigrations } from '../database/migrate';
import { hashPassword } from '../modules/auth/auth.service';
import { USERNAME_RE } from '../common/validation/decorators';
import { isValidEmail, nfc } from '../common/text/vietnamese';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main() {
  const username = arg('username');
  const problems: string[] = [];
  if (!process.env.DATABASE_URL) problems.push('DATABASE_URL is required (chuỗi kết nối PostgreSQL)');
  if (!username || !USERNAME_RE.test(username)) problems.push('--username: 3-64 lowercase letters, digits, . _ - (tên đăng nhập không hợp lệ)');
  const email = arg('email');
  if (email && !isValidEmail(email)) problems.push('--email: invalid email (email không hợp lệ)');
  const password = process.env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  if (password.length < 10) problems.push('ADMIN_PASSWORD: at least 10 characters (tối thiểu 10 ký tự)');
  if (problems.length) {
    process.stderr.write(`create-admin:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const ds = await runMigrations(process.env.DATABASE_URL as string);
  try {
    const result = await createAdmin(ds, { username: username as string, password, email: email ?? null, displayName: nfc(arg('display-name') ?? 'Quản trị hệ thống') });
    process.stdout.write(`${result.inserted ? 'Đã tạo' : 'Đã cập nhật'} quản trị viên / admin ${result.inserted ? 'created' : 'updated'}: ${username}\n`);
    if (!process.env.ADMIN_PASSWORD) process.stdout.write(`Mật khẩu tạm / temporary password: ${password}\n(đổi mật khẩu ở lần đăng nhập đầu / change it at first sign-in)\n`);
  } finally {
    await ds.destroy();
  }
}

/** Creates the admin, or re-enables an existing account with that username and adds the admin role. */
export async function createAdmin(
  ds: DataSource,
  o: { username: string; password: string; email: string | null; displayName: string },
): Promise<{ id: string; inserted: boolean }> {
  const hash = await hashPassword(o.password);
  return ds.transaction(async (tx) => {
    const [row] = await tx.query(
      `INSERT INTO users (username, email, display_name, password_hash, roles, must_change_password)
       VALUES ($1, $2, $3, $4, ARRAY['admin'], true)
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, is_active = true,
         roles = (SELECT array_agg(DISTINCT r) FROM unnest(users.roles || ARRAY['admin']) r), must_change_password = true
       RETURNING id, (xmax = 0) AS inserted`,
      [o.username, o.email?.toLowerCase() ?? null, o.displayName, hash],
    );
    await tx.query(
      `INSERT INTO audit_events (action, entity_type, entity_id, summary, details) VALUES ('user.admin_created_cli', 'user', $1, $2, $3)`,
      [row.id, `Tạo quản trị viên ${o.username} bằng dòng lệnh`, JSON.stringify({ inserted: row.inserted })],
    );
    return { id: row.id, inserted: row.inserted };
  });
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`create-admin failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
