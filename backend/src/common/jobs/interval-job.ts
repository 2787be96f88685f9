import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

/**
 * A job run every `intervalMs()` (0 or less: never on a timer; tests call runOnce): a run never overlaps the previous
 * one, a failing run is logged and the next one comes at the next tick, and the timer is stopped (and the run in
 * progress awaited) when the app shuts down.
 */
export abstract class IntervalJob<T> implements OnApplicationBootstrap, OnModuleDestroy {
  protected abstract readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  /** milliseconds between runs; 0 turns the timer off */
  protected abstract intervalMs(): number;

  /** one run */
  abstract runOnce(): Promise<T>;

  onApplicationBootstrap(): void {
    const ms = this.intervalMs();
    if (!Number.isFinite(ms) || ms <= 0) return;
    this.timer = setInterval(() => { void this.tick(); }, ms);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stop();
    await this.running?.catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce().catch((e) => {
      this.logger.error(`run failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }
}
