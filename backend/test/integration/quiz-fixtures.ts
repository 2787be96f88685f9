/**
 * Helpers for the quiz and attempt specs: a question bank written with SQL (one question of every type, with known
 * right answers), quizzes built through the API, learners linked to people, and answers built from the learner view.
 */
import type { DataSource } from 'typeorm';
import { call } from '../helpers';
import { createStaff, createUser, ok, rnd, type App } from './fixtures';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface QuestionSpec { type: string; title: string; text: string; data: Any; defaultMark?: number; tags?: string[] }

const a = (text: string, fraction = 0, feedback = '') => ({ text, fraction, feedback });
const base = (over: Any) => ({ answers: [], pairs: [], numeric: [], generalFeedback: '', ...over });

/**
 * One question of every type. Secrets in feedback / accepted answers / titles let the specs check that nothing of the
 * key reaches a learner: SECRET-FB (feedback), SECRET-GF (general feedback), accepted answers and numbers below.
 */
export const QUESTIONS: Record<string, QuestionSpec> = {
  single: {
    type: 'single_choice', title: 'TITLE-SECRET Cơ quan ban hành NQ 57', text: '<p>Nghị quyết 57-NQ/TW do cơ quan nào ban hành?</p>',
    data: base({ single: true, generalFeedback: 'SECRET-GF-1', answers: [a('Bộ Chính trị', 1, 'SECRET-FB-1'), a('Quốc hội', 0, 'SECRET-FB-2'), a('Chính phủ', 0, 'SECRET-FB-3')] }),
  },
  multi: {
    type: 'multiple_choice', title: 'Mật khẩu mạnh', text: '<p>Chọn các đặc điểm của mật khẩu mạnh</p>',
    data: base({ single: false, generalFeedback: 'SECRET-GF-2', answers: [a('Dài từ 12 ký tự', 0.5, 'SECRET-FB-4'), a('Có ký tự đặc biệt', 0.5, 'SECRET-FB-5'), a('Là ngày sinh', -0.5, 'SECRET-FB-6')] }),
  },
  tf: {
    type: 'true_false', title: 'Wi-Fi công cộng', text: '<p>Nên đăng nhập tài khoản công vụ qua Wi-Fi công cộng.</p>',
    data: base({ correctAnswer: false, generalFeedback: 'SECRET-GF-3', answers: [a('Đúng', 0, 'SECRET-FB-7'), a('Sai', 1, 'SECRET-FB-8')] }),
  },
  short: {
    type: 'short_answer', title: 'Ứng dụng định danh', text: '<p>Tên ứng dụng định danh điện tử quốc gia?</p>',
    data: base({ ignoreDiacritics: true, answers: [a('VNeID', 1, 'SECRET-FB-9'), a('Đề án 06', 0.5, 'SECRET-FB-10')] }),
  },
  numeric: {
    type: 'numeric', title: 'Tỷ lệ kinh tế số', text: '<p>Tỷ lệ kinh tế số trong GDP năm 2030 (%)?</p>',
    data: base({ answers: [a('30', 1, 'SECRET-FB-11')], numeric: [{ value: 30, tolerance: 0.25 }] }),
  },
  matching: {
    type: 'matching', title: 'Ghép kênh', text: '<p>Ghép kênh với mục đích</p>',
    data: base({ pairs: [{ left: 'Zalo OA', right: 'Thông báo' }, { left: 'Cổng DVC', right: 'Nộp hồ sơ' }, { left: 'VNeID', right: 'Định danh' }, { left: '', right: 'Mua sắm' }] }),
  },
  ordering: {
    type: 'ordering', title: 'Thứ tự xử lý', text: '<p>Sắp xếp các bước</p>',
    data: base({ pairs: [{ left: 'Tiếp nhận', right: '' }, { left: 'Xác minh', right: '' }, { left: 'Phản hồi', right: '' }] }),
  },
  missing: {
    type: 'missing_word', title: 'Điền khuyết', text: '<p>Chuyển đổi _____ là ưu tiên.</p>',
    data: base({ baseType: 'single_choice', answers: [a('số', 1, 'SECRET-FB-12'), a('giấy', 0)] }),
  },
  essay: {
    type: 'essay', title: 'Tự luận', text: '<p>Trình bày ba việc cụ thể.</p>', defaultMark: 5,
    data: base({ essay: { minWords: 10, maxWords: 300 }, generalFeedback: 'SECRET-GF-4' }),
  },
  description: { type: 'description', title: 'Giới thiệu', text: '<p>Đọc kỹ trước khi làm.</p>', defaultMark: 0, data: base({}) },
};

