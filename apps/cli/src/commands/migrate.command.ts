import { count } from 'drizzle-orm';
import { integer as pgInteger, PgTable, pgSchema } from 'drizzle-orm/pg-core';
import { integer as sqliteInteger, sqliteTable } from 'drizzle-orm/sqlite-core';
import { Command, CommandRunner } from 'nest-commander';
import { Database, Engine } from '@app/persistence';

/** Where drizzle records the migrations it applied: a table of its own, in its own schema on PostgreSQL. */
const appliedMigrations: Record<Engine, PgTable> = {
  sqlite: sqliteTable('__drizzle_migrations', { id: sqliteInteger('id') }) as unknown as PgTable,
  postgres: pgSchema('drizzle').table('__drizzle_migrations', { id: pgInteger('id') }),
};

/** Migrations run when the database opens; this command opens it and says where it stands. */
@Command({ name: 'migrate', description: 'Apply pending database migrations (db/migrations) to DATABASE_URL, or else DATABASE_PATH' })
export class MigrateCommand extends CommandRunner {
  constructor(private readonly database: Database) {
    super();
  }

  async run(): Promise<void> {
    const [{ applied }] = await this.database.db.select({ applied: count() }).from(appliedMigrations[this.database.engine]);
    console.log(`${this.database.location}: ${applied} migration(s) applied, schema up to date.`);
  }
}
