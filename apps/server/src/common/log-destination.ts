import pino from 'pino';

/**
 * Where the JSON logs go: stdout, written asynchronously so that a request never waits
 * for its log line. The buffer is flushed on shutdown; a killed process may lose its last lines
 * (lines still in the write queue — never data).
 */
export const logDestination = pino.destination({ dest: 1, sync: false });

export function flushLogs(): void {
  try {
    logDestination.flushSync();
  } catch {
    /* nothing buffered, or stdout already closed */
  }
}
