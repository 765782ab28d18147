import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildMention, seedBrand } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';

// Finding in the inbox and the reply box's pre-send checks, in Chromium: "/" focuses search, a
// search narrows the list, a tag added in the panel shows on the row and filters the list, a saved
// view appears in the navigation, and a reply with a phone number is held until overridden.

let app: TestApp;
const { openPage } = useBrowser();
// What the Content-Security-Policy blocked and what threw in any page: there should be nothing.
const problems: string[] = [];
const shot = (name: string) => path.join(ARTIFACTS, `inbox-find-${name}.png`);

beforeAll(async () => {
  app = await startTestApp({ demo: 'off', roles: ['web'] });
  const brand = (await seedBrand(app.db, 'Acme Air')).id;
  const now = Date.now();
  const texts = [
    ['mia_flies', 'Mia Flies', 'My bag never arrived in Denver, third time this month'],
    ['noah', null, 'Is the lounge in terminal B open before 6am?'],
    ['li.wei', 'Li Wei', '配達はいつですか? My refund is still pending'],
    ['olga', 'Olga', 'Спасибо, great crew on flight 212'],
    ['sam', null, 'Delayed again. The wifi on board did not work either'],
    ['ravi', 'Ravi', 'Booking REF-1234 shows the wrong date'],
    ['jo', null, 'Lost my charger in the lounge, can someone check'],
    ['kim', 'Kim', 'Thanks for rebooking me so fast'],
    ['ana', null, 'Why was my seat changed without asking?'],
    ['ben', 'Ben', 'Refund request #5521 has been waiting two weeks'],
  ] as const;
  await app.db
    .insertInto('mentions')
    .values(
      texts.map(([handle, name, text], i) =>
        buildMention(brand, {
          platform: 'x',
          author_handle: handle,
          author_name: name,
          text,
          posted_at: new Date(now - (i + 1) * 600_000),
          sla_due_at: new Date(now + (i + 1) * 1_800_000),
          sentiment: i % 3 === 0 ? 'negative' : i % 3 === 1 ? 'neutral' : 'positive',
        }),
      ),
    )
    .execute();
});

