import { resolve } from 'node:path';
import { z } from 'zod';
import { projectPath } from './paths';

/** BACKUP_SCHEDULE's words for the usual rhythms: on the hour, or nightly at 02:00 (TIMEZONE). */
const BACKUP_SCHEDULES: Record<string, string> = { hourly: '0 * * * *', daily: '0 2 * * *' };

/**
 * Every setting comes from the environment; secrets never have a default in code. Exported for the
 * check that .env.example and the README's Configuration table list every setting with its default.
 */
export const envSchema = z.object({
  NODE_ENV: z.string().default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().default('data/feuille-de-route.sqlite'),
  /** postgres://user:password@host:5432/name selects PostgreSQL; without it, the SQLite file DATABASE_PATH. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ROADMAP_DATA_PATH: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIMEZONE: z.string().default('Europe/Paris'),
  ADMIN_EMAIL: z.string().email().default('admin@feuille-de-route.local'),
  ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must have at least 12 characters').optional(),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  API_TOKEN_MAX_DAYS: z.coerce.number().int().positive().max(3650).default(365),
  PUBLIC_READ: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  PUBLIC_SITE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  STATUS_ON_TRACK_RATIO: z.coerce.number().gt(0).max(1).default(0.95),
  STATUS_AT_RISK_RATIO: z.coerce.number().gt(0).max(1).default(0.6),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  MAX_IMPORT_ROWS: z.coerce.number().int().positive().default(100_000),
  COOKIE_SECURE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  TRUST_PROXY: z.string().default('false'),
  SECRET_KEY: z.string().min(32, 'SECRET_KEY must have at least 32 characters').optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  REPORT_RENDER_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  REPORT_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(2),
  REPORT_PREWARM: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  SCHEDULER_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  // The daily check that makes each month's body reports once its collection deadline has passed
  // (the quarter's roadmap report is the official one, made when its review is closed).
  REPORT_SCHEDULE_BODIES: z.string().default('30 6 * * *'),
  REPORT_SCHEDULE_FORMAT: z.enum(['pdf', 'html']).default('pdf'),
  REPORT_SCHEDULE_LANG: z.enum(['fr', 'en']).default('fr'),
  BACKUP_DIR: z.string().default('data/backups'),
  BACKUP_SCHEDULE: z
    .string()
    .default('0 2 * * *')
    .transform((v) => BACKUP_SCHEDULES[v] ?? v),
  BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
  JOB_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds, e.g. 60000,300000')
    .default('60000,300000,900000'),
  // The periodic review: its granularity, the collection deadline's day in the month after the period,
  // reminders N days before it; the daily check opens a period due and sends the reminders due.
  REVIEW_GRANULARITY: z.enum(['month', 'quarter', 'half', 'year']).default('quarter'),
  REVIEW_DEADLINE_DAY: z.coerce.number().int().min(1).max(28).default(15),
  REVIEW_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  REVIEW_SCHEDULE: z.string().default('0 7 * * *'),
  REVIEW_DIGEST_SCHEDULE: z.string().default('0 8 * * 1'),
  // Mail: without SMTP_URL, messages stay in the outbox (shown to admins), nothing is lost.
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().max(300).default('Feuille de route <no-reply@feuille-de-route.local>'),
  MAIL_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds, e.g. 60000,300000')
    .default('60000,300000,1800000,7200000'),
  MAIL_POLL_MS: z.coerce.number().int().min(50).default(5000),
  // The address people reach the site at, for links in mails.
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  // Who publishes the site: the header's Marianne block, the footer and the legal pages name them.
  MINISTRY_NAME: z.string().max(200).default('Ministère|chargé|de la santé'),
  PUBLISHER_NAME: z.string().max(300).default('Délégation au numérique en santé (DNS)'),
  PUBLISHER_ADDRESS: z.string().max(300).default('14 avenue Duquesne, 75350 Paris SP 07'),
  PUBLICATION_DIRECTOR: z.string().max(200).optional(),
  HOST_NAME: z.string().max(300).optional(),
  HOST_ADDRESS: z.string().max(300).optional(),
  HOST_CONTACT: z.string().max(300).optional(),
  CONTACT_EMAIL: z.string().email().optional(),
  DPO_CONTACT: z.string().max(300).optional(),
  // Sign-in through ProConnect (OpenID Connect): all four set, or none.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_SCOPES: z.string().default('openid email given_name usual_name'),
  // What a first sign-in through the provider gets when no account has its email: the viewer role,
  // or nothing (an admin must create the account first).
  OIDC_NEW_USER_ROLE: z.enum(['viewer', 'none']).default('viewer'),
  // Local accounts: a second factor (TOTP), mandatory for admins when REQUIRE_MFA is true; a
  // temporary lockout after repeated failed passwords; password reset links by mail.
  REQUIRE_MFA: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOGIN_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  PASSWORD_RESET_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  // Prometheus metrics at /metrics: this bearer token (or an admin's) is required.
  METRICS_TOKEN: z.string().min(32, 'METRICS_TOKEN must have at least 32 characters').optional(),
  // Readiness (/health/ready) fails when a disk holding the database, the archive or the backups has less free space.
  HEALTH_MIN_FREE_MB: z.coerce.number().int().min(0).default(512),
  // A second location each backup is copied to (a mounted share), with the same retention.
  BACKUP_COPY_DIR: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: string;
  port: number;
  host: string;
  /** Absolute path of the SQLite database file (used when databaseUrl is not set). */
  databasePath: string;
  /** The PostgreSQL database, when set: it replaces the SQLite file. */
  databaseUrl?: string;
  databasePoolSize: number;
  /** Absolute path of the roadmap data file loaded at start-up. */
  roadmapDataPath: string;
  migrationsPath: string;
  logLevel: Env['LOG_LEVEL'];
  /** Time zone in which "today" and end-of-day cut-offs are taken. */
  timezone: string;
  /** First administrator, created when the database has no user yet. */
  initialAdmin: { email: string; password?: string };
  auth: {
    tokenTtlHours: number;
    sessionTtlHours: number;
    apiTokenMaxDays: number;
    publicRead: boolean;
    loginAttemptsPerMinute: number;
    /** Failed passwords in a row before an account is locked, and for how long. */
    lockoutAttempts: number;
    lockoutMinutes: number;
    /** TOTP second factor mandatory for admins. */
    requireMfa: boolean;
    passwordResetTtlMinutes: number;
  };
  /** The public view (/public, /api/v1/public): the last published period, for anyone, without sign-in. */
  publicSite: boolean;
  /** ProConnect (OpenID Connect) sign-in; null when not configured. */
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; scopes: string; newUserRole: 'viewer' | 'none' } | null;
  /** Bearer token that may read /metrics (an admin's token may too). */
  metricsToken?: string;
  /** Readiness fails below this free space (MB) on the disks the server writes to. */
  healthMinFreeMb: number;
  status: { onTrack: number; atRisk: number };
  uploads: { maxBytes: number; maxRows: number };
  /** Cookies marked Secure (always, not only when the request itself came over TLS). */
  cookies: { secure: boolean };
  /** Express "trust proxy": how many proxies (or which addresses) may set X-Forwarded-*. */
  trustProxy: boolean | number | string;
  /** Signs CSRF tokens; when unset, a key drawn once and kept in the database (shared by every instance). */
  secretKey?: string;
  reports: { chromiumPath: string; renderTimeoutMs: number; concurrency: number; prewarm: boolean };
  scheduler: {
    enabled: boolean;
    /** When the daily check for body reports due runs. */
    bodiesCron: string;
    format: 'pdf' | 'html';
    lang: 'fr' | 'en';
    /** Wait before each retry of a failed run; its length is the number of retries. */
    retryDelaysMs: number[];
  };
  backups: { dir: string; cron: string; keep: number; copyDir?: string };
  review: {
    granularity: 'month' | 'quarter' | 'half' | 'year';
    deadlineDay: number;
    reminderDaysBefore: number;
    cron: string;
    digestCron: string;
  };
  mail: {
    /** Unset: mails are kept in the outbox, not sent. */
    smtpUrl?: string;
    from: string;
    /** Wait before each new attempt of a failed delivery; its length is the number of retries. */
    retryDelaysMs: number[];
    pollMs: number;
  };
  publicUrl: string;
  /**
   * The publisher as the pages name it. `ministry` is the Marianne block's lines (MINISTRY_NAME
   * separated by "|"); what is unset is shown as "to be completed by the deploying team".
   */
  publisher: {
    ministry: string[];
    name: string;
    address: string;
    director?: string;
    host?: { name?: string; address?: string; contact?: string };
    contactEmail?: string;
    dpoContact?: string;
  };
}

