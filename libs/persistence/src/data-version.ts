import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SQLITE } from './tokens';

/**
 * Stamps that change whenever the data a status is computed from may have changed, so that caches
 * recompute only what a write could have touched:
 * - a unit of work that declares the objectives it changes (`touches`) moves their stamps only;
 * - any other write this process commits, and every commit by another process (SQLite's
 *   data_version, e.g. the CLI), moves the stamp of everything.
 */
@Injectable()
export class DataVersion {
  private everything = 0;
  private units = 0;
  private readonly objectives = new Map<string, number>();
  /** The objectives declared by the unit of work in progress, if it declared any. */
  private declared: Set<string> | null = null;
  private readonly dataVersion;

  constructor(@Inject(SQLITE) sqlite: Database.Database) {
    this.dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  }

  /** Moves when anything may have changed. */
  base(): string {
    return `${this.everything}:${this.dataVersion.get() as number}`;
  }

  /** Moves at the end of every unit of work this process runs, whatever it declared. */
  writes(): number {
    return this.units;
  }

  /** Moves when the data of this objective (its indicators' values and baselines, its milestones' updates) may have changed. */
  of(objectiveCode: string): number {
    return this.objectives.get(objectiveCode) ?? 0;
  }

  /** Inside a unit of work: it changes the data of these objectives, and nothing else a status reads. */
  touches(objectiveCodes: Iterable<string>): void {
    this.declared ??= new Set();
    for (const code of objectiveCodes) this.declared.add(code);
  }

  /** Called by the Transactor when a unit of work ends, committed or rolled back. */
  bump(): void {
    this.units++;
    if (this.declared) {
      for (const code of this.declared) this.objectives.set(code, this.of(code) + 1);
      this.declared = null;
    } else {
      this.everything++;
    }
  }
}
