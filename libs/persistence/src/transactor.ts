import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { DataVersion } from './data-version';
import { SQLITE } from './tokens';

/**
 * Runs a unit of work in one SQLite transaction: everything inside commits together or not at all.
 * BEGIN IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of
 * one failing with SQLITE_BUSY when it tries to upgrade a read lock.
 */
@Injectable()
export class Transactor {
  constructor(
    @Inject(SQLITE) private readonly sqlite: Database.Database,
    private readonly version: DataVersion,
  ) {}

  /**
   * `scope.objectives`: the unit changes the status data (values, baselines, milestone updates) of
   * these objectives only, so status caches keep every other objective. Without a scope, every
   * cached status is dropped. Inside another unit, that outer unit's scope is what counts.
   */
  run<T>(work: () => T, scope?: { objectives: Iterable<string> }): T {
    if (this.sqlite.inTransaction) return work();
    if (scope) this.version.touches(scope.objectives);
    try {
      return this.sqlite.transaction(work).immediate();
    } finally {
      // Even a rolled-back unit may have touched caches' assumptions; a new stamp is always safe.
      this.version.bump();
    }
  }
}
