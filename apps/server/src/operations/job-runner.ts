import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Calendar, OPERATIONS_METRICS, OperationsMetrics } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Database, JobRunsRepository } from '@app/persistence';

export interface JobOutcome<T = unknown> {
  job: string;
  runKey: string;
  status: 'succeeded' | 'failed' | 'skipped';
  attempts: number;
  result: T | null;
}

/**
 * The advisory lock of one run of a job (`job:runKey`): a stable 32-bit number, the same on every
 * instance, taken from the SHA-256 of the name.
 */
export function jobLock(job: string, runKey: string): number {
  return createHash('sha256').update(`${job}:${runKey}`).digest().readInt32BE(0);
}

/**
 * Runs scheduled work safely: each run is recorded in job_runs, a failed run is logged and retried
 * after each of JOB_RETRY_DELAYS_MS, a key (a period, a day) already done is skipped, and nothing
 * can throw into the scheduler, so the server keeps serving whatever a job does. Several instances
 * on one PostgreSQL database run each job and key once: the run holds an advisory lock, and an
 * instance that finds it taken skips that run.
 *
 * Stopping the server interrupts the runs under way rather than waiting for their retries: a run
 * waiting to retry stops at once, a long run (every body's reports) stops between its steps through
 * the signal it is given, and the run is recorded as failed, so the next start catches it up. Without
 * this, a run holding its lock's connection kept the database pool, and so the shutdown, open.
 */
@Injectable()
export class JobRunner implements OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly stopping = new AbortController();
  private readonly underWay = new Set<Promise<unknown>>();

  constructor(
    private readonly runs: JobRunsRepository,
    private readonly database: Database,
    private readonly calendar: Calendar,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(OPERATIONS_METRICS) private readonly metrics?: OperationsMetrics,
  ) {}

  /** Registers a cron job (in TIMEZONE) when the scheduler is enabled. */
  schedule(name: string, cron: string, run: () => Promise<JobOutcome>): void {
    if (!this.config.scheduler.enabled) return;
    const job = CronJob.from({
      cronTime: cron,
      timeZone: this.config.timezone,
      onTick: () => void run().catch((e) => this.logger.error({ msg: 'Scheduled job crashed', job: name, error: (e as Error).message })),
    });
    this.registry.addCronJob(name, job);
    job.start();
    this.logger.log({ msg: 'Scheduled', job: name, cron, next: job.nextDate().toISO() });
  }

  /** Interrupts the runs under way (see above) and waits until each has recorded how it ended. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort(new Error('the server is stopping'));
    await Promise.allSettled([...this.underWay]);
  }

  /**
   * `options.retryDelaysMs` overrides the configured waits (`[]`: one attempt, for work a person waits
   * for). `work` is given a signal that aborts when the server stops: long work checks it between steps.
   */
  async run<T>(
    job: string,
    runKey: string,
    work: (signal: AbortSignal) => Promise<T>,
    summary: (result: T) => unknown = (r) => r,
    options: { retryDelaysMs?: number[] } = {},
  ): Promise<JobOutcome<T>> {
    if (this.stopping.signal.aborted) {
      this.logger.log({ msg: 'The server is stopping; not started', job, runKey });
      return { job, runKey, status: 'skipped', attempts: 0, result: null };
    }
    const running = this.database.ifFree(jobLock(job, runKey), () => this.attempts(job, runKey, work, summary, options.retryDelaysMs));
    this.underWay.add(running);
    const outcome = await running.finally(() => this.underWay.delete(running));
    if (outcome) return outcome;
    this.logger.log({ msg: 'Running on another instance; skipped', job, runKey });
    return { job, runKey, status: 'skipped', attempts: 0, result: null };
  }

  /** The run itself, under the lock: the "already done" check is made here, so a run another instance finished is not made again. */
  private async attempts<T>(
    job: string,
    runKey: string,
    work: (signal: AbortSignal) => Promise<T>,
    summary: (result: T) => unknown,
    retryDelaysMs: number[] | undefined,
  ): Promise<JobOutcome<T>> {
    if (await this.runs.succeeded(job, runKey)) {
      this.logger.log({ msg: 'Already done; skipped', job, runKey });
      return { job, runKey, status: 'skipped', attempts: 0, result: null };
    }
    const delays = retryDelaysMs ?? this.config.scheduler.retryDelaysMs;
    for (let attempt = 1; ; attempt++) {
      const runId = await this.runs.start(job, runKey, attempt, this.calendar.now().toISOString());
      try {
        const result = await work(this.stopping.signal);
        await this.runs.finish(runId, 'succeeded', this.calendar.now().toISOString(), null, summary(result));
        this.logger.log({ msg: 'Scheduled job succeeded', job, runKey, attempt });
        return { job, runKey, status: 'succeeded', attempts: attempt, result };
      } catch (e) {
        const error = (e as Error).message;
        await this.runs.finish(runId, 'failed', this.calendar.now().toISOString(), error);
        const retryIn = this.stopping.signal.aborted ? undefined : delays[attempt - 1];
        this.metrics?.jobFailed(job);
        this.logger.error({ msg: 'Scheduled job failed', job, runKey, attempt, error, retryInMs: retryIn ?? null });
        if (retryIn === undefined || !(await this.waitUnlessStopping(retryIn))) return { job, runKey, status: 'failed', attempts: attempt, result: null };
      }
    }
  }

  /** Waits before a retry; false if the server began stopping meanwhile (the retry is left to the next start). */
  private async waitUnlessStopping(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal, ref: false });
      return true;
    } catch {
      return false;
    }
  }
}
