import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError } from '../../common/errors/app-error';
import { todayVn } from '../../common/text/dates';
import { AuditService } from '../audit/audit.service';
import { RenewalResultDto } from './courses.dto';
import { CoursesService } from './courses.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

/**
 * The certificates due for renewal and those already renewed, of one course ($1) or of every course ($1 NULL), as of
 * the day $2 (Vietnam), for people of the units $3 (NULL: everyone). A certificate is due when it is the person's latest
 * valid certificate of a published course with a re-enrolment lead time, and it expires (or has expired) within that
 * many days. It is renewed when the person is active on the roster (not on leave, not left), their enrolment in the
 * course is completed (withdrawn and exempted ones are not) and a rule that enrolled them still matches them; it is
 * already renewed when a renewal names it (one per certificate: a run never renews twice).
 */
const DUE_SQL = `
  SELECT c.id AS certificate_id, c.register_no, c.register_year, c.expires_on::text AS expires_on, c.staff_id, c.course_id,
         e.id AS enrolment_id, s.full_name, co.title AS course_title, rn.id AS renewal_id
    FROM certificates c
    JOIN courses co ON co.id = c.course_id
    JOIN enrolments e ON e.course_id = c.course_id AND e.staff_id = c.staff_id
    JOIN staff_members s ON s.id = c.staff_id
    LEFT JOIN enrolment_renewals rn ON rn.certificate_id = c.id
   WHERE ($1::uuid IS NULL OR c.course_id = $1::uuid)
     AND co.renewal_lead_days IS NOT NULL AND co.status = 'published'
     AND c.status = 'valid' AND c.expires_on IS NOT NULL AND c.expires_on <= $2::date + co.renewal_lead_days
     AND NOT EXISTS (SELECT 1 FROM certificates n WHERE n.staff_id = c.staff_id AND n.course_id = c.course_id AND n.status = 'valid'
                      AND (n.completed_on, n.issued_at) > (c.completed_on, c.issued_at))
     AND ($3::uuid[] IS NULL OR s.unit_id = ANY($3::uuid[]))
     AND s.status = 'active' AND NOT e.no_longer_matches
     AND (rn.id IS NOT NULL OR e.status = 'completed')
   ORDER BY c.expires_on, c.id
   LIMIT 20000`;

/**
 * One renewal, in one statement (the caller holds the enrolment's lock and has checked it is completed): the enrolment
 * as it was (cycle, status, completion time, due date, item progress) goes to enrolment_renewals, its item progress is
 * cleared, and it starts the next cycle: enrolled, not completed, due on the certificate's expiry date. The completion
 * and the certificate of the cycle that ends stay as they are. Nothing happens when the certificate was renewed already.
 * $1 enrolment, $2 certificate, $3 due date, $4 'job' | 'manual', $5 user.
 */
const RENEW_SQL = `
  WITH snap AS (
    INSERT INTO enrolment_renewals (enrolment_id, certificate_id, previous_cycle, previous_status, previous_completed_at, previous_due_date,
        previous_item_progress, due_date, triggered_by_kind, triggered_by)
    SELECT e.id, $2, e.cycle, e.status, e.completed_at, e.due_date,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('item_id', p.item_id, 'status', p.status, 'progress', p.progress, 'score', p.score,
                  'completed_at', p.completed_at, 'updated_at', p.updated_at) ORDER BY p.item_id), '[]'::jsonb)
           FROM item_progress p WHERE p.enrolment_id = e.id),
        $3::date, $4::text, $5::uuid
      FROM enrolments e WHERE e.id = $1 AND e.status = 'completed'
    ON CONFLICT DO NOTHING
    RETURNING id, enrolment_id, previous_cycle, previous_completed_at, jsonb_array_length(previous_item_progress) AS items),
  cleared AS (DELETE FROM item_progress p USING snap WHERE p.enrolment_id = snap.enrolment_id RETURNING p.item_id),
  u AS (
    UPDATE enrolments e SET cycle = snap.previous_cycle + 1, cycle_started_at = now(), status = 'enrolled', completed_at = NULL,
           due_date = $3::date, updated_at = now()
      FROM snap WHERE e.id = snap.enrolment_id
    RETURNING e.id, e.cycle)
  SELECT snap.id AS renewal_id, snap.previous_cycle, snap.previous_completed_at, snap.items, u.cycle, (SELECT count(*)::int FROM cleared) AS cleared
    FROM snap JOIN u ON u.id = snap.enrolment_id`;

