import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@app/config';
import { InitialAdmin } from './auth/initial-admin';
import { createApp } from './bootstrap';
import { flushLogs, logDestination } from './common/log-destination';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = `http://${['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host}:${config.port}`;
  app.get(Logger).log({ msg: 'Feuille de route is listening', url, apiDocs: `${url}/api/docs` }, 'Bootstrap');
  const banner = app.get(InitialAdmin).takeBanner(`${url}/login`);
  // Queued on the log stream itself (as plain text, not a log record), so it comes after every log line
  // written so far: the last thing on the console.
  if (banner) logDestination.write(banner);
}

process.on('exit', flushLogs);

main().catch((e) => {
  // Before the logger exists (bad configuration, unreadable roadmap file), stderr is all there is.
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
