import Database from 'better-sqlite3';

/** Reads a test app's database directly (a second connection), to check what was really written. */
export function countRows(dbPath: string, table: string, where = '1=1'): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Row counts of every table that holds recorded data: equal before and after means nothing was written. */
export function recordedState(dbPath: string): Record<string, number> {
  const tables = [
    'measurements',
    'indicator_baselines',
    'milestone_updates',
    'imports',
    'audit_log',
    'users',
    'user_bodies',
    'review_periods',
    'objective_updates',
    'objective_update_events',
    'update_contributions',
  ];
  return Object.fromEntries(tables.map((t) => [t, countRows(dbPath, t)]));
}
