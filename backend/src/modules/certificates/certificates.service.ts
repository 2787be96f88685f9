import { Inject, Injectable } from '@nestjs/common';
import archiver from 'archiver';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape } from '../../common/http/params';
import { todayVn } from '../../common/text/dates';
import { fold } from '../../common/text/vietnamese';
import { APP_CONFIG, AppConfig } from '../../config/env';
import { AuditService } from '../audit/audit.service';
import { buildCertificatePdf } from './certificate-pdf';
import {
  CertificateDto, CertificateSettingsDto, IssueCertificateDto, ListCertificatesQueryDto, RevokeCertificateDto, VerificationDto,
} from './certificates.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const SELECT = `
  SELECT c.*, s.unit_id, s.birth_year, n.id AS replaced_by_id, cs.place,
    CASE WHEN c.status = 'revoked' THEN 'revoked' WHEN c.expires_on IS NOT NULL AND c.expires_on < $1::date THEN 'expired' ELSE 'valid' END AS state
  FROM certificates c
  JOIN staff_members s ON s.id = c.staff_id
  CROSS JOIN certificate_settings cs
  LEFT JOIN certificates n ON n.replaces_id = c.id`;

const registerNo = (r: Row) => `${String(r.register_no).padStart(4, '0')}/${r.register_year}/GCN`;
const CODE_RE = /^[A-Z2-9]{12}$/;

@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The address of the public verification page: PUBLIC_URL when configured, else the address the request came to. */
  baseUrl(req: FastifyRequest): string {
    if (this.config.publicUrl) return this.config.publicUrl;
    return `${req.protocol}://${req.host}`;
  }

  private toDto(r: Row, base: string): CertificateDto {
    return {
      id: r.id, code: r.code, registerNo: registerNo(r), staffId: r.staff_id, fullName: r.full_name, courseId: r.course_id,
      courseTitle: r.course_title, hours: Number(r.hours), completedOn: String(r.completed_on), expiresOn: r.expires_on ? String(r.expires_on) : null,
      state: r.state, kind: r.kind, revokeReason: r.revoke_reason, revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      replacesId: r.replaces_id, replacedById: r.replaced_by_id ?? null, issuedAt: new Date(r.issued_at).toISOString(),
      verifyUrl: `${base}/verify/${r.code}`,
    };
  }

  async list(actor: Actor, q: ListCertificatesQueryDto, base: string): Promise<Page<CertificateDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const scope = await this.access.scopeUnitIds(actor);
    const rows = await this.dataSource.query(
      `SELECT * , count(*) OVER () AS total FROM (${SELECT}
         WHERE ($2::uuid[] IS NULL OR s.unit_id = ANY($2::uuid[])) AND ($3::uuid IS NULL OR c.course_id = $3) AND ($4::uuid IS NULL OR c.staff_id = $4)
           AND ($5::text IS NULL OR s.search_text LIKE $5 OR c.code = upper($6))) x
       WHERE ($7::text IS NULL OR state = $7)
       ORDER BY issued_at DESC, register_year DESC, register_no DESC LIMIT $8 OFFSET $9`,
      [todayVn(), scope, q.courseId ?? null, q.staffId ?? null, q.q?.trim() ? `%${likeEscape(fold(q.q.trim()))}%` : null, q.q?.trim() ?? '',
        q.state ?? null, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map((r: Row) => this.toDto(r, base)), total: rows.length ? Number(rows[0].total) : 0, page, pageSize };
  }

  async mine(actor: Actor, base: string): Promise<{ items: CertificateDto[] }> {
    const [u] = await this.dataSource.query(`SELECT staff_id FROM users WHERE id = $1`, [actor.userId]);
    if (!u?.staff_id) return { items: [] };
    const rows = await this.dataSource.query(`${SELECT} WHERE c.staff_id = $2 ORDER BY c.issued_at DESC`, [todayVn(), u.staff_id]);
    return { items: rows.map((r: Row) => this.toDto(r, base)) };
  }

  private async load(actor: Actor, id: string, tx?: EntityManager, lock = false): Promise<Row> {
    const [r] = await (tx ?? this.dataSource.manager).query(`${SELECT} WHERE c.id = $2 ${lock ? 'FOR UPDATE OF c' : ''}`, [todayVn(), id]);
    if (!r || !(await this.access.inScope(actor, r.unit_id, tx))) throw notFound();
    return r;
  }

  /** The learner's own certificate, else one of a person in the caller's scope. */
  private async loadForPdf(actor: Actor, id: string): Promise<Row> {
    const [r] = await this.dataSource.query(`${SELECT} WHERE c.id = $2`, [todayVn(), id]);
    if (!r) throw notFound();
    const [u] = await this.dataSource.query(`SELECT staff_id FROM users WHERE id = $1`, [actor.userId]);
    if (u?.staff_id && u.staff_id === r.staff_id) return r;
    if (!(actor.roles.some((x) => x !== 'learner')) || !(await this.access.inScope(actor, r.unit_id))) throw notFound();
    return r;
  }

  async get(actor: Actor, id: string, base: string): Promise<CertificateDto> {
    return this.toDto(await this.load(actor, id), base);
  }

  async issue(actor: Actor, dto: IssueCertificateDto, base: string): Promise<CertificateDto> {
    return this.dataSource.transaction(async (tx) => {
      const [s] = await tx.query(`SELECT unit_id FROM staff_members WHERE id = $1`, [dto.staffId]);
      if (!s || !(await this.access.inScope(actor, s.unit_id, tx))) throw notFound();
      const [course] = await tx.query(`SELECT id, title FROM courses WHERE id = $1`, [dto.courseId]);
      if (!course) throw notFound();
      const [done] = await tx.query(
        `SELECT id FROM completions WHERE staff_id = $1 AND course_id = $2 AND source = 'internal' AND status = 'approved'
         ORDER BY completed_at DESC LIMIT 1 FOR UPDATE`,
        [dto.staffId, dto.courseId],
      );
      if (!done) throw new AppError(409, 'COURSE_NOT_COMPLETED');
      const [existing] = await tx.query(`SELECT id FROM certificates WHERE completion_id = $1 AND status = 'valid'`, [done.id]);
      if (existing) throw new AppError(409, 'CERTIFICATE_EXISTS');
      const [{ id }] = await tx.query(`SELECT issue_certificate($1, 'manual', $2, NULL) AS id`, [done.id, actor.userId]);
      await this.audit.record(tx, actor, {
        action: 'certificate.issued', entityType: 'certificate', entityId: id, summary: `Cấp giấy chứng nhận khóa học ${course.title}`,
        details: { staffId: dto.staffId, courseId: dto.courseId, completionId: done.id },
      });
      return this.toDto(await this.load(actor, id, tx), base);
    });
  }

  async revoke(actor: Actor, id: string, dto: RevokeCertificateDto, base: string): Promise<CertificateDto> {
    return this.dataSource.transaction(async (tx) => {
      const r = await this.load(actor, id, tx, true);
      if (r.status === 'revoked') throw new AppError(409, 'CERTIFICATE_REVOKED');
      await tx.query(`UPDATE certificates SET status = 'revoked', revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1`,
        [id, actor.userId, dto.reason.trim()]);
      await this.audit.record(tx, actor, {
        action: 'certificate.revoked', entityType: 'certificate', entityId: id,
        summary: `Thu hồi giấy chứng nhận số ${registerNo(r)} của ${r.full_name}`, details: { reason: dto.reason.trim() },
      });
      return this.toDto(await this.load(actor, id, tx), base);
    });
  }

  /** Revokes the certificate and issues a new one (new number, new code) for the same completion. */
  async reissue(actor: Actor, id: string, dto: RevokeCertificateDto, base: string): Promise<CertificateDto> {
    return this.dataSource.transaction(async (tx) => {
      const r = await this.load(actor, id, tx, true);
      if (r.replaced_by_id) throw new AppError(409, 'CERTIFICATE_REPLACED');
      if (r.status !== 'revoked') {
        await tx.query(`UPDATE certificates SET status = 'revoked', revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1`,
          [id, actor.userId, `Cấp lại: ${dto.reason.trim()}`]);
      }
      const [{ id: newId }] = await tx.query(`SELECT issue_certificate($1, 'reissue', $2, $3) AS id`, [r.completion_id, actor.userId, id]);
      await this.audit.record(tx, actor, {
        action: 'certificate.reissued', entityType: 'certificate', entityId: newId,
        summary: `Cấp lại giấy chứng nhận số ${registerNo(r)} của ${r.full_name}`, details: { replaces: id, reason: dto.reason.trim() },
      });
      return this.toDto(await this.load(actor, newId, tx), base);
    });
  }

  async pdf(actor: Actor, id: string, base: string): Promise<{ fileName: string; body: Buffer }> {
    const r = await this.loadForPdf(actor, id);
    return { fileName: `giay-chung-nhan-${r.register_year}-${String(r.register_no).padStart(4, '0')}.pdf`, body: await this.render(r, base) };
  }

  private render(r: Row, base: string): Promise<Buffer> {
    return buildCertificatePdf({
      issuerName: r.issuer_name, fullName: r.full_name, birthYear: r.birth_year, courseTitle: r.course_title, hours: Number(r.hours),
      completedOn: String(r.completed_on), expiresOn: r.expires_on ? String(r.expires_on) : null, registerNo: registerNo(r),
      place: r.place, issuedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(r.issued_at)),
      signerTitle: r.signer_title, signerName: r.signer_name, verifyUrl: `${base}/verify/${r.code}`, code: r.code, revoked: r.status === 'revoked',
    });
  }

  /** Every valid certificate of a course (in the caller's scope) as PDFs in one ZIP, streamed. */
  async zip(actor: Actor, courseId: string, base: string, reply: FastifyReply): Promise<void> {
    const [course] = await this.dataSource.query(`SELECT id, code, title, owner_unit_id FROM courses WHERE id = $1`, [courseId]);
    if (!course || !(await this.access.inScope(actor, course.owner_unit_id))) throw notFound();
    const scope = await this.access.scopeUnitIds(actor);
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM (${SELECT} WHERE c.course_id = $2 AND ($3::uuid[] IS NULL OR s.unit_id = ANY($3::uuid[]))) x
       WHERE state = 'valid' ORDER BY register_year, register_no`,
      [todayVn(), courseId, scope],
    );
    await this.audit.record(null, actor, {
      action: 'export.certificates', entityType: 'course', entityId: courseId,
      summary: `Tải ${rows.length} giấy chứng nhận của khóa học ${course.title} (ZIP)`, details: { count: rows.length },
    });
    const out = new PassThrough();
    const archive = archiver('zip', { zlib: { level: 1 } }); // PDFs are compressed already
    archive.on('error', (e: Error) => out.destroy(e));
    archive.pipe(out);
    const name = `giay-chung-nhan-${String(course.code).replace(/[^A-Za-z0-9._-]/g, '_')}.zip`;
    reply.type('application/zip').header('content-disposition', `attachment; filename="${name}"`).header('x-export-rows', String(rows.length));
    const pump = (async () => {
      for (const r of rows) {
        const safe = fold(r.full_name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        archive.append(await this.render(r, base), { name: `${r.register_year}-${String(r.register_no).padStart(4, '0')}-${safe}.pdf` });
      }
      await archive.finalize();
    })().catch((e) => out.destroy(e));
    reply.send(out);
    await pump;
  }

  /** Public: only the state, the name, the course and the dates; anything else about the person stays private. */
  async verify(code: string): Promise<VerificationDto> {
    const c = code.toUpperCase();
    if (!CODE_RE.test(c)) throw notFound();
    const [r] = await this.dataSource.query(`${SELECT} WHERE c.code = $2`, [todayVn(), c]);
    if (!r) throw notFound();
    return {
      state: r.state, fullName: r.full_name, courseTitle: r.course_title, completedOn: String(r.completed_on),
      expiresOn: r.expires_on ? String(r.expires_on) : null, registerNo: registerNo(r), issuerName: r.issuer_name,
    };
  }

  async settings(): Promise<CertificateSettingsDto> {
    const [s] = await this.dataSource.query(`SELECT * FROM certificate_settings`);
    return { issuerName: s.issuer_name, signerTitle: s.signer_title, signerName: s.signer_name, place: s.place };
  }

  async saveSettings(actor: Actor, dto: CertificateSettingsDto): Promise<CertificateSettingsDto> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE certificate_settings SET issuer_name = $1, signer_title = $2, signer_name = $3, place = $4, updated_at = now()`,
        [dto.issuerName.trim(), dto.signerTitle.trim(), dto.signerName.trim(), dto.place.trim()]);
      await this.audit.record(tx, actor, {
        action: 'certificate.settings_updated', entityType: 'certificate_settings', summary: 'Cập nhật thông tin ký giấy chứng nhận', details: { ...dto },
      });
      return this.settings();
    });
  }
}
