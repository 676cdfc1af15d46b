import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { FixedClock } from '@app/common';
import { AppConfig, loadConfig } from '@app/config';
import { createApp } from '../../apps/server/src/bootstrap';
import { tempDir } from './temp';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  config: AppConfig;
  clock: FixedClock;
  dbPath: string;
  /** A bearer token for these credentials (the admin by default). */
  login: (email?: string, password?: string) => Promise<string>;
  /** Creates a user through the admin API and returns a bearer token for them. */
  userToken: (role: 'admin' | 'validator' | 'editor' | 'viewer', bodies?: string[]) => Promise<string>;
  close: () => Promise<void>;
}

let userCounter = 0;

/**
 * The real application on its own temporary SQLite file, with a clock the test controls
 * (by default 2025-06-15 10:00 UTC, mid-roadmap).
 */
export async function startTestApp(options: { env?: Record<string, string>; now?: string } = {}): Promise<TestApp> {
  const tmp = tempDir('fdr-app-');
  const dbPath = tmp.path('test.sqlite');
  const config = loadConfig({
    DATABASE_PATH: dbPath,
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
  const app = await createApp(config, { clock });
  await app.init();
  await app.getHttpAdapter().getInstance().ready(); // Fastify answers once its plugins are loaded
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
    dbPath,
    login,
    userToken,
    close: async () => {
      await app.close();
      tmp.cleanup();
    },
  };
}
