import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Question banks (owned by an org unit), nested categories, questions with immutable versions, and import previews.
 * Attempts point at question_versions.id, so editing a question (a new version) never changes what an attempt showed.
 */
export class Questions1764600000000 implements MigrationInterface {
  name = 'Questions1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE question_banks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL CHECK (name IS NFC NORMALIZED AND length(btrim(name)) > 0),
        owner_unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        description text NOT NULL DEFAULT '',
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_question_banks_owner ON question_banks (owner_unit_id)`);

    await q.query(`
      CREATE TABLE question_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bank_id uuid NOT NULL REFERENCES question_banks(id) ON DELETE CASCADE,
        parent_id uuid NULL REFERENCES question_categories(id) ON DELETE RESTRICT,
        name varchar(200) NOT NULL CHECK (name IS NFC NORMALIZED AND length(btrim(name)) > 0),
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_question_categories_name ON question_categories
      (bank_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`);
    await q.query(`CREATE INDEX ix_question_categories_parent ON question_categories (parent_id)`);

    await q.query(`
      CREATE TABLE questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bank_id uuid NOT NULL REFERENCES question_banks(id) ON DELETE RESTRICT,
        category_id uuid NOT NULL REFERENCES question_categories(id) ON DELETE RESTRICT,
        current_version int NOT NULL DEFAULT 1 CHECK (current_version >= 1),
        type varchar(20) NOT NULL CHECK (type IN ('single_choice','multiple_choice','true_false','short_answer','numeric',
          'matching','ordering','missing_word','essay','description')),
        title varchar(300) NOT NULL CHECK (title IS NFC NORMALIZED AND length(btrim(title)) > 0),
        tags text[] NOT NULL DEFAULT '{}',
        search_text text NOT NULL DEFAULT '',
        deleted_at timestamptz NULL,
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_questions_category ON questions (category_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_questions_bank ON questions (bank_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_questions_search ON questions USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_questions_tags ON questions USING gin (tags)`);

    await q.query(`
      CREATE TABLE question_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        question_id uuid NOT NULL REFERENCES questions(id) ON DELETE RESTRICT,
        version int NOT NULL CHECK (version >= 1),
        type varchar(20) NOT NULL,
        title varchar(300) NOT NULL,
        text text NOT NULL CHECK (text IS NFC NORMALIZED),
        data jsonb NOT NULL,
        default_mark numeric(6,2) NOT NULL CHECK (default_mark >= 0),
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (question_id, version)
      )`);
    // versions are immutable: an edit inserts the next one
    await q.query(`
      CREATE FUNCTION question_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'question_versions rows are immutable'; END $$`);
    await q.query(`CREATE TRIGGER tr_question_versions_immutable BEFORE UPDATE ON question_versions
      FOR EACH ROW EXECUTE FUNCTION question_versions_immutable()`);

    await q.query(`
      CREATE TABLE question_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bank_id uuid NOT NULL REFERENCES question_banks(id) ON DELETE CASCADE,
        category_id uuid NOT NULL REFERENCES question_categories(id) ON DELETE CASCADE,
        format varchar(12) NOT NULL CHECK (format IN ('gift','aiken','moodlexml','xlsx')),
        file_name varchar(255) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'preview' CHECK (status IN ('preview','committed','cancelled')),
        questions jsonb NOT NULL,
        errors jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['question_imports', 'question_versions', 'questions', 'question_categories', 'question_banks']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS question_versions_immutable()`);
  }
}
