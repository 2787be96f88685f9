import { MigrationInterface, QueryRunner } from 'typeorm';

/** Vietnamese letters with marks (both cases) and the base letter each folds to. */
function foldMap(): { from: string; to: string } {
  const groups: Record<string, string> = {
    a: 'àáảãạăằắẳẵặâầấẩẫậ', e: 'èéẻẽẹêềếểễệ', i: 'ìíỉĩị', o: 'òóỏõọôồốổỗộơờớởỡợ', u: 'ùúủũụưừứửữự', y: 'ỳýỷỹỵ', d: 'đ',
  };
  let from = '';
  let to = '';
  for (const [base, letters] of Object.entries(groups)) {
    for (const ch of letters) {
      from += ch + ch.toUpperCase();
      to += base + base;
    }
  }
  return { from, to };
}

/**
 * Foundation schema: org units, staff roster with history, accounts, sessions, login throttling,
 * audit log, staff imports. Search uses a folded `search_text` column with a trigram index; lists sort
 * by the ICU Vietnamese collation `vi_vn`.
 */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE COLLATION IF NOT EXISTS vi_vn (provider = icu, locale = 'vi-VN')`);
    // Same folding as fold() in common/text/vietnamese.ts, for NFC text: marks removed, đ -> d, lower case.
    const { from, to } = foldMap();
    await q.query(`
      CREATE FUNCTION vn_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
      $$ SELECT btrim(regexp_replace(lower(translate(t, '${from}', '${to}')), '\\s+', ' ', 'g')) $$`);

    await q.query(`
      CREATE TABLE org_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL,
        name varchar(200) NOT NULL CHECK (name IS NFC NORMALIZED AND length(btrim(name)) > 0),
        type varchar(40) NOT NULL CHECK (type IN ('province','provincial_department','ward','commune','special_zone',
          'people_committee','people_council','specialized_office','public_service_center','police','party_committee',
          'party_office','front_committee','socio_political_org','school','residential_group','village','community_digital_team')),
        parent_id uuid NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        aliases text[] NOT NULL DEFAULT '{}',
        search_text text NOT NULL DEFAULT '',
        valid_from date NULL,
        valid_to date NULL,
        external boolean NOT NULL DEFAULT false,
        listed_in_plan boolean NOT NULL DEFAULT true,
        note text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_org_units_valid CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
        CONSTRAINT ck_org_units_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_org_units_code ON org_units (lower(code))`);
    await q.query(`CREATE INDEX ix_org_units_parent ON org_units (parent_id)`);

    await q.query(`
      CREATE TABLE staff_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_code varchar(40) NULL,
        family_name varchar(80) NOT NULL DEFAULT '',
        middle_name varchar(80) NOT NULL DEFAULT '',
        given_name varchar(80) NOT NULL CHECK (length(btrim(given_name)) > 0),
        full_name varchar(200) NOT NULL CHECK (full_name IS NFC NORMALIZED AND given_name IS NFC NORMALIZED
          AND family_name IS NFC NORMALIZED AND middle_name IS NFC NORMALIZED),
        search_text text GENERATED ALWAYS AS (vn_fold(full_name || ' ' || coalesce(staff_code, ''))) STORED,
        gender varchar(10) NULL CHECK (gender IN ('male','female')),
        birth_year smallint NULL CHECK (birth_year BETWEEN 1900 AND 2100),
        email varchar(254) NULL,
        phone varchar(10) NULL CHECK (phone ~ '^0[35789][0-9]{8}$'),
        unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        position varchar(200) NULL,
        category varchar(32) NOT NULL CHECK (category IN ('cadre','civil_servant','public_employee','contract_worker','armed_forces','citizen')),
        dt_role varchar(16) NOT NULL DEFAULT 'none' CHECK (dt_role IN ('dedicated','concurrent','none')),
        is_leadership boolean NOT NULL DEFAULT false,
        community_digital_team_id uuid NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active','on_leave','left')),
        leave_kind varchar(32) NULL CHECK (leave_kind IN ('maternity_leave','long_term_study','other')),
        status_since date NOT NULL DEFAULT current_date,
        note text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_staff_leave_kind CHECK ((status = 'on_leave') = (leave_kind IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_staff_code ON staff_members (lower(staff_code)) WHERE staff_code IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_staff_email ON staff_members (lower(email)) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX ix_staff_search ON staff_members USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_staff_vi_order ON staff_members (given_name COLLATE vi_vn, family_name COLLATE vi_vn, middle_name COLLATE vi_vn, id)`);
    await q.query(`CREATE INDEX ix_staff_unit_vi_order ON staff_members (unit_id, given_name COLLATE vi_vn, family_name COLLATE vi_vn, middle_name COLLATE vi_vn, id)`);
    await q.query(`CREATE INDEX ix_staff_category_role ON staff_members (category, dt_role, status)`);

    await q.query(`
      CREATE TABLE staff_history (
        id bigserial PRIMARY KEY,
        staff_id uuid NOT NULL REFERENCES staff_members(id) ON DELETE CASCADE,
        valid_from date NOT NULL,
        valid_to date NULL,
        unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        category varchar(32) NOT NULL,
        dt_role varchar(16) NOT NULL,
        status varchar(16) NOT NULL,
        leave_kind varchar(32) NULL,
        changed_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_staff_history_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX ix_staff_history_staff ON staff_history (staff_id, valid_from)`);
    await q.query(`CREATE UNIQUE INDEX uq_staff_history_open ON staff_history (staff_id) WHERE valid_to IS NULL`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        email varchar(254) NULL,
        display_name varchar(200) NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['learner','trainer','manager','admin']::text[] AND cardinality(roles) > 0),
        scope_unit_id uuid NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        staff_id uuid NULL REFERENCES staff_members(id) ON DELETE SET NULL,
        is_active boolean NOT NULL DEFAULT true,
        must_change_password boolean NOT NULL DEFAULT false,
        last_login_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_username ON users (username)`);
    await q.query(`CREATE UNIQUE INDEX uq_users_email ON users (lower(email)) WHERE email IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_users_staff ON users (staff_id) WHERE staff_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        ip varchar(64) NULL,
        user_agent varchar(300) NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_sessions_token ON sessions (token_hash)`);
    await q.query(`CREATE INDEX ix_sessions_user ON sessions (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        login_key varchar(254) NOT NULL,
        ip varchar(64) NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_login_failures_key ON login_failures (login_key, at)`);
    await q.query(`CREATE INDEX ix_login_failures_ip ON login_failures (ip, at)`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid NULL,
        actor_username varchar(254) NULL,
        action varchar(64) NOT NULL,
        entity_type varchar(40) NULL,
        entity_id varchar(64) NULL,
        summary text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        ip varchar(64) NULL,
        request_id varchar(64) NULL
      )`);
    await q.query(`CREATE INDEX ix_audit_at ON audit_events (at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_audit_entity ON audit_events (entity_type, entity_id)`);
    await q.query(`CREATE INDEX ix_audit_actor ON audit_events (actor_id, at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER tr_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);

    await q.query(`
      CREATE TABLE staff_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        file_name varchar(255) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('previewed','committing','committed','cancelled','failed')),
        total_rows int NOT NULL DEFAULT 0,
        valid_rows int NOT NULL DEFAULT 0,
        error_rows int NOT NULL DEFAULT 0,
        warning_rows int NOT NULL DEFAULT 0,
        create_count int NOT NULL DEFAULT 0,
        update_count int NOT NULL DEFAULT 0,
        unchanged_count int NOT NULL DEFAULT 0,
        processed_rows int NOT NULL DEFAULT 0,
        message text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        committed_at timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE staff_import_rows (
        import_id uuid NOT NULL REFERENCES staff_imports(id) ON DELETE CASCADE,
        row_number int NOT NULL,
        action varchar(16) NOT NULL,
        data jsonb NOT NULL,
        errors jsonb NOT NULL DEFAULT '[]',
        warnings jsonb NOT NULL DEFAULT '[]',
        staff_id uuid NULL,
        payload jsonb NULL,
        PRIMARY KEY (import_id, row_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['staff_import_rows', 'staff_imports', 'audit_events', 'login_failures', 'sessions', 'users', 'staff_history', 'staff_members', 'org_units']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_events_append_only()`);
    await q.query(`DROP FUNCTION IF EXISTS vn_fold(text)`);
    await q.query(`DROP COLLATION IF EXISTS vi_vn`);
  }
}