const registerNo = (r: Row) => `${String(r.register_no).padStart(4, '0')}/${r.register_year}/GCN`;
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Re-enrolment before a certificate expires (docs/api-courses.md, "Certificate validity and re-enrolment"): the
 * scheduled job renews everyone due, a trainer or manager runs it now for one course. Each renewal is audited.
 */
@Injectable()
export class RenewalsService {
  private readonly logger = new Logger('Renewals');

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly courses: CoursesService,
  ) {}

  private due(q: EntityManager, courseId: string | null, scope: string[] | null): Promise<Row[]> {
    return q.query(DUE_SQL, [courseId, todayVn(), scope]);
  }

  /** Renews the enrolment of due certificate `c` when it is still completed and not renewed; false when nothing was done. */
  private async renewOne(tx: EntityManager, c: Row, actor: Actor | null, kind: 'job' | 'manual'): Promise<boolean> {
    // the enrolment's lock: a learner's progress event, an approval or another run waits for the renewal, or it for them
    const [e] = await tx.query(`SELECT status FROM enrolments WHERE id = $1 FOR UPDATE`, [c.enrolment_id]);
    if (e?.status !== 'completed') return false;
    const [r] = await tx.query(RENEW_SQL, [c.enrolment_id, c.certificate_id, c.expires_on, kind, actor?.userId ?? null]);
    if (!r) return false;
    await this.audit.record(tx, actor, {
      action: 'enrolment.renewed', entityType: 'enrolment', entityId: c.enrolment_id,
      summary: `Ghi danh học lại ${c.full_name} vào khóa học ${c.course_title}: giấy chứng nhận số ${registerNo(c)} hết hạn ngày ${vnDate(c.expires_on)}`,
      details: {
        courseId: c.course_id, staffId: c.staff_id, certificateId: c.certificate_id, renewalId: r.renewal_id, previousCycle: r.previous_cycle,
        cycle: r.cycle, previousCompletedAt: r.previous_completed_at ? new Date(r.previous_completed_at).toISOString() : null,
        dueDate: c.expires_on, clearedItems: r.cleared, trigger: kind,
      },
    });
    return true;
  }

  /**
   * The scheduled job: renews every person due, in every course, one renewal per transaction (a failing one is logged
   * and skipped; the next run tries it again). Returns the counts.
   */
  async renewDue(): Promise<RenewalResultDto & { failed: number }> {
    const due = await this.due(this.dataSource.manager, null, null);
    let renewed = 0;
    let failed = 0;
    for (const c of due) {
      if (c.renewal_id) continue;
      try {
        if (await this.dataSource.transaction((tx) => this.renewOne(tx, c, null, 'job'))) renewed++;
      } catch (err) {
        failed++;
        this.logger.error(`could not renew enrolment ${c.enrolment_id} (certificate ${c.certificate_id}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { renewed, alreadyRenewed: due.filter((c) => c.renewal_id).length, failed };
  }

  /**
   * `POST /api/courses/:id/renewals`: the same renewals, now, for one course in the caller's scope (its people in the
   * caller's scope), in one transaction, with a summary audit row. Idempotent: a certificate renewed already is counted,
   * not renewed again.
   */
  async runForCourse(actor: Actor, courseId: string, note?: string): Promise<RenewalResultDto> {
    return this.dataSource.transaction(async (tx) => {
      const course = await this.courses.loadCourse(actor, courseId, tx, true);
      if (course.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');
      if (course.renewal_lead_days === null || course.certificate_validity_months === null) {
        throw new AppError(409, 'RENEWAL_NOT_CONFIGURED', {}, {
          renewalLeadDays: { vi: 'Khóa học chưa đặt số ngày ghi danh học lại trước khi hết hạn', en: 'The course has no re-enrolment lead time' },
        });
      }
      const due = await this.due(tx, courseId, await this.access.scopeUnitIds(actor, tx));
      let renewed = 0;
      let alreadyRenewed = 0;
      for (const c of due) {
        if (c.renewal_id) alreadyRenewed++;
        else if (await this.renewOne(tx, c, actor, 'manual')) renewed++;
        else alreadyRenewed++;
      }
      await this.audit.record(tx, actor, {
        action: 'course.renewals_run', entityType: 'course', entityId: courseId,
        summary: `Ghi danh học lại khóa học ${course.title}: ${renewed} người (${alreadyRenewed} người đã được ghi danh học lại trước đó)`,
        details: { renewed, alreadyRenewed, renewalLeadDays: course.renewal_lead_days, note: note ?? null },
      });
      return { renewed, alreadyRenewed };
    });
  }
}
