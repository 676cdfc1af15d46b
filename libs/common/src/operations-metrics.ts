/**
 * What the libraries tell the server's metrics (Prometheus, /metrics): a unit of work committed or
 * rolled back, a report made or failed, a scheduled run failed. The server provides it under
 * OPERATIONS_METRICS; the CLI does not, so every user injects it as optional and does without.
 * An interface here rather than the metrics themselves: the libraries stay free of prom-client.
 */
export interface OperationsMetrics {
  /** A unit of work (Transactor.run) ended: committed, or rolled back by an error. */
  unitOfWork(outcome: 'committed' | 'rolled_back'): void;
  /** Runs the making of one report (inputs, rendering, printing, archiving), timing it and counting a failure. */
  timeReport<T>(report: { kind: string; format: string }, work: () => Promise<T>): Promise<T>;
  /** An attempt of a scheduled job failed (each retry that fails counts again). */
  jobFailed(job: string): void;
}

export const OPERATIONS_METRICS = 'OPERATIONS_METRICS';
