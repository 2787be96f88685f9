/**
 * The semi-annual report: figures as of the cut-off, narrative edits, submission that freezes a snapshot, a later
 * correction as a new version, the PDF and XLSX documents, and the bad inputs.
 */
import ExcelJS from 'exceljs';
import { call, startTestApp, TestApp } from '../helpers';
import { auditFor, createUnit, createUser, demoTokens, expectError, ok, Tokens, todayIso, ward } from './fixtures';

describe('semi-annual report', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardId: string;
  const today = todayIso();
  const body = () => ({ unitId: wardId, periodLabel: 'Năm 2026', periodStart: '2025-12-16', cutOff: today, docNumber: '' });

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
    tok = await demoTokens(t.app);
    wardId = (await ward(t.app, tok.admin)).id;
  });
  afterAll(async () => t?.close());

  /** Counted here straight from the tables, the plain way, to check the report's SQL. */
  async function independent(cutOff: string) {
    const end = `((date '${cutOff}' + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
    const people: { id: string; type_path: string[]; status: string }[] = await t.ds.query(
      `WITH RECURSIVE tree AS (SELECT id, ARRAY[type::text] AS types FROM org_units WHERE id = $1
         UNION ALL SELECT u.id, tree.types || u.type::text FROM org_units u JOIN tree ON u.parent_id = tree.id)
       SELECT h.staff_id AS id, t.types AS type_path, h.status FROM staff_history h JOIN tree t ON t.id = h.unit_id
       WHERE h.valid_from <= $2 AND (h.valid_to IS NULL OR h.valid_to > $2) AND h.status <> 'left'
         AND (h.category IN ('cadre','civil_servant','public_employee','contract_worker') OR (h.category = 'armed_forces' AND 'police' = ANY(t.types)))`,
      [wardId, cutOff],
    );
    const inReport = people.filter((p) => !p.type_path.includes('police') && !p.type_path.includes('residential_group') && !p.type_path.includes('community_digital_team'));
    const briefed = new Set((await t.ds.query(
      `SELECT DISTINCT c.staff_id FROM completions c JOIN courses co ON co.id = c.course_id
       WHERE c.status = 'approved' AND 'resolution_57' = ANY(co.tags) AND c.completed_at < ${end}
       UNION
       SELECT r.staff_id FROM attendance_marks m, class_sessions s, class_roster r, classes k
       WHERE s.id = m.session_id AND r.id = m.roster_id AND k.id = s.class_id AND r.staff_id IS NOT NULL AND s.status <> 'cancelled'
         AND m.status IN ('present','late') AND s.starts_at < ${end}
         AND (k.class_type = 'resolution_briefing' OR k.course_id IN (SELECT id FROM courses WHERE 'resolution_57' = ANY(tags)))`,
    )).map((r: { staff_id: string }) => r.staff_id));
    const dt: { n: number }[] = await t.ds.query(
      `SELECT count(*)::int AS n FROM staff_history h WHERE h.valid_from <= $1 AND (h.valid_to IS NULL OR h.valid_to > $1)
         AND h.status <> 'left' AND h.dt_role IN ('dedicated','concurrent')`, [cutOff]);
    return { total: inReport.length, briefed: inReport.filter((p) => briefed.has(p.id)).length, police: people.filter((p) => p.type_path.includes('police')).length, dt: dt[0].n };
  }

  it('computes Biểu 01-03 as of the cut-off, freezes them on submission, and a correction is a new version', async () => {
    const draft = ok(await call(t.app, { method: 'POST', url: '/api/reports', token: tok.manager, body: body() }), 201);
    expect(draft.status).toBe('draft');
    const exp = await independent(today);
    expect(draft.figures.bieu01.total.total).toBe(exp.total);
    expect(draft.figures.bieu01.total.briefed).toBe(exp.briefed);
    expect(draft.figures.bieu01.total.briefed).toBeGreaterThan(0);
    expect(draft.figures.bieu01.police?.total ?? 0).toBe(exp.police);
    expect(exp.police).toBeGreaterThan(0);
    expect(draft.figures.bieu01.rows.map((r: { roman: string }) => r.roman)).toEqual(['I', 'II', 'III', 'IV']);
    expect(draft.figures.bieu01.rows.reduce((a: number, r: { total: number }) => a + r.total, 0)).toBe(exp.total);
    expect(draft.figures.bieu02.total).toBe(exp.dt);
    // the 8 residential groups of the demo ward (other specs may add more under the ward)
    expect(draft.figures.bieu03.rows.filter((r: { unitName: string }) => /^Tổ dân phố \d$/.test(r.unitName))).toHaveLength(8);
    // as of an earlier cut-off fewer people had been briefed (the demo briefings start in February 2025)
    const early = ok(await call(t.app, { method: 'PATCH', url: `/api/reports/${draft.id}`, token: tok.manager, body: { cutOff: '2025-01-31', periodStart: '2024-12-16' } }));
    const expEarly = await independent('2025-01-31');
    expect(early.figures.bieu01.total.briefed).toBe(expEarly.briefed);
    expect(early.figures.bieu01.total.briefed).toBeLessThan(exp.briefed);
    ok(await call(t.app, { method: 'PATCH', url: `/api/reports/${draft.id}`, token: tok.manager, body: { cutOff: today, periodStart: '2025-12-16' } }));

    const edited = ok(await call(t.app, {
      method: 'PATCH', url: `/api/reports/${draft.id}`, token: tok.manager,
      body: { narrative: { direction: 'Ban hành Kế hoạch số 45/KH-UBND triển khai Nghị quyết 57-NQ/TW.', shortcomings: 'Một số đơn vị còn chậm.' }, signerName: 'Nguyễn Văn An' },
    }));
    expect(edited.narrative.direction).toContain('Nghị quyết 57-NQ/TW');
    expectError(await call(t.app, { method: 'POST', url: `/api/reports/${draft.id}/submit`, token: tok.manager, body: {} }), 400);
    ok(await call(t.app, { method: 'PATCH', url: `/api/reports/${draft.id}`, token: tok.manager, body: { docNumber: '215/BC-UBND' } }));
    const sent = ok(await call(t.app, { method: 'POST', url: `/api/reports/${draft.id}/submit`, token: tok.manager, body: { note: 'Gửi Sở KH&CN' } }));
    expect(sent.status).toBe('submitted');
    expect(sent.reportDate).toBe(today);
    const frozen = sent.figures.bieu01.total;

    // data changes after submission: one more person briefed today
    const [person] = await t.ds.query(
      `SELECT s.id FROM staff_members s WHERE s.category = 'civil_servant' AND s.status = 'active' AND NOT EXISTS (
         SELECT 1 FROM completions c JOIN courses co ON co.id = c.course_id WHERE c.staff_id = s.id AND 'resolution_57' = ANY(co.tags))
       AND s.unit_id IN (SELECT id FROM org_units WHERE type IN ('specialized_office','people_committee')) LIMIT 1`);
    const [nq] = await t.ds.query(`SELECT id FROM courses WHERE code = 'NQ57-01'`);
    await t.ds.query(`INSERT INTO completions (staff_id, course_id, course_version, completed_at, hours, rule) VALUES ($1, $2, 1, now(), 2, 'manual_correction')`, [person.id, nq.id]);
    const again = ok(await call(t.app, { url: `/api/reports/${draft.id}`, token: tok.manager }));
    expect(again.figures.bieu01.total).toEqual(frozen);
    expectError(await call(t.app, { method: 'PATCH', url: `/api/reports/${draft.id}`, token: tok.manager, body: { signerName: 'X' } }), 409, 'REPORT_SUBMITTED');
    expectError(await call(t.app, { method: 'POST', url: `/api/reports/${draft.id}/submit`, token: tok.manager, body: {} }), 409, 'REPORT_SUBMITTED');
    await expect(t.ds.query(`UPDATE reports SET signer_name = 'X' WHERE id = $1`, [draft.id])).rejects.toThrow(/frozen/);

    const v2 = ok(await call(t.app, { method: 'POST', url: `/api/reports/${draft.id}/revise`, token: tok.manager, body: {} }), 201);
    expect(v2).toMatchObject({ version: 2, status: 'draft', supersedesId: draft.id });
    expect(v2.figures.bieu01.total.briefed).toBe(frozen.briefed + 1);
    expect(v2.narrative.direction).toContain('45/KH-UBND');
    expectError(await call(t.app, { method: 'POST', url: `/api/reports/${draft.id}/revise`, token: tok.manager, body: {} }), 409, 'REPORT_ALREADY_REVISED');
    const list = ok(await call(t.app, { url: '/api/reports', token: tok.manager }));
    expect(list.items.find((r: { id: string }) => r.id === draft.id).supersededById).toBe(v2.id);
    const audit = await auditFor(t.app, tok.admin, draft.id, 'report.submitted');
    expect(audit).toHaveLength(1);
  });

  it('renders the PDF (A4, several pages) and the XLSX (three tables, Vietnamese headers), audited as exports', async () => {
    const r = ok(await call(t.app, { method: 'POST', url: '/api/reports', token: tok.manager, body: { ...body(), docNumber: '9/BC-UBND' } }), 201);
    const pdf = await call(t.app, { url: `/api/reports/${r.id}/report.pdf`, token: tok.manager });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const raw = pdf.raw.rawPayload;
    expect(raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect((raw.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(raw.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const x = await call(t.app, { url: `/api/reports/${r.id}/report.xlsx`, token: tok.manager });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Biểu 01', 'Biểu 02', 'Biểu 03']);
    expect(wb.worksheets[0].getRow(3).getCell(5).value).toBe('Số người đã được phổ biến, quán triệt NQ 57');
    expect(wb.worksheets[1].getRow(3).getCell(2).value).toBe('Họ và tên');
    const audit = await auditFor(t.app, tok.admin, r.id, 'export.report');
    expect(audit).toHaveLength(2);
  });

  it('refuses bad input: a cut-off before the start, an unknown section, a unit that is not a ward, out of scope, learners', async () => {
    expectError(await call(t.app, { method: 'POST', url: '/api/reports', token: tok.manager, body: { ...body(), periodStart: '2026-12-20', cutOff: '2026-12-15' } }), 400);
    expectError(await call(t.app, { method: 'POST', url: '/api/reports', token: tok.manager, body: { ...body(), narrative: { secrets: 'x' } } }), 400);
    expectError(await call(t.app, { method: 'POST', url: '/api/reports', token: tok.manager, body: { ...body(), cutOff: '15/12/2026' } }), 400);
    const sub = await createUnit(t.app, tok.admin, wardId);
    expectError(await call(t.app, { method: 'POST', url: '/api/reports', token: tok.manager, body: { ...body(), unitId: sub.id } }), 400);
    const r = ok(await call(t.app, { method: 'POST', url: '/api/reports', token: tok.manager, body: body() }), 201);
    const other = await createUser(t.app, tok.admin, ['manager'], sub.id);
    expectError(await call(t.app, { url: `/api/reports/${r.id}`, token: other.token }), 404);
    expectError(await call(t.app, { url: `/api/reports/${r.id}/report.pdf`, token: other.token }), 404);
    expectError(await call(t.app, { url: `/api/reports/${r.id}`, token: tok.learner }), 403);
    expectError(await call(t.app, { method: 'POST', url: `/api/reports/${r.id}/revise`, token: tok.manager, body: {} }), 409, 'REPORT_NOT_SUBMITTED');
    const periods = ok(await call(t.app, { url: '/api/report-periods', token: tok.manager }));
    expect(periods.items.map((p: { cutOff: string }) => p.cutOff.slice(5))).toContain('06-15');
    expect(periods.items.map((p: { cutOff: string }) => p.cutOff.slice(5))).toContain('12-15');
  });
});
