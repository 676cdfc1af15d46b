import { Browser, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestApp } from './app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * Starts the test app on a free port and gives its base URL. Fastify reports IPv6 `[::1]` at times;
 * Chromium here reaches the app on 127.0.0.1, where it listens.
 */
export async function serve(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
}

export interface SignInOptions {
  /** Viewport size; 1280×900 unless told. */
  width?: number;
  height?: number;
  /** fr-FR unless told. */
  locale?: string;
  acceptDownloads?: boolean;
  colorScheme?: BrowserContextOptions['colorScheme'];
  /** A path the sign-in must land on (e.g. '/'), waited for instead of the mere page load. */
  landsOn?: string;
}

/**
 * Signs in through the sign-in form (`#email`, `#password`, « Se connecter ») in a new browser context
 * and gives its page once the next page has loaded (close it with `page.context().close()`).
 */
export async function signIn(browser: Browser, url: string, email: string, password: string, options: SignInOptions = {}): Promise<Page> {
  const { width = 1280, height = 900, locale = 'fr-FR', acceptDownloads, colorScheme, landsOn } = options;
  const context = await browser.newContext({
    viewport: { width, height },
    locale,
    ...(acceptDownloads !== undefined && { acceptDownloads }),
    ...(colorScheme !== undefined && { colorScheme }),
  });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  if (landsOn !== undefined) await page.waitForURL(`${url}${landsOn}`);
  else await page.waitForLoadState('load');
  return page;
}

/** axe-core's serious and critical violations on the current page (WCAG 2.1 A/AA rules). */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP does not stop it.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
