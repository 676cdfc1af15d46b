import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SQLITE } from './tokens';

/**
 * Runs a unit of work in one SQLite transaction: everything inside commits together or not at all.
 * BEGIN IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of
 * one failing with SQLITE_BUSY when it tries to upgrade a read lock.
 */
@Injectable()
export class Transactor {
  constructor(@Inject(SQLITE) private readonly sqlite: Database.Database) {}

  run<T>(work: () => T): T {
    if (this.sqlite.inTransaction) return work();
    return this.sqlite.transaction(work).immediate();
  }
}
