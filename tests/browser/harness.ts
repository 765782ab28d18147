import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { TestApp } from '../support/start-test-app.ts';

// Shared by the browser tests: they drive the built dashboard (web/dist/client, served by
// the real server) in Debian's Chromium. Never downloads a browser: playwright-core only
// talks to the one installed.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const BUILT_DASHBOARD = fileURLToPath(new URL('../../web/dist/client/index.html', import.meta.url));

/** Retries `read` until its value passes the assertion that follows. */
export function eventually<T>(read: () => Promise<T> | T, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** Checks the dashboard is built and Chromium is there, then starts it headless. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(BUILT_DASHBOARD)) {
    throw new Error(`The dashboard is not built (${BUILT_DASHBOARD} is missing). Run: npm run build -w @earshot/web`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Every JavaScript dialog's message (each is dismissed): there should be none. */
  dialogs: string[];
  pageErrors: string[];
  /** Everything the Content-Security-Policy blocked: there should be nothing. */
  cspViolations: string[];
}

/** A fresh browser profile (no cookies), with every JavaScript dialog recorded and dismissed. */
export async function openPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const cspViolations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (message) => {
    if (/CSP violation|Content Security Policy/.test(message.text())) cspViolations.push(message.text());
  });
  return { page, context, dialogs, pageErrors, cspViolations };
}

export interface BrowserSession {
  /** A fresh browser profile, as `openPage` gives, closed after the test that opened it. */
  openPage(viewport?: { width: number; height: number }): Promise<OpenedPage>;
}

/**
 * The browser of a test file (or of the describe block it is called in): Chromium launched before
 * its tests, every page a test opens closed after that test, Chromium closed after them all. The
 * file starts and stops its own app.
 */
export function useBrowser(): BrowserSession {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 120_000);
  afterEach(async () => {
    while (contexts.length > 0) await contexts.pop()?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async openPage(viewport) {
      if (browser === undefined) throw new Error('Chromium is not launched: call useBrowser() where vitest collects hooks and open pages inside a test.');
      const opened = await openPage(browser, viewport);
      contexts.push(opened.context);
      return opened;
    },
  };
}

/** Opens `path` and signs in there, as the admin unless another user is given. */
export async function signIn(
  page: Page,
  app: TestApp,
  path = '/',
  user = { email: app.adminEmail, password: app.adminPassword },
): Promise<void> {
  await page.goto(new URL(path, app.url).href);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await eventually(() => page.getByTestId('signed-in-user').textContent()).toContain(user.email);
}
