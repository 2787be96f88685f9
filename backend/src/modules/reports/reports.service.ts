import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { todayVn } from '../../common/text/dates';
import { nfc } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { buildReportPdf, buildReportXlsx, ReportDoc } from './report-documents';
import { computeReportFigures, ReportFigures } from './report-figures';
import { CreateReportDto, NarrativeDto, ReportDto, ReportPeriodDto, ReportSummaryDto, SubmitReportDto, UpdateReportDto } from './reports.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const SELECT = `SELECT r.*, u.name AS unit_name FROM reports r JOIN org_units u ON u.id = r.unit_id`;
const NARRATIVE_KEYS = ['direction', 'results', 'shortcomings', 'causes', 'nextTasks', 'recommendations'] as const;
const DEFAULT_TITLE = 'Kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW';
const DEFAULT_RECIPIENTS = ['Sở Khoa học và Công nghệ tỉnh Quảng Ngãi', 'TT Đảng ủy, HĐND phường', 'Lưu: VT, VHXH'];

const toSummary = (r: Row): ReportSummaryDto => ({
  id: r.id, unitId: r.unit_id, unitName: r.unit_name, title: r.title, periodLabel: r.period_label, periodStart: String(r.period_start),
  cutOff: String(r.cut_off), docNumber: r.doc_number, status: r.status, version: r.version, supersedesId: r.supersedes_id,
  supersededById: r.superseded_by_id, submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  updatedAt: new Date(r.updated_at).toISOString(),
});

function cleanNarrative(n: NarrativeDto | undefined, current: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { ...current };
  if (!n) return out;
  for (const k of NARRATIVE_KEYS) {
    const v = n[k];
    if (v !== undefined) {
      if (typeof v !== 'string') throw fieldError(`narrative.${k}`, 'Phải là văn bản', 'Must be text');
      // eslint-disable-next-line no-control-regex
      out[k] = nfc(v).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
    }
  }
  const unknown = Object.keys(n).filter((k) => !(NARRATIVE_KEYS as readonly string[]).includes(k));
  if (unknown.length) throw fieldError(`narrative.${unknown[0]}`, 'Mục không tồn tại trong báo cáo', 'Unknown report section');
  return out;
}

/** Default periods: the 6-month report (cut-off 15/6) and the annual report (cut-off 15/12), the previous one starting the day after. */
export function defaultPeriods(today: string): ReportPeriodDto[] {
  const y = Number(today.slice(0, 4));
  const out: ReportPeriodDto[] = [];
  for (let year = y - 1; year <= y + 1; year++) {
    out.push({ label: `6 tháng đầu năm ${year}`, periodStart: `${year - 1}-12-16`, cutOff: `${year}-06-15` });
    out.push({ label: `Năm ${year}`, periodStart: `${year - 1}-12-16`, cutOff: `${year}-12-15` });
  }
  return out;
}

