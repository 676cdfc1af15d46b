import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { backupDatabase, backupFileName, BackupResult, pruneBackups, SQLITE } from '@app/persistence';
import { JobOutcome, JobRunner } from './job-runner';

/** The daily backup (BACKUP_SCHEDULE) into BACKUP_DIR, keeping the BACKUP_KEEP newest. */
@Injectable()
export class BackupScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Backups');

  constructor(
    @Inject(SQLITE) private readonly sqlite: Database.Database,
    private readonly jobs: JobRunner,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule('daily-backup', this.config.backups.cron, () => this.runDailyBackup());
  }

  runDailyBackup(now: Date = this.calendar.now()): Promise<JobOutcome<BackupResult>> {
    return this.jobs.run('daily-backup', this.calendar.dateOf(now), async () => {
      const result = await backupDatabase(this.sqlite, join(this.config.backups.dir, backupFileName(now)));
      const pruned = pruneBackups(this.config.backups.dir, this.config.backups.keep);
      this.logger.log({ msg: 'Backup written', path: result.path, bytes: result.bytes, pruned: pruned.length });
      return result;
    });
  }
}
