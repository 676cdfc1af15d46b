import { Global, Module } from '@nestjs/common';
import { OPERATIONS_METRICS } from '@app/common';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics';

/**
 * Prometheus metrics (/metrics). Global: the libraries' units of work, reports and scheduled jobs
 * report to it through OPERATIONS_METRICS (optional there, for the CLI has no metrics).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, { provide: OPERATIONS_METRICS, useExisting: Metrics }],
  exports: [Metrics, OPERATIONS_METRICS],
})
export class MetricsModule {}
