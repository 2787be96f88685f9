import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance (issue 5): classes (of a course or standalone community classes), sessions (one-off or a
 * repeating series; postponed / cancelled / make-up), residents without accounts, class rosters, marks with the
 * client's marking time (offline sync: the later mark wins), an append-only mark history, check-in devices
 * (rotating-QR self check-in), and the random secret the QR tokens are signed with when CHECKIN_SECRET is unset.
 * course_items of type 'attendance' get class_id; the SQL view training_hours = approved completions +
 * attended hours of standalone classes (the training-hours ledger).
 */
export class Attendance1764800000000 implements MigrationInterface {
  name = 'Attendance1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const nfc = (col: string) => `(${col} IS NULL OR ${col} IS NFC NORMALIZED)`;
    const STATUSES = `'present','late','left_early','excused','unexcused'`;

    await q.query(`
      CREATE TABLE app_secrets (
        name varchar(40) PRIMARY KEY,
        secret bytea NOT NULL CHECK (length(secret) >= 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO app_secrets (name, secret) VALUES ('checkin', gen_random_bytes(32))`);

    await q.query(`
      CREATE TABLE classes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL CHECK (code IS NFC NORMALIZED AND length(btrim(code)) > 0),
        title varchar(300) NOT NULL CHECK (title IS NFC NORMALIZED AND length(btrim(title)) > 0),
        description text NOT NULL DEFAULT '' CHECK (description IS NFC NORMALIZED),
        class_type varchar(32) NOT NULL CHECK (class_type IN ('course_class','digital_learning_class','resolution_briefing','workshop')),
        course_id uuid NULL REFERENCES courses(id) ON DELETE RESTRICT,
        owner_unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        trainer_ids uuid[] NOT NULL DEFAULT '{}',
        venue_name varchar(300) NULL CHECK (${nfc('venue_name')}),
        venue_address varchar(500) NULL CHECK (${nfc('venue_address')}),
        venue_lat double precision NULL CHECK (venue_lat BETWEEN -90 AND 90),
        venue_lng double precision NULL CHECK (venue_lng BETWEEN -180 AND 180),
        search_text text GENERATED ALWAYS AS (vn_fold(code || ' ' || title || ' ' || coalesce(venue_name, ''))) STORED,
        capacity int NULL CHECK (capacity BETWEEN 1 AND 10000),
        status varchar(16) NOT NULL DEFAULT 'planned'
          CHECK (status IN ('planned','enrolling','in_progress','completed','postponed','cancelled')),
        status_reason varchar(1000) NULL CHECK (${nfc('status_reason')}),
        checkin_opens_before_min smallint NOT NULL DEFAULT 15 CHECK (checkin_opens_before_min BETWEEN 0 AND 240),
        checkin_closes_after_min smallint NOT NULL DEFAULT 30 CHECK (checkin_closes_after_min BETWEEN 0 AND 600),
        late_after_min smallint NOT NULL DEFAULT 5 CHECK (late_after_min BETWEEN 0 AND 240),
        geofence_radius_m int NULL CHECK (geofence_radius_m BETWEEN 20 AND 5000),
        device_cooldown_min smallint NOT NULL DEFAULT 10 CHECK (device_cooldown_min BETWEEN 0 AND 240),
        checkin_step_seconds smallint NOT NULL DEFAULT 10 CHECK (checkin_step_seconds BETWEEN 5 AND 60),
        allow_walk_in boolean NOT NULL DEFAULT false,
        enabled_statuses text[] NOT NULL DEFAULT ARRAY[${STATUSES}]::text[]
          CHECK (enabled_statuses <@ ARRAY[${STATUSES}]::text[] AND 'present' = ANY(enabled_statuses) AND 'unexcused' = ANY(enabled_statuses)),
        status_weights jsonb NOT NULL DEFAULT '{"present":1,"late":1,"left_early":0.5,"excused":0,"unexcused":0}',
        rate_basis varchar(8) NOT NULL DEFAULT 'sessions' CHECK (rate_basis IN ('sessions','hours')),
        min_share smallint NOT NULL DEFAULT 80 CHECK (min_share BETWEEN 0 AND 100),
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_classes_venue_point CHECK ((venue_lat IS NULL) = (venue_lng IS NULL)),
        CONSTRAINT ck_classes_course_class CHECK (class_type <> 'course_class' OR course_id IS NOT NULL),
        CONSTRAINT ck_classes_weights CHECK (jsonb_typeof(status_weights) = 'object')
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_classes_code ON classes (lower(code))`);
    await q.query(`CREATE INDEX ix_classes_owner ON classes (owner_unit_id)`);
    await q.query(`CREATE INDEX ix_classes_course ON classes (course_id) WHERE course_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_classes_search ON classes USING gin (search_text gin_trgm_ops)`);

