import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training targets (chỉ tiêu): a population (unit subtree + staff categories + DT roles, people on the roster on
 * the date) and what counts as trained (chosen courses, course tags, external sources, attended classes),
 * measured as of any date from staff_history and the completions ledger.
 */
export class Targets1764900000000 implements MigrationInterface {
  name = 'Targets1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL CHECK (code IS NFC NORMALIZED AND length(btrim(code)) > 0),
        name varchar(400) NOT NULL CHECK (name IS NFC NORMALIZED AND length(btrim(name)) > 0),
        policy_ref varchar(200) NOT NULL DEFAULT '' CHECK (policy_ref IS NFC NORMALIZED),
        description text NOT NULL DEFAULT '',
        unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        categories text[] NOT NULL DEFAULT '{}',
        dt_roles text[] NOT NULL DEFAULT '{}',
        course_ids uuid[] NOT NULL DEFAULT '{}',
        course_mode varchar(4) NOT NULL DEFAULT 'any' CHECK (course_mode IN ('any','all')),
        course_tags text[] NOT NULL DEFAULT '{}',
        external_sources text[] NOT NULL DEFAULT '{}' CHECK (external_sources <@ ARRAY['bdhvs','provincial_program']::text[]),
        class_ids uuid[] NOT NULL DEFAULT '{}',
        validity_years smallint NULL CHECK (validity_years BETWEEN 1 AND 50),
        target_share numeric(5,2) NOT NULL CHECK (target_share > 0 AND target_share <= 100),
        start_date date NOT NULL,
        deadline date NOT NULL,
        milestones jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_targets_population CHECK (cardinality(categories) + cardinality(dt_roles) > 0),
        CONSTRAINT ck_targets_counting CHECK (cardinality(course_ids) + cardinality(course_tags) + cardinality(external_sources) + cardinality(class_ids) > 0),
        CONSTRAINT ck_targets_dates CHECK (deadline > start_date)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_targets_code ON targets (lower(code))`);

    // as-of roster reads: the periods of a unit's people that cover a date
    await q.query(`CREATE INDEX ix_staff_history_unit_period ON staff_history (unit_id, valid_from, valid_to) INCLUDE (staff_id, category, dt_role, status, leave_kind)`);
    // "who completed course X by date D": index-only per course
    await q.query(`CREATE INDEX ix_completions_course_staff ON completions (course_id, staff_id, completed_at) WHERE status = 'approved'`);
    await q.query(`CREATE INDEX ix_completions_source_staff ON completions (source, staff_id, completed_at) WHERE status = 'approved' AND source <> 'internal'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_completions_source_staff`);
    await q.query(`DROP INDEX IF EXISTS ix_completions_course_staff`);
    await q.query(`DROP INDEX IF EXISTS ix_staff_history_unit_period`);
    await q.query(`DROP TABLE IF EXISTS targets`);
  }
}
