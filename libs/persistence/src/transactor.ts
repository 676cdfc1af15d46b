import { Inject, Injectable, Optional } from '@nestjs/common';
import { OPERATIONS_METRICS, OperationsMetrics } from '@app/common';
import { Database } from './database';
import { DataVersion } from './data-version';

/**
 * Runs a unit of work in one transaction: everything inside commits together or not at all, and the
 * status stamps it makes stale move in the same transaction (see DataVersion).
 */
@Injectable()
export class Transactor {
  constructor(
    private readonly database: Database,
    private readonly version: DataVersion,
    @Optional() @Inject(OPERATIONS_METRICS) private readonly metrics?: OperationsMetrics,
  ) {}

  /**
   * `scope.objectives`: the unit changes the status data (values, baselines, milestone updates) of
   * these objectives only, so status caches keep every other objective. Without a scope, every
   * cached status is dropped. Inside another unit, the work joins it, and that outer unit's scope is
   * what counts.
   */
  async run<T>(work: () => Promise<T>, scope?: { objectives: Iterable<string> }): Promise<T> {
    if (this.database.inTransaction) return work();
    let result: T;
    try {
      result = await this.database.transaction(async () => {
        const value = await work();
        await this.version.moved(scope?.objectives);
        return value;
      });
    } catch (error) {
      this.metrics?.unitOfWork('rolled_back');
      throw error;
    }
    this.metrics?.unitOfWork('committed');
    return result;
  }
}
