import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Semi-annual reports to the provincial Department of Science and Technology. A draft computes its figures as of
 * the cut-off each time it is read; submitting stores them in `snapshot` and freezes the row (a trigger refuses any
 * change to a submitted report); a correction is a new version that supersedes it.
 */
export class Reports1764950000000 implements MigrationInterface {
  name = 'Reports1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        title varchar(500) NOT NULL CHECK (title IS NFC NORMALIZED AND length(btrim(title)) > 0),
        period_label varchar(200) NOT NULL CHECK (period_label IS NFC NORMALIZED AND length(btrim(period_label)) > 0),
        period_start date NOT NULL,
        cut_off date NOT NULL,
        doc_number varchar(60) NOT NULL DEFAULT '' CHECK (doc_number IS NFC NORMALIZED),
        place varchar(100) NOT NULL DEFAULT 'Đăk Bla' CHECK (place IS NFC NORMALIZED),
        report_date date NULL,
        recipients text[] NOT NULL DEFAULT '{}',
        signer_title varchar(200) NOT NULL DEFAULT '' CHECK (signer_title IS NFC NORMALIZED),
        signer_name varchar(200) NOT NULL DEFAULT '' CHECK (signer_name IS NFC NORMALIZED),
        narrative jsonb NOT NULL DEFAULT '{}',
        include_police boolean NOT NULL DEFAULT false,
        estimated boolean NOT NULL DEFAULT false,
        status varchar(12) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted')),
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        supersedes_id uuid NULL REFERENCES reports(id) ON DELETE RESTRICT,
        superseded_by_id uuid NULL REFERENCES reports(id) ON DELETE RESTRICT,
        snapshot jsonb NULL,
        submitted_at timestamptz NULL,
        submitted_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_reports_period CHECK (cut_off >= period_start),
        CONSTRAINT ck_reports_submitted CHECK ((status = 'submitted') = (snapshot IS NOT NULL AND submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_reports_unit ON reports (unit_id, cut_off DESC)`);
    await q.query(`CREATE UNIQUE INDEX uq_reports_supersedes ON reports (supersedes_id) WHERE supersedes_id IS NOT NULL`);
    // a submitted report is frozen: only the link to the version that corrects it may still be set, once
    await q.query(`
      CREATE FUNCTION reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'submitted' THEN RAISE EXCEPTION 'a submitted report cannot be deleted'; END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'submitted' THEN
          IF OLD.superseded_by_id IS NULL AND NEW.superseded_by_id IS NOT NULL
             AND (to_jsonb(NEW) - 'superseded_by_id') = (to_jsonb(OLD) - 'superseded_by_id') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'a submitted report is frozen';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_reports_frozen BEFORE UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION reports_frozen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS reports`);
    await q.query(`DROP FUNCTION IF EXISTS reports_frozen()`);
  }
}
