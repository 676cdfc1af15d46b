import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration for each engine after db/schema/define.ts changes:
// `DRIZZLE_DIALECT=postgresql` for PostgreSQL (db/migrations/postgres), SQLite otherwise (db/migrations/sqlite).
const postgres = process.env.DRIZZLE_DIALECT === 'postgresql';

export default defineConfig({
  dialect: postgres ? 'postgresql' : 'sqlite',
  schema: postgres ? './db/schema/postgres.ts' : './db/schema/sqlite.ts',
  out: postgres ? './db/migrations/postgres' : './db/migrations/sqlite',
  strict: true,
  verbose: true,
});