/** Strings of the key that a learner must never see before the review allows it. */
export const KEY_SECRETS = ['SECRET-FB', 'SECRET-GF', 'TITLE-SECRET', 'Đề án 06', '"fraction":', '"feedback":{', '"tolerance":', '"correctAnswer":',
  '"generalFeedback":', '"numeric":', '"answers":[{"text"', '"rightAnswer":', '"accepted":', '"index":', '"seed":', '"layout":', '"result":', '"awarded":',
  '"value":30', '"min":', '"max":'];

export async function insertBank(ds: DataSource, unitId: string): Promise<{ bankId: string; rootId: string }> {
  const [b] = await ds.query(`INSERT INTO question_banks (name, owner_unit_id) VALUES ($1, $2) RETURNING id`, [`Ngân hàng thử ${rnd()}`, unitId]);
  const [c] = await ds.query(`INSERT INTO question_categories (bank_id, name) VALUES ($1, 'Mặc định') RETURNING id`, [b.id]);
  return { bankId: b.id, rootId: c.id };
}

export async function insertCategory(ds: DataSource, bankId: string, parentId: string | null, name = `Danh mục ${rnd()}`): Promise<string> {
  const [c] = await ds.query(`INSERT INTO question_categories (bank_id, parent_id, name) VALUES ($1, $2, $3) RETURNING id`, [bankId, parentId, name]);
  return c.id;
}

export async function insertQuestion(ds: DataSource, bankId: string, categoryId: string, q: QuestionSpec): Promise<{ id: string; versionId: string }> {
  const [row] = await ds.query(
    `INSERT INTO questions (bank_id, category_id, type, title, tags, search_text) VALUES ($1, $2, $3, $4, $5, vn_fold($6)) RETURNING id`,
    [bankId, categoryId, q.type, q.title, q.tags ?? [], q.title],
  );
  const [v] = await ds.query(
    `INSERT INTO question_versions (question_id, version, type, title, text, data, default_mark) VALUES ($1, 1, $2, $3, $4, $5, $6) RETURNING id`,
    [row.id, q.type, q.title, q.text, JSON.stringify(q.data), q.defaultMark ?? (q.type === 'description' ? 0 : 1)],
  );
  return { id: row.id, versionId: v.id };
}

