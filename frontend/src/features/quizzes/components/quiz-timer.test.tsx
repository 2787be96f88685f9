import { act, render, screen } from '@testing-library/react';
import { AppProvider } from '../../../app/provider';
import { createTestQueryClient } from '../../../testing/test-utils';
import { ServerClock } from '../server-clock';
import { QuizTimer } from './quiz-timer';

function renderTimer(clock: ServerClock, deadlineAt: string, onExpire = jest.fn(), leadMs = 0) {
  render(
    <AppProvider queryClient={createTestQueryClient()} initialLang="vi">
      <QuizTimer clock={clock} deadlineAt={deadlineAt} onExpire={onExpire} leadMs={leadMs} />
    </AppProvider>,
  );
  return onExpire;
}

describe('QuizTimer', () => {
  afterEach(() => jest.useRealTimers());

  it('counts down by the server clock, not by the device clock', () => {
    // The device believes it is 2031; the server says 03:00 UTC on 1 March 2026.
    jest.useFakeTimers({ now: new Date('2031-07-01T12:00:00Z') });
    const clock = new ServerClock();
    const sentAt = clock.mark();
    jest.advanceTimersByTime(200); // the request took 200 ms
    clock.sync('2026-03-01T03:00:00.000Z', sentAt);
    renderTimer(clock, '2026-03-01T03:30:00.000Z');
    const timer = screen.getByRole('timer');
    // 30 min minus half the round trip
    expect(timer).toHaveTextContent('30:00');
    expect(timer).toHaveAccessibleName('Thời gian còn lại: 30:00');
    act(() => jest.advanceTimersByTime(61_000));
    expect(timer).toHaveTextContent('28:59');
  });

  it('is not moved by a change of the device date during the attempt', () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T03:00:00Z') });
    const clock = new ServerClock();
    clock.sync('2026-03-01T03:00:00.000Z', clock.mark());
    renderTimer(clock, '2026-03-01T03:10:00.000Z');
    // the learner sets the phone's clock back one hour: Date jumps, the monotonic clock does not
    act(() => jest.setSystemTime(new Date('2026-03-01T02:00:00Z')));
    act(() => jest.advanceTimersByTime(2000));
    expect(screen.getByRole('timer')).toHaveTextContent('09:58');
  });

  it('announces 10, 5 and 1 minute(s) left once each, then the end, and calls onExpire once', () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T03:00:00Z') });
    const clock = new ServerClock();
    clock.sync('2026-03-01T03:00:00.000Z', clock.mark());
    const onExpire = renderTimer(clock, '2026-03-01T03:12:00.000Z');
    const live = () => document.querySelector('[aria-live="assertive"]')!;
    expect(live()).toHaveTextContent('');
    act(() => jest.advanceTimersByTime(2 * 60_000));
    expect(live()).toHaveTextContent('Còn dưới 10 phút làm bài');
    act(() => jest.advanceTimersByTime(5 * 60_000));
    expect(live()).toHaveTextContent('Còn dưới 5 phút làm bài');
    act(() => jest.advanceTimersByTime(4 * 60_000));
    expect(live()).toHaveTextContent('Còn dưới 1 phút làm bài');
    expect(onExpire).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(60_000));
    expect(live()).toHaveTextContent('Đã hết giờ làm bài');
    expect(screen.getByRole('timer')).toHaveTextContent('00:00');
    act(() => jest.advanceTimersByTime(10_000));
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('opening with 3 minutes left says "less than 5 minutes" once, not every threshold', () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T03:00:00Z') });
    const clock = new ServerClock();
    clock.sync('2026-03-01T03:00:00.000Z', clock.mark());
    renderTimer(clock, '2026-03-01T03:03:00.000Z');
    const live = document.querySelector('[aria-live="assertive"]')!;
    expect(live).toHaveTextContent('Còn dưới 5 phút làm bài');
    act(() => jest.advanceTimersByTime(30_000));
    expect(live).toHaveTextContent('Còn dưới 5 phút làm bài');
  });

  it('expires leadMs early so that the automatic submit reaches the server in time', () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T03:00:00Z') });
    const clock = new ServerClock();
    clock.sync('2026-03-01T03:00:00.000Z', clock.mark());
    const onExpire = renderTimer(clock, '2026-03-01T03:00:10.000Z', jest.fn(), 1000);
    act(() => jest.advanceTimersByTime(8000));
    expect(onExpire).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1000));
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});

describe('ServerClock', () => {
  it('keeps the sample of the fastest round trip and replaces one that disagrees (device slept)', () => {
    let mono = 0;
    const clock = new ServerClock(() => mono);
    mono = 400;
    clock.sync('2026-03-01T03:00:00.000Z', 0, 400); // rtt 400 → +200 ms
    expect(new Date(clock.serverNow()).toISOString()).toBe('2026-03-01T03:00:00.200Z');
    mono = 10_000;
    clock.sync('2026-03-01T03:00:09.900Z', 9_900, 10_000); // rtt 100 → more precise
    expect(new Date(clock.serverNow()).toISOString()).toBe('2026-03-01T03:00:09.950Z');
    mono = 20_000;
    clock.sync('2026-03-01T03:00:19.500Z', 19_000, 20_000); // rtt 1000, consistent → ignored
    expect(new Date(clock.serverNow()).toISOString()).toBe('2026-03-01T03:00:19.950Z');
    mono = 30_000;
    clock.sync('2026-03-01T03:05:30.000Z', 29_000, 30_000); // 5 min off: the monotonic clock missed a sleep
    expect(new Date(clock.serverNow()).toISOString()).toBe('2026-03-01T03:05:30.500Z');
    expect(clock.remaining('2026-03-01T03:10:30.500Z')).toBe(300_000);
  });

  it('has no time before the first sample and ignores a malformed serverNow', () => {
    const clock = new ServerClock(() => 0);
    expect(clock.remaining('2026-03-01T03:10:00Z')).toBeNull();
    clock.sync('not a date', 0, 0);
    expect(clock.synced).toBe(false);
  });
});
