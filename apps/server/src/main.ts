import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@app/config';
import { createApp } from './bootstrap';
import { flushLogs } from './common/log-destination';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  app.get(Logger).log({ msg: 'Feuille de route is listening', port: config.port, apiDocs: '/api/docs' }, 'Bootstrap');
}

process.on('exit', flushLogs);

main().catch((e) => {
  // Before the logger exists (bad configuration, unreadable roadmap file), stderr is all there is.
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
