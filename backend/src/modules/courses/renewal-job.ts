import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/env';
import { RenewalResultDto } from './courses.dto';
import { RenewalsService } from './renewals.service';

/**
 * The scheduled job that re-enrols people before their certificate expires: every hour (CERTIFICATE_RENEWAL_INTERVAL_MS;
 * 0 turns the timer off, tests call runOnce), everyone due in every course with a re-enrolment lead time is renewed
 * (RenewalsService.renewDue). A run never overlaps the previous one; several app instances may run it at once (each
 * renewal locks its enrolment and a certificate is renewed once). Stopped (and awaited) when the app shuts down.
 */
@Injectable()
export class RenewalJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RenewalJob');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly renewals: RenewalsService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const ms = this.config.certificateRenewalIntervalMs;
    if (!ms) return;
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
      this.logger.error(`renewal run failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  /** One run: renews everyone due now; returns the counts. */
  async runOnce(): Promise<RenewalResultDto & { failed: number }> {
    const r = await this.renewals.renewDue();
    if (r.renewed || r.failed) this.logger.log(`re-enrolled ${r.renewed} people before their certificate expires${r.failed ? `, ${r.failed} failed` : ''}`);
    return r;
  }
}
