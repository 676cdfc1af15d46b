import { LoggerService } from '@nestjs/common';

/**
 * NestJS's own start-up chatter: a line per module initialised and per route mapped (~90 lines).
 * It goes to debug level, so that at info the start-up shows a few lines and the first
 * administrator's banner is not scrolled away. LOG_LEVEL=debug shows it again.
 */
const ROUTINE_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Wraps the application logger: NestJS's routine start-up messages are logged at debug instead of info. */
export class StartupQuietLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && ROUTINE_CONTEXTS.has(context)) this.debug(message, ...rest);
    else this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}
