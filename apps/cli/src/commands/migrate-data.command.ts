import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { existsSync } from 'node:fs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CopyMismatch, copySqliteToPostgres, Database, TableCheck } from '@app/persistence';
import { table } from '../text-table';

/** Enough of a SHA-256 to tell two tables apart at a glance. */
const short = (checksum: string) => checksum.slice(0, 16);

function checksTable(checks: TableCheck[]): string {
  return table(
    ['TABLE', 'SQLITE ROWS', 'POSTGRESQL ROWS', 'SQLITE SHA-256', 'POSTGRESQL SHA-256', 'CHECK'],
    checks.map((c) => [c.table, String(c.sourceRows), String(c.targetRows), short(c.sourceChecksum), short(c.targetChecksum), c.matches ? 'ok' : 'MISMATCH']),
  );
}

@Command({
  name: 'migrate-data',
  description:
    'Copy the SQLite database (DATABASE_PATH) into an empty PostgreSQL database, every id kept, and check every table (rows and checksum); stop the server first',
})
export class MigrateDataCommand extends CommandRunner {
  constructor(
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], o: { to?: string }): Promise<void> {
    if (!o.to || !/^postgres(ql)?:\/\//.test(o.to)) throw new Error('--to must be a PostgreSQL URL: postgres://user:password@host:5432/name.');
    const source = await this.source();
    const target = Database.openPostgres(o.to, 2);
    try {
      await target.migrate(this.config.migrationsPath);
      console.log(`Copying ${source.location} into ${target.location}.`);
      let checks: TableCheck[];
      try {
        checks = await copySqliteToPostgres(source, target, (line) => console.log(line));
      } catch (error) {
        if (error instanceof CopyMismatch) console.log(checksTable(error.checks));
        throw error;
      }
      console.log(checksTable(checks));
      const rows = checks.reduce((n, c) => n + c.targetRows, 0);
      console.log(
        `Copied ${rows} rows in ${checks.length} tables into ${target.location}; every table's row count and checksum match. Set DATABASE_URL to this database to run the server on PostgreSQL.`,
      );
    } finally {
      await target.close();
      if (source !== this.database) await source.close();
    }
  }

  /**
   * The SQLite database to copy: the one this process opened, or, when DATABASE_URL is already set,
   * the file DATABASE_PATH names (migrated, so that its tables are the target's).
   */
  private async source(): Promise<Database> {
    if (this.database.engine === 'sqlite') return this.database;
    const path = this.config.databasePath;
    if (!existsSync(path)) throw new Error(`No SQLite database at ${path} (DATABASE_PATH): nothing to copy.`);
    const source = Database.openSqlite(path);
    await source.migrate(this.config.migrationsPath);
    return source;
  }

  @Option({ flags: '-t, --to <url>', description: 'the empty PostgreSQL database to copy into: postgres://user:password@host:5432/name', required: true })
  to(v: string) {
    return v;
  }
}
