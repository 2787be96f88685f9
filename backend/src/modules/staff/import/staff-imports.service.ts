import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../../common/access/org-access.service';
import { Actor, isAdmin } from '../../../common/auth/permissions';
import { AppError, notFound } from '../../../common/errors/app-error';
import { Lang } from '../../../common/errors/messages';
import { Page } from '../../../common/http/dto';
import { buildFullName, detectLegacyFont, fold, isValidEmail, nfc, normalizePhone } from '../../../common/text/vietnamese';
import { todayVn } from '../../../common/text/dates';
import { AuditService } from '../../audit/audit.service';
import { applyEnrolmentRules } from '../../courses/enrolment-rules';
import { changedFields, insertStaff, rowToData, StaffData, updateStaff } from '../staff.writer';
import { splitFamilyMiddle, splitFullName } from './name-split';
import { ImportRowDto, ImportSummaryDto, ListImportRowsQueryDto } from './staff-imports.dto';
import {
  mapCategory, mapDtRole, mapGender, mapStatus, parseStaffSheet, RawStaffRow, SheetError, STATUS_CODE_TO_STATE,
} from './staff-sheet';

type Issue = { field: string; message: string };
type Msg = { vi: string; en: string };

interface CheckedRow {
  rowNumber: number;
  action: 'create' | 'update' | 'unchanged' | 'error';
  data: Record<string, unknown>;
  errors: Issue[];
  warnings: Issue[];
  staffId: string | null;
  payload: StaffData | null;
}

interface UnitInfo { id: string; code: string; name: string; validTo: string | null; inScope: boolean }

const COMMIT_BATCH = 500;
const today = todayVn;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toSummary = (r: any): ImportSummaryDto => ({
  id: r.id,
  fileName: r.file_name,
  status: r.status,
  totalRows: r.total_rows,
  validRows: r.valid_rows,
  errorRows: r.error_rows,
  warningRows: r.warning_rows,
  createCount: r.create_count,
  updateCount: r.update_count,
  unchangedCount: r.unchanged_count,
  processedRows: r.processed_rows,
  createdAt: new Date(r.created_at).toISOString(),
  committedAt: r.committed_at ? new Date(r.committed_at).toISOString() : null,
  message: r.message,
});

/**
 * Staff import: upload -> preview (every row checked, nothing written to the roster) -> commit
 * (all rows in one transaction, or none). Rows are keyed on the staff code, else the email.
 */
