import { resolve } from 'node:path';
import { z } from 'zod';
import { projectPath } from './paths';

/** Every setting comes from the environment; secrets never have a default in code. */
const envSchema = z.object({
  NODE_ENV: z.string().default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().default('data/feuille-de-route.sqlite'),
  ROADMAP_DATA_PATH: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIMEZONE: z.string().default('Europe/Paris'),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: string;
  port: number;
  host: string;
  /** Absolute path of the SQLite database file. */
  databasePath: string;
  /** Absolute path of the roadmap data file loaded at start-up. */
  roadmapDataPath: string;
  migrationsPath: string;
  logLevel: Env['LOG_LEVEL'];
  /** Time zone in which "today" and end-of-day cut-offs are taken. */
  timezone: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH === ':memory:' ? ':memory:' : resolve(e.DATABASE_PATH),
    roadmapDataPath: e.ROADMAP_DATA_PATH ? resolve(e.ROADMAP_DATA_PATH) : projectPath('db', 'roadmap.yaml'),
    migrationsPath: projectPath('db', 'migrations'),
    logLevel: e.LOG_LEVEL,
    timezone: e.TIMEZONE,
  };
}
