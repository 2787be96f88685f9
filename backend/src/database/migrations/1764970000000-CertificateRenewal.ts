import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-enrolment before a certificate expires (chứng nhận có thời hạn, ghi danh học lại).
 *
 * - `courses.renewal_lead_days` (1-365, NULL = no automatic re-enrolment; only with a validity): a person whose valid
 *   certificate of the course expires within that many days is enrolled again to take the course, due on the expiry date.
 * - An enrolment lives in cycles: `enrolments.cycle` (1 for the first time through the course) goes up by one at each
 *   renewal, and `cycle_started_at` is when the current cycle began (NULL in cycle 1): quiz attempts and class sessions
 *   from before it do not count towards the new cycle.
 * - Completions stay "recorded once, with their date, forever": a completion carries the cycle it completed, and the
 *   one-completion-per-enrolment index becomes one per (enrolment, cycle). A renewal never touches the old completion
 *   or its certificate.
 * - `enrolment_renewals`: the append-only history of renewals: the enrolment as it was (cycle, status, completion time,
 *   due date, item progress as JSON), the certificate that triggered it (once per certificate: what makes a renewal
 *   run idempotent), the new due date, who or what triggered it and when.
 */
export class CertificateRenewal1764970000000 implements MigrationInterface {
  name = 'CertificateRenewal1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE courses
        ADD COLUMN renewal_lead_days smallint NULL CHECK (renewal_lead_days BETWEEN 1 AND 365),
        ADD CONSTRAINT ck_courses_renewal_needs_validity CHECK (renewal_lead_days IS NULL OR certificate_validity_months IS NOT NULL)`);

    await q.query(`
      ALTER TABLE enrolments
        ADD COLUMN cycle smallint NOT NULL DEFAULT 1 CHECK (cycle >= 1),
        ADD COLUMN cycle_started_at timestamptz NULL,
        ADD CONSTRAINT ck_enrolments_cycle_started CHECK ((cycle = 1) = (cycle_started_at IS NULL))`);

    await q.query(`ALTER TABLE completions ADD COLUMN cycle smallint NOT NULL DEFAULT 1 CHECK (cycle >= 1)`);
    await q.query(`DROP INDEX IF EXISTS uq_completions_enrolment`);
    await q.query(`CREATE UNIQUE INDEX uq_completions_enrolment_cycle ON completions (enrolment_id, cycle) WHERE enrolment_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE enrolment_renewals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES enrolments(id) ON DELETE RESTRICT,
        certificate_id uuid NOT NULL REFERENCES certificates(id) ON DELETE RESTRICT,
        previous_cycle smallint NOT NULL CHECK (previous_cycle >= 1),
        previous_status varchar(16) NOT NULL,
        previous_completed_at timestamptz NULL,
        previous_due_date date NULL,
        previous_item_progress jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(previous_item_progress) = 'array'),
        due_date date NOT NULL,
        triggered_by_kind varchar(8) NOT NULL CHECK (triggered_by_kind IN ('job','manual')),
        triggered_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        renewed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_enrolment_renewals_certificate UNIQUE (certificate_id),
        CONSTRAINT uq_enrolment_renewals_cycle UNIQUE (enrolment_id, previous_cycle)
      )`);
    await q.query(`
      CREATE FUNCTION enrolment_renewals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'enrolment_renewals is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER tr_enrolment_renewals_append_only BEFORE UPDATE OR DELETE ON enrolment_renewals
      FOR EACH ROW EXECUTE FUNCTION enrolment_renewals_append_only()`);

    // the renewal run reads valid certificates of a course by expiry date
    await q.query(`CREATE INDEX ix_certificates_course_expiry ON certificates (course_id, expires_on) WHERE status = 'valid' AND expires_on IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_certificates_course_expiry`);
    await q.query(`DROP TABLE IF EXISTS enrolment_renewals`);
    await q.query(`DROP FUNCTION IF EXISTS enrolment_renewals_append_only()`);
    // fails when an enrolment has been completed in more than one cycle: that history cannot be folded back into one row
    await q.query(`DROP INDEX IF EXISTS uq_completions_enrolment_cycle`);
    await q.query(`CREATE UNIQUE INDEX uq_completions_enrolment ON completions (enrolment_id) WHERE enrolment_id IS NOT NULL`);
    await q.query(`ALTER TABLE completions DROP COLUMN IF EXISTS cycle`);
    await q.query(`ALTER TABLE enrolments DROP CONSTRAINT IF EXISTS ck_enrolments_cycle_started, DROP COLUMN IF EXISTS cycle_started_at, DROP COLUMN IF EXISTS cycle`);
    await q.query(`ALTER TABLE courses DROP CONSTRAINT IF EXISTS ck_courses_renewal_needs_validity, DROP COLUMN IF EXISTS renewal_lead_days`);
  }
}
