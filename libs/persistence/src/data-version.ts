import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SQLITE } from './tokens';

/**
 * A stamp that changes whenever the database may have changed: on every write this process commits
 * (Transactor bumps it) and on every commit by another process (SQLite's data_version, e.g. the
 * CLI). Caches keep what they computed with the stamp, and recompute when it moved.
 */
@Injectable()
export class DataVersion {
  private local = 0;
  private readonly stmt;

  constructor(@Inject(SQLITE) sqlite: Database.Database) {
    this.stmt = sqlite.prepare('PRAGMA data_version').pluck();
  }

  current(): string {
    return `${this.local}:${this.stmt.get() as number}`;
  }

  bump(): void {
    this.local++;
  }
}