/** A corrected version n+1 of a question (what the bank's PUT does). */
export async function newVersion(ds: DataSource, questionId: string, q: QuestionSpec): Promise<string> {
  const [{ v }] = await ds.query(`SELECT current_version + 1 AS v FROM questions WHERE id = $1`, [questionId]);
  const [row] = await ds.query(
    `INSERT INTO question_versions (question_id, version, type, title, text, data, default_mark) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [questionId, v, q.type, q.title, q.text, JSON.stringify(q.data), q.defaultMark ?? 1],
  );
  await ds.query(`UPDATE questions SET current_version = $2 WHERE id = $1`, [questionId, v]);
  return row.id;
}

/** A bank with every question type in one category; returns the question ids by QUESTIONS key. */
export async function bankWithEveryType(ds: DataSource, unitId: string) {
  const { bankId, rootId } = await insertBank(ds, unitId);
  const ids: Record<string, string> = {};
  for (const [k, q] of Object.entries(QUESTIONS)) ids[k] = (await insertQuestion(ds, bankId, rootId, q)).id;
  return { bankId, categoryId: rootId, ids };
}

/** A learner account linked to a new person of `unitId`. */
export async function newLearner(app: App, adminToken: string, unitId: string) {
  const person = await createStaff(app, adminToken, unitId);
  const u = await createUser(app, adminToken, ['learner'], null);
  ok(await call(app, { method: 'PATCH', url: `/api/users/${u.id}`, token: adminToken, body: { staffId: person.id } }));
  return { person, token: u.token, userId: u.id };
}

/** Creates a quiz with the given settings and slots, and publishes it. */
export async function publishedQuiz(app: App, token: string, ownerUnitId: string, slots: Any[], settings: Any = {}) {
  const quiz = ok(await call(app, { method: 'POST', url: '/api/quizzes', token, body: { title: `Bài kiểm tra ${rnd()}`, ownerUnitId, ...settings } }), 201);
  ok(await call(app, { method: 'PUT', url: `/api/quizzes/${quiz.id}/slots`, token, body: { slots } }));
  return ok(await call(app, { method: 'POST', url: `/api/quizzes/${quiz.id}/publish`, token, body: {} }));
}

const byText = (list: { key: string; text: string }[] | undefined, text: string) => {
  const o = list?.find((x) => x.text.replace(/<[^>]*>/g, '') === text);
  if (!o) throw new Error(`no option "${text}" in ${JSON.stringify(list)}`);
  return o.key;
};

/** The right (or a wrong) response to one of QUESTIONS as the learner view shows it, found by the question text. */
export function responseFor(pq: Any, right: boolean): Any {
  const spec = Object.values(QUESTIONS).find((q) => q.text === pq.text);
  if (!spec) throw new Error(`unknown question ${pq.text}`);
  switch (spec.type) {
    case 'single_choice': return { choice: byText(pq.options, right ? 'Bộ Chính trị' : 'Quốc hội') };
    case 'multiple_choice': return { choices: right ? [byText(pq.options, 'Dài từ 12 ký tự'), byText(pq.options, 'Có ký tự đặc biệt')] : [byText(pq.options, 'Là ngày sinh')] };
    case 'true_false': return { choice: byText(pq.options, right ? 'Sai' : 'Đúng') };
    case 'short_answer': return { text: right ? 'vneid' : 'Zalo' };
    case 'numeric': return { number: right ? '30,2' : '45' };
    case 'matching': return {
      pairs: right
        ? { [byText(pq.left, 'Zalo OA')]: byText(pq.right, 'Thông báo'), [byText(pq.left, 'Cổng DVC')]: byText(pq.right, 'Nộp hồ sơ'), [byText(pq.left, 'VNeID')]: byText(pq.right, 'Định danh') }
        : { [byText(pq.left, 'Zalo OA')]: byText(pq.right, 'Mua sắm') },
    };
    case 'ordering': return { order: (right ? ['Tiếp nhận', 'Xác minh', 'Phản hồi'] : ['Phản hồi', 'Xác minh', 'Tiếp nhận']).map((t) => byText(pq.items, t)) };
    case 'missing_word': return { choice: byText(pq.options, right ? 'số' : 'giấy') };
    case 'essay': return { text: right ? '<p>Một là cải cách thủ tục, hai là số hóa hồ sơ, ba là tập huấn người dân.</p>' : '' };
    default: return null;
  }
}

/** Every string value and key inside a JSON value, for leak checks on raw responses. */
export function expectNoKey(raw: string, extra: string[] = []): void {
  for (const s of [...KEY_SECRETS, ...extra]) {
    if (raw.includes(s)) throw new Error(`the response leaks "${s}": ${raw.slice(Math.max(0, raw.indexOf(s) - 200), raw.indexOf(s) + 200)}`);
  }
}
