import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courses, outline (sections, items), enrolment rules, enrolments, item progress and completions.
 * Completions are the hours ledger: one row per enrolment, never deleted by the application.
 */
export class Courses1764400000000 implements MigrationInterface {
  name = 'Courses1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL CHECK (code IS NFC NORMALIZED AND length(btrim(code)) > 0),
        title varchar(300) NOT NULL CHECK (title IS NFC NORMALIZED AND length(btrim(title)) > 0),
        description text NOT NULL DEFAULT '',
        search_text text GENERATED ALWAYS AS (vn_fold(code || ' ' || title)) STORED,
        owner_unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        trainer_ids uuid[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        target_group varchar(32) NOT NULL CHECK (target_group IN ('cbccvc','resident','student','enterprise_worker')),
        delivery_mode varchar(16) NOT NULL CHECK (delivery_mode IN ('self_paced','in_person','blended')),
        duration_hours numeric(6,2) NOT NULL CHECK (duration_hours > 0),
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','archived')),
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        sequential boolean NOT NULL DEFAULT false,
        pass_mark smallint NULL CHECK (pass_mark BETWEEN 0 AND 100),
        min_progress_before_final smallint NULL CHECK (min_progress_before_final BETWEEN 0 AND 100),
        self_enrol boolean NOT NULL DEFAULT false,
        enrol_key_hash text NULL,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_courses_code ON courses (lower(code))`);
    await q.query(`CREATE INDEX ix_courses_owner ON courses (owner_unit_id)`);
    await q.query(`CREATE INDEX ix_courses_search ON courses USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE course_sections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        position int NOT NULL,
        title varchar(300) NOT NULL CHECK (title IS NFC NORMALIZED AND length(btrim(title)) > 0)
      )`);
    await q.query(`CREATE INDEX ix_course_sections_course ON course_sections (course_id, position)`);

    await q.query(`
      CREATE TABLE course_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        section_id uuid NOT NULL REFERENCES course_sections(id) ON DELETE RESTRICT,
        position int NOT NULL,
        type varchar(16) NOT NULL CHECK (type IN ('lesson','quiz','attendance')),
        title varchar(300) NOT NULL CHECK (title IS NFC NORMALIZED AND length(btrim(title)) > 0),
        required boolean NOT NULL DEFAULT true,
        is_final boolean NOT NULL DEFAULT false,
        body_html text NULL,
        video_url varchar(1000) NULL,
        completion_rule varchar(16) NULL CHECK (completion_rule IN ('opened_to_end','video_share','confirm')),
        video_share smallint NULL CHECK (video_share BETWEEN 0 AND 100),
        min_score smallint NULL CHECK (min_score BETWEEN 0 AND 100),
        min_share smallint NULL CHECK (min_share BETWEEN 0 AND 100)
      )`);
    await q.query(`CREATE INDEX ix_course_items_course ON course_items (course_id)`);
    await q.query(`CREATE UNIQUE INDEX uq_course_items_final ON course_items (course_id) WHERE is_final`);

    await q.query(`
      CREATE TABLE enrolment_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        categories text[] NOT NULL DEFAULT '{}',
        dt_roles text[] NOT NULL DEFAULT '{}',
        due_date date NULL,
        active boolean NOT NULL DEFAULT true,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_enrolment_rules_filter CHECK (cardinality(categories) + cardinality(dt_roles) > 0)
      )`);
    await q.query(`CREATE INDEX ix_enrolment_rules_active ON enrolment_rules (unit_id) WHERE active`);

    await q.query(`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE RESTRICT,
        staff_id uuid NOT NULL REFERENCES staff_members(id) ON DELETE RESTRICT,
        source varchar(8) NOT NULL CHECK (source IN ('manual','rule','self')),
        rule_id uuid NULL REFERENCES enrolment_rules(id) ON DELETE SET NULL,
        due_date date NULL,
        status varchar(16) NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled','in_progress','completed','withdrawn','exempted')),
        no_longer_matches boolean NOT NULL DEFAULT false,
        reason text NULL,
        completed_at timestamptz NULL,
        enrolled_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_enrolments_completed CHECK ((status = 'completed') = (completed_at IS NOT NULL) OR status IN ('withdrawn','exempted'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_enrolments_course_staff ON enrolments (course_id, staff_id)`);
    await q.query(`CREATE INDEX ix_enrolments_staff ON enrolments (staff_id)`);
    // the course's enrolled / completed counts read this index only
    await q.query(`CREATE INDEX ix_enrolments_course_status ON enrolments (course_id, status)`);

    await q.query(`
      CREATE TABLE item_progress (
        enrolment_id uuid NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES course_items(id) ON DELETE RESTRICT,
        status varchar(16) NOT NULL CHECK (status IN ('in_progress','completed')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        score smallint NULL CHECK (score BETWEEN 0 AND 100),
        completed_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enrolment_id, item_id)
      )`);
    await q.query(`CREATE INDEX ix_item_progress_item ON item_progress (item_id)`);

    await q.query(`
      CREATE TABLE completions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_id uuid NOT NULL REFERENCES staff_members(id) ON DELETE RESTRICT,
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE RESTRICT,
        enrolment_id uuid NULL REFERENCES enrolments(id) ON DELETE RESTRICT,
        course_version int NOT NULL,
        completed_at timestamptz NOT NULL,
        hours numeric(6,2) NOT NULL CHECK (hours >= 0),
        rule varchar(40) NOT NULL,
        source varchar(24) NOT NULL DEFAULT 'internal' CHECK (source IN ('internal','bdhvs','provincial_program')),
        status varchar(16) NOT NULL DEFAULT 'approved' CHECK (status IN ('approved','pending','rejected')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_completions_enrolment ON completions (enrolment_id) WHERE enrolment_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_completions_staff ON completions (staff_id, completed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['completions', 'item_progress', 'enrolments', 'enrolment_rules', 'course_items', 'course_sections', 'courses']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
