import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { PdfPrinter, ReportRenderError } from '@app/reports';
import { tempDir } from '../support/temp';

const tmp = tempDir('fdr-printer-');
const printer = new PdfPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', timeoutMs: 4000, concurrency: 2 });
afterAll(async () => {
  await printer.close();
  tmp.cleanup();
});
const job = (body: string) => ({
  html: `<!doctype html><html><body>${body}</body></html>`,
  headerLabel: 'test',
  pageLabel: { page: 'Page', of: 'of' },
  lang: 'en',
});
const ready = '<script>document.body.dataset.chartsReady = "true"</script>';
const text = (pdf: Buffer) => {
  writeFileSync(tmp.path('p.pdf'), pdf);
  return execFileSync('pdftotext', [tmp.path('p.pdf'), '-'], { encoding: 'utf8' });
};

describe('PdfPrinter', () => {
  it('prints A4 with page numbers, keeping the browser warm between prints', async () => {
    const first = await printer.print(job(`<h1>Bonjour</h1>${ready}`));
    const pid = printer.pid;
    const second = await printer.print(job(`<p style="break-after:page">one</p><p>two</p>${ready}`));
    expect(printer.pid).toBe(pid);
    expect(text(first)).toContain('Bonjour');
    expect(text(second)).toMatch(/Page 1 of 2[\s\S]*Page 2 of 2/);
  });

  it('lets the page reach nothing: network, file:// and scripts are all refused', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    printer.blockedRequests.length = 0;
    try {
      const pdf = await printer.print(
        job(`
        <img src="${url}/img.png"><link rel="stylesheet" href="${url}/style.css"><script src="${url}/script.js"></script>
        <iframe src="file:///etc/passwd"></iframe><div style="background:url(${url}/bg.png)">bg</div>
        <script>fetch('${url}/fetch').catch(() => {}); new Image().src = '${url}/beacon';</script>
        <p>isolated</p>${ready}`),
      );
      expect(text(pdf)).toContain('isolated');
      expect(text(pdf)).not.toContain('root:');
      expect(hits).toBe(0);
      expect(printer.blockedRequests.some((u) => u.startsWith(url))).toBe(true);
    } finally {
      server.close();
    }
  });

  it('fails with a clear error when Chromium is killed mid-print, then prints again', async () => {
    await printer.print(job(ready)); // make sure a browser runs
    const pid = printer.pid!;
    const started = Date.now();
    const slow = printer.print(job('<script>const end = Date.now() + 3000; while (Date.now() < end) {} document.body.dataset.chartsReady = "true"</script>'));
    setTimeout(() => process.kill(pid, 'SIGKILL'), 500);
    await expect(slow).rejects.toThrow(ReportRenderError);
    await expect(slow).rejects.toThrow(/Chromium stopped while printing|could not print/);
    expect(Date.now() - started).toBeLessThan(4500);
    const after = await printer.print(job(`<p>back</p>${ready}`));
    expect(text(after)).toContain('back');
    expect(printer.pid).not.toBe(pid);
  });

  it('gives up on a hung page within the timeout, restarts Chromium, and prints again', async () => {
    const started = Date.now();
    await expect(printer.print(job('<script>while (true) {}</script>'))).rejects.toThrow(/did not finish the PDF within 4 s; it was restarted/);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(text(await printer.print(job(`<p>recovered</p>${ready}`)))).toContain('recovered');
  });

  it('says clearly when Chromium cannot start', async () => {
    const broken = new PdfPrinter({ executablePath: '/nonexistent/chromium', timeoutMs: 4000, concurrency: 1 });
    await expect(broken.print(job(ready))).rejects.toThrow(/Chromium could not start \(\/nonexistent\/chromium\)/);
  });
});
