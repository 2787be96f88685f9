import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quizzes (settings, slots, per-person overrides), attempts with their frozen questions, the answers saved as they
 * change, and the grade history (regrades and manual grades). A course quiz item points at its quiz.
 *
 * The server owns the clock: an attempt stores its deadline (`deadline_at`) and the last instant an answer or a
 * submission is accepted (`cutoff_at` = deadline + grace) when it starts; the finaliser job closes attempts past
 * `cutoff_at` (partial index ix_quiz_attempts_open).
 */
export class Quizzes1764700000000 implements MigrationInterface {
  name = 'Quizzes1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quizzes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(300) NOT NULL CHECK (title IS NFC NORMALIZED AND length(btrim(title)) > 0),
        description text NOT NULL DEFAULT '' CHECK (description IS NFC NORMALIZED),
        search_text text GENERATED ALWAYS AS (vn_fold(title)) STORED,
        owner_unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        course_id uuid NULL REFERENCES courses(id) ON DELETE SET NULL,
        status varchar(12) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
        open_at timestamptz NULL,
        close_at timestamptz NULL,
        time_limit_minutes int NULL CHECK (time_limit_minutes BETWEEN 1 AND 1440),
        max_attempts int NULL CHECK (max_attempts BETWEEN 1 AND 100),
        attempt_delay_minutes int NOT NULL DEFAULT 0 CHECK (attempt_delay_minutes BETWEEN 0 AND 43200),
        grading_method varchar(8) NOT NULL DEFAULT 'highest' CHECK (grading_method IN ('highest','average','first','last')),
        pass_mark numeric(5,2) NOT NULL DEFAULT 50 CHECK (pass_mark BETWEEN 0 AND 100),
        shuffle_questions boolean NOT NULL DEFAULT false,
        shuffle_options boolean NOT NULL DEFAULT true,
        questions_per_page int NOT NULL DEFAULT 1 CHECK (questions_per_page BETWEEN 0 AND 100),
        navigation varchar(10) NOT NULL DEFAULT 'free' CHECK (navigation IN ('free','sequential')),
        review_score varchar(12) NOT NULL DEFAULT 'immediately' CHECK (review_score IN ('immediately','after_close','never')),
        review_correct varchar(12) NOT NULL DEFAULT 'after_close' CHECK (review_correct IN ('immediately','after_close','never')),
        review_feedback varchar(12) NOT NULL DEFAULT 'immediately' CHECK (review_feedback IN ('immediately','after_close','never')),
        overdue varchar(10) NOT NULL DEFAULT 'autosubmit' CHECK (overdue IN ('autosubmit','grace','discard')),
        grace_minutes int NOT NULL DEFAULT 0 CHECK (grace_minutes BETWEEN 0 AND 1440),
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL,
        CONSTRAINT ck_quizzes_dates CHECK (open_at IS NULL OR close_at IS NULL OR close_at > open_at)
      )`);
    await q.query(`CREATE INDEX ix_quizzes_owner ON quizzes (owner_unit_id)`);
    await q.query(`CREATE INDEX ix_quizzes_course ON quizzes (course_id) WHERE course_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_quizzes_search ON quizzes USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE quiz_slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quiz_id uuid NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 1),
        kind varchar(8) NOT NULL CHECK (kind IN ('fixed','random')),
        question_id uuid NULL REFERENCES questions(id) ON DELETE RESTRICT,
        category_id uuid NULL REFERENCES question_categories(id) ON DELETE RESTRICT,
        include_subcategories boolean NOT NULL DEFAULT false,
        tag varchar(60) NULL,
        count int NOT NULL DEFAULT 1 CHECK (count BETWEEN 1 AND 200),
        mark numeric(6,2) NOT NULL CHECK (mark >= 0),
        UNIQUE (quiz_id, position),
        CONSTRAINT ck_quiz_slots_kind CHECK (
          (kind = 'fixed' AND question_id IS NOT NULL AND category_id IS NULL AND count = 1 AND tag IS NULL)
          OR (kind = 'random' AND category_id IS NOT NULL AND question_id IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_quiz_slots_question ON quiz_slots (question_id) WHERE question_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_quiz_slots_category ON quiz_slots (category_id) WHERE category_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE quiz_overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quiz_id uuid NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
        staff_id uuid NOT NULL REFERENCES staff_members(id) ON DELETE RESTRICT,
        open_at timestamptz NULL,
        close_at timestamptz NULL,
        extra_minutes int NULL CHECK (extra_minutes BETWEEN 1 AND 1440),
        extra_attempts int NULL CHECK (extra_attempts BETWEEN 1 AND 100),
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (quiz_id, staff_id),
        CONSTRAINT ck_quiz_overrides_dates CHECK (open_at IS NULL OR close_at IS NULL OR close_at > open_at),
        CONSTRAINT ck_quiz_overrides_something CHECK (num_nonnulls(open_at, close_at, extra_minutes, extra_attempts) > 0)
      )`);

    await q.query(`
      CREATE TABLE quiz_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quiz_id uuid NOT NULL REFERENCES quizzes(id) ON DELETE RESTRICT,
        staff_id uuid NOT NULL REFERENCES staff_members(id) ON DELETE RESTRICT,
        user_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        attempt_no int NOT NULL CHECK (attempt_no >= 1),
        status varchar(16) NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress','submitted','needs_grading','graded')),
        counted boolean NOT NULL DEFAULT true,
        seed text NOT NULL,
        sequential boolean NOT NULL DEFAULT false,
        per_page int NOT NULL DEFAULT 1 CHECK (per_page >= 0),
        current_page int NOT NULL DEFAULT 1 CHECK (current_page >= 1),
        started_at timestamptz NOT NULL DEFAULT now(),
        deadline_at timestamptz NULL,
        cutoff_at timestamptz NULL,
        submitted_at timestamptz NULL,
        finished_by varchar(8) NULL CHECK (finished_by IN ('learner','timer')),
        max_score numeric(10,4) NOT NULL DEFAULT 0,
        score numeric(10,4) NULL,
        percent numeric(7,4) NULL CHECK (percent BETWEEN 0 AND 100),
        passed boolean NULL,
        graded_at timestamptz NULL,
        CONSTRAINT ck_quiz_attempts_cutoff CHECK ((deadline_at IS NULL) = (cutoff_at IS NULL) AND (cutoff_at IS NULL OR cutoff_at >= deadline_at)),
        CONSTRAINT ck_quiz_attempts_finished CHECK ((status = 'in_progress') = (submitted_at IS NULL)),
        UNIQUE (quiz_id, staff_id, attempt_no)
      )`);
    // one open attempt per person and quiz: a second start (another tab) gets the open one
    await q.query(`CREATE UNIQUE INDEX uq_quiz_attempts_open ON quiz_attempts (quiz_id, staff_id) WHERE status = 'in_progress'`);
    // the finaliser's work list: open attempts by cutoff
    await q.query(`CREATE INDEX ix_quiz_attempts_cutoff ON quiz_attempts (cutoff_at) WHERE status = 'in_progress' AND cutoff_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_quiz_attempts_quiz ON quiz_attempts (quiz_id, status)`);
    await q.query(`CREATE INDEX ix_quiz_attempts_staff ON quiz_attempts (staff_id, quiz_id)`);

    await q.query(`
      CREATE TABLE attempt_questions (
        attempt_id uuid NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
        slot int NOT NULL CHECK (slot >= 1),
        quiz_slot_id uuid NULL REFERENCES quiz_slots(id) ON DELETE SET NULL,
        quiz_slot_position int NOT NULL,
        question_id uuid NOT NULL REFERENCES questions(id) ON DELETE RESTRICT,
        question_version_id uuid NOT NULL REFERENCES question_versions(id) ON DELETE RESTRICT,
        key_version_id uuid NULL REFERENCES question_versions(id) ON DELETE RESTRICT,
        type varchar(20) NOT NULL,
        answer_type varchar(20) NOT NULL,
        mark numeric(6,2) NOT NULL CHECK (mark >= 0),
        page int NOT NULL CHECK (page >= 1),
        layout jsonb NOT NULL DEFAULT '{}',
        option_keys text[] NOT NULL DEFAULT '{}',
        left_keys text[] NOT NULL DEFAULT '{}',
        right_keys text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (attempt_id, slot)
      )`);
    await q.query(`CREATE INDEX ix_attempt_questions_question ON attempt_questions (question_id)`);

    await q.query(`
      CREATE TABLE attempt_answers (
        attempt_id uuid NOT NULL,
        slot int NOT NULL,
        response jsonb NULL,
        seq bigint NOT NULL DEFAULT 0 CHECK (seq >= 0),
        saved_at timestamptz NULL,
        flagged boolean NOT NULL DEFAULT false,
        state varchar(16) NULL CHECK (state IN ('unanswered','correct','partial','wrong','needs_grading','graded','info')),
        fraction numeric(9,7) NULL,
        mark numeric(10,4) NULL,
        chosen int[] NULL,
        -- copied from attempt_questions when the attempt is graded, so that the statistics read one table
        question_id uuid NULL,
        quiz_slot_position int NULL,
        graded_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        grader_comment text NULL CHECK (grader_comment IS NFC NORMALIZED),
        graded_at timestamptz NULL,
        PRIMARY KEY (attempt_id, slot),
        FOREIGN KEY (attempt_id, slot) REFERENCES attempt_questions(attempt_id, slot) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_attempt_answers_needs_grading ON attempt_answers (attempt_id) WHERE state = 'needs_grading'`);

    await q.query(`
      CREATE TABLE attempt_grade_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        attempt_id uuid NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
        slot int NULL,
        kind varchar(12) NOT NULL CHECK (kind IN ('regrade','manual')),
        old_mark numeric(10,4) NULL,
        new_mark numeric(10,4) NULL,
        old_score numeric(10,4) NULL,
        new_score numeric(10,4) NULL,
        old_percent numeric(7,4) NULL,
        new_percent numeric(7,4) NULL,
        old_version_id uuid NULL REFERENCES question_versions(id) ON DELETE RESTRICT,
        new_version_id uuid NULL REFERENCES question_versions(id) ON DELETE RESTRICT,
        comment text NULL,
        actor_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_attempt_grade_history_attempt ON attempt_grade_history (attempt_id, created_at)`);

    // a course quiz item takes its score from one quiz
    await q.query(`ALTER TABLE course_items ADD COLUMN quiz_id uuid NULL REFERENCES quizzes(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE course_items ADD CONSTRAINT ck_course_items_quiz CHECK (quiz_id IS NULL OR type = 'quiz')`);
    await q.query(`CREATE UNIQUE INDEX uq_course_items_quiz ON course_items (quiz_id) WHERE quiz_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE course_items DROP COLUMN IF EXISTS quiz_id`);
    for (const t of ['attempt_grade_history', 'attempt_answers', 'attempt_questions', 'quiz_attempts', 'quiz_overrides', 'quiz_slots', 'quizzes']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
