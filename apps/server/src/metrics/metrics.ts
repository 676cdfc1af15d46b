import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OperationsMetrics } from '@app/common';
import { OutboxRepository } from '@app/persistence';

/** The outbox states still to deliver (a `sent` message is done and is not backlog). */
const BACKLOG_STATES = ['pending', 'sending', 'failed'] as const;

/**
 * This instance's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * that several applications in one process (the tests) do not share or clash. Each instance of the
 * server counts its own requests; Prometheus adds them up across instances (`sum by (route)`).
 */
@Injectable()
export class Metrics implements OperationsMetrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern (never the raw URL) and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  /** One child per method, route and status: observing through it skips hashing the labels on every request. */
  private readonly httpSeries = new Map<string, Histogram.Internal<'method' | 'route' | 'status_code'>>();

  private readonly units = new Counter({
    name: 'db_write_transactions_total',
    help: 'Write transactions (units of work) ended, by outcome: committed, or rolled_back by an error (a refused write, a conflict).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly reportDuration = new Histogram({
    name: 'report_generation_duration_seconds',
    help: 'Time to make a report (figures, rendering, PDF printing, archiving), by kind and format; failed ones included.',
    labelNames: ['kind', 'format'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
    registers: [this.registry],
  });

  private readonly reportFailures = new Counter({
    name: 'report_generation_failures_total',
    help: 'Reports that could not be made (Chromium failed or timed out, the database failed), by kind and format.',
    labelNames: ['kind', 'format'] as const,
    registers: [this.registry],
  });

  private readonly jobFailures = new Counter({
    name: 'scheduled_job_failures_total',
    help: 'Failed attempts of scheduled jobs (each failed retry counts), by job.',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });

  constructor(outbox: OutboxRepository) {
    // process_* and nodejs_*: CPU, memory, event-loop lag, garbage collection, open handles.
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'mail_outbox_messages',
      help: 'Mails in the outbox not delivered yet, by state: pending (waiting or to retry), sending (claimed), failed (retries exhausted).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      // Read from the database when scraped: the same figure from every instance.
      async collect() {
        const counts = await outbox.countsByState();
        for (const state of BACKLOG_STATES) this.set({ state }, counts[state]);
      },
    });
    // Every series present from the start, at 0: a rate() or an alert sees a counter from its first value.
    for (const outcome of ['committed', 'rolled_back']) this.units.inc({ outcome }, 0);
  }

  /** One answered request; `route` is the route's pattern, bounded in number. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    const key = `${method} ${statusCode} ${route}`;
    let series = this.httpSeries.get(key);
    if (!series) {
      series = this.httpDuration.labels(method, route, String(statusCode));
      this.httpSeries.set(key, series);
    }
    series.observe(seconds);
  }

  unitOfWork(outcome: 'committed' | 'rolled_back'): void {
    this.units.inc({ outcome });
  }

  async timeReport<T>(report: { kind: string; format: string }, work: () => Promise<T>): Promise<T> {
    const labels = { kind: report.kind, format: report.format };
    const end = this.reportDuration.startTimer(labels);
    try {
      return await work();
    } catch (error) {
      this.reportFailures.inc(labels);
      throw error;
    } finally {
      end();
    }
  }

  jobFailed(job: string): void {
    this.jobFailures.inc({ job });
  }

  /** The exposition text (Prometheus's text format) and its content type. */
  async exposition(): Promise<{ text: string; contentType: string }> {
    return { text: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
