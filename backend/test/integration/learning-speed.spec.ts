import { pdf } from '../file-samples';
import { call, multipart, startTestApp, TestApp } from '../helpers';
import { createStaff, createUnit, createUser, demoTokens, expectError, ok, rnd, Tokens, Unit, ward } from './fixtures';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What the speed-ups of migration LearningSpeed and the learning services must not change: the Vietnamese name order
 * read from the enrolment's copy of the name (also after a rename), the enrolled / completed counts kept by triggers,
 * the outline cached in memory (any change to items, sections or attachments shows at once), and the Player answered by
 * a progress event being the Player read afterwards.
 */
describe('learning speed-ups keep the answers', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
  });
  afterAll(async () => { await t.close(); });

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) => call(t.app, { method, url, token, body });
  const lesson = (title: string, extra: Record<string, unknown> = {}) => ({ type: 'lesson', title, bodyHtml: `<p>${title}</p>`, ...extra });
  const publishedCourse = async (items: unknown[] = [lesson('Bài 1'), lesson('Bài 2'), lesson('Bài 3')], extra: Record<string, unknown> = {}) => {
    const c = ok(await req('POST', '/api/courses', tok.manager, {
      code: `LS-${rnd()}`, title: `Khóa đo tốc độ ${rnd(2)}`, ownerUnitId: wardUnit.id, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 2,
      sequential: true, ...extra,
    }), 201);
    const o = ok(await req('PUT', `/api/courses/${c.id}/outline`, tok.manager, { sections: [{ title: 'Phần 1', items }] }));
    ok(await req('POST', `/api/courses/${c.id}/publish`, tok.manager));
    return { course: c, outline: o, items: o.sections[0].items.map((i: Any) => i.id) as string[] };
  };
  const newLearner = async () => {
    const person = await createStaff(t.app, tok.admin, wardUnit.id);
    const u = await createUser(t.app, tok.admin, ['learner'], null);
    ok(await req('PATCH', `/api/users/${u.id}`, tok.admin, { staffId: person.id }));
    return { person, token: u.token };
  };
  /** The course's enrolment ids in VI_ORDER, computed from the people table (what the pages must follow). */
  const viOrder = async (courseId: string): Promise<string[]> => (await t.ds.query(
    `SELECT e.id FROM enrolments e JOIN staff_members s ON s.id = e.staff_id WHERE e.course_id = $1
      ORDER BY s.given_name COLLATE vi_vn, s.family_name COLLATE vi_vn, s.middle_name COLLATE vi_vn, s.id`, [courseId],
  )).map((r: Any) => r.id);
  const counted = async (courseId: string) => (await t.ds.query(
    `SELECT count(*) FILTER (WHERE status NOT IN ('withdrawn','exempted'))::int AS "enrolledCount", count(*) FILTER (WHERE status = 'completed')::int AS "completedCount"
       FROM enrolments WHERE course_id = $1`, [courseId],
  ))[0];
  const countsOf = async (courseId: string) => {
    const c = ok(await req('GET', `/api/courses/${courseId}`, tok.manager));
    return { enrolledCount: c.enrolledCount, completedCount: c.completedCount };
  };

  it('pages the progress table and the enrolment list in Vietnamese name order, also after a person is renamed', async () => {
    const { course } = await publishedCourse();
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    // given names that the ICU Vietnamese collation orders differently from byte order (Ă, Â, Đ, tones), equal given names
    const names = [['Trần', 'Văn', 'Ánh'], ['Lê', 'Thị', 'Anh'], ['Nguyễn', '', 'Ân'], ['Phạm', 'Minh', 'Đức'], ['Vũ', 'Thu', 'Dung'],
      ['Bùi', 'Văn', 'Anh'], ['Đỗ', 'Thị', 'Ăn'], ['Hồ', 'Ngọc', 'Bình'], ['Ngô', 'Văn', 'anh'], ['Lý', 'Thị', 'Ánh']];
    const people = [];
    for (const [familyName, middleName, givenName] of names) people.push(await createStaff(t.app, tok.admin, u.id, { familyName, middleName, givenName }));
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { unitIds: [u.id] }));

    const pages = async (path: string, pageSize: number) => {
      const ids: string[] = [];
      for (let page = 1; page <= Math.ceil(names.length / pageSize); page++) {
        const p = ok(await req('GET', `/api/courses/${course.id}/${path}?page=${page}&pageSize=${pageSize}`, tok.trainer));
        expect(p.total).toBe(names.length);
        ids.push(...p.items.map((r: Any) => (path === 'progress' ? r.enrolment.id : r.id)));
      }
      return ids;
    };
    let expected = await viOrder(course.id);
    expect(expected).toHaveLength(names.length);
    expect(await pages('progress', 3)).toEqual(expected);
    expect(await pages('enrolments', 4)).toEqual(expected);
    // a scoped filter (the people join) keeps the same order
    const byUnit = ok(await req('GET', `/api/courses/${course.id}/progress?unitId=${u.id}&pageSize=50`, tok.trainer));
    expect(byUnit.items.map((r: Any) => r.enrolment.id)).toEqual(expected);

    // renaming people moves their enrolments; an edit that keeps the name changes nothing
    ok(await req('PATCH', `/api/staff/${people[0].id}`, tok.manager, { givenName: 'An' }));
    ok(await req('PATCH', `/api/staff/${people[7].id}`, tok.manager, { familyName: 'Âu', givenName: 'Ánh' }));
    ok(await req('PATCH', `/api/staff/${people[3].id}`, tok.manager, { position: 'Chuyên viên' }));
    const moved = await viOrder(course.id);
    expect(moved).not.toEqual(expected);
    expected = moved;
    expect(await pages('progress', 3)).toEqual(expected);
    expect(await pages('enrolments', 10)).toEqual(expected);
    const [copy] = await t.ds.query(`SELECT sort_given_name, sort_family_name, sort_middle_name FROM enrolments WHERE staff_id = $1`, [people[7].id]);
    expect(copy).toEqual({ sort_given_name: 'Ánh', sort_family_name: 'Âu', sort_middle_name: 'Ngọc' });
    // an enrolment of a person who does not exist is still refused by the foreign key (nothing written)
    await expect(t.ds.query(`INSERT INTO enrolments (course_id, staff_id, source) VALUES ($1, gen_random_uuid(), 'manual')`, [course.id]))
      .rejects.toThrow(/foreign key/);
  });

  it('keeps the enrolled and completed counts of a course through enrolment, withdrawal, exemption, completion and re-enrolment', async () => {
    const { course, items } = await publishedCourse([lesson('Bài 1'), lesson('Bài 2')], { selfEnrol: true });
    expect(await countsOf(course.id)).toEqual({ enrolledCount: 0, completedCount: 0 });
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    for (let i = 0; i < 4; i++) await createStaff(t.app, tok.admin, u.id);
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { unitIds: [u.id] }));
    expect(await countsOf(course.id)).toEqual({ enrolledCount: 4, completedCount: 0 });
    const list = ok(await req('GET', `/api/courses/${course.id}/enrolments?pageSize=50`, tok.manager)).items;
    ok(await req('POST', `/api/enrolments/${list[0].id}/withdraw`, tok.manager, { reason: 'Chuyển công tác' }));
    ok(await req('POST', `/api/enrolments/${list[1].id}/exempt`, tok.manager, { reason: 'Đã có chứng chỉ' }));
    expect(await countsOf(course.id)).toEqual({ enrolledCount: 2, completedCount: 0 });
    expect(await countsOf(course.id)).toEqual(await counted(course.id));

    // a learner completes the course: the event's answer already counts it
    const l = await newLearner();
    ok(await req('POST', `/api/catalogue/${course.id}/enrol`, l.token, {}), 201);
    expect(await countsOf(course.id)).toEqual({ enrolledCount: 3, completedCount: 0 });
    ok(await req('POST', `/api/me/learning/${course.id}/items/${items[0]}/progress`, l.token, { event: 'completed' }));
    const done = ok(await req('POST', `/api/me/learning/${course.id}/items/${items[1]}/progress`, l.token, { event: 'completed' }));
    expect(done.enrolment.status).toBe('completed');
    expect(done.course).toEqual(expect.objectContaining({ enrolledCount: 3, completedCount: 1 }));
    expect(await countsOf(course.id)).toEqual({ enrolledCount: 3, completedCount: 1 });
    expect(done.course).toEqual(ok(await req('GET', `/api/me/learning/${course.id}`, l.token)).course);

    // a withdrawn learner who enrols again is counted again
    const again = await newLearner();
    ok(await req('POST', `/api/catalogue/${course.id}/enrol`, again.token, {}), 201);
    const [e] = (await t.ds.query(`SELECT id FROM enrolments WHERE staff_id = $1`, [again.person.id]));
    ok(await req('POST', `/api/enrolments/${e.id}/withdraw`, tok.manager, { reason: 'Nghỉ phép' }));
    expect(await countsOf(course.id)).toEqual({ enrolledCount: 3, completedCount: 1 });
    ok(await req('POST', `/api/catalogue/${course.id}/enrol`, again.token, {}), 201);
    expect(await countsOf(course.id)).toEqual({ enrolledCount: 4, completedCount: 1 });
    expect(await countsOf(course.id)).toEqual(await counted(course.id));
    // the course list shows the same counts
    const listed = ok(await req('GET', `/api/courses?q=${encodeURIComponent(course.code)}`, tok.manager)).items[0];
    expect({ enrolledCount: listed.enrolledCount, completedCount: listed.completedCount }).toEqual({ enrolledCount: 4, completedCount: 1 });
  });

  it('shows a changed outline, a new attachment and a removed one in the player at once', async () => {
    const { course, outline, items } = await publishedCourse();
    const l = await newLearner();
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [l.person.id] }));
    const titles = async () => ok(await req('GET', `/api/me/learning/${course.id}`, l.token)).sections.flatMap((s: Any) => s.items.map((i: Any) => i.title));
    expect(await titles()).toEqual(['Bài 1', 'Bài 2', 'Bài 3']);

    // an outline save (published: the version goes up)
    const sid = outline.sections[0].id;
    ok(await req('PUT', `/api/courses/${course.id}/outline`, tok.manager, { sections: [
      { id: sid, title: 'Phần 1', items: [{ id: items[0], ...lesson('Bài 1 (sửa)') }, { id: items[1], ...lesson('Bài 2') }, { id: items[2], ...lesson('Bài 3') }, lesson('Bài 4')] },
      { title: 'Phần 2', items: [] },
    ] }));
    let p = ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    expect(p.sections.map((s: Any) => s.title)).toEqual(['Phần 1', 'Phần 2']);
    expect(p.sections[0].items.map((i: Any) => i.title)).toEqual(['Bài 1 (sửa)', 'Bài 2', 'Bài 3', 'Bài 4']);
    expect(p.course.version).toBe(2);

    // an attachment added, then removed
    const m = multipart('Tài liệu.pdf', pdf());
    const att = ok(await call(t.app, { method: 'POST', url: `/api/courses/${course.id}/items/${items[0]}/attachments`, token: tok.manager, payload: m.payload, headers: m.headers }), 201);
    p = ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    expect(p.sections[0].items[0].attachments.map((a: Any) => a.id)).toEqual([att.id]);
    const answer = ok(await req('POST', `/api/me/learning/${course.id}/items/${items[0]}/progress`, l.token, { event: 'opened' }));
    expect(answer.sections[0].items[0].attachments.map((a: Any) => a.id)).toEqual([att.id]);
    expect((await req('DELETE', `/api/courses/${course.id}/items/${items[0]}/attachments/${att.id}`, tok.manager)).status).toBe(204);
    expect(ok(await req('GET', `/api/me/learning/${course.id}`, l.token)).sections[0].items[0].attachments).toEqual([]);

    // any other writer of the items (another module linking an item, a fix by SQL): seen at once too
    await t.ds.query(`UPDATE course_items SET title = 'Bài 2 (đổi ở nơi khác)' WHERE id = $1`, [items[1]]);
    expect(await titles()).toEqual(['Bài 1 (sửa)', 'Bài 2 (đổi ở nơi khác)', 'Bài 3', 'Bài 4']);
    await t.ds.query(`UPDATE course_items SET required = false WHERE id = $1`, [items[2]]);
    p = ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    expect(p.sections[0].items[2].required).toBe(false);
    // the progress table's columns follow as well
    const table = ok(await req('GET', `/api/courses/${course.id}/progress`, tok.trainer));
    expect(table.columns.map((c: Any) => c.title)).toEqual(['Bài 1 (sửa)', 'Bài 2 (đổi ở nơi khác)', 'Bài 3', 'Bài 4']);
  });

  it('answers a progress event with the Player a fresh read gives, through locks, repeats and the course completion', async () => {
    const quiz = { type: 'quiz', title: 'Kiểm tra', minScore: 60, isFinal: true };
    const { course } = await publishedCourse([lesson('Bài 1'), lesson('Video', { completionRule: 'video_share', videoShare: 80 }), lesson('Thêm', { required: false }), quiz],
      { sequential: true, minProgressBeforeFinal: 100, passMark: 50 });
    const l = await newLearner();
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [l.person.id], dueDate: '2030-01-01' }));
    const ids = ok(await req('GET', `/api/me/learning/${course.id}`, l.token)).sections[0].items.map((i: Any) => i.id);
    const post = (i: number, body: Record<string, unknown>) => req('POST', `/api/me/learning/${course.id}/items/${ids[i]}/progress`, l.token, body);
    const fresh = async () => ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    const steps: [number, Record<string, unknown>, number][] = [
      [0, { event: 'opened' }, 200], [3, { event: 'completed', score: 90 }, 409], [0, { event: 'completed' }, 200], [0, { event: 'completed' }, 200],
      [1, { event: 'progress', share: 40 }, 200], [1, { event: 'completed', share: 50 }, 400], [1, { event: 'progress', share: 85 }, 200],
      [2, { event: 'opened' }, 200], [3, { event: 'completed', score: 40 }, 200], [3, { event: 'completed' }, 400], [3, { event: 'completed', score: 75 }, 200],
      [2, { event: 'completed' }, 200],
    ];
    for (const [i, body, status] of steps) {
      const res = await post(i, body);
      expect(res.status).toBe(status);
      if (status === 200) expect(res.body).toEqual(await fresh());
    }
    const end = await fresh();
    expect(end.enrolment).toEqual(expect.objectContaining({ status: 'completed', progress: 100 }));
    expect(end.sections[0].items.map((i: Any) => [i.status, i.score])).toEqual([['completed', null], ['completed', null], ['completed', null], ['completed', 75]]);
    const mine = ok(await req('GET', '/api/me/learning', l.token));
    expect(mine.items.find((c: Any) => c.courseId === course.id)).toEqual(end.enrolment);
    expect(mine.hoursThisYear).toBe(2);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM completions WHERE staff_id = $1`, [l.person.id]);
    expect(n).toBe(1);
    // not enrolled, another course's item: 404 as before
    const other = await newLearner();
    expectError(await req('POST', `/api/me/learning/${course.id}/items/${ids[0]}/progress`, other.token, { event: 'opened' }), 404, 'NOT_FOUND');
  });
});
