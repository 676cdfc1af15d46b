import { Inject, Injectable, Logger } from '@nestjs/common';
import { count, isNull } from 'drizzle-orm';
import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MessageParams } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Database } from '@app/persistence';

/** One check's outcome; a failed or skipped one says why with a catalogue code (put into words by the controller). */
export interface CheckResult {
  status: 'ok' | 'failed' | 'skipped';
  code?: string;
  params?: MessageParams;
  /** Figures shown as they are (free space, the engine). */
  details?: Record<string, string | number>;
  /** For the log only, never in the public answer: paths, the database's error. */
  logDetail?: Record<string, string>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

/** A database that takes longer than this to answer a one-row count is not ready. */
const DATABASE_TIMEOUT_MS = 2000;
const MB = 1024 * 1024;

/**
 * Whether this instance can do its work (GET /health/ready): the database answers a real query; the
 * disks of the SQLite database (which also holds the report archive: reports are stored in the
 * database), of BACKUP_DIR and of BACKUP_COPY_DIR keep HEALTH_MIN_FREE_MB free; Chromium is at
 * CHROMIUM_PATH and executable (checked on disk: no browser is started per probe). Each check is a
 * query or a system call, so probing every few seconds costs nothing noticeable. A check that starts
 * failing is logged once, with the details the public answer leaves out, and once when it recovers.
 */
@Injectable()
export class ReadinessChecks {
  private readonly logger = new Logger('Readiness');
  private failing = new Set<string>();

  constructor(
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<Readiness> {
    const { databasePath, backups } = this.config;
    const sqliteFile = this.database.engine === 'sqlite' && databasePath !== ':memory:';
    const named: [string, Promise<CheckResult>][] = [
      ['database', this.databaseAnswers()],
      ['databaseDisk', sqliteFile ? this.diskSpace(dirname(databasePath), 'nearest') : skipped('health.disk_not_here')],
      ['backupDisk', this.diskSpace(backups.dir, 'nearest')],
      ...(backups.copyDir ? [['backupCopyDisk', this.diskSpace(backups.copyDir, 'exact')] as [string, Promise<CheckResult>]] : []),
      ['chromium', this.chromium()],
    ];
    const checks = Object.fromEntries(await Promise.all(named.map(async ([name, result]) => [name, await result] as const)));
    this.logChanges(checks);
    return { ready: Object.values(checks).every((c) => c.status !== 'failed'), checks };
  }

  private async databaseAnswers(): Promise<CheckResult> {
    const { db, t, engine } = this.database;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DATABASE_TIMEOUT_MS)));
    try {
      const answer = await Promise.race([db.select({ objectives: count() }).from(t.objectives).where(isNull(t.objectives.retiredAt)), timeout]);
      if (answer === 'timeout')
        return { status: 'failed', code: 'health.database_timeout', params: { seconds: DATABASE_TIMEOUT_MS / 1000 }, details: { engine } };
      return { status: 'ok', details: { engine } };
    } catch (e) {
      return { status: 'failed', code: 'health.database_failed', details: { engine }, logDetail: { error: (e as Error).message } };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Free space for an unprivileged process on the disk holding `path`. A folder made on first use
   * (BACKUP_DIR) is looked for up its parents ('nearest'); a mounted share (BACKUP_COPY_DIR) must be there ('exact').
   */
  private async diskSpace(path: string, find: 'nearest' | 'exact'): Promise<CheckResult> {
    const minFreeMb = this.config.healthMinFreeMb;
    const folder = find === 'nearest' ? await nearestExisting(path) : (await exists(path)) ? path : null;
    if (!folder) return { status: 'failed', code: 'health.folder_missing', logDetail: { path } };
    try {
      const fs = await statfs(folder);
      const freeMb = Math.floor((fs.bavail * fs.bsize) / MB);
      const details = { freeMb, minFreeMb };
      if (freeMb < minFreeMb) return { status: 'failed', code: 'health.disk_low', params: details, details, logDetail: { path: folder } };
      return { status: 'ok', details };
    } catch (e) {
      return { status: 'failed', code: 'health.disk_unreadable', logDetail: { path: folder, error: (e as Error).message } };
    }
  }

  private async chromium(): Promise<CheckResult> {
    const path = this.config.reports.chromiumPath;
    const file = await stat(path).catch(() => null);
    if (!file?.isFile()) return { status: 'failed', code: 'health.chromium_missing', logDetail: { path } };
    try {
      await access(path, constants.X_OK);
      return { status: 'ok' };
    } catch {
      return { status: 'failed', code: 'health.chromium_not_executable', logDetail: { path } };
    }
  }

  private logChanges(checks: Record<string, CheckResult>): void {
    const failing = new Set(Object.keys(checks).filter((name) => checks[name].status === 'failed'));
    for (const name of failing) {
      const c = checks[name];
      if (!this.failing.has(name)) this.logger.warn({ msg: 'Readiness check failed', check: name, code: c.code, ...c.details, ...c.logDetail });
    }
    for (const name of this.failing) if (!failing.has(name)) this.logger.log({ msg: 'Readiness check recovered', check: name });
    this.failing = failing;
  }
}

function skipped(code: string): Promise<CheckResult> {
  return Promise.resolve({ status: 'skipped', code });
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/** `path`, or the nearest of its parents that exists (where the folder will be made). */
async function nearestExisting(path: string): Promise<string | null> {
  for (let dir = path; ; dir = dirname(dir)) {
    if (await exists(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}
