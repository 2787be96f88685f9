/**
 * The server's time as seen from the browser, without trusting the device clock: every answer of the server
 * carries `serverNow`; the clock keeps the sample taken over the fastest round trip (the one with the smallest
 * error) and advances it with the browser's monotonic clock (performance.now), which a wrong or changed device
 * date does not affect.
 */
/** The error assumed for a sample taken without its round trip time. */
const UNKNOWN_RTT = 10_000;

export type MonotonicNow = () => number;

const defaultNow: MonotonicNow = () =>
  typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : Date.now();

export class ServerClock {
  private serverMs: number | null = null;
  private at = 0;
  private rtt = UNKNOWN_RTT;
  private readonly now: MonotonicNow;

  constructor(now: MonotonicNow = defaultNow) {
    this.now = now;
  }

  /** The monotonic time now, for `sync`'s sentAt. */
  mark(): number {
    return this.now();
  }

  /**
   * A `serverNow` of an answer. `sentAt` / `receivedAt` are `mark()` before the request and when its answer
   * arrived (default: now). The true server time at
   * reception lies within ±RTT/2 of serverNow + RTT/2; the sample replaces the current one when it is more
   * precise, or when the two disagree beyond their errors (the device slept, which some monotonic clocks do not
   * count).
   */
  sync(serverNow: string, sentAt?: number, receivedAt: number = this.now()) {
    const server = Date.parse(serverNow);
    if (!Number.isFinite(server)) return;
    const rtt = sentAt === undefined ? UNKNOWN_RTT : Math.max(0, receivedAt - sentAt);
    const estimate = server + (sentAt === undefined ? 0 : rtt / 2);
    if (this.serverMs !== null) {
      const current = this.serverMs + (receivedAt - this.at);
      const consistent = Math.abs(estimate - current) <= (rtt + this.rtt) / 2 + 250;
      if (consistent && rtt >= this.rtt) return;
    }
    this.serverMs = estimate;
    this.at = receivedAt;
    this.rtt = rtt;
  }

  get synced(): boolean {
    return this.serverMs !== null;
  }

  /** Server epoch milliseconds now (NaN before the first sync). */
  serverNow(): number {
    if (this.serverMs === null) return NaN;
    return this.serverMs + (this.now() - this.at);
  }

  /** Milliseconds left until `deadlineAt` by the server's clock; null without deadline or sync. */
  remaining(deadlineAt: string | null | undefined): number | null {
    if (!deadlineAt || this.serverMs === null) return null;
    const deadline = Date.parse(deadlineAt);
    if (!Number.isFinite(deadline)) return null;
    return deadline - this.serverNow();
  }
}

/** 1:05:09, 05:09 (ceil to whole seconds, never negative). */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
