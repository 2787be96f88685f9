import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Speed of the learning paths (issue 3 benchmarks), without changing what they answer:
 *
 * - Progress table / enrolment list in Vietnamese name order: each enrolment carries a copy of its person's
 *   name parts (`sort_given_name`, `sort_family_name`, `sort_middle_name`, column collation vi_vn), kept equal
 *   to staff_members by triggers (filled on insert, rewritten when a person's name changes), and an index
 *   (course_id, given, family, middle, staff_id) in exactly the order of VI_ORDER. A page walks the index
 *   instead of joining and sorting every learner of the course by the ICU collation.
 * - Outline cache key: `course_outline_revs.rev` goes up (deferred triggers, at commit) with every change to a course's
 *   items, sections or attachments, whoever writes them (outline save, quiz or class links, attachments, duplicates);
 *   a server keeps the outline it read for a course in memory and uses it only while the revision it reads is the same.
 * - Enrolled / completed counts of a course (`Course.enrolledCount`, `completedCount`): kept per course in
 *   course_enrolment_counts by statement-level triggers on enrolments, in the same transaction as the change,
 *   instead of counting up to tens of thousands of enrolments on every read of a course (every progress event).
 */
export class LearningSpeed1764510000000 implements MigrationInterface {
  name = 'LearningSpeed1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE enrolments
        ADD COLUMN sort_given_name varchar(80) COLLATE vi_vn NULL,
        ADD COLUMN sort_family_name varchar(80) COLLATE vi_vn NULL,
        ADD COLUMN sort_middle_name varchar(80) COLLATE vi_vn NULL`);
    await q.query(`
      UPDATE enrolments e SET sort_given_name = s.given_name, sort_family_name = s.family_name, sort_middle_name = s.middle_name
        FROM staff_members s WHERE s.id = e.staff_id`);
    await q.query(`
      ALTER TABLE enrolments
        ALTER COLUMN sort_given_name SET NOT NULL, ALTER COLUMN sort_family_name SET NOT NULL, ALTER COLUMN sort_middle_name SET NOT NULL`);
    // a new enrolment (or one moved to another person) takes the person's name; an unknown person gets '' and the
    // foreign key refuses the row as before
    await q.query(`
      CREATE FUNCTION enrolments_sort_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT s.given_name, s.family_name, s.middle_name INTO NEW.sort_given_name, NEW.sort_family_name, NEW.sort_middle_name
          FROM staff_members s WHERE s.id = NEW.staff_id;
        IF NOT FOUND THEN
          NEW.sort_given_name := ''; NEW.sort_family_name := ''; NEW.sort_middle_name := '';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_enrolments_sort_name BEFORE INSERT OR UPDATE OF staff_id ON enrolments
      FOR EACH ROW EXECUTE FUNCTION enrolments_sort_name()`);
    await q.query(`
      CREATE FUNCTION staff_members_sort_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE enrolments SET sort_given_name = NEW.given_name, sort_family_name = NEW.family_name, sort_middle_name = NEW.middle_name
         WHERE staff_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tr_staff_members_sort_name AFTER UPDATE OF given_name, family_name, middle_name ON staff_members
      FOR EACH ROW WHEN (OLD.given_name IS DISTINCT FROM NEW.given_name OR OLD.family_name IS DISTINCT FROM NEW.family_name
                         OR OLD.middle_name IS DISTINCT FROM NEW.middle_name)
      EXECUTE FUNCTION staff_members_sort_name()`);
    // id and status included: an unfiltered page (or one filtered by status) is an index-only scan
    await q.query(`CREATE INDEX ix_enrolments_course_vi_order
      ON enrolments (course_id, sort_given_name, sort_family_name, sort_middle_name, staff_id) INCLUDE (id, status)`);

    // --- outline revision: the outline cache's key
    await q.query(`
      CREATE TABLE course_outline_revs (
        course_id uuid PRIMARY KEY REFERENCES courses(id) ON DELETE CASCADE,
        rev bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO course_outline_revs (course_id) SELECT id FROM courses`);
    await q.query(`
      CREATE FUNCTION course_outline_revs_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO course_outline_revs (course_id) VALUES (NEW.id) ON CONFLICT (course_id) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tr_courses_outline_rev AFTER INSERT ON courses FOR EACH ROW EXECUTE FUNCTION course_outline_revs_add()`);
    // deferred to the commit: the revision row is taken last, after every row lock the transaction needs, so a writer of
    // items (outline save, class or quiz link, attachment) never waits for it while holding what another writer waits for
    await q.query(`
      CREATE FUNCTION course_outline_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN UPDATE course_outline_revs SET rev = rev + 1 WHERE course_id = OLD.course_id; END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.course_id IS DISTINCT FROM OLD.course_id) THEN
          UPDATE course_outline_revs SET rev = rev + 1 WHERE course_id = NEW.course_id;
        END IF;
        RETURN NULL;
      END $$`);
    for (const t of ['course_items', 'course_sections', 'course_attachments']) {
      await q.query(`CREATE CONSTRAINT TRIGGER tr_${t}_outline_rev AFTER INSERT OR UPDATE OR DELETE ON ${t}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION course_outline_changed()`);
    }

    // --- enrolled / completed counts
    await q.query(`
      CREATE TABLE course_enrolment_counts (
        course_id uuid PRIMARY KEY REFERENCES courses(id) ON DELETE CASCADE,
        -- no CHECK (>= 0): the triggers' INSERT … ON CONFLICT proposes the change itself (possibly negative) as the new row
        enrolled int NOT NULL DEFAULT 0,   -- enrolments neither withdrawn nor exempted
        completed int NOT NULL DEFAULT 0
      )`);
    await q.query(`
      INSERT INTO course_enrolment_counts (course_id, enrolled, completed)
      SELECT course_id, count(*) FILTER (WHERE status NOT IN ('withdrawn','exempted')), count(*) FILTER (WHERE status = 'completed')
        FROM enrolments GROUP BY course_id`);
    // one function for the three statement-level triggers (as in the PostgreSQL manual's transition-table example): the rows
    // before (old_rows) and after (new_rows) the statement give each course's change; counters are written in course
    // order, so two statements that change several courses never wait on each other crosswise
    const delta = (from: string) => `
        INSERT INTO course_enrolment_counts AS k (course_id, enrolled, completed)
        SELECT course_id, sum(enrolled), sum(completed) FROM (${from}) d GROUP BY course_id
        HAVING sum(enrolled) <> 0 OR sum(completed) <> 0 ORDER BY course_id
        ON CONFLICT (course_id) DO UPDATE SET enrolled = k.enrolled + EXCLUDED.enrolled, completed = k.completed + EXCLUDED.completed;`;
    const added = `SELECT course_id, (status NOT IN ('withdrawn','exempted'))::int AS enrolled, (status = 'completed')::int AS completed FROM new_rows`;
    const removed = `SELECT course_id, -(status NOT IN ('withdrawn','exempted'))::int, -(status = 'completed')::int FROM old_rows`;
    await q.query(`
      CREATE FUNCTION enrolment_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${delta(added)}
        ELSIF TG_OP = 'DELETE' THEN ${delta(removed)}
        ELSE ${delta(`${added} UNION ALL ${removed}`)}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tr_enrolments_counts_insert AFTER INSERT ON enrolments
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enrolment_counts_apply()`);
    await q.query(`CREATE TRIGGER tr_enrolments_counts_update AFTER UPDATE ON enrolments
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enrolment_counts_apply()`);
    await q.query(`CREATE TRIGGER tr_enrolments_counts_delete AFTER DELETE ON enrolments
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION enrolment_counts_apply()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER IF EXISTS tr_enrolments_counts_${op} ON enrolments`);
    await q.query(`DROP FUNCTION IF EXISTS enrolment_counts_apply()`);
    await q.query(`DROP TABLE IF EXISTS course_enrolment_counts`);
    for (const t of ['course_items', 'course_sections', 'course_attachments']) await q.query(`DROP TRIGGER IF EXISTS tr_${t}_outline_rev ON ${t}`);
    await q.query(`DROP FUNCTION IF EXISTS course_outline_changed()`);
    await q.query(`DROP TRIGGER IF EXISTS tr_courses_outline_rev ON courses`);
    await q.query(`DROP FUNCTION IF EXISTS course_outline_revs_add()`);
    await q.query(`DROP TABLE IF EXISTS course_outline_revs`);
    await q.query(`DROP INDEX IF EXISTS ix_enrolments_course_vi_order`);
    await q.query(`DROP TRIGGER IF EXISTS tr_staff_members_sort_name ON staff_members`);
    await q.query(`DROP FUNCTION IF EXISTS staff_members_sort_name()`);
    await q.query(`DROP TRIGGER IF EXISTS tr_enrolments_sort_name ON enrolments`);
    await q.query(`DROP FUNCTION IF EXISTS enrolments_sort_name()`);
    await q.query(`ALTER TABLE enrolments DROP COLUMN IF EXISTS sort_middle_name, DROP COLUMN IF EXISTS sort_family_name, DROP COLUMN IF EXISTS sort_given_name`);
  }
}
