import { EntityManager } from 'typeorm';

/**
 * Matches (rule, person) for active rules of non-archived courses: the person's unit is in the rule unit's
 * subtree, the person has not left, and their category / DT role is among the rule's (an empty list = any).
 * $1 = person ids (null = everyone), $2 = rule ids (null = every active rule).
 */
const MATCHES = `
  WITH RECURSIVE anc AS (
    SELECT s.id AS staff_id, s.unit_id FROM staff_members s WHERE ($1::uuid[] IS NULL OR s.id = ANY($1::uuid[]))
    UNION ALL
    SELECT anc.staff_id, o.parent_id FROM anc JOIN org_units o ON o.id = anc.unit_id WHERE o.parent_id IS NOT NULL
  )
  SELECT DISTINCT ON (r.course_id, s.id) r.id AS rule_id, r.course_id, r.due_date, s.id AS staff_id
    FROM enrolment_rules r
    JOIN courses c ON c.id = r.course_id AND c.status <> 'archived'
    JOIN anc ON anc.unit_id = r.unit_id
    JOIN staff_members s ON s.id = anc.staff_id
   WHERE r.active AND ($2::uuid[] IS NULL OR r.id = ANY($2::uuid[]))
     AND s.status <> 'left'
     AND (cardinality(r.categories) = 0 OR s.category = ANY(r.categories))
     AND (cardinality(r.dt_roles) = 0 OR s.dt_role = ANY(r.dt_roles))
   ORDER BY r.course_id, s.id, r.created_at`;

/**
 * The enrolment-rule hook: enrols the given people in every course whose active rule they match, and
 * flags rule enrolments of people who no longer match any active rule of that course (they keep the
 * enrolment). Runs inside the caller's transaction. Returns how many enrolments were created.
 */
export async function applyEnrolmentRules(
  tx: EntityManager,
  opts: { staffIds?: string[] | null; ruleIds?: string[] | null; actorId?: string | null },
): Promise<number> {
  const staffIds = opts.staffIds ?? null;
  const ruleIds = opts.ruleIds ?? null;
  if (staffIds && !staffIds.length) return 0;
  const inserted = await tx.query(
    `WITH m AS (${MATCHES}),
     ins AS (
       INSERT INTO enrolments (course_id, staff_id, source, rule_id, due_date, enrolled_by)
       SELECT m.course_id, m.staff_id, 'rule', m.rule_id, m.due_date, $3 FROM m
       ON CONFLICT (course_id, staff_id) DO NOTHING RETURNING id)
     SELECT count(*)::int AS n FROM ins`,
    [staffIds, ruleIds, opts.actorId ?? null],
  );
  // matching flags are recomputed only when people changed (a new rule never un-matches anyone)
  if (staffIds) {
    await tx.query(
      `WITH m AS (${MATCHES.replace('($2::uuid[] IS NULL OR r.id = ANY($2::uuid[]))', 'true')})
       UPDATE enrolments e SET no_longer_matches = NOT EXISTS (SELECT 1 FROM m WHERE m.course_id = e.course_id AND m.staff_id = e.staff_id),
              updated_at = now()
        WHERE e.source = 'rule' AND e.staff_id = ANY($1::uuid[])
          AND e.no_longer_matches IS DISTINCT FROM NOT EXISTS (SELECT 1 FROM m WHERE m.course_id = e.course_id AND m.staff_id = e.staff_id)`,
      [staffIds],
    );
  }
  return inserted[0]?.n ?? 0;
}
