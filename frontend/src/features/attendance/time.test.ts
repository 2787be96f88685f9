import { formatVnDateTime, isoWeekday, seriesDates, toVn } from './time';

describe('Vietnam time', () => {
  it('shows instants in Asia/Ho_Chi_Minh whatever the device zone', () => {
    expect(toVn('2026-06-15T00:30:00.000Z')).toEqual({ date: '2026-06-15', time: '07:30' });
    expect(toVn('2026-06-15T18:00:00.000Z')).toEqual({ date: '2026-06-16', time: '01:00' });
    expect(formatVnDateTime('2026-12-31T17:05:00.000Z')).toBe('01/01/2027 00:05');
  });

  it('numbers weekdays from Monday = 1 to Sunday = 7', () => {
    expect(isoWeekday('2026-06-15')).toBe(1);
    expect(isoWeekday('2026-06-21')).toBe(7);
  });

  it('lists the dates of a series like the server (every N weeks from the start week, until inclusive)', () => {
    // Saturdays of June 2026, weekly
    expect(seriesDates('2026-06-01', '2026-06-27', [6], 1)).toEqual(['2026-06-06', '2026-06-13', '2026-06-20', '2026-06-27']);
    // Tuesdays and Thursdays every second week, starting on a Wednesday
    expect(seriesDates('2026-06-03', '2026-06-30', [2, 4], 2)).toEqual(['2026-06-04', '2026-06-16', '2026-06-18', '2026-06-30']);
    expect(seriesDates('2026-06-10', '2026-06-01', [1], 1)).toEqual([]);
    expect(seriesDates('2026-01-01', '2027-12-31', [1, 2, 3, 4, 5, 6, 7], 1, 200)).toHaveLength(201);
  });
});