    // the course's attendance item fed by one class
    await q.query(`ALTER TABLE course_items ADD COLUMN class_id uuid NULL REFERENCES classes(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE course_items ADD CONSTRAINT ck_course_items_class CHECK (class_id IS NULL OR type = 'attendance')`);
    await q.query(`CREATE UNIQUE INDEX uq_course_items_class ON course_items (class_id) WHERE class_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE class_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        class_id uuid NOT NULL REFERENCES classes(id) ON DELETE RESTRICT,
        series_id uuid NULL,
        make_up_for_id uuid NULL REFERENCES class_sessions(id) ON DELETE RESTRICT,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        topic varchar(300) NULL CHECK (${nfc('topic')}),
        venue_name varchar(300) NULL CHECK (${nfc('venue_name')}),
        venue_address varchar(500) NULL CHECK (${nfc('venue_address')}),
        venue_lat double precision NULL CHECK (venue_lat BETWEEN -90 AND 90),
        venue_lng double precision NULL CHECK (venue_lng BETWEEN -180 AND 180),
        status varchar(16) NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','postponed','cancelled')),
        status_reason varchar(1000) NULL CHECK (${nfc('status_reason')}),
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_class_sessions_time CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '12 hours'),
        CONSTRAINT ck_class_sessions_venue_point CHECK ((venue_lat IS NULL) = (venue_lng IS NULL)),
        CONSTRAINT ck_class_sessions_make_up CHECK (make_up_for_id IS NULL OR make_up_for_id <> id)
      )`);
    await q.query(`CREATE INDEX ix_class_sessions_class ON class_sessions (class_id, starts_at)`);
    // the short code is looked up among the sessions whose check-in window is open now
    await q.query(`CREATE INDEX ix_class_sessions_open ON class_sessions (starts_at) WHERE status = 'scheduled'`);

    await q.query(`
      CREATE TABLE residents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name varchar(200) NOT NULL CHECK (full_name IS NFC NORMALIZED AND length(btrim(full_name)) > 0),
        name_fold text GENERATED ALWAYS AS (vn_fold(full_name)) STORED,
        phone varchar(10) NULL CHECK (phone ~ '^0[35789][0-9]{8}$'),
        birth_year smallint NULL CHECK (birth_year BETWEEN 1900 AND 2100),
        unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_residents_identifiable CHECK (phone IS NOT NULL OR birth_year IS NOT NULL)
      )`);
    // one resident per phone + name (family members often share one phone), per unit + name + birth year without a phone
    await q.query(`CREATE UNIQUE INDEX uq_residents_phone_name ON residents (phone, name_fold) WHERE phone IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_residents_name_year ON residents (unit_id, name_fold, birth_year) WHERE phone IS NULL`);
    await q.query(`CREATE INDEX ix_residents_name ON residents USING gin (name_fold gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_residents_unit ON residents (unit_id)`);

    await q.query(`
      CREATE TABLE class_roster (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        class_id uuid NOT NULL REFERENCES classes(id) ON DELETE RESTRICT,
        staff_id uuid NULL REFERENCES staff_members(id) ON DELETE RESTRICT,
        resident_id uuid NULL REFERENCES residents(id) ON DELETE RESTRICT,
        source varchar(16) NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','import','walk_in')),
        added_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_class_roster_one_person CHECK ((staff_id IS NULL) <> (resident_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_class_roster_staff ON class_roster (class_id, staff_id) WHERE staff_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_class_roster_resident ON class_roster (class_id, resident_id) WHERE resident_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_class_roster_staff ON class_roster (staff_id) WHERE staff_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_class_roster_resident ON class_roster (resident_id) WHERE resident_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE checkin_devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL,
        resident_id uuid NULL REFERENCES residents(id) ON DELETE SET NULL,
        staff_id uuid NULL REFERENCES staff_members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_checkin_devices_token ON checkin_devices (token_hash)`);