afterEach(async () => {
  expect(problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await app?.stop();
});

async function open(viewport?: { width: number; height: number }): Promise<Page> {
  const opened = await openPage(viewport);
  opened.page.on('pageerror', (e) => problems.push(e.message));
  opened.page.on('console', (m) => {
    if (/CSP violation|Content Security Policy/.test(m.text())) problems.push(m.text());
  });
  await signIn(opened.page, app);
  await opened.page.getByTestId('inbox-row').first().waitFor();
  return opened.page;
}

const rowTexts = (page: Page) => page.getByTestId('mention-text').allTextContents();

describe('finding in the inbox', () => {
  it('"/" focuses search; search and a tag added in the panel filter the list; a saved view is in the navigation', async () => {
    const page = await open();
    // Denser list: more than six mentions on a 900 px tall screen.
    const visible = await page.getByTestId('inbox-row').evaluateAll((rows) => rows.filter((r) => r.getBoundingClientRect().bottom <= window.innerHeight).length);
    await page.screenshot({ path: shot('inbox') });
    expect(visible).toBeGreaterThan(6);

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inbox-search');
    await page.keyboard.type('LOUNGE');
    await page.keyboard.press('Enter');
    await eventually(() => rowTexts(page)).toEqual(['Is the lounge in terminal B open before 6am?', 'Lost my charger in the lounge, can someone check']);
    expect(new URL(page.url()).searchParams.get('search')).toBe('LOUNGE');
    // A handle fragment finds its author's mention.
    await page.getByTestId('inbox-search').fill('li.we');
    await page.getByTestId('inbox-search').press('Enter');
    await eventually(() => rowTexts(page)).toEqual(['配達はいつですか? My refund is still pending']);
    await page.getByRole('button', { name: /Remove filter: Search/ }).click();
    await eventually(async () => (await rowTexts(page)).length).toBe(10);

    // Tag a mention from the panel; the row shows it; the tag filter lists only it.
    await page.getByTestId('inbox-row').filter({ hasText: 'Booking REF-1234' }).click();
    await page.getByTestId('mention-detail').waitFor();
    await page.getByTestId('tag-input').fill('wrong date');
    await page.getByTestId('tag-add').click();
    await eventually(() => page.getByTestId('mention-tags').textContent()).toContain('wrong date');
    await eventually(() => page.getByTestId('inbox-row').filter({ hasText: 'Booking REF-1234' }).getByTestId('row-tags').textContent()).toBe('wrong date');
    await page.getByTestId('author-history').waitFor();
    await page.screenshot({ path: shot('panel') });
    await page.getByTestId('close-mention').click();
    await eventually(() => page.getByTestId('tag-filter').locator('option').allTextContents()).toContain('wrong date');
    await page.getByTestId('tag-filter').selectOption({ label: 'wrong date' });
    await eventually(() => rowTexts(page)).toEqual(['Booking REF-1234 shows the wrong date']);

    await page.getByTestId('save-view').click();
    await page.getByTestId('saved-view-name').fill('Wrong dates');
    await page.getByTestId('save-view-confirm').click();
    await eventually(() => page.getByTestId('saved-views').textContent()).toContain('Wrong dates');
    // From the plain inbox, the saved view brings the filter back.
    await page.getByTestId('clear-filters').click();
    await eventually(async () => (await rowTexts(page)).length).toBe(10);
    await page.getByTestId('saved-views').getByRole('link', { name: 'Wrong dates' }).click();
    await eventually(() => rowTexts(page)).toEqual(['Booking REF-1234 shows the wrong date']);
  });

  it('a reply with a phone number is held by a pre-send check until overridden; the counter counts X’s way', async () => {
    const page = await open();
    await page.getByTestId('inbox-row').filter({ hasText: 'My bag never arrived' }).click();
    await page.getByTestId('mention-detail').waitFor();
    const send = page.getByTestId('send-reply');
    expect(await send.isDisabled()).toBe(true); // empty

    const box = page.getByTestId('reply-text');
    await box.fill(`So sorry, Mia. Track it at https://help.acme.example.com/${'bags/'.repeat(30)}`);
    // 33 characters of text and one link at 23.
    await eventually(() => page.getByTestId('char-count').textContent()).toBe(`${'So sorry, Mia. Track it at '.length + 23} / 280`);
    expect(await send.isDisabled()).toBe(false);

    await box.fill('So sorry, Mia. Call our bag desk on +1 415 555 0100 and quote your tag.');
    await eventually(() => page.getByTestId('presend-check').getAttribute('data-check')).toBe('phone');
    expect(await page.getByTestId('presend-check').textContent()).toContain('+1 415 555 0100');
    expect(await send.isDisabled()).toBe(true);
    await eventually(() => page.getByTestId('reply-preview').textContent()).toContain('@mia_flies So sorry, Mia.');
    await page.screenshot({ path: shot('presend-check') });

    await page.getByTestId('override-check').click();
    expect(await send.isDisabled()).toBe(false);
    await send.click();
    await eventually(async () => (await page.getByTestId('reply-send-error').count()) > 0 ? await page.getByTestId('reply-send-error').textContent() : await page.getByTestId('reply-text').inputValue()).toBe('');
    await eventually(async () => (await app.db.selectFrom('audit_log').select('details').where('action', '=', 'reply.sent').execute()).length).toBe(1);
    const audit = await app.db.selectFrom('audit_log').select('details').where('action', '=', 'reply.sent').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ overriddenChecks: ['phone'] });

    // Over X's limit: the counter says by how much, Send is held, and there is no "send anyway".
    await box.fill('好'.repeat(141));
    await eventually(() => page.getByTestId('char-count').textContent()).toBe('282 / 280 — 2 over');
    expect(await send.isDisabled()).toBe(true);
    expect(await page.getByTestId('override-check').count()).toBe(0);
  });

  it('fits a phone screen', async () => {
    const page = await open({ width: 390, height: 844 });
    await page.screenshot({ path: shot('phone-inbox'), fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('inbox-row').first().click();
    await page.getByTestId('mention-detail').waitFor();
    await page.screenshot({ path: shot('phone-panel'), fullPage: false });
  });

  it('an unknown address shows "not found", not the inbox', async () => {
    const page = await open();
    await page.goto(new URL('/inboxes/nowhere', app.url).href);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('inbox').count()).toBe(0);
    await page.getByRole('link', { name: 'Go to the inbox' }).click();
    await page.getByTestId('inbox-row').first().waitFor();
  });
});
