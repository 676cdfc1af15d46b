import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { backupDatabase, backupFileName, BackupResult, copyBackup, Database, pruneBackups } from '@app/persistence';
import { JobOutcome, JobRunner } from './job-runner';

export const BACKUP_JOB = 'backup';

/** A backup and, when BACKUP_COPY_DIR is set, its copy on the share. */
export interface ScheduledBackup extends BackupResult {
  copy: string | null;
}

/**
 * The run key of a scheduled backup: its minute (its second for a six-field cron, which may fire
 * every second). Instances that share a PostgreSQL database fire on the same tick and so compute the
 * same key: one of them makes the backup.
 */
export function backupRunKey(at: Date, cron: string): string {
  const precision = cron.trim().split(/\s+/).length >= 6 ? 19 : 16;
  return `${at.toISOString().slice(0, precision)}Z`;
}

/**
 * The scheduled backup (BACKUP_SCHEDULE: `daily`, `hourly` or a cron) into BACKUP_DIR, then copied to
 * BACKUP_COPY_DIR, keeping the BACKUP_KEEP newest in each: SQLite's online backup of the file, or
 * pg_dump of the PostgreSQL database (DATABASE_URL). A failed copy fails the run, which the job runner
 * logs and retries: the retry copies the backup already made instead of making another.
 */
@Injectable()
export class BackupScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly database: Database,
    private readonly jobs: JobRunner,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule(BACKUP_JOB, this.config.backups.cron, () => this.runBackup());
  }

  runBackup(now: Date = this.calendar.now()): Promise<JobOutcome<ScheduledBackup>> {
    const { engine } = this.database;
    const { dir, keep, copyDir, cron } = this.config.backups;
    const local = join(dir, backupFileName(now, engine));
    return this.jobs.run(BACKUP_JOB, backupRunKey(now, cron), async () => {
      // A retry after a failed copy finds the backup of this run already made, and copies it.
      const result = existsSync(local) ? null : await backupDatabase(this.database, local, this.config.databaseUrl);
      const pruned = pruneBackups(dir, keep, engine);
      if (result) this.logger.log({ msg: 'Backup written', engine, path: local, bytes: result.bytes, pruned: pruned.length });
      const copy = copyDir ? await this.copy(local, copyDir) : null;
      return { ...(result ?? { engine, path: local, bytes: statSync(local).size }), copy };
    });
  }

  private async copy(local: string, copyDir: string): Promise<string> {
    try {
      const copied = await copyBackup(local, copyDir);
      const pruned = pruneBackups(copyDir, this.config.backups.keep, this.database.engine);
      this.logger.log({ msg: 'Backup copied', path: copied.path, bytes: copied.bytes, pruned: pruned.length });
      return copied.path;
    } catch (e) {
      throw new Error(`The backup ${local} is kept; its copy to ${copyDir} (BACKUP_COPY_DIR) failed: ${(e as Error).message}`, { cause: e });
    }
  }
}
