import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates (giấy chứng nhận): issued automatically when an internal course completion is recorded (a trigger,
 * so every path that records a completion issues one, in the same transaction), or by a manager. Each has a number
 * from a yearly register ("0012/2026/GCN") and an unguessable public code for the verification page.
 */
export class Certificates1764960000000 implements MigrationInterface {
  name = 'Certificates1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE courses ADD COLUMN certificate_validity_months smallint NULL CHECK (certificate_validity_months BETWEEN 1 AND 240)`);
    await q.query(`ALTER TABLE courses ADD COLUMN issue_certificates boolean NOT NULL DEFAULT true`);

    await q.query(`
      CREATE TABLE certificate_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        issuer_name varchar(200) NOT NULL DEFAULT 'ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA' CHECK (issuer_name IS NFC NORMALIZED),
        signer_title varchar(200) NOT NULL DEFAULT 'CHỦ TỊCH' CHECK (signer_title IS NFC NORMALIZED),
        signer_name varchar(200) NOT NULL DEFAULT '' CHECK (signer_name IS NFC NORMALIZED),
        place varchar(100) NOT NULL DEFAULT 'Đăk Bla' CHECK (place IS NFC NORMALIZED),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO certificate_settings DEFAULT VALUES`);

    await q.query(`CREATE TABLE certificate_registers (year smallint PRIMARY KEY, last_no int NOT NULL DEFAULT 0)`);

    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(20) NOT NULL UNIQUE CHECK (code ~ '^[A-Z2-9]{12}$'),
        register_year smallint NOT NULL,
        register_no int NOT NULL CHECK (register_no > 0),
        completion_id uuid NOT NULL REFERENCES completions(id) ON DELETE RESTRICT,
        staff_id uuid NOT NULL REFERENCES staff_members(id) ON DELETE RESTRICT,
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE RESTRICT,
        full_name varchar(200) NOT NULL,
        course_title varchar(300) NOT NULL,
        hours numeric(6,2) NOT NULL,
        completed_on date NOT NULL,
        expires_on date NULL,
        issuer_name varchar(200) NOT NULL,
        signer_title varchar(200) NOT NULL,
        signer_name varchar(200) NOT NULL,
        kind varchar(8) NOT NULL CHECK (kind IN ('auto','manual','reissue')),
        status varchar(10) NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','revoked')),
        revoked_at timestamptz NULL,
        revoked_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        revoke_reason text NULL,
        replaces_id uuid NULL REFERENCES certificates(id) ON DELETE RESTRICT,
        issued_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (register_year, register_no),
        CONSTRAINT ck_certificates_revoked CHECK ((status = 'revoked') = (revoked_at IS NOT NULL AND revoke_reason IS NOT NULL))
      )`);
    // one valid certificate per completion
    await q.query(`CREATE UNIQUE INDEX uq_certificates_valid ON certificates (completion_id) WHERE status = 'valid'`);
    await q.query(`CREATE INDEX ix_certificates_course ON certificates (course_id, issued_at)`);
    await q.query(`CREATE INDEX ix_certificates_staff ON certificates (staff_id)`);

    // a public code: 12 characters from an alphabet without 0/O/1/I, 60 bits of randomness
    await q.query(`
      CREATE FUNCTION certificate_code() RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (get_byte(b, i) % 32) + 1, 1), '' ORDER BY i)
        FROM (SELECT gen_random_bytes(12) AS b) r, generate_series(0, 11) i
      $$`);
    await q.query(`
      CREATE FUNCTION issue_certificate(p_completion uuid, p_kind text, p_by uuid, p_replaces uuid) RETURNS uuid LANGUAGE plpgsql AS $$
      DECLARE
        c record; s record; y smallint; n int; new_id uuid;
      BEGIN
        SELECT cp.id, cp.staff_id, cp.course_id, cp.completed_at, cp.hours, sm.full_name, co.title, co.certificate_validity_months
          INTO c
          FROM completions cp JOIN staff_members sm ON sm.id = cp.staff_id JOIN courses co ON co.id = cp.course_id
         WHERE cp.id = p_completion AND cp.source = 'internal' AND cp.status = 'approved';
        IF NOT FOUND THEN RAISE EXCEPTION 'no approved internal completion %', p_completion USING ERRCODE = 'P0002'; END IF;
        SELECT * INTO s FROM certificate_settings;
        y := extract(year FROM (now() AT TIME ZONE 'Asia/Ho_Chi_Minh'))::smallint;
        INSERT INTO certificate_registers (year, last_no) VALUES (y, 1)
          ON CONFLICT (year) DO UPDATE SET last_no = certificate_registers.last_no + 1
          RETURNING last_no INTO n;
        INSERT INTO certificates (code, register_year, register_no, completion_id, staff_id, course_id, full_name, course_title, hours,
            completed_on, expires_on, issuer_name, signer_title, signer_name, kind, replaces_id, issued_by)
          VALUES (certificate_code(), y, n, c.id, c.staff_id, c.course_id, c.full_name, c.title, c.hours,
            (c.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
            CASE WHEN c.certificate_validity_months IS NULL THEN NULL
                 ELSE ((c.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + make_interval(months => c.certificate_validity_months))::date END,
            s.issuer_name, s.signer_title, s.signer_name, p_kind, p_replaces, p_by)
          RETURNING id INTO new_id;
        RETURN new_id;
      END $$`);
    await q.query(`
      CREATE FUNCTION completions_issue_certificate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.source = 'internal' AND NEW.status = 'approved' AND NEW.course_id IS NOT NULL
           AND (SELECT issue_certificates FROM courses WHERE id = NEW.course_id) THEN
          PERFORM issue_certificate(NEW.id, 'auto', NULL, NULL);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_completions_certificate AFTER INSERT ON completions FOR EACH ROW EXECUTE FUNCTION completions_issue_certificate()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS tr_completions_certificate ON completions`);
    await q.query(`DROP FUNCTION IF EXISTS completions_issue_certificate()`);
    await q.query(`DROP FUNCTION IF EXISTS issue_certificate(uuid, text, uuid, uuid)`);
    await q.query(`DROP FUNCTION IF EXISTS certificate_code()`);
    await q.query(`DROP TABLE IF EXISTS certificates`);
    await q.query(`DROP TABLE IF EXISTS certificate_registers`);
    await q.query(`DROP TABLE IF EXISTS certificate_settings`);
    await q.query(`ALTER TABLE courses DROP COLUMN IF EXISTS issue_certificates`);
    await q.query(`ALTER TABLE courses DROP COLUMN IF EXISTS certificate_validity_months`);
  }
}