    await q.query(`CREATE SEQUENCE attendance_change_seq`);
    await q.query(`
      CREATE TABLE attendance_marks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES class_sessions(id) ON DELETE RESTRICT,
        roster_id uuid NOT NULL REFERENCES class_roster(id) ON DELETE RESTRICT,
        status varchar(16) NOT NULL CHECK (status IN (${STATUSES})),
        late_minutes smallint NULL CHECK (late_minutes IS NULL OR (status = 'late' AND late_minutes BETWEEN 0 AND 600)),
        remark varchar(500) NULL CHECK (${nfc('remark')}),
        marked_at timestamptz NOT NULL,
        marked_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        source varchar(8) NOT NULL CHECK (source IN ('trainer','qr','paper')),
        device_id uuid NULL REFERENCES checkin_devices(id) ON DELETE SET NULL,
        change_seq bigint NOT NULL DEFAULT nextval('attendance_change_seq'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_attendance_marks_person UNIQUE (session_id, roster_id)
      )`);
    await q.query(`CREATE INDEX ix_attendance_marks_roster ON attendance_marks (roster_id)`);
    await q.query(`CREATE INDEX ix_attendance_marks_changes ON attendance_marks (session_id, change_seq)`);
    await q.query(`CREATE INDEX ix_attendance_marks_device ON attendance_marks (device_id, created_at) WHERE device_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE attendance_mark_history (
        id bigserial PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES class_sessions(id) ON DELETE RESTRICT,
        roster_id uuid NOT NULL REFERENCES class_roster(id) ON DELETE RESTRICT,
        old_status varchar(16) NULL,
        new_status varchar(16) NOT NULL CHECK (new_status IN (${STATUSES})),
        old_late_minutes smallint NULL,
        new_late_minutes smallint NULL,
        old_remark varchar(500) NULL,
        new_remark varchar(500) NULL,
        marked_at timestamptz NOT NULL,
        applied boolean NOT NULL,
        source varchar(8) NOT NULL CHECK (source IN ('trainer','qr','paper')),
        changed_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        reason varchar(1000) NULL CHECK (${nfc('reason')}),
        after_session_end boolean NOT NULL DEFAULT false,
        device_id uuid NULL REFERENCES checkin_devices(id) ON DELETE SET NULL,
        request_id varchar(100) NULL
      )`);
    await q.query(`CREATE INDEX ix_attendance_history_session ON attendance_mark_history (session_id, changed_at DESC, id DESC)`);
    await q.query(`
      CREATE FUNCTION attendance_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'attendance_mark_history is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER tr_attendance_history_append_only BEFORE UPDATE OR DELETE ON attendance_mark_history
      FOR EACH ROW EXECUTE FUNCTION attendance_history_append_only()`);

    // wrong short codes per address (a 6-digit code must not be guessable by brute force)
    await q.query(`
      CREATE TABLE checkin_code_failures (
        id bigserial PRIMARY KEY,
        ip varchar(64) NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_checkin_code_failures ON checkin_code_failures (ip, at)`);

    // attended hours of one staff person per held session of a standalone class (no course): length × status weight
    await q.query(`
      CREATE VIEW attendance_hours AS
      SELECT r.staff_id, r.resident_id, s.class_id, c.course_id, s.id AS session_id, s.starts_at, m.status,
             round((extract(epoch FROM (s.ends_at - s.starts_at)) / 3600.0
               * coalesce((c.status_weights ->> m.status)::numeric, 0))::numeric, 2) AS hours
        FROM attendance_marks m
        JOIN class_sessions s ON s.id = m.session_id AND s.status = 'scheduled'
        JOIN classes c ON c.id = s.class_id
        JOIN class_roster r ON r.id = m.roster_id`);
    // the training-hours ledger: approved completions, plus attended hours of standalone classes (a class of a
    // course adds the course's hours through its completion instead, so nothing is counted twice)
    await q.query(`
      CREATE VIEW training_hours AS
      SELECT staff_id, completed_at AS at, hours, 'completion'::text AS kind FROM completions WHERE status = 'approved'
      UNION ALL
      SELECT staff_id, starts_at AS at, hours, 'attendance'::text AS kind FROM attendance_hours
       WHERE staff_id IS NOT NULL AND course_id IS NULL AND hours > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW IF EXISTS training_hours`);
    await q.query(`DROP VIEW IF EXISTS attendance_hours`);
    await q.query(`DROP TABLE IF EXISTS checkin_code_failures`);
    await q.query(`DROP TABLE IF EXISTS attendance_mark_history`);
    await q.query(`DROP FUNCTION IF EXISTS attendance_history_append_only()`);
    await q.query(`DROP TABLE IF EXISTS attendance_marks`);
    await q.query(`DROP SEQUENCE IF EXISTS attendance_change_seq`);
    await q.query(`DROP TABLE IF EXISTS checkin_devices`);
    await q.query(`DROP TABLE IF EXISTS class_roster`);
    await q.query(`DROP TABLE IF EXISTS residents`);
    await q.query(`DROP TABLE IF EXISTS class_sessions`);
    await q.query(`DROP INDEX IF EXISTS uq_course_items_class`);
    await q.query(`ALTER TABLE course_items DROP CONSTRAINT IF EXISTS ck_course_items_class`);
    await q.query(`ALTER TABLE course_items DROP COLUMN IF EXISTS class_id`);
    await q.query(`DROP TABLE IF EXISTS classes`);
    await q.query(`DROP TABLE IF EXISTS app_secrets`);
  }
}
