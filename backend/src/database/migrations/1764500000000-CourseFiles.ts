import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored files (uploads kept in PostgreSQL, written in the transaction of the row that points at them),
 * course covers and lesson attachments, completions earned elsewhere (BDHVS, provincial programmes) with
 * evidence and review, and previews of their spreadsheet imports.
 */
export class CourseFiles1764500000000 implements MigrationInterface {
  name = 'CourseFiles1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose varchar(16) NOT NULL CHECK (purpose IN ('cover','attachment','evidence')),
        file_name varchar(255) NOT NULL CHECK (file_name IS NFC NORMALIZED AND length(btrim(file_name)) > 0),
        mime_type varchar(120) NOT NULL,
        size int NOT NULL CHECK (size > 0),
        sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
        content bytea NOT NULL,
        uploaded_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_stored_files_size CHECK (size = octet_length(content))
      )`);
    // PNG, JPEG, WebP, PDF and OOXML are compressed already: store them out of line without trying to compress again
    await q.query(`ALTER TABLE stored_files ALTER COLUMN content SET STORAGE EXTERNAL`);

    await q.query(`ALTER TABLE courses ADD COLUMN cover_file_id uuid NULL REFERENCES stored_files(id) ON DELETE SET NULL`);

    await q.query(`
      CREATE TABLE course_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES course_items(id) ON DELETE CASCADE,
        file_id uuid NOT NULL UNIQUE REFERENCES stored_files(id) ON DELETE RESTRICT,
        position int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_course_attachments_item ON course_attachments (item_id, position)`);
    await q.query(`CREATE INDEX ix_course_attachments_course ON course_attachments (course_id)`);
    // an attachment owns its file: removing the attachment (directly, or with its item or course) removes the bytes
    await q.query(`
      CREATE FUNCTION course_attachments_drop_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN DELETE FROM stored_files WHERE id = OLD.file_id; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER tr_course_attachments_drop_file AFTER DELETE ON course_attachments
      FOR EACH ROW EXECUTE FUNCTION course_attachments_drop_file()`);

    await q.query(`
      CREATE TABLE completion_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name varchar(255) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'preview' CHECK (status IN ('preview','committed','cancelled')),
        rows jsonb NOT NULL,
        ok_count int NOT NULL DEFAULT 0,
        error_count int NOT NULL DEFAULT 0,
        duplicate_count int NOT NULL DEFAULT 0,
        created_count int NULL,
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX ix_completion_imports_user ON completion_imports (created_by, created_at DESC)`);

    // completions: internal ones keep course, version and enrolment; external ones (source <> 'internal') carry
    // what the certificate says, the evidence and the review
    await q.query(`ALTER TABLE completions ALTER COLUMN course_id DROP NOT NULL`);
    await q.query(`ALTER TABLE completions ALTER COLUMN course_version DROP NOT NULL`);
    await q.query(`
      ALTER TABLE completions
        ADD COLUMN title varchar(300) NULL CHECK (title IS NFC NORMALIZED AND length(btrim(title)) > 0),
        ADD COLUMN provider varchar(300) NULL CHECK (provider IS NFC NORMALIZED AND length(btrim(provider)) > 0),
        ADD COLUMN completed_on date NULL,
        ADD COLUMN certificate_no varchar(100) NULL CHECK (certificate_no IS NFC NORMALIZED),
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN evidence_file_id uuid NULL UNIQUE REFERENCES stored_files(id) ON DELETE RESTRICT,
        ADD COLUMN import_id uuid NULL REFERENCES completion_imports(id) ON DELETE SET NULL,
        ADD COLUMN submitted_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN submitted_at timestamptz NULL,
        ADD COLUMN reviewed_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN reviewed_at timestamptz NULL,
        ADD COLUMN review_note text NULL CHECK (review_note IS NFC NORMALIZED),
        ADD CONSTRAINT ck_completions_internal CHECK (source <> 'internal'
          OR (course_id IS NOT NULL AND course_version IS NOT NULL AND status = 'approved')),
        ADD CONSTRAINT ck_completions_external CHECK (source = 'internal'
          OR (title IS NOT NULL AND provider IS NOT NULL AND completed_on IS NOT NULL AND submitted_at IS NOT NULL
              AND hours > 0 AND hours <= 500 AND (status = 'pending') = (reviewed_at IS NULL)))`);
    // the review queue, and "same person, same training, same day" recorded once (a rejected one may be sent again)
    await q.query(`CREATE INDEX ix_completions_external ON completions (status, submitted_at DESC) WHERE source <> 'internal'`);
    await q.query(`CREATE UNIQUE INDEX uq_completions_external ON completions (staff_id, vn_fold(title), completed_on)
      WHERE source <> 'internal' AND status <> 'rejected'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM completions WHERE source <> 'internal'`);
    await q.query(`DROP INDEX IF EXISTS uq_completions_external`);
    await q.query(`DROP INDEX IF EXISTS ix_completions_external`);
    await q.query(`
      ALTER TABLE completions DROP CONSTRAINT IF EXISTS ck_completions_external, DROP CONSTRAINT IF EXISTS ck_completions_internal,
        DROP COLUMN IF EXISTS review_note, DROP COLUMN IF EXISTS reviewed_at, DROP COLUMN IF EXISTS reviewed_by,
        DROP COLUMN IF EXISTS submitted_at, DROP COLUMN IF EXISTS submitted_by, DROP COLUMN IF EXISTS import_id,
        DROP COLUMN IF EXISTS evidence_file_id, DROP COLUMN IF EXISTS tags, DROP COLUMN IF EXISTS certificate_no,
        DROP COLUMN IF EXISTS completed_on, DROP COLUMN IF EXISTS provider, DROP COLUMN IF EXISTS title`);
    await q.query(`ALTER TABLE completions ALTER COLUMN course_version SET NOT NULL`);
    await q.query(`ALTER TABLE completions ALTER COLUMN course_id SET NOT NULL`);
    await q.query(`DROP TABLE IF EXISTS completion_imports`);
    await q.query(`DROP TABLE IF EXISTS course_attachments`);
    await q.query(`DROP FUNCTION IF EXISTS course_attachments_drop_file()`);
    await q.query(`ALTER TABLE courses DROP COLUMN IF EXISTS cover_file_id`);
    await q.query(`DROP TABLE IF EXISTS stored_files`);
  }
}