@Injectable()
export class StaffImportsService {
  private readonly logger = new Logger('StaffImports');

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
  ) {}

  async preview(actor: Actor, fileName: string, buf: Buffer, lang: Lang): Promise<ImportSummaryDto> {
    let parsed;
    try {
      parsed = await parseStaffSheet(buf, fileName);
    } catch (e) {
      if (e instanceof SheetError) {
        const status = e.code === 'UNSUPPORTED_FILE' ? 415 : 400;
        throw new AppError(status, e.code === 'UNSUPPORTED_FILE' ? 'UNSUPPORTED_FILE' : 'VALIDATION_FAILED', {}, {
          file: { vi: e.message, en: e.messageEn },
        });
      }
      throw e;
    }
    const rows = await this.check(actor, parsed.rows, lang);
    const counts = {
      total: rows.length,
      errors: rows.filter((r) => r.errors.length).length,
      warnings: rows.filter((r) => r.warnings.length).length,
      create: rows.filter((r) => r.action === 'create').length,
      update: rows.filter((r) => r.action === 'update').length,
      unchanged: rows.filter((r) => r.action === 'unchanged').length,
    };
    const safeName = nfc(fileName).replace(/[\u0000-\u001f]/g, '').slice(0, 255) || 'upload';
    return this.dataSource.transaction(async (tx) => {
      const [imp] = await tx.query(
        `INSERT INTO staff_imports (created_by, file_name, status, total_rows, valid_rows, error_rows, warning_rows, create_count, update_count, unchanged_count)
         VALUES ($1, $2, 'previewed', $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [actor.userId, safeName, counts.total, counts.total - counts.errors, counts.errors, counts.warnings, counts.create, counts.update, counts.unchanged],
      );
      for (let i = 0; i < rows.length; i += 2000) {
        const chunk = rows.slice(i, i + 2000).map((r) => ({
          row_number: r.rowNumber, action: r.action, data: r.data, errors: r.errors, warnings: r.warnings, staff_id: r.staffId, payload: r.payload,
        }));
        await tx.query(
          `INSERT INTO staff_import_rows (import_id, row_number, action, data, errors, warnings, staff_id, payload)
           SELECT $1, row_number, action, data, errors, warnings, staff_id, payload
             FROM jsonb_to_recordset($2::jsonb) AS x(row_number int, action text, data jsonb, errors jsonb, warnings jsonb, staff_id uuid, payload jsonb)`,
          [imp.id, JSON.stringify(chunk)],
        );
      }
      await this.audit.record(tx, actor, {
        action: 'staff.import_previewed', entityType: 'staff_import', entityId: imp.id,
        summary: `Tải lên danh sách ${safeName}: ${counts.total} dòng, ${counts.errors} dòng lỗi`,
        details: { ...counts, format: parsed.format },
      });
      return toSummary(imp);
    });
  }

  /** Validates every row against the file itself and the database. Pure reads. */
  private async check(actor: Actor, raw: RawStaffRow[], lang: Lang): Promise<CheckedRow[]> {
    const t = (m: Msg) => m[lang];
    const scope = await this.access.scopeUnitIds(actor);
    const unitRows: { id: string; code: string; name: string; aliases: string[]; valid_to: string | null }[] = await this.dataSource.query(
      `SELECT id, code, name, aliases, valid_to::text AS valid_to FROM org_units`,
    );
    const byCode = new Map<string, UnitInfo>();
    const byName = new Map<string, UnitInfo[]>();
    for (const u of unitRows) {
      const info: UnitInfo = { id: u.id, code: u.code, name: u.name, validTo: u.valid_to, inScope: !scope || scope.includes(u.id) };
      byCode.set(u.code.toLowerCase(), info);
      for (const n of new Set([u.name, ...(u.aliases ?? [])].map(fold))) byName.set(n, [...(byName.get(n) ?? []), info]);
    }

    // existing people that rows may refer to, fetched in one query
    const codes = raw.map((r) => r.values.staffCode?.toLowerCase()).filter((v): v is string => !!v);
    const emails = raw.map((r) => r.values.email?.toLowerCase()).filter((v): v is string => !!v);
    const existing: Record<string, unknown>[] = codes.length || emails.length
      ? await this.dataSource.query(
          `SELECT * FROM staff_members WHERE lower(staff_code) = ANY($1::text[]) OR lower(email) = ANY($2::text[])`,
          [codes, emails],
        )
      : [];
    const existingByCode = new Map(existing.filter((e) => e.staff_code).map((e) => [String(e.staff_code).toLowerCase(), e]));
    const existingByEmail = new Map(existing.filter((e) => e.email).map((e) => [String(e.email).toLowerCase(), e]));

    const seenCode = new Map<string, number>();
    const seenEmail = new Map<string, number>();
    const seenName = new Map<string, number>();
    const out: CheckedRow[] = [];
    const keyless: { row: CheckedRow; key: [string, number | null, string] }[] = [];

    for (const r of raw) {
      const v = r.values;
      const errors: Issue[] = [];
      const warnings: Issue[] = [];
      const err = (field: string, m: Msg) => errors.push({ field, message: t(m) });
      const warn = (field: string, m: Msg) => warnings.push({ field, message: t(m) });

      for (const [field, value] of Object.entries(v)) {
        const font = value ? detectLegacyFont(value) : null;
        if (font) {
          err(field, {
            vi: `Văn bản dùng phông cũ ${font === 'tcvn3' ? 'TCVN3 (.VnTime)' : 'VNI'}: "${value}". Hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi tải lên lại`,
            en: `Text in the legacy ${font === 'tcvn3' ? 'TCVN3 (.VnTime)' : 'VNI'} font: "${value}". Convert it to Unicode and upload again`,
          });
        }
      }

      // names: separate columns when the sheet has them; else split with a warning when unsure
      let familyName = v.familyName ?? '';
      let middleName = v.middleName ?? '';
      let givenName = v.givenName ?? '';
      let fullName = v.fullName ?? '';
      if (!givenName && fullName) {
        const s = splitFullName(fullName);
        ({ familyName, middleName, givenName } = s);
        if (!s.certain) {
          warn('fullName', {
            vi: `Tên được tách tự động thành Họ "${familyName}", Chữ đệm "${middleName}", Tên "${givenName}"; hãy kiểm tra (nên dùng cột Họ, Chữ đệm, Tên riêng)`,
            en: `Name split automatically into family "${familyName}", middle "${middleName}", given "${givenName}"; please check (separate columns are safer)`,
          });
        }
      } else if (givenName && v.familyMiddleName && !v.familyName) {
        const s = splitFamilyMiddle(v.familyMiddleName);
        ({ familyName, middleName } = s);
        if (!s.certain) {
          warn('familyName', {
            vi: `Họ đệm "${v.familyMiddleName}" được tách thành Họ "${familyName}", Chữ đệm "${middleName}"; hãy kiểm tra`,
            en: `"${v.familyMiddleName}" split into family "${familyName}" and middle "${middleName}"; please check`,
          });
        }
      }
      if (!fullName) fullName = buildFullName(familyName, middleName, givenName);
      if (!givenName) err('fullName', { vi: 'Thiếu họ và tên', en: 'Name missing' });
      for (const [field, val, max] of [['familyName', familyName, 80], ['middleName', middleName, 80], ['givenName', givenName, 80], ['fullName', fullName, 200]] as const) {
        if (val.length > max) err(field, { vi: `Tối đa ${max} ký tự`, en: `At most ${max} characters` });
      }

      // unit
      let unit: UnitInfo | undefined;
      if (v.unitCode) {
        unit = byCode.get(v.unitCode.toLowerCase());
        if (!unit) err('unitCode', { vi: `Không có đơn vị mã "${v.unitCode}"`, en: `No unit with code "${v.unitCode}"` });
      } else if (v.unitName) {
        const found = byName.get(fold(v.unitName)) ?? [];
        if (found.length === 1) unit = found[0];
        else if (found.length > 1) err('unitName', { vi: `Có nhiều đơn vị tên "${v.unitName}"; hãy ghi mã đơn vị`, en: `Several units are named "${v.unitName}"; use the unit code` });
        else err('unitName', { vi: `Không tìm thấy đơn vị "${v.unitName}"`, en: `Unknown unit "${v.unitName}"` });
      } else {
        err('unitName', { vi: 'Thiếu đơn vị', en: 'Unit missing' });
      }
      if (unit && !unit.inScope) {
        err(v.unitCode ? 'unitCode' : 'unitName', { vi: 'Đơn vị ngoài phạm vi quản lý của bạn', en: 'The unit is outside your scope' });
        unit = undefined;
      } else if (unit?.validTo && unit.validTo <= today()) {
        err(v.unitCode ? 'unitCode' : 'unitName', { vi: `Đơn vị "${unit.name}" đã ngừng hoạt động`, en: `The unit "${unit.name}" is closed` });
      }

      const category = v.category ? mapCategory(v.category) : null;
      if (!v.category) err('category', { vi: 'Thiếu loại cán bộ', en: 'Staff category missing' });
      else if (!category) err('category', { vi: `Loại cán bộ không hợp lệ: "${v.category}"`, en: `Unknown staff category "${v.category}"` });
      const dtRole = v.dtRole ? mapDtRole(v.dtRole) : 'none';
      if (!dtRole) err('dtRole', { vi: `Vai trò CĐS không hợp lệ: "${v.dtRole}" (Chuyên trách / Kiêm nhiệm / Không)`, en: `Unknown DT role "${v.dtRole}"` });
      const statusCode = v.status ? mapStatus(v.status) : 'active';
      if (!statusCode) err('status', { vi: `Trạng thái không hợp lệ: "${v.status}"`, en: `Unknown status "${v.status}"` });
      const gender = v.gender ? mapGender(v.gender) : null;
      if (v.gender && !gender) err('gender', { vi: `Giới tính không hợp lệ: "${v.gender}" (Nam / Nữ)`, en: `Unknown gender "${v.gender}"` });

      let birthYear: number | null = null;
      if (v.birthYear) {
        const n = Number(v.birthYear);
        if (!Number.isInteger(n) || n < 1900 || n > new Date().getFullYear()) {
          err('birthYear', { vi: `Năm sinh không hợp lệ: "${v.birthYear}"`, en: `Invalid birth year "${v.birthYear}"` });
        } else birthYear = n;
      }
      let phone: string | null = null;
      if (v.phone) {
        const p = normalizePhone(v.phone);
        if (p.ok) phone = p.value;
        else err('phone', { vi: `Số điện thoại không hợp lệ: "${v.phone}" (10 chữ số, đầu 03/05/07/08/09)`, en: `Invalid mobile number "${v.phone}"` });
      }
      let email: string | null = null;
      if (v.email) {
        if (isValidEmail(v.email)) email = v.email.toLowerCase();
        else err('email', { vi: `Email không hợp lệ: "${v.email}"`, en: `Invalid email "${v.email}"` });
      }
      const staffCode = v.staffCode || null;
      if (staffCode && staffCode.length > 40) err('staffCode', { vi: 'Mã cán bộ tối đa 40 ký tự', en: 'Staff code: at most 40 characters' });

      // duplicates inside the file
      if (staffCode) {
        const prev = seenCode.get(staffCode.toLowerCase());
        if (prev) err('staffCode', { vi: `Trùng mã cán bộ với dòng ${prev}`, en: `Same staff code as row ${prev}` });
        else seenCode.set(staffCode.toLowerCase(), r.rowNumber);
      }
      if (email) {
        const prev = seenEmail.get(email);
        if (prev) err('email', { vi: `Trùng email với dòng ${prev}`, en: `Same email as row ${prev}` });
        else seenEmail.set(email, r.rowNumber);
      }
      if (!staffCode && !email && givenName) {
        const k = `${fold(fullName)}|${birthYear ?? ''}|${unit?.id ?? ''}`;
        const prev = seenName.get(k);
        if (prev) err('fullName', { vi: `Trùng họ tên, năm sinh và đơn vị với dòng ${prev}`, en: `Same name, birth year and unit as row ${prev}` });
        else seenName.set(k, r.rowNumber);
      }

      // the person this row refers to in the database
      let match: Record<string, unknown> | undefined;
      if (staffCode) match = existingByCode.get(staffCode.toLowerCase());
      else if (email) match = existingByEmail.get(email);
      if (email && staffCode) {
        const owner = existingByEmail.get(email);
        if (owner && (!match || owner.id !== match.id)) {
          err('email', { vi: `Email "${email}" đã thuộc về người khác trong hệ thống`, en: `The email "${email}" belongs to someone else` });
        }
      }
      if (match && !(scope === null || scope.includes(String(match.unit_id)))) {
        err(staffCode ? 'staffCode' : 'email', { vi: 'Mã cán bộ / email đã được dùng cho người ngoài phạm vi quản lý của bạn', en: 'This staff code / email belongs to a person outside your scope' });
        match = undefined;
      }

      const state = statusCode ? STATUS_CODE_TO_STATE[statusCode] : null;
      const data = { ...v, familyName, middleName, givenName, fullName } as Record<string, unknown>;
      if (birthYear) data.birthYear = birthYear;
      const row: CheckedRow = { rowNumber: r.rowNumber, action: 'error', data, errors, warnings, staffId: null, payload: null };
      if (!errors.length && unit && category && dtRole && state) {
        const cur = match ? rowToData(match) : null;
        const payload: StaffData = {
          staffCode,
          familyName,
          middleName,
          givenName,
          fullName,
          gender: gender ?? cur?.gender ?? null,
          birthYear: birthYear ?? cur?.birthYear ?? null,
          email: email ?? cur?.email ?? null,
          phone: phone ?? cur?.phone ?? null,
          unitId: unit.id,
          position: v.position ?? cur?.position ?? null,
          category,
          dtRole,
          isLeadership: cur?.isLeadership ?? false,
          communityDigitalTeamId: cur?.communityDigitalTeamId ?? null,
          status: state.status,
          leaveKind: state.leaveKind,
          statusSince: cur ? cur.statusSince : today(),
          note: cur?.note ?? null,
        };
        row.payload = payload;
        if (cur && match) {
          row.staffId = String(match.id);
          row.action = changedFields(cur, payload).length ? 'update' : 'unchanged';
        } else {
          row.action = 'create';
          if (!staffCode && !email) keyless.push({ row, key: [fold(fullName), birthYear, unit.id] });
        }
      }
      out.push(row);
    }

    // keyless new rows that look like someone already on the roster
    if (keyless.length) {
      const found: { name: string; unit: string; by: number | null }[] = await this.dataSource.query(
        `SELECT DISTINCT x.name, x.unit, x.by FROM unnest($1::text[], $2::int[], $3::uuid[]) AS x(name, by, unit)
           JOIN staff_members s ON s.unit_id = x.unit AND vn_fold(s.full_name) = x.name AND s.birth_year IS NOT DISTINCT FROM x.by`,
        [keyless.map((k) => k.key[0]), keyless.map((k) => k.key[1]), keyless.map((k) => k.key[2])],
      );
      const hits = new Set(found.map((f) => `${f.name}|${f.unit}|${f.by ?? ''}`));
      for (const { row, key } of keyless) {
        if (hits.has(`${key[0]}|${key[2]}|${key[1] ?? ''}`)) {
          row.errors.push({
            field: 'fullName',
            message: t({ vi: 'Có thể trùng với người đã có (cùng họ tên, năm sinh, đơn vị); hãy ghi mã cán bộ hoặc email', en: 'Looks like someone already on the roster (same name, birth year, unit); add a staff code or email' }),
          });
          row.action = 'error';
          row.payload = null;
        }
      }
    }
    return out;
  }

  private async load(actor: Actor, id: string, tx?: EntityManager) {
    const [imp] = await (tx ?? this.dataSource.manager).query(`SELECT * FROM staff_imports WHERE id = $1`, [id]);
    if (!imp || (!isAdmin(actor) && imp.created_by !== actor.userId)) throw notFound();
    return imp;
  }

  async get(actor: Actor, id: string): Promise<ImportSummaryDto> {
    return toSummary(await this.load(actor, id));
  }

  async rows(actor: Actor, id: string, q: ListImportRowsQueryDto): Promise<Page<ImportRowDto>> {
    await this.load(actor, id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const filter = q.filter === 'errors' ? `AND jsonb_array_length(errors) > 0` : q.filter === 'warnings' ? `AND jsonb_array_length(warnings) > 0` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM staff_import_rows WHERE import_id = $1 ${filter}`, [id]);
    const rows = await this.dataSource.query(
      `SELECT row_number, action, data, errors, warnings FROM staff_import_rows WHERE import_id = $1 ${filter}
        ORDER BY row_number LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [id],
    );
    return {
      items: rows.map((r: Record<string, unknown>) => ({ rowNumber: r.row_number, action: r.action, data: r.data, errors: r.errors, warnings: r.warnings })) as ImportRowDto[],
      total, page, pageSize,
    };
  }

  async cancel(actor: Actor, id: string): Promise<ImportSummaryDto> {
    await this.load(actor, id);
    return this.dataSource.transaction(async (tx) => {
      const [imp] = await tx.query(
        // a CTE so that the driver returns the rows (a bare UPDATE returns [rows, count])
        `WITH u AS (UPDATE staff_imports SET status = 'cancelled' WHERE id = $1 AND status = 'previewed' RETURNING *) SELECT * FROM u`,
        [id],
      );
      if (!imp) throw new AppError(409, 'IMPORT_NOT_PREVIEWED');
      await tx.query(`DELETE FROM staff_import_rows WHERE import_id = $1`, [id]);
      await this.audit.record(tx, actor, { action: 'staff.import_cancelled', entityType: 'staff_import', entityId: id, summary: `Hủy nhập danh sách ${imp.file_name}` });
      return toSummary(imp);
    });
  }

  /**
   * Writes every row in one transaction; on any failure nothing is written and the import is marked
   * failed with the reason. Progress (processed_rows) is updated outside the transaction for the SPA to poll.
   */
  async commit(actor: Actor, id: string): Promise<ImportSummaryDto> {
    const cur = await this.load(actor, id);
    if (cur.status === 'previewed' && cur.error_rows > 0) throw new AppError(409, 'IMPORT_HAS_ERRORS');
    const [claimed] = await this.dataSource.query(
      `WITH u AS (UPDATE staff_imports SET status = 'committing', processed_rows = 0
         WHERE id = $1 AND status = 'previewed' AND error_rows = 0 RETURNING *) SELECT * FROM u`,
      [id],
    );
    if (!claimed) throw new AppError(409, 'IMPORT_NOT_PREVIEWED');
    try {
      await this.dataSource.transaction(async (tx) => {
        const rows: { row_number: number; action: string; staff_id: string | null; payload: StaffData }[] = await tx.query(
          `SELECT row_number, action, staff_id, payload FROM staff_import_rows WHERE import_id = $1 AND action IN ('create', 'update') ORDER BY row_number`,
          [id],
        );
        let created = 0;
        let updated = 0;
        const touched: string[] = [];
        for (let i = 0; i < rows.length; i += COMMIT_BATCH) {
          const batch = rows.slice(i, i + COMMIT_BATCH);
          const creates = batch.filter((r) => r.action === 'create');
          try {
            touched.push(...(await insertStaff(tx, creates.map((r) => r.payload), actor.userId)));
          } catch (e) {
            throw this.rowFailure(e, creates.map((r) => r.row_number));
          }
          created += creates.length;
          for (const r of batch.filter((b) => b.action === 'update')) {
            const [row] = await tx.query(`SELECT * FROM staff_members WHERE id = $1 FOR UPDATE`, [r.staff_id]);
            if (!row) throw new AppError(409, 'CONFLICT', {}, { file: { vi: `Dòng ${r.row_number}: người này đã bị xóa khỏi hệ thống`, en: `Row ${r.row_number}: this person no longer exists` } });
            const before = rowToData(row);
            before.statusSince = String(r.payload.statusSince);
            try {
              if (changedFields(before, r.payload).length) await updateStaff(tx, r.staff_id as string, before, r.payload, undefined, actor.userId);
            } catch (e) {
              throw this.rowFailure(e, [r.row_number]);
            }
            touched.push(r.staff_id as string);
            updated++;
          }
          await this.dataSource.query(`UPDATE staff_imports SET processed_rows = $2 WHERE id = $1`, [id, Math.min(i + COMMIT_BATCH, rows.length)]);
        }
        // enrolment rules: enrol the people who now match, flag those who no longer do (same transaction)
        await applyEnrolmentRules(tx, { staffIds: touched, actorId: actor.userId });
        await tx.query(`UPDATE staff_imports SET status = 'committed', committed_at = now(), processed_rows = total_rows WHERE id = $1`, [id]);
        await this.audit.record(tx, actor, {
          action: 'staff.import_committed', entityType: 'staff_import', entityId: id,
          summary: `Nhập danh sách ${cur.file_name}: thêm ${created}, cập nhật ${updated}`,
          details: { created, updated, unchanged: cur.unchanged_count, fileName: cur.file_name },
        });
      });
    } catch (e) {
      const reason = e instanceof AppError ? Object.values(e.fields ?? {}).map((f) => (typeof f === 'string' ? f : f.vi)).join('; ') || e.code : 'Lỗi hệ thống khi ghi dữ liệu';
      if (!(e instanceof AppError)) this.logger.error(`import ${id} failed: ${String(e)}`);
      await this.dataSource.query(`UPDATE staff_imports SET status = 'failed', message = $2 WHERE id = $1`, [id, reason]);
      await this.audit.record(null, actor, { action: 'staff.import_failed', entityType: 'staff_import', entityId: id, summary: `Nhập danh sách thất bại: ${reason}` });
      if (e instanceof AppError) throw e;
      throw new AppError(409, 'CONFLICT', {}, { file: { vi: reason, en: 'Writing the rows failed; nothing was imported' } });
    }
    return this.get(actor, id);
  }

  private rowFailure(e: unknown, rowNumbers: number[]): AppError {
    const err = e as { code?: string; constraint?: string };
    const where = rowNumbers.length === 1 ? `Dòng ${rowNumbers[0]}` : `Một trong các dòng ${rowNumbers[0]}–${rowNumbers[rowNumbers.length - 1]}`;
    const what = err.constraint === 'uq_staff_code' ? 'mã cán bộ vừa được người khác dùng' : err.constraint === 'uq_staff_email' ? 'email vừa được người khác dùng' : 'dữ liệu không ghi được';
    return new AppError(409, 'CONFLICT', {}, { file: { vi: `${where}: ${what}; không dòng nào được nhập. Hãy tải tệp lên lại`, en: `${where}: ${err.constraint ?? 'write failed'}; nothing was imported. Upload the file again` } });
  }
}
