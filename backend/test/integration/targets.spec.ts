/**
 * Training targets measured against the roster: every figure, now and as of a past date, checked against counts
 * computed independently here from the same generated roster, periods and completions.
 */
import ExcelJS from 'exceljs';
import { call, startTestApp, TestApp } from '../helpers';
import { auditFor, createUnit, createUser, demoTokens, expectError, ok, rnd, todayIso, Tokens, ward } from './fixtures';

// ---------------------------------------------------------------- a small seeded generator
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const DAY = 86400000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** the instant that ends calendar day d in Viet Nam */
const endOfVn = (d: string) => Date.parse(`${d}T00:00:00+07:00`) + DAY;
const vnInstant = (d: string, hh: number, mm = 0) => new Date(Date.parse(`${d}T00:00:00+07:00`) + (hh * 60 + mm) * 60000);

interface Period { from: string; to: string | null; unit: string; category: string; dtRole: string; status: string; leaveKind: string | null }
interface Person { id?: string; name: string; periods: Period[]; bare?: boolean }
interface Done { person: number; course: string | null; at: Date; source: string; status: string; reviewedAt: Date | null; tags: string[]; title?: string }

describe('training targets: figures against the roster, now and as of a past date', () => {
  let t: TestApp;
  let tok: Tokens;
  let root: string; let c1: string; let c2: string; let g: string;
  let courseA: string; let courseB: string; let courseC: string; let courseD: string;
  const today = todayIso();
  const past = addDays(today, -200);
  const start = addDays(today, -1000);
  const people: Person[] = [];
  const done: Done[] = [];
  const units = () => [root, c1, c2, g];
  const childOf: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
    tok = await demoTokens(t.app);
    const w = await ward(t.app, tok.admin);
    root = (await createUnit(t.app, tok.admin, w.id, { name: `Khối thử chỉ tiêu ${rnd()}` })).id;
    c1 = (await createUnit(t.app, tok.admin, root, { name: `An Phú ${rnd()}` })).id;
    c2 = (await createUnit(t.app, tok.admin, root, { name: `Bình Minh ${rnd()}` })).id;
    g = (await createUnit(t.app, tok.admin, c1, { name: `Tổ dân phố ${rnd()}`, type: 'residential_group' })).id;
    Object.assign(childOf, { [c1]: c1, [g]: c1, [c2]: c2, [root]: root });

    const course = async (code: string, tags: string[]) =>
      (await t.ds.query(
        `INSERT INTO courses (code, title, owner_unit_id, target_group, delivery_mode, duration_hours, status, tags)
         VALUES ($1, $2, $3, 'cbccvc', 'self_paced', 4, 'published', $4) RETURNING id`,
        [`${code}-${rnd()}`, `Khóa ${code}`, root, tags],
      ))[0].id as string;
    courseA = await course('A', []);
    courseB = await course('B', ['digital_communication']);
    courseC = await course('C', []);
    courseD = await course('D', ['resolution_57']);

    // ------------------------------------------------ the roster: 90 people with 1-3 periods each
    const r = prng(57);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const CATS = ['cadre', 'civil_servant', 'public_employee', 'contract_worker'];
    const ROLES = ['dedicated', 'concurrent', 'none', 'none'];
    for (let i = 0; i < 90; i++) {
      const n = 1 + Math.floor(r() * 3);
      let from = addDays(today, -900 + Math.floor(r() * 880));
      const periods: Period[] = [];
      for (let k = 0; k < n; k++) {
        const last = k === n - 1;
        const status = last && r() < 0.15 ? 'left' : r() < 0.12 ? 'on_leave' : 'active';
        periods.push({
          from, to: null, unit: pick(units()), category: pick(CATS), dtRole: pick(ROLES), status,
          leaveKind: status === 'on_leave' ? pick(['maternity_leave', 'long_term_study']) : null,
        });
        if (!last) {
          const next = addDays(from, 20 + Math.floor(r() * 300));
          if (next >= today) break;
          periods[k].to = next;
          from = next;
        }
      }
      people.push({ name: `Người ${String(i).padStart(2, '0')}`, periods });
      // completions: internal of A-D, external of both sources, some pending / rejected / approved late, some old (expired)
      const m = Math.floor(r() * 4);
      for (let k = 0; k < m; k++) {
        const day = addDays(today, -1100 + Math.floor(r() * 1100));
        const at = vnInstant(day, 8 + Math.floor(r() * 10));
        if (r() < 0.65) {
          done.push({ person: i, course: pick([courseA, courseB, courseC, courseD]), at, source: 'internal', status: 'approved', reviewedAt: null, tags: [] });
        } else {
          const status = pick(['approved', 'approved', 'pending', 'rejected']);
          const reviewedAt = status === 'pending' ? null : new Date(at.getTime() + Math.floor(r() * 90) * DAY);
          done.push({
            person: i, course: null, at, source: pick(['bdhvs', 'provincial_program']), status, reviewedAt,
            tags: r() < 0.3 ? ['digital_communication'] : [], title: `Chương trình ${i}-${k}`,
          });
        }
      }
    }
    // boundaries of the past date: 23:30 on the day counts, 00:30 the next day does not; an approval after the date does not count then
    const everyone = (p: Period) => ({ ...p, status: 'active', leaveKind: null, category: 'civil_servant', dtRole: 'dedicated', unit: c2 });
    for (const [k, at] of [[0, vnInstant(past, 23, 30)], [1, vnInstant(addDays(past, 1), 0, 30)]] as const) {
      people.push({ name: `Mốc ${k}`, periods: [everyone({ from: start, to: null } as Period)] });
      done.push({ person: people.length - 1, course: courseA, at, source: 'internal', status: 'approved', reviewedAt: null, tags: [] });
    }
    // a period ends the day before the past date (valid_to = past: out that day); another starts on it (in that day)
    people.push({ name: 'Chuyển đi', periods: [everyone({ from: start, to: past } as Period), { ...everyone({ from: past, to: null } as Period), status: 'left' }] });
    people.push({ name: 'Mới đến', periods: [everyone({ from: past, to: null } as Period)] });
    // a name that a spreadsheet would run as a formula (exports must neutralise it)
    people.push({ name: '=HYPERLINK("http://x")', bare: true, periods: [{ ...everyone({ from: start, to: null } as Period), dtRole: 'concurrent' }] });
    people.push({ name: 'Duyệt muộn', periods: [everyone({ from: start, to: null } as Period)] });
    done.push({
      person: people.length - 1, course: null, at: vnInstant(addDays(past, -10), 9), source: 'provincial_program', status: 'approved',
      reviewedAt: vnInstant(addDays(past, 5), 9), tags: [], title: 'Bồi dưỡng chuyên sâu truyền thông số',
    });

    for (const p of people) {
      const cur = p.periods[p.periods.length - 1];
      const [row] = await t.ds.query(
        `INSERT INTO staff_members (family_name, middle_name, given_name, full_name, unit_id, category, dt_role, status, leave_kind, status_since)
         VALUES ($9, $10, $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [p.name, p.bare ? p.name : `Trần Thị ${p.name}`, cur.unit, cur.category, cur.dtRole, cur.status, cur.leaveKind, cur.from, p.bare ? '' : 'Trần', p.bare ? '' : 'Thị'],
      );
      p.id = row.id;
      for (const h of p.periods) {
        await t.ds.query(
          `INSERT INTO staff_history (staff_id, valid_from, valid_to, unit_id, category, dt_role, status, leave_kind) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [p.id, h.from, h.to, h.unit, h.category, h.dtRole, h.status, h.leaveKind],
        );
      }
    }
    for (const d of done) {
      if (d.source === 'internal') {
        await t.ds.query(
          `INSERT INTO completions (staff_id, course_id, course_version, completed_at, hours, rule, source, status)
           VALUES ($1, $2, 1, $3, 4, 'all_required_items', 'internal', 'approved')`,
          [people[d.person].id, d.course, d.at],
        );
      } else {
        await t.ds.query(
          `INSERT INTO completions (staff_id, course_id, completed_at, hours, rule, source, status, title, provider, completed_on, tags,
             submitted_at, reviewed_at)
           VALUES ($1, NULL, $2, 8, $3, $4, $5, $6, 'Sở KH&CN tỉnh Quảng Ngãi', $7, $8, $2, $9)`,
          [people[d.person].id, d.at, `external_${d.source}`, d.source, d.status, d.title,
            new Date(d.at.getTime() + 7 * 3600000).toISOString().slice(0, 10), d.tags, d.reviewedAt],
        );
      }
    }
  }, 120000);

  afterAll(async () => t?.close());

  // ---------------------------------------------------------------- the reference implementation
  interface Rule { categories: string[]; dtRoles: string[]; courseIds: string[]; courseMode: 'any' | 'all'; courseTags: string[]; externalSources: string[]; validityYears: number | null }
  const courseTags = () => ({ [courseA]: [], [courseB]: ['digital_communication'], [courseC]: [], [courseD]: ['resolution_57'] } as Record<string, string[]>);

  function expected(rule: Rule, asOf: string, unitFilter?: string[]) {
    const end = endOfVn(asOf);
    const validFrom = rule.validityYears ? Date.parse(`${Number(asOf.slice(0, 4)) - rule.validityYears}${asOf.slice(4)}T00:00:00+07:00`) + DAY : -Infinity;
    const tags = courseTags();
    const rows: { name: string; unit: string; category: string; dtRole: string; onLeave: boolean; trained: boolean }[] = [];
    people.forEach((p, i) => {
      const h = p.periods.find((x) => x.from <= asOf && (x.to === null || x.to > asOf));
      if (!h || h.status === 'left') return;
      if (unitFilter && !unitFilter.includes(h.unit)) return;
      if (rule.categories.length && !rule.categories.includes(h.category)) return;
      if (rule.dtRoles.length && !rule.dtRoles.includes(h.dtRole)) return;
      const valid = done.filter((d) => d.person === i && d.status === 'approved' && d.at.getTime() < end && d.at.getTime() >= validFrom
        && (d.source === 'internal' || (d.reviewedAt !== null && d.reviewedAt.getTime() < end)));
      const viaAny = valid.some((d) =>
        (rule.courseMode === 'any' && d.course !== null && rule.courseIds.includes(d.course))
        || (d.course !== null && (tags[d.course] ?? []).some((x) => rule.courseTags.includes(x)))
        || (d.source !== 'internal' && (rule.externalSources.includes(d.source) || d.tags.some((x) => rule.courseTags.includes(x)))));
      const viaAll = rule.courseMode === 'all' && rule.courseIds.length > 0
        && rule.courseIds.every((c) => valid.some((d) => d.course === c));
      rows.push({ name: p.bare ? p.name : `Trần Thị ${p.name}`, unit: h.unit, category: h.category, dtRole: h.dtRole, onLeave: h.status === 'on_leave', trained: viaAny || viaAll });
    });
    const fig = (xs: typeof rows) => ({
      population: xs.length, trained: xs.filter((x) => x.trained).length,
      onLeave: xs.filter((x) => x.onLeave).length, onLeaveTrained: xs.filter((x) => x.onLeave && x.trained).length,
    });
    return { rows, fig };
  }

  const RULE_2030: Rule = {
    categories: [], dtRoles: ['dedicated', 'concurrent'], courseIds: [], courseMode: 'any', courseTags: ['digital_communication'],
    externalSources: ['provincial_program'], validityYears: 2,
  };
  const RULE_ALL: Rule = {
    categories: ['cadre', 'civil_servant'], dtRoles: [], courseIds: [], courseMode: 'all', courseTags: [], externalSources: [], validityYears: null,
  };

  async function createTarget(rule: Rule, extra: Record<string, unknown> = {}) {
    return ok(await call(t.app, {
      method: 'POST', url: '/api/targets', token: tok.manager,
      body: {
        code: `CT-${rnd()}`, name: 'Chỉ tiêu kiểm thử', policyRef: '57-NQ/TW', unitId: root, targetShare: 100, startDate: start,
        deadline: addDays(today, 400), categories: rule.categories, dtRoles: rule.dtRoles, courseIds: rule.courseIds, courseMode: rule.courseMode,
        courseTags: rule.courseTags, externalSources: rule.externalSources, validityYears: rule.validityYears, ...extra,
      },
    }), 201);
  }

  for (const [label, ruleOf] of [['2030 in-depth (tags + provincial programmes, 2-year validity)', () => RULE_2030],
    ['all of two courses', () => ({ ...RULE_ALL, courseIds: [courseA, courseC] })]] as const) {
    it(`${label}: summary, breakdowns and people match the independent count, now and as of a past date`, async () => {
      const rule = ruleOf();
      const target = await createTarget(rule);
      for (const asOf of [today, past, addDays(past, 1)]) {
        const exp = expected(rule, asOf);
        const all = exp.fig(exp.rows);
        expect(all.population).toBeGreaterThan(5); // the generated data is meaningful
        const s = ok(await call(t.app, { url: `/api/targets/${target.id}/summary?asOf=${asOf}`, token: tok.manager }));
        expect({ population: s.population, trained: s.trained, onLeave: s.onLeave, onLeaveTrained: s.onLeaveTrained }).toEqual(all);
        expect(s.share).toBeCloseTo(Math.round((all.trained / all.population) * 1000) / 10, 5);
        expect(s.toTrain).toBe(all.population - all.trained);
        expect(s.asOf).toBe(asOf);

        const byUnit = ok(await call(t.app, { url: `/api/targets/${target.id}/breakdown?by=unit&asOf=${asOf}`, token: tok.manager }));
        const want: Record<string, ReturnType<typeof exp.fig>> = {};
        for (const key of [c1, c2, root]) {
          const xs = exp.rows.filter((x) => childOf[x.unit] === key);
          if (key !== root || xs.length) want[key] = exp.fig(xs);
        }
        const got = Object.fromEntries(byUnit.rows.map((r: any) => [r.key, { population: r.population, trained: r.trained, onLeave: r.onLeave, onLeaveTrained: r.onLeaveTrained }])); // eslint-disable-line @typescript-eslint/no-explicit-any
        expect(got).toEqual(want);
        expect(byUnit.rows.find((r: { key: string }) => r.key === c1).hasChildren).toBe(true);
        // drill into c1: the residential group and the people attached to c1 itself
        const drill = ok(await call(t.app, { url: `/api/targets/${target.id}/breakdown?by=unit&unitId=${c1}&asOf=${asOf}`, token: tok.manager }));
        const sumDrill = drill.rows.reduce((a: number, r: { population: number }) => a + r.population, 0);
        expect(sumDrill).toBe(want[c1].population);
        expect(drill.total.population).toBe(want[c1].population);

        for (const [by, field] of [['category', 'category'], ['dtRole', 'dtRole']] as const) {
          const res = ok(await call(t.app, { url: `/api/targets/${target.id}/breakdown?by=${by}&asOf=${asOf}`, token: tok.manager }));
          const keys = [...new Set(exp.rows.map((x) => x[field]))].sort();
          expect(res.rows.map((r: { key: string }) => r.key).sort()).toEqual(keys);
          for (const k of keys) {
            const row = res.rows.find((r: { key: string }) => r.key === k);
            expect({ population: row.population, trained: row.trained }).toEqual({
              population: exp.rows.filter((x) => x[field] === k).length, trained: exp.rows.filter((x) => x[field] === k && x.trained).length,
            });
          }
        }

        const untrained = ok(await call(t.app, { url: `/api/targets/${target.id}/people?trained=false&asOf=${asOf}&pageSize=200`, token: tok.manager }));
        expect(untrained.total).toBe(all.population - all.trained);
        expect(untrained.items.map((p: { fullName: string }) => p.fullName).sort()).toEqual(exp.rows.filter((x) => !x.trained).map((x) => x.name).sort());
        expect(untrained.items.every((p: { trained: boolean }) => !p.trained)).toBe(true);

        const inC2 = ok(await call(t.app, { url: `/api/targets/${target.id}/summary?asOf=${asOf}&unitId=${c2}`, token: tok.manager }));
        const e2 = exp.fig(exp.rows.filter((x) => x.unit === c2));
        expect({ population: inC2.population, trained: inC2.trained, onLeave: inC2.onLeave, onLeaveTrained: inC2.onLeaveTrained }).toEqual(e2);
      }
    });
  }

  it('the boundary cases of the past date: a completion at 23:30 counts that day, one at 00:30 the next day and a later approval do not', async () => {
    const rule: Rule = { ...RULE_2030, courseIds: [courseA], dtRoles: ['dedicated'], categories: [] };
    const target = await createTarget(rule);
    const names = async (asOf: string) =>
      ok(await call(t.app, { url: `/api/targets/${target.id}/people?trained=true&asOf=${asOf}&pageSize=200&q=${encodeURIComponent('Mốc')}`, token: tok.manager }))
        .items.map((p: { fullName: string }) => p.fullName);
    expect(await names(past)).toEqual(['Trần Thị Mốc 0']);
    expect((await names(addDays(past, 1))).sort()).toEqual(['Trần Thị Mốc 0', 'Trần Thị Mốc 1']);
    const inPop = async (asOf: string, q: string) =>
      ok(await call(t.app, { url: `/api/targets/${target.id}/people?asOf=${asOf}&pageSize=200&q=${encodeURIComponent(q)}`, token: tok.manager })).total;
    expect([await inPop(addDays(past, -1), 'chuyen di'), await inPop(past, 'chuyen di')]).toEqual([1, 0]);
    expect([await inPop(addDays(past, -1), 'moi den'), await inPop(past, 'moi den')]).toEqual([0, 1]);
    const late = async (asOf: string) =>
      ok(await call(t.app, { url: `/api/targets/${target.id}/people?asOf=${asOf}&pageSize=200&q=${encodeURIComponent('duyet muon')}`, token: tok.manager })).items[0];
    expect((await late(past)).trained).toBe(false);
    expect((await late(addDays(past, 5))).trained).toBe(true);
    expect((await late(addDays(past, 5))).trainedSource).toBe('provincial_program');
  });

  it('the trend has one point per month up to the as-of date and a status with a projection', async () => {
    const target = await createTarget(RULE_2030);
    const trend = ok(await call(t.app, { url: `/api/targets/${target.id}/trend?asOf=${past}`, token: tok.manager }));
    expect(trend.points[trend.points.length - 1].date).toBe(past);
    const last = trend.points[trend.points.length - 1];
    const exp = expected(RULE_2030, past);
    expect({ population: last.population, trained: last.trained }).toEqual({ population: exp.rows.length, trained: exp.rows.filter((x) => x.trained).length });
    for (const p of trend.points.slice(0, -1)) expect(p.date).toBe(new Date(Date.UTC(Number(p.date.slice(0, 4)), Number(p.date.slice(5, 7)), 0)).toISOString().slice(0, 10));
    const s = ok(await call(t.app, { url: `/api/targets/${target.id}/summary`, token: tok.manager }));
    expect(['achieved', 'on_track', 'at_risk', 'behind']).toContain(s.status);
    expect(s.projection.monthsLeft).toBeGreaterThan(12);
  });

  it('enrols the untrained people of a unit in a course, once', async () => {
    const target = await createTarget(RULE_2030);
    const course = (await t.ds.query(
      `INSERT INTO courses (code, title, owner_unit_id, target_group, delivery_mode, duration_hours, status, tags)
       VALUES ($1, 'Truyền thông số chuyên sâu', $2, 'cbccvc', 'self_paced', 8, 'published', '{digital_communication}') RETURNING id`,
      [`TTS-${rnd()}`, root],
    ))[0].id;
    const exp = expected(RULE_2030, today, [c2]);
    const res = ok(await call(t.app, { method: 'POST', url: `/api/targets/${target.id}/enrol`, token: tok.manager, body: { courseId: course, unitId: c2, dueDate: addDays(today, 60) } }));
    expect(res).toEqual({ untrained: exp.rows.filter((x) => !x.trained).length, enrolled: exp.rows.filter((x) => !x.trained).length, alreadyEnrolled: 0 });
    const again = ok(await call(t.app, { method: 'POST', url: `/api/targets/${target.id}/enrol`, token: tok.manager, body: { courseId: course, unitId: c2 } }));
    expect(again.enrolled).toBe(0);
    expect(again.alreadyEnrolled).toBe(res.enrolled);
    const people = ok(await call(t.app, { url: `/api/targets/${target.id}/people?trained=false&unitId=${c2}&pageSize=200`, token: tok.manager }));
    expect(people.items.every((p: { enrolmentCourseId: string }) => p.enrolmentCourseId === course)).toBe(true);
  });

  describe('HR exports', () => {
    const viCollator = new Intl.Collator('vi');
    it('the "not yet trained" XLSX: title with the as-of date, frozen styled header, HR columns, Vietnamese order, real dates, audited', async () => {
      const target = await createTarget(RULE_2030);
      const res = await call(t.app, { url: `/api/exports/target-people.xlsx?targetId=${target.id}&trained=false&asOf=${past}`, token: tok.manager });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const exp = expected(RULE_2030, past);
      const untrained = exp.rows.filter((x) => !x.trained);
      expect(Number(res.headers['x-export-rows'])).toBe(untrained.length);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.raw.rawPayload as never);
      const ws = wb.worksheets[0];
      expect(String(ws.getRow(1).getCell(1).value)).toContain(`tính đến ngày ${past.slice(8, 10)}/${past.slice(5, 7)}/${past.slice(0, 4)}`);
      expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Chức vụ', 'Đơn vị', 'Loại cán bộ', 'Vai trò CĐS', 'Khóa học', 'Ngày hoàn thành', 'Điểm', 'Số giờ', 'Nguồn', 'Ghi chú']);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.getRow(2).font?.bold).toBe(true);
      const names: string[] = [];
      for (let i = 3; i <= ws.rowCount; i++) names.push(String(ws.getRow(i).getCell(2).value));
      expect(names.length).toBe(untrained.length);
      expect(names.sort(viCollator.compare)).toEqual(untrained.map((x) => (x.name.startsWith('=') ? `'${x.name}` : x.name)).sort(viCollator.compare));
      // Vietnamese order: by given name (all are "Trần Thị <given>")
      const given = names.filter((n) => n.startsWith('Trần Thị ')).map((n) => n.replace('Trần Thị ', ''));
      expect(given).toEqual([...given].sort(viCollator.compare));
      expect(ws.getRow(3).getCell(1).value).toBe(1);

      const today2 = await call(t.app, { url: `/api/exports/target-people.xlsx?targetId=${target.id}&trained=false`, token: tok.manager });
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(today2.raw.rawPayload as never);
      const cells: string[] = [];
      wb2.worksheets[0].eachRow((r) => cells.push(String(r.getCell(2).value)));
      expect(cells).toContain(`'=HYPERLINK("http://x")`);
      expect(cells.some((c) => c.startsWith('='))).toBe(false);

      const trained = await call(t.app, { url: `/api/exports/target-people.xlsx?targetId=${target.id}&trained=true&asOf=${past}`, token: tok.manager });
      const wb3 = new ExcelJS.Workbook();
      await wb3.xlsx.load(trained.raw.rawPayload as never);
      const r3 = wb3.worksheets[0].getRow(3);
      expect(r3.getCell(10).value).toBeInstanceOf(Date);
      expect(['Nội bộ', 'Chương trình của tỉnh', 'Bình dân học vụ số']).toContain(r3.getCell(13).value);
      const audit = await auditFor(t.app, tok.admin, target.id, 'export.target_people');
      expect(audit.length).toBe(3);
      expect(audit[0].summary).toContain('dòng');
    });

    it('CSV with BOM, grouped by unit with a count per group; completions list per course', async () => {
      const target = await createTarget(RULE_2030);
      const res = await call(t.app, { url: `/api/exports/target-people.csv?targetId=${target.id}&groupByUnit=true`, token: tok.manager });
      expect(res.status).toBe(200);
      const buf = res.raw.rawPayload;
      expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = buf.toString('utf8').slice(1).trim().split('\r\n');
      expect(lines[1].split(';')[0]).toBe('STT');
      const exp = expected(RULE_2030, today);
      const groups = lines.filter((l) => l.startsWith(';') && /người\)$/.test(l));
      const unitsWithPeople = new Set(exp.rows.map((x) => x.unit));
      expect(groups.length).toBe(unitsWithPeople.size);
      expect(lines.length).toBe(2 + groups.length + exp.rows.length);

      const comp = await call(t.app, { url: `/api/exports/completions.xlsx?courseId=${courseA}&unitId=${root}`, token: tok.trainer });
      expect(comp.status).toBe(200);
      const want = done.filter((d) => d.course === courseA).length;
      expect(Number(comp.headers['x-export-rows'])).toBe(want);
    });

    it('refuses a unit outside the scope (404), a learner (403), a future as-of date (400)', async () => {
      const target = await createTarget(RULE_2030);
      const other = await createUser(t.app, tok.admin, ['manager'], c2);
      expectError(await call(t.app, { url: `/api/exports/target-people.xlsx?targetId=${target.id}&unitId=${c1}`, token: other.token }), 404);
      expectError(await call(t.app, { url: `/api/exports/completions.csv?unitId=${c1}`, token: other.token }), 404);
      expectError(await call(t.app, { url: `/api/exports/target-people.csv?targetId=${target.id}`, token: tok.learner }), 403);
      expectError(await call(t.app, { url: `/api/exports/target-people.csv?targetId=${target.id}&asOf=${addDays(today, 2)}`, token: tok.manager }), 400);
      expectError(await call(t.app, { url: `/api/exports/completions.csv?from=${today}&to=${past}`, token: tok.manager }), 400);
    });
  });

  describe('bad input', () => {
    it('refuses an empty population rule, no counting rule, a deadline before the start, a future or malformed asOf', async () => {
      const base = { code: `X-${rnd()}`, name: 'X', unitId: root, targetShare: 100, startDate: start, deadline: addDays(today, 10) };
      expectError(await call(t.app, { method: 'POST', url: '/api/targets', token: tok.manager, body: { ...base, courseIds: [courseA] } }), 400, 'VALIDATION_FAILED');
      expectError(await call(t.app, { method: 'POST', url: '/api/targets', token: tok.manager, body: { ...base, dtRoles: ['dedicated'] } }), 400, 'VALIDATION_FAILED');
      expectError(await call(t.app, { method: 'POST', url: '/api/targets', token: tok.manager, body: { ...base, dtRoles: ['dedicated'], courseIds: [courseA], deadline: start } }), 400);
      expectError(await call(t.app, { method: 'POST', url: '/api/targets', token: tok.manager, body: { ...base, dtRoles: ['pilot'], courseIds: [courseA] } }), 400);
      const target = await createTarget(RULE_2030);
      const fut = expectError(await call(t.app, { url: `/api/targets/${target.id}/summary?asOf=${addDays(today, 1)}`, token: tok.manager }), 400);
      void fut;
      const r = await call(t.app, { url: `/api/targets/${target.id}/summary?asOf=2026-02-30`, token: tok.manager });
      expectError(r, 400);
      expect(JSON.stringify(r.body.fields)).toContain('asOf');
      expectError(await call(t.app, { url: `/api/targets/${target.id}/breakdown?by=gender`, token: tok.manager }), 400);
    });

    it('hides targets and units outside the caller scope (404) and keeps learners out (403)', async () => {
      const target = await createTarget(RULE_2030);
      const other = await createUser(t.app, tok.admin, ['manager'], c2);
      // a manager of c2 sees the target (their unit is inside it) but only c2's people
      const s = ok(await call(t.app, { url: `/api/targets/${target.id}/summary`, token: other.token }));
      const exp = expected(RULE_2030, today, [c2]);
      expect(s.population).toBe(exp.rows.length);
      expectError(await call(t.app, { url: `/api/targets/${target.id}/summary?unitId=${c1}`, token: other.token }), 404);
      expectError(await call(t.app, { url: `/api/targets/${target.id}/people?unitId=${g}`, token: other.token }), 404);
      const elsewhere = await createUser(t.app, tok.admin, ['manager'], (await createUnit(t.app, tok.admin, (await ward(t.app, tok.admin)).id)).id);
      expectError(await call(t.app, { url: `/api/targets/${target.id}`, token: elsewhere.token }), 404);
      expectError(await call(t.app, { url: `/api/targets/${target.id}/summary`, token: tok.learner }), 403);
    });
  });
});