export class ConfigError extends Error {}

const OIDC_SETTINGS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/** ProConnect is on when its four settings are given; some without the others is a mistake worth stopping for. */
function oidcConfig(e: Env): AppConfig['oidc'] {
  const missing = OIDC_SETTINGS.filter((k) => e[k] === undefined);
  if (missing.length === OIDC_SETTINGS.length) return null;
  if (missing.length > 0) throw new ConfigError(`Invalid configuration: OpenID Connect sign-in also needs ${missing.join(', ')}`);
  return {
    issuer: e.OIDC_ISSUER!,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    redirectUri: e.OIDC_REDIRECT_URI!,
    scopes: e.OIDC_SCOPES,
    newUserRole: e.OIDC_NEW_USER_ROLE,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (ADMIN_PASSWORD=) means "not set", as in most deployment tools.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  if (e.STATUS_AT_RISK_RATIO >= e.STATUS_ON_TRACK_RATIO) {
    throw new ConfigError('Invalid configuration: STATUS_AT_RISK_RATIO must be below STATUS_ON_TRACK_RATIO');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH === ':memory:' ? ':memory:' : resolve(e.DATABASE_PATH),
    roadmapDataPath: e.ROADMAP_DATA_PATH ? resolve(e.ROADMAP_DATA_PATH) : projectPath('db', 'roadmap.yaml'),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    migrationsPath: projectPath('db', 'migrations'),
    logLevel: e.LOG_LEVEL,
    timezone: e.TIMEZONE,
    initialAdmin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    auth: {
      tokenTtlHours: e.TOKEN_TTL_HOURS,
      sessionTtlHours: e.SESSION_TTL_HOURS,
      apiTokenMaxDays: e.API_TOKEN_MAX_DAYS,
      publicRead: e.PUBLIC_READ,
      loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
      lockoutAttempts: e.LOGIN_LOCKOUT_ATTEMPTS,
      lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
      requireMfa: e.REQUIRE_MFA,
      passwordResetTtlMinutes: e.PASSWORD_RESET_TTL_MINUTES,
    },
    publicSite: e.PUBLIC_SITE,
    oidc: oidcConfig(e),
    metricsToken: e.METRICS_TOKEN,
    healthMinFreeMb: e.HEALTH_MIN_FREE_MB,
    status: { onTrack: e.STATUS_ON_TRACK_RATIO, atRisk: e.STATUS_AT_RISK_RATIO },
    uploads: { maxBytes: e.MAX_UPLOAD_BYTES, maxRows: e.MAX_IMPORT_ROWS },
    cookies: { secure: e.COOKIE_SECURE },
    trustProxy: e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    secretKey: e.SECRET_KEY,
    reports: { chromiumPath: e.CHROMIUM_PATH, renderTimeoutMs: e.REPORT_RENDER_TIMEOUT_MS, concurrency: e.REPORT_CONCURRENCY, prewarm: e.REPORT_PREWARM },
    scheduler: {
      enabled: e.SCHEDULER_ENABLED,
      bodiesCron: e.REPORT_SCHEDULE_BODIES,
      format: e.REPORT_SCHEDULE_FORMAT,
      lang: e.REPORT_SCHEDULE_LANG,
      retryDelaysMs: e.JOB_RETRY_DELAYS_MS.split(',').map(Number),
    },
    backups: { dir: resolve(e.BACKUP_DIR), cron: e.BACKUP_SCHEDULE, keep: e.BACKUP_KEEP, copyDir: e.BACKUP_COPY_DIR ? resolve(e.BACKUP_COPY_DIR) : undefined },
    review: {
      granularity: e.REVIEW_GRANULARITY,
      deadlineDay: e.REVIEW_DEADLINE_DAY,
      reminderDaysBefore: e.REVIEW_REMINDER_DAYS,
      cron: e.REVIEW_SCHEDULE,
      digestCron: e.REVIEW_DIGEST_SCHEDULE,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, retryDelaysMs: e.MAIL_RETRY_DELAYS_MS.split(',').map(Number), pollMs: e.MAIL_POLL_MS },
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    publisher: {
      ministry: e.MINISTRY_NAME.split('|')
        .map((line) => line.trim())
        .filter(Boolean),
      name: e.PUBLISHER_NAME,
      address: e.PUBLISHER_ADDRESS,
      director: e.PUBLICATION_DIRECTOR,
      host: { name: e.HOST_NAME, address: e.HOST_ADDRESS, contact: e.HOST_CONTACT },
      contactEmail: e.CONTACT_EMAIL,
      dpoContact: e.DPO_CONTACT,
    },
  };
}
