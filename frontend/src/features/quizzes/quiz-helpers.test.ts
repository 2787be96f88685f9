import dayjs from 'dayjs';
import { formatVn, fromVnWall, toVnWall } from './vn-time';
import { slotErrors } from './components/slots-editor';
import { paginate } from './components/attempt-player';
import { attemptsLeft } from './components/quiz-start';
import { availableCount, categoryTree } from './components/bank-pickers';
import { toFormValues, toQuizInput } from './components/quiz-form';
import { choiceQuestion, makeMyQuiz, makeQuiz } from '../../testing/quiz-data';

describe('Vietnam time (Asia/Ho_Chi_Minh) whatever the device time zone', () => {
  it('runs on a device outside Vietnam time, or the test would prove nothing', () => {
    expect(new Date('2026-06-15T01:00:00Z').getTimezoneOffset()).not.toBe(-420);
  });

  it('shows an instant as the Vietnam wall clock and sends the wall clock back as the same instant', () => {
    expect(formatVn('2026-06-15T01:00:00Z')).toBe('15/06/2026 08:00');
    expect(formatVn('2026-06-14T17:30:00Z')).toBe('15/06/2026 00:30');
    const wall = toVnWall('2026-06-14T17:30:00Z')!;
    expect([wall.year(), wall.month() + 1, wall.date(), wall.hour(), wall.minute()]).toEqual([2026, 6, 15, 0, 30]);
    expect(fromVnWall(wall)).toBe('2026-06-14T17:30:00.000Z');
    // a picker value typed as 31/12/2026 23:59 in Vietnam
    expect(fromVnWall(dayjs(new Date(2026, 11, 31, 23, 59, 42)))).toBe('2026-12-31T16:59:00.000Z');
  });

  it('treats empty and broken values as no date', () => {
    expect(toVnWall(null)).toBeNull();
    expect(toVnWall('not a date')).toBeNull();
    expect(fromVnWall(null)).toBeNull();
    expect(formatVn(undefined)).toBe('');
  });
});

describe('quiz form values', () => {
  it('round-trips a quiz and drops the grace period unless the overdue rule is "grace"', () => {
    const quiz = makeQuiz({ openAt: '2026-06-15T01:00:00.000Z', closeAt: '2026-06-20T10:00:00.000Z', overdue: 'autosubmit', graceMinutes: 15 });
    const input = toQuizInput(toFormValues(quiz), quiz);
    expect(input).toMatchObject({ openAt: '2026-06-15T01:00:00.000Z', closeAt: '2026-06-20T10:00:00.000Z', graceMinutes: 0, timeLimitMinutes: 30 });
    const grace = toQuizInput({ ...toFormValues(quiz), overdue: 'grace', graceMinutes: 10, title: '  Kiểm tra  ' }, quiz);
    expect(grace).toMatchObject({ overdue: 'grace', graceMinutes: 10, title: 'Kiểm tra' });
  });
});

describe('slot errors of a 400', () => {
  it('maps the fields naming a slot to its row', () => {
    const rows = slotErrors({ 'slots.2.count': 'Danh mục chỉ có 3 câu hỏi', 'slots[0]': 'Câu hỏi đã bị xóa', 'slots.2.mark': 'Điểm không hợp lệ', title: 'x' });
    expect([...rows.entries()]).toEqual([
      [2, 'Danh mục chỉ có 3 câu hỏi; Điểm không hợp lệ'],
      [0, 'Câu hỏi đã bị xóa'],
    ]);
  });
});

describe('pages of an attempt', () => {
  const qs = [1, 2, 3, 4, 5].map((n) => ({ ...choiceQuestion(n), page: undefined }));
  it('groups by the server page when given, else by questions per page (0 = one page)', () => {
    expect(paginate(qs, 2).map((p) => p.map((q) => q.slot))).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginate(qs, 0).map((p) => p.length)).toEqual([5]);
    const paged = [choiceQuestion(1, 1), choiceQuestion(2, 2), choiceQuestion(3, 2)];
    expect(paginate(paged, 1).map((p) => p.map((q) => q.slot))).toEqual([[1], [2, 3]]);
    expect(paginate([], 3)).toEqual([[]]);
  });
});

describe('attempts left', () => {
  it('is the maximum (with a personal override already applied by the server) minus every attempt made', () => {
    const base = makeMyQuiz();
    expect(attemptsLeft(base)).toBe(2);
    const done = { id: 'a', attemptNo: 1, status: 'graded' as const, startedAt: '', submittedAt: '' };
    expect(attemptsLeft({ ...base, attempts: [done, { ...done, id: 'b', counted: false }] })).toBe(0);
    expect(attemptsLeft({ ...base, quiz: { ...base.quiz, maxAttempts: null } })).toBeNull();
  });
});

describe('bank categories', () => {
  const cats = [
    { id: 'root', parentId: null, name: 'Mặc định', position: 0, questionCount: 1 },
    { id: 'b', parentId: 'root', name: 'Nghị quyết 57', position: 1, questionCount: 3 },
    { id: 'a', parentId: 'root', name: 'An toàn thông tin', position: 0, questionCount: 4 },
    { id: 'a1', parentId: 'a', name: 'Mật khẩu', position: 0, questionCount: 2 },
  ];
  it('builds the tree in position order and counts subcategories when asked', () => {
    const tree = categoryTree(cats);
    expect(tree.map((n) => n.title)).toEqual(['Mặc định (1)']);
    expect(tree[0].children.map((n) => n.title)).toEqual(['An toàn thông tin (4)', 'Nghị quyết 57 (3)']);
    expect(tree[0].children[0].searchText).toBe('an toan thong tin');
    expect(availableCount(cats, 'a', false)).toBe(4);
    expect(availableCount(cats, 'a', true)).toBe(6);
    expect(availableCount(cats, 'root', true)).toBe(10);
    expect(availableCount(cats, 'missing', true)).toBe(0);
  });
});
