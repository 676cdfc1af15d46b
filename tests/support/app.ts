import type { INestApplication } from '@nestjs/common';
import { AppConfig, loadConfig } from '@app/config';
import { createApp } from '../../apps/server/src/bootstrap';
import { tempDir } from './temp';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  config: AppConfig;
  close: () => Promise<void>;
}

/** The real application on its own temporary SQLite file. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const tmp = tempDir('fdr-app-');
  const config = loadConfig({ DATABASE_PATH: tmp.path('test.sqlite'), LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const app = await createApp(config);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    config,
    close: async () => {
      await app.close();
      tmp.cleanup();
    },
  };
}
