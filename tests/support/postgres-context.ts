/** What the PostgreSQL run's globalSetup (postgres-cluster.ts) gives the test files, through vitest's provide/inject. */
export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>, without a database name. */
  url: string;
  /** The database migrated once, that each test database is copied from. */
  template: string;
}

export const POSTGRES_TEMPLATE = 'fdr_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres?: PostgresCluster;
  }
}
