import { Inject, Injectable, Logger } from '@nestjs/common';
import { IntervalJob } from '../../common/jobs/interval-job';
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
export class RenewalJob extends IntervalJob<RenewalResultDto & { failed: number }> {
  protected readonly logger = new Logger('RenewalJob');

  constructor(private readonly renewals: RenewalsService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  protected intervalMs(): number {
    return this.config.certificateRenewalIntervalMs;
  }

  /** One run: renews everyone due now; returns the counts. */
  async runOnce(): Promise<RenewalResultDto & { failed: number }> {
    const r = await this.renewals.renewDue();
    if (r.renewed || r.failed) this.logger.log(`re-enrolled ${r.renewed} people before their certificate expires${r.failed ? `, ${r.failed} failed` : ''}`);
    return r;
  }
}
