import { Logger } from '@nestjs/common';
import type { Browser, BrowserServer } from 'playwright-core';
import { DomainError, MessageParams } from '@app/common';

export interface PdfPrinterOptions {
  executablePath: string;
  /** A render that takes longer is abandoned and Chromium restarted. */
  timeoutMs: number;
  /** Renders at the same time on the warm browser. */
  concurrency: number;
}

export interface PrintJob {
  html: string;
  /** Shown in the page header. */
  headerLabel: string;
  pageLabel: { page: string; of: string };
  lang: string;
}

/**
 * Chromium failed to print (503 at the edge): the reader gets the code's sentence; the message keeps
 * the technical detail, for logs and the jobs table.
 */
export class ReportRenderError extends DomainError {
  constructor(detail: string, code = 'report.printer_failed', params: MessageParams = {}) {
    super('unavailable', code, params);
    this.message = detail;
  }
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
];
const LAUNCH_TIMEOUT_MS = 30_000;
/** How long Chromium gets to close when the server stops, before it is killed: a stop never hangs on it. */
const CLOSE_TIMEOUT_MS = 5_000;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Prints HTML to A4 PDF with Debian's Chromium through playwright-core. The browser is launched
 * once and kept warm; each print gets a fresh, offline context whose every request is aborted, so the
 * page can reach nothing but its own inlined content (no network, no file://). A crashed or hung
 * Chromium fails the print with a clear error within timeoutMs, is killed, and the next print starts
 * a new one: the server itself is never taken down.
 */
export class PdfPrinter {
  private readonly logger = new Logger('PdfPrinter');
  private server?: BrowserServer;
  private browser?: Browser;
  private starting?: Promise<Browser>;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Requests the printed pages attempted (all refused): for the logs and the tests. */
  readonly blockedRequests: string[] = [];

  constructor(private readonly options: PdfPrinterOptions) {}

  /** Prints in progress. */
  get printing(): number {
    return this.running;
  }

  /** The Chromium process id while one is running (tests kill it to check recovery). */
  get pid(): number | undefined {
    return this.server?.process().pid;
  }

  async print(job: PrintJob): Promise<Buffer> {
    await this.acquire();
    try {
      // Starting Chromium has its own bound (LAUNCH_TIMEOUT_MS); the render timeout is for the page.
      await this.ensureBrowser();
      return await this.withTimeout(this.render(job));
    } finally {
      this.release();
    }
  }

  /** Closes Chromium, or kills it if it has not closed in CLOSE_TIMEOUT_MS (a stuck browser must not hold a stopping server). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.browser = undefined;
    this.starting = undefined;
    if (!server) return;
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      server.close().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!closed) await server.kill().catch(() => undefined);
  }

  private async render(job: PrintJob, retryOnDeadBrowser = true): Promise<Buffer> {
    const browser = await this.ensureBrowser();
    let context;
    try {
      context = await browser.newContext({
        offline: true,
        javaScriptEnabled: true,
        locale: job.lang === 'en' ? 'en-GB' : 'fr-FR',
        viewport: { width: 1000, height: 1400 },
      });
    } catch (e) {
      // The browser died between two prints and the disconnection was not seen yet: start a new one.
      this.kill();
      if (retryOnDeadBrowser) return this.render(job, false);
      throw new ReportRenderError(`Chromium could not open a page: ${(e as Error).message.split('\n')[0]}`);
    }
    try {
      await context.route('**/*', (route) => {
        this.blockedRequests.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      await page.setContent(job.html, { waitUntil: 'load', timeout: this.options.timeoutMs });
      await page.waitForFunction(() => document.body.dataset.chartsReady === 'true', undefined, {
        timeout: this.options.timeoutMs,
      });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: `<div style="font-size:7.5px;color:#666;width:100%;padding:0 13mm;font-family:Arial,sans-serif">${esc(job.headerLabel)}</div>`,
        footerTemplate: `<div style="font-size:8px;color:#666;width:100%;text-align:center;font-family:Arial,sans-serif">${esc(job.pageLabel.page)} <span class="pageNumber"></span> ${esc(job.pageLabel.of)} <span class="totalPages"></span></div>`,
      });
    } catch (e) {
      if (!browser.isConnected() || /closed|crash|disconnected/i.test((e as Error).message)) {
        this.kill();
        throw new ReportRenderError('Chromium stopped while printing the report; it is restarted for the next one. Try again.');
      }
      throw e instanceof ReportRenderError ? e : new ReportRenderError(`Chromium could not print the report: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      await context?.close().catch(() => undefined);
    }
  }

  private withTimeout(work: Promise<Buffer>): Promise<Buffer> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.logger.error({ msg: 'PDF render timed out: killing Chromium', timeoutMs: this.options.timeoutMs });
        this.kill();
        reject(
          new ReportRenderError(
            `Chromium did not finish the PDF within ${this.options.timeoutMs / 1000} s; it was restarted. Try again.`,
            'report.printer_timeout',
            {
              seconds: this.options.timeoutMs / 1000,
            },
          ),
        );
      }, this.options.timeoutMs);
    });
    work.catch(() => undefined); // the loser of the race must not become an unhandled rejection
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private kill(): void {
    const server = this.server;
    this.server = undefined;
    this.browser = undefined;
    this.starting = undefined;
    server?.kill().catch(() => undefined);
  }

  private ensureBrowser(): Promise<Browser> {
    const process = this.server?.process();
    const alive = process && process.exitCode === null && process.signalCode === null;
    if (this.browser?.isConnected() && alive) return Promise.resolve(this.browser);
    if (!this.starting) {
      this.starting = this.launch();
      this.starting.catch(() => (this.starting = undefined));
    }
    return this.starting;
  }

  private async launch(): Promise<Browser> {
    if (this.server) this.kill();
    // playwright-core is loaded with the first print: it weighs ~70 MB of memory.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    const started = Date.now();
    let server: BrowserServer;
    try {
      server = await chromium.launchServer({ executablePath: this.options.executablePath, args: ARGS, headless: true, timeout: LAUNCH_TIMEOUT_MS });
    } catch (e) {
      throw new ReportRenderError(
        `Chromium could not start (${this.options.executablePath}): ${(e as Error).message.split('\n')[0]}`,
        'report.printer_unavailable',
      );
    }
    const browser = await chromium.connect(server.wsEndpoint());
    this.server = server;
    this.browser = browser;
    browser.on('disconnected', () => {
      if (this.browser === browser) {
        this.logger.warn({ msg: 'Chromium disconnected; it is restarted on the next print' });
        this.browser = undefined;
        this.starting = undefined;
      }
    });
    this.logger.log({ msg: 'Chromium started', pid: server.process().pid, ms: Date.now() - started });
    return browser;
  }

  private async acquire(): Promise<void> {
    if (this.running < this.options.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
