import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { FixedClock } from '@app/common';
import { AppConfig, loadConfig } from '@app/config';
import { createApp } from '../../apps/server/src/bootstrap';
import { createTestDatabase, TestDatabase } from './db';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  config: AppConfig;
  clock: FixedClock;
  /** The app's database, on the run's engine: direct reads (countRows, recordedState), and another app or process on the same data. */
  database: TestDatabase;
  /** The SQLite file, for tests about the file itself (SQLite run only: throws on PostgreSQL). */
  dbPath: string;
  /** A bearer token for these credentials (the admin by default). */
  login: (email?: string, password?: string) => Promise<string>;
  /** Creates a user through the admin API and returns a bearer token for them. */
  userToken: (role: 'admin' | 'validator' | 'editor' | 'viewer', bodies?: string[]) => Promise<string>;
  /** Closes the app, and drops its database unless it was given one. */
  close: () => Promise<void>;
}

let userCounter = 0;

/**
 * The real application on a fresh database of the run's engine (a temporary SQLite file, or a
 * PostgreSQL database copied from the run's migrated template), or on `database` to start again on
 * the same data, with a clock the test controls (by default 2025-06-15 10:00 UTC, mid-roadmap).
 */
export async function startTestApp(options: { env?: Record<string, string>; now?: string; database?: TestDatabase } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const ownDatabase = !options.database;
  const config = loadConfig({
    ...database.env,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    SCHEDULER_ENABLED: 'false',
    REPORT_PREWARM: 'false',
    ...options.env,
  });
  const clock = new FixedClock(new Date(options.now ?? '2025-06-15T10:00:00.000Z'));
  let app: NestFastifyApplication;
  try {
    app = await createApp(config, { clock });
    await app.init();
    await app.getHttpAdapter().getInstance().ready(); // Fastify answers once its plugins are loaded
  } catch (error) {
    if (ownDatabase) await database.drop();
    throw error;
  }
  const http = app.getHttpServer();
  const login = async (email = ADMIN.email, password = ADMIN.password) => {
    const res = await request(http).post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };
  const userToken = async (role: 'admin' | 'validator' | 'editor' | 'viewer', bodies: string[] = []) => {
    const adminToken = await login(); // a fresh one: the test may have moved the clock past a token's expiry
    const email = `${role}${++userCounter}@test.local`;
    const password = `${role}-password-${userCounter}-xyz`;
    const res = await request(http)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ email, name: `${role} ${userCounter}`, password, role, bodies });
    if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return login(email, password);
  };
  return {
    app,
    http,
    config,
    clock,
    database,
    get dbPath(): string {
      if (!database.path) throw new Error('dbPath is the SQLite file: this test runs on PostgreSQL (use t.database).');
      return database.path;
    },
    login,
    userToken,
    close: async () => {
      await app.close();
      if (ownDatabase) await database.drop();
    },
  };
}