@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource, private readonly access: OrgAccessService, private readonly audit: AuditService) {}

  periods(): { items: ReportPeriodDto[] } {
    return { items: defaultPeriods(todayVn()) };
  }

  async list(actor: Actor): Promise<{ items: ReportSummaryDto[] }> {
    const scope = await this.access.scopeUnitIds(actor);
    const rows = await this.dataSource.query(
      `${SELECT} WHERE ($1::uuid[] IS NULL OR r.unit_id = ANY($1::uuid[])) ORDER BY r.cut_off DESC, r.version DESC`,
      [scope],
    );
    return { items: rows.map(toSummary) };
  }

  async get(actor: Actor, id: string): Promise<ReportDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const r = await this.load(actor, id, tx);
      const figures: ReportFigures = r.snapshot?.figures ?? (await computeReportFigures(tx, r.unit_id, String(r.cut_off), r.include_police));
      return this.toDto(r, figures);
    });
  }

  async create(actor: Actor, dto: CreateReportDto): Promise<ReportDto> {
    this.checkPeriod(dto.periodStart, dto.cutOff);
    return this.dataSource.transaction(async (tx) => {
      const [u] = await tx.query(`SELECT id, type FROM org_units WHERE id = $1`, [dto.unitId]);
      if (!u) throw notFound();
      await this.access.assertUnitInScope(actor, dto.unitId, tx);
      if (!['ward', 'commune', 'special_zone'].includes(u.type)) {
        throw fieldError('unitId', 'Báo cáo được lập cho một phường, xã', 'A report is made for a ward or commune');
      }
      const [row] = await tx.query(
        `INSERT INTO reports (unit_id, title, period_label, period_start, cut_off, doc_number, place, report_date, recipients, signer_title,
           signer_name, narrative, include_police, estimated, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
        [dto.unitId, dto.title?.trim() || DEFAULT_TITLE, dto.periodLabel.trim(), dto.periodStart, dto.cutOff, dto.docNumber?.trim() ?? '',
          dto.place?.trim() || 'Đăk Bla', dto.reportDate ?? null, (dto.recipients ?? DEFAULT_RECIPIENTS).map((s) => nfc(s.trim())).filter(Boolean),
          dto.signerTitle?.trim() || 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', dto.signerName?.trim() ?? '', JSON.stringify(cleanNarrative(dto.narrative)),
          dto.includePolice ?? false, dto.estimated ?? dto.cutOff > todayVn(), actor.userId],
      );
      await this.audit.record(tx, actor, {
        action: 'report.created', entityType: 'report', entityId: row.id, summary: `Tạo báo cáo ${dto.periodLabel}`,
        details: { cutOff: dto.cutOff, unitId: dto.unitId },
      });
      const r = await this.load(actor, row.id, tx);
      return this.toDto(r, await computeReportFigures(tx, r.unit_id, String(r.cut_off), r.include_police));
    });
  }

  async update(actor: Actor, id: string, dto: UpdateReportDto): Promise<ReportDto> {
    return this.dataSource.transaction(async (tx) => {
      const r = await this.load(actor, id, tx, true);
      if (r.status === 'submitted') throw new AppError(409, 'REPORT_SUBMITTED');
      const periodStart = dto.periodStart ?? String(r.period_start);
      const cutOff = dto.cutOff ?? String(r.cut_off);
      this.checkPeriod(periodStart, cutOff);
      await tx.query(
        `UPDATE reports SET title = coalesce($2, title), period_label = coalesce($3, period_label), period_start = $4, cut_off = $5,
           doc_number = coalesce($6, doc_number), place = coalesce($7, place),
           report_date = CASE WHEN $8::boolean THEN $9::date ELSE report_date END,
           recipients = coalesce($10, recipients), signer_title = coalesce($11, signer_title), signer_name = coalesce($12, signer_name),
           narrative = $13, include_police = coalesce($14, include_police), estimated = coalesce($15, estimated), updated_at = now()
         WHERE id = $1`,
        [id, dto.title?.trim() || null, dto.periodLabel?.trim() || null, periodStart, cutOff, dto.docNumber?.trim() ?? null, dto.place?.trim() || null,
          dto.reportDate !== undefined, dto.reportDate ?? null, dto.recipients ? dto.recipients.map((s) => nfc(s.trim())).filter(Boolean) : null,
          dto.signerTitle?.trim() ?? null, dto.signerName?.trim() ?? null, JSON.stringify(cleanNarrative(dto.narrative, r.narrative)),
          dto.includePolice ?? null, dto.estimated ?? null],
      );
      await this.audit.record(tx, actor, {
        action: 'report.updated', entityType: 'report', entityId: id, summary: `Sửa báo cáo ${r.period_label}`,
        details: { fields: Object.keys(dto) },
      });
      const fresh = await this.load(actor, id, tx);
      return this.toDto(fresh, await computeReportFigures(tx, fresh.unit_id, String(fresh.cut_off), fresh.include_police));
    });
  }

  /** Freezes the report: the figures as of the cut-off and every field of the document go into the snapshot. */
  async submit(actor: Actor, id: string, dto: SubmitReportDto): Promise<ReportDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const r = await this.load(actor, id, tx, true);
      if (r.status === 'submitted') throw new AppError(409, 'REPORT_SUBMITTED');
      if (!r.doc_number.trim()) throw fieldError('docNumber', 'Nhập số văn bản trước khi gửi báo cáo', 'Enter the document number before submitting');
      const figures = await computeReportFigures(tx, r.unit_id, String(r.cut_off), r.include_police);
      const reportDate = r.report_date ? String(r.report_date) : todayVn();
      await tx.query(
        `UPDATE reports SET status = 'submitted', report_date = $2, snapshot = $3, submitted_at = now(), submitted_by = $4, updated_at = now() WHERE id = $1`,
        [id, reportDate, JSON.stringify({ figures }), actor.userId],
      );
      await this.audit.record(tx, actor, {
        action: 'report.submitted', entityType: 'report', entityId: id,
        summary: `Gửi báo cáo ${r.period_label} (số ${r.doc_number}, phiên bản ${r.version})`, details: { note: dto.note ?? null, cutOff: String(r.cut_off) },
      });
      return this.toDto(await this.load(actor, id, tx), figures);
    });
  }

  /** A correction of a submitted report: a new draft version that supersedes it (the submitted one stays as it was). */
  async revise(actor: Actor, id: string): Promise<ReportDto> {
    return this.dataSource.transaction(async (tx) => {
      const r = await this.load(actor, id, tx, true);
      if (r.status !== 'submitted') throw new AppError(409, 'REPORT_NOT_SUBMITTED');
      if (r.superseded_by_id) throw new AppError(409, 'REPORT_ALREADY_REVISED');
      const [row] = await tx.query(
        `INSERT INTO reports (unit_id, title, period_label, period_start, cut_off, doc_number, place, report_date, recipients, signer_title, signer_name,
           narrative, include_police, estimated, version, supersedes_id, created_by)
         SELECT unit_id, title, period_label, period_start, cut_off, '', place, NULL, recipients, signer_title, signer_name,
           narrative, include_police, estimated, version + 1, id, $2 FROM reports WHERE id = $1 RETURNING id`,
        [id, actor.userId],
      );
      await tx.query(`UPDATE reports SET superseded_by_id = $2 WHERE id = $1`, [id, row.id]);
      await this.audit.record(tx, actor, {
        action: 'report.revised', entityType: 'report', entityId: row.id, summary: `Lập bản điều chỉnh (phiên bản ${r.version + 1}) của báo cáo ${r.period_label}`,
        details: { supersedes: id },
      });
      const fresh = await this.load(actor, row.id, tx);
      return this.toDto(fresh, await computeReportFigures(tx, fresh.unit_id, String(fresh.cut_off), fresh.include_police));
    });
  }

  async document(actor: Actor, id: string, format: 'pdf' | 'xlsx'): Promise<{ fileName: string; body: Buffer }> {
    const dto = await this.get(actor, id);
    const [unit] = await this.dataSource.query(`SELECT name FROM org_units WHERE id = $1`, [dto.unitId]);
    const doc: ReportDoc = {
      unitName: unit.name, issuer: `UBND ${unit.name}`, docNumber: dto.docNumber, place: dto.place, reportDate: dto.reportDate ?? todayVn(),
      title: dto.title, periodLabel: dto.periodLabel, cutOff: dto.cutOff, estimated: dto.estimated,
      narrative: dto.narrative as Record<string, string>, recipients: dto.recipients, signerTitle: dto.signerTitle, signerName: dto.signerName,
      version: dto.version, figures: dto.figures as unknown as ReportFigures,
    };
    const body = format === 'pdf' ? await buildReportPdf(doc) : await buildReportXlsx(doc);
    await this.audit.record(null, actor, {
      action: 'export.report', entityType: 'report', entityId: id,
      summary: `Xuất báo cáo ${dto.periodLabel} (${format.toUpperCase()}, ${dto.status === 'submitted' ? 'bản đã gửi' : 'bản nháp'})`,
      details: { format, status: dto.status, version: dto.version },
    });
    const base = `bao-cao-${dto.cutOff}-v${dto.version}${dto.status === 'draft' ? '-nhap' : ''}`;
    return { fileName: `${base}.${format}`, body };
  }

  // ------------------------------------------------------------------

  private checkPeriod(periodStart: string, cutOff: string) {
    if (cutOff < periodStart) throw fieldError('cutOff', 'Ngày chốt số liệu phải sau ngày bắt đầu kỳ báo cáo', 'The cut-off must be after the start of the period');
  }

  private async load(actor: Actor, id: string, tx: EntityManager, forUpdate = false): Promise<Row> {
    const [r] = await tx.query(`${SELECT} WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE OF r' : ''}`, [id]);
    if (!r || !(await this.access.inScope(actor, r.unit_id, tx))) throw notFound();
    return r;
  }

  private toDto(r: Row, figures: ReportFigures): ReportDto {
    const f = figures;
    return {
      ...toSummary(r), place: r.place, reportDate: r.report_date ? String(r.report_date) : null, recipients: r.recipients,
      signerTitle: r.signer_title, signerName: r.signer_name, narrative: r.narrative ?? {}, includePolice: r.include_police,
      estimated: r.estimated, figures: f as unknown as Record<string, unknown>,
    };
  }
}
