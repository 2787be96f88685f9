import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntervalJob } from '../../common/jobs/interval-job';
import { AttemptsService } from './attempts.service';

/**
 * The scheduled job that closes overdue attempts even when the learner never comes back: every 15 s
 * (QUIZ_FINALISER_INTERVAL_MS; 0 turns the timer off, tests call runOnce), attempts in progress past their cutoff
 * (deadline + grace) are finalised one per transaction, picked with FOR UPDATE SKIP LOCKED so several app instances
 * share the work without waiting on each other. Stopped (and awaited) when the app shuts down.
 */
@Injectable()
export class QuizFinaliser extends IntervalJob<number> {
  protected readonly logger = new Logger('QuizFinaliser');
  /** attempts whose finalising failed in this process: skipped so one bad row cannot block the queue */
  private readonly failed = new Set<string>();

  constructor(private readonly dataSource: DataSource, private readonly attempts: AttemptsService) {
    super();
  }

  protected intervalMs(): number {
    return Number(process.env.QUIZ_FINALISER_INTERVAL_MS ?? 15_000);
  }

  /** Finalises up to `limit` overdue attempts; returns how many. */
  async runOnce(limit = 1000): Promise<number> {
    let done = 0;
    while (done < limit) {
      const picked: { id: string | null } = { id: null };
      try {
        const ok = await this.dataSource.transaction(async (tx) => {
          const [a] = await tx.query(
            `SELECT id FROM quiz_attempts WHERE status = 'in_progress' AND cutoff_at < now() AND NOT (id = ANY($1::uuid[]))
              ORDER BY cutoff_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [[...this.failed]],
          );
          if (!a) return false;
          picked.id = a.id;
          return this.attempts.finaliseOverdue(tx, a.id);
        });
        if (!picked.id) break;
        if (ok) done++;
      } catch (e) {
        if (!picked.id) throw e;
        this.failed.add(picked.id);
        this.logger.error(`could not finalise attempt ${picked.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return done;
  }
}
