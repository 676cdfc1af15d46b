import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses. */
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:PORT` for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Every DATA the server was given, accepted or refused. */
  attempts: number;
  /** While set, each message is refused with this SMTP reply (code and text), e.g. `451 try later`. */
  refuseWith: string | null;
  /** Resolves once `n` messages were accepted; rejects after `timeoutMs`. */
  waitFor: (n: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
  /** Resolves once `n` attempts (accepted or refused) were made. */
  waitForAttempts: (n: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

/** A real SMTP server (the `smtp-server` package) on a free local port, keeping what it accepts, parsed. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    url: '',
    received: [],
    attempts: 0,
    refuseWith: null,
    waitFor: (n, timeoutMs = 10_000) =>
      until(() => state.received.length >= n, timeoutMs, `${n} mail(s) received (got ${state.received.length})`).then(() => state.received),
    waitForAttempts: (n, timeoutMs = 10_000) => until(() => state.attempts >= n, timeoutMs, `${n} attempt(s) (got ${state.attempts})`),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.attempts++;
        if (state.refuseWith) {
          const [code, ...text] = state.refuseWith.split(' ');
          return callback(Object.assign(new Error(text.join(' ')), { responseCode: Number(code) }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            state.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
            callback();
          })
          .catch((e: Error) => callback(e));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}

/** Polls `condition` every 20 ms. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Lets a few worker polls go by (to show that nothing more happens). */
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
