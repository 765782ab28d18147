import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn as signInAs, useBrowser } from './harness.ts';

const HOSTILE_TEXT = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const HOSTILE_HANDLE = '<b onmouseover=alert(3)>h4x</b>';
// Shown as "@admin official" by a naive renderer: the override flips what follows.
const SPOOFED_NAME = 'laiciffo\u202Enimda';
const LIVE_WAIT_MS = 45_000;

let app: TestApp;
const { openPage } = useBrowser();

beforeAll(async () => {
  // 30 a minute: new mentions arrive every couple of seconds, yet the backlog stays within
  // the first inbox page for a while, so a newly collected one is visible without scrolling.
  app = await startTestApp({ demoPerMinute: 30 });
});

afterAll(async () => {
  await app?.stop();
});

async function signIn(page: Page): Promise<void> {
  await signInAs(page, app);
}

async function rowIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('inbox-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-mention-id') ?? ''));
}

/** Marks the page so a later check can tell it was never reloaded or navigated away. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { earshotTestMarker: string }).earshotTestMarker = 'still here';
  });
}
async function pageWasKept(page: Page): Promise<boolean> {
  return page.evaluate(
    () => (window as unknown as { earshotTestMarker?: string }).earshotTestMarker === 'still here',
  );
}

describe('dashboard inbox', () => {
  it('fills live, opens a mention, and shows a reply go from queued to sent', async () => {
    const { page, dialogs, pageErrors, cspViolations } = await openPage();
    await page.clock.install(); // time flows normally until the countdown check jumps it
    await signIn(page);

    // The inbox shows the demo backlog, earliest deadline first.
    await page.getByTestId('inbox-row').first().waitFor();
    await markPage(page);
    const before = new Set(await rowIds(page));
    const dues = await page
      .getByTestId('sla')
      .evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime') ?? '')));
    expect(dues.length).toBeGreaterThan(0);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    // New mentions from the demo stream appear without a reload.
    await eventually(async () => (await rowIds(page)).some((id) => !before.has(id)), LIVE_WAIT_MS).toBe(true);
    expect(await pageWasKept(page)).toBe(true);
    await eventually(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('live');
    await page.screenshot({ path: `${ARTIFACTS}inbox.png` });

    // The countdowns tick on their own. Labels count minutes, so jump the page's clock
    // ahead rather than wait: two hours changes any label, from "12m left" to "overdue 1d".
    const urgentId = await page.getByTestId('inbox-row').first().getAttribute('data-mention-id');
    const urgentSla = page.locator(`[data-testid="inbox-row"][data-mention-id="${urgentId!}"] [data-testid="sla"]`);
    const slaBefore = await urgentSla.textContent();
    await page.clock.fastForward('02:00:00');
    await eventually(() => urgentSla.textContent()).not.toBe(slaBefore);

    // Open the most urgent open mention.
    const row = page.locator('[data-testid="inbox-row"][data-status="open"]').first();
    const mentionId = await row.getAttribute('data-mention-id');
    expect(mentionId).toBeTruthy();
    const stored = await app.db
      .selectFrom('mentions')
      .selectAll()
      .where('id', '=', mentionId!)
      .executeTakeFirstOrThrow();
    await row.click();
    expect(new URL(page.url()).pathname).toBe(`/mentions/${mentionId!}`);
    const detail = page.getByTestId('mention-detail');
    await detail.waitFor();
    expect(await page.getByTestId('mention-full-text').textContent()).toBe(stored.text);
    expect(await detail.getByTestId('author-handle').first().textContent()).toContain(stored.author_handle);
    await eventually(() => page.getByTestId('mention-status').getAttribute('data-status')).toBe('open');
    expect(await page.getByTestId('analysis').textContent()).toContain(stored.priority_reason);

    // Nothing to send yet: Send is disabled (the server would refuse with "Write a reply first").
    expect(await page.getByRole('button', { name: 'Send reply' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('reply').count()).toBe(0);

    const replyText = `Sorry about that! We have sent you a DM to sort it out. (${randomUUID().slice(0, 8)})`;
    await page.getByLabel(/Reply publicly to/).fill(replyText);
    // Counted as the demo platform counts (code points), against its limit.
    await eventually(() => page.getByTestId('char-count').textContent()).toBe(`${String([...replyText].length)} / 280`);
    await page.getByRole('button', { name: 'Send reply' }).click();

    // Shown at once (queued or further along), then updated live to sent.
    const reply = page.getByTestId('reply').filter({ hasText: replyText });
    await reply.waitFor();
    expect(['queued', 'sending', 'sent']).toContain(await reply.getAttribute('data-state'));
    expect(await page.getByTestId('reply-text').inputValue()).toBe('');
    await eventually(() => reply.getAttribute('data-state'), 30_000).toBe('sent');
    await eventually(() => page.getByTestId('mention-status').getAttribute('data-status')).toBe('answered');
    // Answered, it leaves the Open view live (the team inbox), while its panel stays open.
    const openedRow = page.locator(`[data-testid="inbox-row"][data-mention-id="${mentionId!}"]`);
    await eventually(() => openedRow.count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}mention-answered.png` });

    // Posted exactly once, and nothing reloaded the page along the way.
    const replies = await app.db.selectFrom('replies').selectAll().where('mention_id', '=', mentionId!).execute();
    expect(replies.map((r) => [r.text, r.state])).toEqual([[replyText, 'sent']]);
    expect(await pageWasKept(page)).toBe(true);

    // Signing out returns to the sign-in form, and the session is gone.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in-form').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(status).toBe(401);

    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 150_000);

  it('shows hostile mention text literally and never runs it', async () => {
    const brand = await app.db.selectFrom('brands').select('id').executeTakeFirstOrThrow();
    const now = Date.now();
    const inserted = await app.db
      .insertInto('mentions')
      .values({
        brand_id: brand.id,
        platform: 'demo',
        external_id: `hostile-${randomUUID()}`,
        url: 'javascript:alert(4)',
        text: HOSTILE_TEXT,
        author_handle: HOSTILE_HANDLE,
        author_name: `<svg onload=alert(5)>${SPOOFED_NAME}`,
        context_external_id: 'hostile-context',
        context_author_handle: 'acme',
        context_text: '<iframe src="javascript:alert(6)"></iframe>',
        posted_at: new Date(now - 60_000),
        sentiment: 'negative',
        sentiment_score: -0.6,
        confidence: 0.9,
        intent: 'complaint',
        priority: 1,
        priority_reason: 'strong complaint',
        // Long overdue, so it sorts to the top of the inbox whatever else has arrived.
        sla_due_at: new Date(now - 24 * 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const longText = `${'Very long complaint. '.repeat(100)}THE END`;
    const long = await app.db
      .insertInto('mentions')
      .values({
        brand_id: brand.id,
        platform: 'demo',
        external_id: `long-${randomUUID()}`,
        text: longText,
        author_handle: 'verbose',
        posted_at: new Date(now - 60_000),
        sentiment: 'negative',
        sentiment_score: -0.3,
        confidence: 0.5,
        intent: 'complaint',
        priority: 2,
        priority_reason: 'complaint',
        sla_due_at: new Date(now - 23 * 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const { page, dialogs, pageErrors, cspViolations } = await openPage();
    await signIn(page);

    // Long text is cut short in the list, in full in the detail panel.
    const longRow = page.locator(`[data-testid="inbox-row"][data-mention-id="${long.id}"]`);
    const shortened = (await longRow.getByTestId('mention-text').textContent()) ?? '';
    expect(shortened.length).toBeLessThan(300);
    expect(shortened.endsWith('…')).toBe(true);
    expect(longText.startsWith(shortened.slice(0, -1))).toBe(true);
    await longRow.click();
    await eventually(() => page.getByTestId('mention-full-text').textContent()).toBe(longText);

    const row = page.locator(`[data-testid="inbox-row"][data-mention-id="${inserted.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('mention-text').textContent()).toBe(HOSTILE_TEXT);
    expect(await row.getByTestId('author-handle').textContent()).toBe(`@${HOSTILE_HANDLE}`);
    expect(await row.getByTestId('sla').textContent()).toMatch(/^overdue /);

    await row.click();
    const detail = page.getByTestId('mention-detail');
    await detail.waitFor();
    expect(await page.getByTestId('mention-full-text').textContent()).toBe(HOSTILE_TEXT);
    expect(await page.getByTestId('context').textContent()).toContain('<iframe src="javascript:alert(6)"></iframe>');
    expect(await detail.textContent()).toContain('<svg onload=alert(5)>');
    // The spoofing name is flagged, and isolated so it cannot reorder the text around it.
    expect(await page.getByTestId('hidden-characters').textContent()).toMatch(/author\u2019s name/);
    expect(await detail.locator('bdi', { hasText: 'nimda' }).count()).toBe(1);
    // A javascript: URL from platform data is never made a link.
    expect(await page.getByTestId('original-link').count()).toBe(0);
    await row.hover();

    // None of it became markup anywhere on the page.
    const injected = await page.evaluate(
      () => document.querySelectorAll('#root img, #root script, #root svg, #root iframe, #root b').length,
    );
    expect(injected).toBe(0);
    await page.waitForTimeout(500); // an onerror/onload handler would have fired by now
    await page.screenshot({ path: `${ARTIFACTS}hostile-mention.png` });
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    // The dashboard works under its Content-Security-Policy: nothing was blocked.
    expect(cspViolations).toEqual([]);
  });

  it('returns to sign-in when the session ends', async () => {
    const { page } = await openPage();
    await signIn(page);
    await page.getByTestId('inbox-row').first().waitFor();

    const user = await app.db.selectFrom('users').select('id').where('email', '=', app.adminEmail).executeTakeFirstOrThrow();
    await app.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();

    // The next API call (here: switching the filter) meets 401. click(), not check(): the
    // radio may be gone (signed out) before check() gets to confirm it became checked.
    await page.getByRole('radio', { name: 'All' }).click();
    await page.getByTestId('sign-in-form').waitFor();
    expect(await page.getByTestId('sign-in-notice').textContent()).toContain('session has ended');
  });
});
