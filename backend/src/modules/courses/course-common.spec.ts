import { addDays, itemStates } from './course-common';
import { csvSafe } from './enrolments.service';

describe('csvSafe', () => {
  it.each([['=1+1'], ['+84'], ['-2'], ['@SUM(A1)'], ['\tx'], ['\rx']])('neutralises %j', (v) => {
    expect(csvSafe(v)).toBe(`'${v}`);
  });
  it('leaves ordinary text alone', () => {
    expect(csvSafe('Nguyễn Văn A')).toBe('Nguyễn Văn A');
    expect(csvSafe('1+1=')).toBe('1+1=');
  });
});

describe('itemStates', () => {
  const items = [
    { id: 'a', required: true, is_final: false },
    { id: 'b', required: false, is_final: false },
    { id: 'c', required: true, is_final: false },
    { id: 'f', required: true, is_final: true },
  ];
  const done = (...ids: string[]) => new Map(ids.map((id) => [id, { item_id: id, status: 'completed', progress: 100, score: null, completed_at: new Date() }]));

  it('sequential: items after an incomplete required item are locked; optional ones do not block', () => {
    const s = itemStates({ sequential: true, min_progress_before_final: null }, items, done(), 'enrolled');
    expect(s.map((x) => x.status)).toEqual(['not_started', 'locked', 'locked', 'locked']);
    const s2 = itemStates({ sequential: true, min_progress_before_final: null }, items, done('a'), 'in_progress');
    expect(s2.map((x) => x.status)).toEqual(['completed', 'not_started', 'not_started', 'locked']);
  });

  it('the final item waits for minProgressBeforeFinal of the other required items', () => {
    const c = { sequential: false, min_progress_before_final: 100 };
    expect(itemStates(c, items, done('a'), 'in_progress')[3]).toEqual(expect.objectContaining({ status: 'locked', lockReason: 'min_progress_before_final' }));
    expect(itemStates(c, items, done('a', 'c'), 'in_progress')[3].status).toBe('not_started');
    expect(itemStates({ sequential: false, min_progress_before_final: 50 }, items, done('a'), 'in_progress')[3].status).toBe('not_started');
  });

  it('nothing is locked once the enrolment is completed', () => {
    expect(itemStates({ sequential: true, min_progress_before_final: 100 }, items, done(), 'completed').map((x) => x.status)).not.toContain('locked');
  });

  it('addDays crosses months and years', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });
});
