import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, notFound } from '../../common/errors/app-error';
import { Lang } from '../../common/errors/messages';
import { todayVn } from '../../common/text/dates';
import { detectLegacyFont, fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { cleanFileName } from '../files/file-types';
import { CompletionSheetError, mapSource, parseCompletionSheet, parseDate, parseHours, RawCompletionRow } from './completion-sheet';
import { ImportPreviewDto, ImportRowDto } from './external-completions.dto';
import { COMPLETED_AT_SQL, EARLIEST_COMPLETION, MAX_EXTERNAL_HOURS } from './external-completions.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;
type Msg = { vi: string; en: string };

/** What a checked row will write on commit. */
interface Payload { staffId: string; source: string; title: string; provider: string; completedOn: string; hours: number; certificateNo: string | null }
type StoredRow = ImportRowDto & { payload: Payload | null };

const toPreview = (r: Row): ImportPreviewDto => ({
  id: r.id,
  rows: (r.rows as StoredRow[]).map(({ payload: _p, ...row }) => row),
  okCount: r.ok_count,
  errorCount: r.error_count,
  duplicateCount: r.duplicate_count,
});

/** Bulk entry of external completions from a spreadsheet: preview (nothing written) → commit (all rows, approved) or cancel. */
@Injectable()
export class CompletionImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
  ) {}

  async preview(actor: Actor, fileName: string, buf: Buffer, lang: Lang): Promise<ImportPreviewDto> {
    let raw: RawCompletionRow[];
    try {
      raw = await parseCompletionSheet(buf);
    } catch (e) {
      if (e instanceof CompletionSheetError) {
        throw new AppError(e.status, e.status === 415 ? 'UNSUPPORTED_FILE' : 'VALIDATION_FAILED', {}, { file: { vi: e.message, en: e.messageEn } });
      }
      throw e;
    }
    const rows = await this.check(actor, raw, lang);
    const counts = {
      ok: rows.filter((r) => r.status === 'ok').length,
      error: rows.filter((r) => r.status === 'error').length,
      duplicate: rows.filter((r) => r.status === 'duplicate').length,
    };
    const name = cleanFileName(fileName);
    return this.dataSource.transaction(async (tx) => {
      const [imp] = await tx.query(
        `INSERT INTO completion_imports (file_name, rows, ok_count, error_count, duplicate_count, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [name, JSON.stringify(rows), counts.ok, counts.error, counts.duplicate, actor.userId],
      );
      await this.audit.record(tx, actor, {
        action: 'external_completion.import_previewed', entityType: 'completion_import', entityId: imp.id,
        summary: `Tải lên danh sách kết quả bồi dưỡng ${name}: ${rows.length} dòng, ${counts.error} dòng lỗi, ${counts.duplicate} dòng trùng`,
        details: { fileName: name, rows: rows.length, ...counts },
      });
      return toPreview(imp);
    });
  }

  /** Checks every row against the file and the roster of the caller's scope. Pure reads. */
  private async check(actor: Actor, raw: RawCompletionRow[], lang: Lang): Promise<StoredRow[]> {
    const t = (m: Msg) => m[lang];
    const scope = await this.access.scopeUnitIds(actor);
    const scopeSql = scope ? `AND s.unit_id = ANY($2::uuid[])` : '';
    const scopeParams = scope ? [scope] : [];
    // people the rows may name: by code, or by folded full name
    const keys = [...new Set(raw.flatMap((r) => [r.values.person, r.values.staffCode, r.values.fullName]).filter((v): v is string => !!v))];
    const people: Row[] = keys.length
      ? await this.dataSource.query(
        `SELECT s.id, s.staff_code, s.full_name, vn_fold(s.full_name) AS folded, s.birth_year, s.unit_id, o.code AS unit_code, o.name AS unit_name, o.aliases
           FROM staff_members s JOIN org_units o ON o.id = s.unit_id
          WHERE (lower(s.staff_code) = ANY(SELECT lower(x) FROM unnest($1::text[]) x) OR vn_fold(s.full_name) = ANY(SELECT vn_fold(x) FROM unnest($1::text[]) x)) ${scopeSql}`,
        [keys, ...scopeParams],
      )
      : [];
    const byCode = new Map<string, Row>(people.filter((p) => p.staff_code).map((p) => [String(p.staff_code).toLowerCase(), p]));
    const byName = new Map<string, Row[]>();
    for (const p of people) byName.set(p.folded, [...(byName.get(p.folded) ?? []), p]);

    const today = todayVn();
    const out: StoredRow[] = [];
    for (const r of raw) {
      const v = r.values;
      const errors: { field: string; message: string }[] = [];
      const err = (field: string, m: Msg) => errors.push({ field, message: t(m) });

      // the person
      const code = v.staffCode ?? v.person;
      const name = v.fullName ?? v.person;
      let person: Row | null = (code && byCode.get(code.toLowerCase())) || null;
      const birth = /(\d{4})/.exec(v.birthYear ?? '')?.[1];
      // names have no digits: "NV-012" in the combined column is a code
      const codeOnly = !person && ((v.staffCode && !v.fullName) || (!v.staffCode && !v.fullName && !!v.person && /\d/.test(v.person) && !/\s/.test(v.person)));
      if (codeOnly) {
        err('person', { vi: `Không tìm thấy mã nhân sự "${code}" trong phạm vi quản lý`, en: `No staff code "${code}" in your scope` });
      } else if (!person && name) {
        if (detectLegacyFont(name)) err('person', { vi: 'Họ tên gõ bằng phông chữ cũ (TCVN3/VNI); hãy chuyển sang Unicode', en: 'The name is typed in a legacy font (TCVN3/VNI); convert it to Unicode' });
        else if (!birth) err('birthYear', { vi: `Không có mã nhân sự "${name}"; cần năm sinh để tìm theo họ tên`, en: `"${name}" is not a staff code; a birth year is needed to match by name` });
        else {
          let found = (byName.get(fold(name)) ?? []).filter((p) => String(p.birth_year) === birth);
          if (found.length > 1 && v.unit) {
            const u = fold(v.unit);
            found = found.filter((p) => fold(p.unit_name) === u || String(p.unit_code).toLowerCase() === v.unit?.toLowerCase() || (p.aliases ?? []).some((a: string) => fold(a) === u));
          }
          if (found.length === 1) [person] = found;
          else if (!found.length) err('person', { vi: `Không tìm thấy "${name}" sinh năm ${birth}${v.unit ? ` (${v.unit})` : ''} trong phạm vi quản lý`, en: `No "${name}" born ${birth}${v.unit ? ` (${v.unit})` : ''} in your scope` });
          else err('person', { vi: `Có ${found.length} người "${name}" sinh năm ${birth}; hãy ghi mã nhân sự hoặc đơn vị`, en: `${found.length} people named "${name}" born ${birth}; give the staff code or the unit` });
        }
      } else if (!person) {
        err('person', { vi: 'Thiếu mã nhân sự hoặc họ và tên', en: 'The staff code or full name is missing' });
      }

      // the completion
      const source = mapSource(v.source);
      if (!v.source) err('source', { vi: 'Thiếu nguồn', en: 'The source is missing' });
      else if (!source) err('source', { vi: `Nguồn "${v.source}" không hợp lệ; ghi "Bình dân học vụ số" hoặc "Chương trình của tỉnh"`, en: `Unknown source "${v.source}"; use "bdhvs" or "provincial_program"` });
      const title = v.title?.slice(0, 301);
      if (!title) err('title', { vi: 'Thiếu nội dung bồi dưỡng', en: 'The training title is missing' });
      else if (title.length > 300) err('title', { vi: 'Nội dung bồi dưỡng tối đa 300 ký tự', en: 'The title is at most 300 characters' });
      else if (detectLegacyFont(title)) err('title', { vi: 'Nội dung gõ bằng phông chữ cũ (TCVN3/VNI); hãy chuyển sang Unicode', en: 'The title is typed in a legacy font (TCVN3/VNI); convert it to Unicode' });
      const provider = v.provider;
      if (!provider) err('provider', { vi: 'Thiếu đơn vị tổ chức', en: 'The provider is missing' });
      else if (provider.length > 300) err('provider', { vi: 'Đơn vị tổ chức tối đa 300 ký tự', en: 'The provider is at most 300 characters' });
      const completedOn = r.dateValue ?? parseDate(v.completedOn);
      if (!v.completedOn && !r.dateValue) err('completedOn', { vi: 'Thiếu ngày hoàn thành', en: 'The completion date is missing' });
      else if (!completedOn) err('completedOn', { vi: `Ngày "${v.completedOn}" không hợp lệ (ngày/tháng/năm)`, en: `"${v.completedOn}" is not a valid date (day/month/year)` });
      else if (completedOn > today) err('completedOn', { vi: 'Ngày hoàn thành không được ở tương lai', en: 'The completion date cannot be in the future' });
      else if (completedOn < EARLIEST_COMPLETION) err('completedOn', { vi: 'Ngày hoàn thành không hợp lệ (trước năm 1990)', en: 'The completion date is not plausible (before 1990)' });
      const hours = parseHours(v.hours);
      if (!v.hours) err('hours', { vi: 'Thiếu số giờ', en: 'The hours are missing' });
      else if (hours === null || !(hours > 0 && hours <= MAX_EXTERNAL_HOURS) || Math.round(hours * 100) !== hours * 100) {
        err('hours', { vi: `Số giờ "${v.hours}" phải lớn hơn 0 và không quá ${MAX_EXTERNAL_HOURS} (tối đa 2 chữ số thập phân)`, en: `Hours "${v.hours}" must be greater than 0 and at most ${MAX_EXTERNAL_HOURS} (2 decimals at most)` });
      }
      const certificateNo = v.certificateNo ?? null;
      if (certificateNo && certificateNo.length > 100) err('certificateNo', { vi: 'Số giấy chứng nhận tối đa 100 ký tự', en: 'The certificate number is at most 100 characters' });

      const payload: Payload | null = !errors.length && person && source && title && provider && completedOn && hours !== null
        ? { staffId: person.id, source, title, provider, completedOn, hours, certificateNo }
        : null;
      out.push({
        row: r.row,
        staffId: person?.id ?? null,
        fullName: person?.full_name ?? name ?? code ?? '',
        status: errors.length ? 'error' : 'ok',
        errors,
        data: { source, title: title ?? null, provider: provider ?? null, completedOn, hours, certificateNo, unitName: person?.unit_name ?? v.unit ?? null },
        payload,
      });
    }

    // duplicates: the same person, training (folded title) and date, already recorded (not rejected) or earlier in the file
    const candidates = out.filter((r) => r.payload);
    if (candidates.length) {
      const existing: Row[] = await this.dataSource.query(
        `SELECT k.staff_id, vn_fold(k.title) AS t, k.completed_on::text AS d FROM completions k
          JOIN (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(staff_id uuid, completed_on date)) x ON x.staff_id = k.staff_id AND x.completed_on = k.completed_on
         WHERE k.source <> 'internal' AND k.status <> 'rejected'`,
        [JSON.stringify(candidates.map((r) => ({ staff_id: r.payload?.staffId, completed_on: r.payload?.completedOn })))],
      );
      const seen = new Set(existing.map((e) => `${e.staff_id}|${e.t}|${e.d}`));
      for (const r of candidates) {
        const p = r.payload as Payload;
        const key = `${p.staffId}|${fold(p.title)}|${p.completedOn}`;
        if (seen.has(key)) { r.status = 'duplicate'; r.payload = null; }
        seen.add(key);
      }
    }
    return out;
  }

  private async own(actor: Actor, id: string, tx = this.dataSource.manager, lock = false): Promise<Row> {
    const [imp] = await tx.query(`SELECT * FROM completion_imports WHERE id = $1 AND created_by = $2 ${lock ? 'FOR UPDATE' : ''}`, [id, actor.userId]);
    if (!imp) throw notFound();
    return imp;
  }

  /** Writes every ok row as an approved completion (the importer is the reviewer), in one transaction; refused while a row has an error. */
  async commit(actor: Actor, id: string): Promise<{ created: number }> {
    return this.dataSource.transaction(async (tx) => {
      const imp = await this.own(actor, id, tx, true);
      if (imp.status !== 'preview') throw new AppError(409, 'IMPORT_NOT_PREVIEWED');
      if (imp.error_count > 0) throw new AppError(409, 'IMPORT_HAS_ERRORS');
      const payloads = (imp.rows as StoredRow[]).map((r) => r.payload).filter((p): p is Payload => !!p);
      // people may have left the caller's scope since the preview
      const scope = await this.access.scopeUnitIds(actor, tx);
      if (scope && payloads.length) {
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM staff_members WHERE id = ANY($1::uuid[]) AND NOT (unit_id = ANY($2::uuid[]))`, [payloads.map((p) => p.staffId), scope]);
        if (n > 0) {
          throw new AppError(409, 'IMPORT_HAS_ERRORS', {}, { file: { vi: `${n} người không còn trong phạm vi quản lý; hãy tải tệp lên lại`, en: `${n} people are no longer in your scope; upload the file again` } });
        }
      }
      const inserted: { id: string }[] = payloads.length
        ? await tx.query(
          `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("staffId" uuid, source text, title text, provider text, "completedOn" date, hours numeric, "certificateNo" text))
           INSERT INTO completions (staff_id, course_id, course_version, completed_at, hours, rule, source, status, title, provider, completed_on,
             certificate_no, import_id, submitted_by, submitted_at, reviewed_by, reviewed_at)
           SELECT x."staffId", NULL, NULL, ${COMPLETED_AT_SQL('x."completedOn"')}, x.hours, 'external_' || x.source, x.source, 'approved', x.title, x.provider,
             x."completedOn", x."certificateNo", $2, $3, now(), $3, now() FROM x
           ON CONFLICT (staff_id, vn_fold(title), completed_on) WHERE source <> 'internal' AND status <> 'rejected' DO NOTHING
           RETURNING id`,
          [JSON.stringify(payloads), id, actor.userId],
        )
        : [];
      await tx.query(`UPDATE completion_imports SET status = 'committed', created_count = $2, finished_at = now() WHERE id = $1`, [id, inserted.length]);
      await this.audit.record(tx, actor, {
        action: 'external_completion.imported', entityType: 'completion_import', entityId: id,
        summary: `Nhập ${inserted.length} kết quả bồi dưỡng ngoài hệ thống từ ${imp.file_name} (đã duyệt)`,
        details: { fileName: imp.file_name, created: inserted.length, skippedDuplicates: imp.duplicate_count + payloads.length - inserted.length, completionIds: inserted.map((r) => r.id) },
      });
      return { created: inserted.length };
    });
  }

  async cancel(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const imp = await this.own(actor, id, tx, true);
      if (imp.status === 'cancelled') return;
      if (imp.status !== 'preview') throw new AppError(409, 'IMPORT_NOT_PREVIEWED');
      await tx.query(`UPDATE completion_imports SET status = 'cancelled', finished_at = now() WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, {
        action: 'external_completion.import_cancelled', entityType: 'completion_import', entityId: id,
        summary: `Hủy nhập danh sách kết quả bồi dưỡng ${imp.file_name}`, details: {},
      });
    });
  }
}
