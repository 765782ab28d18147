import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrand, type NewMention } from '@earshot/db';
import { buildMention } from '@earshot/db/testing';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, launchBrowser, openPage, signIn } from './harness.ts';

// The dashboard's router: a deep link survives signing in, back and forward step through
// screens and inbox views, old addresses still lead where they did, unknown ones say "not
// found" inside the dashboard's frame, and the inbox header has one Open control.

const HOUR = 3_600_000;
let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let brandId: string;

async function open(viewport?: { width: number; height: number }): Promise<Page> {
  const opened = await openPage(browser, viewport);
  contexts.push(opened.context);
  return opened.page;
}

const path = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

beforeAll(async () => {
  app = await startTestApp({ roles: ['web'], demo: 'off' });
  brandId = (await ensureBrand(app.db, 'Acme')).id;
  const now = Date.now();
  const seed: NewMention[] = [];
  for (let i = 0; i < 6; i++) {
    seed.push(buildMention(brandId, { text: `Acme mention ${i}: where is my parcel`, author_handle: `shopper${i}`, sla_due_at: new Date(now + (i + 1) * HOUR) }));
  }
  await app.db.insertInto('mentions').values(seed).execute();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

describe('navigation', () => {
  it('signs in at a deep link and shows that screen, then steps back and forward', async () => {
    const page = await open();
    await signIn(page, app, '/settings');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(path(page)).toBe('/settings');
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');

    await page.getByTestId('nav-streams').click();
    await eventually(() => path(page)).toBe('/streams');
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('inbox-row').first().waitFor();
    await page.getByTestId('status-filter').getByText('Closed').click();
    await eventually(() => path(page)).toBe('/?status=closed');

    await page.goBack();
    await eventually(() => path(page)).toBe('/');
    await page.getByTestId('inbox-row').first().waitFor();
    await page.goBack();
    await eventually(() => path(page)).toBe('/streams');
    expect(await page.getByTestId('nav-streams').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('inbox').count()).toBe(0);
    await page.goBack();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.goForward();
    await eventually(() => path(page)).toBe('/streams');
    await page.goForward();
    await page.getByTestId('inbox-row').first().waitFor();
    expect(path(page)).toBe('/');
  });

  it('leads old addresses where they led, and says "not found" for the rest', async () => {
    const page = await open();
    // Notifications link to "/inbox?…": the inbox, with the filters kept.
    await signIn(page, app, `/inbox?status=open&brandId=${brandId}`);
    await page.getByTestId('inbox-row').first().waitFor();
    await eventually(() => path(page)).toBe(`/?status=open&brandId=${brandId}`);
    // A mention's address opens it over its list; closing it keeps the filters.
    const id = (await page.getByTestId('inbox-row').first().getAttribute('data-mention-id'))!;
    await page.goto(new URL(`/mentions/${id}?status=open&priority=2`, app.url).href);
    await page.getByTestId('mention-detail').waitFor();
    await page.getByTestId('close-mention').click();
    await eventually(() => path(page)).toBe('/?status=open&priority=2');

    for (const bad of ['/inboxes/nowhere', '/mentions/not-an-id', '/streams/123', '/settings/extra']) {
      await page.goto(new URL(bad, app.url).href);
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByTestId('not-found').textContent()).toContain(bad);
      // Inside the dashboard's frame: the navigation is there to leave by.
      expect(await page.getByTestId('nav-inbox').count()).toBe(1);
      expect(await page.getByTestId('inbox').count()).toBe(0);
    }
  });

  it('has one Open control in the inbox header, with the counts beside the views', async () => {
    const page = await open();
    await signIn(page, app, '/');
    await page.getByTestId('inbox-row').first().waitFor();
    const header = page.getByTestId('inbox-header');
    await eventually(() => page.getByTestId('count-open').textContent()).toBe('6');
    expect(await header.getByRole('button', { name: /^Open/ }).count()).toBe(1);
    expect(await header.getByRole('radio', { name: 'Open' }).count()).toBe(0);
    // From another status the Open tab goes back to the open mentions, counts still shown.
    await page.getByTestId('status-filter').getByText('All').click();
    await eventually(() => path(page)).toBe('/?status=all');
    expect(await page.getByTestId('view-open').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('count-open').textContent()).toBe('6');
    await page.getByTestId('view-open').click();
    await eventually(() => path(page)).toBe('/?status=open');
    expect(await page.getByTestId('view-open').getAttribute('aria-pressed')).toBe('true');
  });

  it('looks right on a desktop and on a phone: inbox, not found, settings', async () => {
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await open(viewport);
      await signIn(page, app, '/');
      await page.getByTestId('inbox-row').first().waitFor();
      await eventually(() => page.getByTestId('count-open').textContent()).toBe('6');
      await page.screenshot({ path: `${ARTIFACTS}navigation-${name}-inbox.png` });
      await page.goto(new URL('/no/such/page', app.url).href);
      await page.getByTestId('not-found').waitFor();
      await page.screenshot({ path: `${ARTIFACTS}navigation-${name}-not-found.png` });
      await page.goto(new URL('/settings', app.url).href);
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await page.screenshot({ path: `${ARTIFACTS}navigation-${name}-settings.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
});
