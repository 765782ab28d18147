import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMention, seedBrand } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser, type OpenedPage } from './harness.ts';

// "More filters" in Chromium: platform, sentiment, intent, priority, assignee and the days posted
// combine with each other and with the status, land in the URL (so the view can be bookmarked),
// and the list holds exactly the seeded mentions that match all of them.

let app: TestApp;
const { openPage } = useBrowser();
const DAY = 86_400_000;

// [handle, platform, sentiment, intent, priority, assigned to the admin, days ago]
const SEEDS = [
  ['match_1', 'reddit', 'negative', 'complaint', 1, true, 1],
  ['match_2', 'reddit', 'negative', 'complaint', 1, true, 2],
  ['wrong_platform', 'x', 'negative', 'complaint', 1, true, 1],
  ['wrong_sentiment', 'reddit', 'neutral', 'complaint', 1, true, 1],
  ['wrong_intent', 'reddit', 'negative', 'question', 1, true, 1],
  ['wrong_priority', 'reddit', 'negative', 'complaint', 2, true, 1],
  ['not_mine', 'reddit', 'negative', 'complaint', 1, false, 1],
  ['too_old', 'reddit', 'negative', 'complaint', 1, true, 20],
] as const;

beforeAll(async () => {
  app = await startTestApp({ demo: 'off', roles: ['web'] });
  const brand = (await seedBrand(app.db, 'Acme Air')).id;
  const admin = await app.db.selectFrom('users').select('id').where('email', '=', app.adminEmail).executeTakeFirstOrThrow();
  const now = Date.now();
  await app.db
    .insertInto('mentions')
    .values(
      SEEDS.map(([handle, platform, sentiment, intent, priority, mine, daysAgo]) =>
        buildMention(brand, {
          platform,
          author_handle: handle,
          text: `A mention from ${handle}`,
          sentiment,
          intent,
          priority,
          assignee_id: mine ? admin.id : null,
          posted_at: new Date(now - daysAgo * DAY),
          sla_due_at: new Date(now + DAY),
        }),
      ),
    )
    .execute();
});

afterAll(async () => {
  await app?.stop();
});

const handles = async (page: Page) =>
  (await page.getByTestId('inbox-row').getByTestId('author-handle').allTextContents()).map((t) => t.replace(/^@/, '')).sort();

/** The local day (yyyy-mm-dd) some days ago, as the date field takes it. */
function dayAgo(days: number): string {
  const at = new Date(Date.now() - days * DAY);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

describe('more filters', () => {
  it('combine into exactly the matching mentions, live in the URL, and come back from it', async () => {
    const opened: OpenedPage = await openPage();
    const { page } = opened;
    await signIn(page, app);
    await eventually(() => page.getByTestId('inbox-row').count()).toBe(SEEDS.length);

    await page.getByText('More filters').click();
    await page.getByTestId('platform-filter').selectOption('reddit');
    await page.getByTestId('sentiment-filter').selectOption('negative');
    await page.getByTestId('intent-filter').selectOption('complaint');
    await page.getByTestId('priority-filter').selectOption('1');
    await page.getByTestId('assignee-filter').selectOption('me');
    await page.getByTestId('posted-from-filter').fill(dayAgo(7));
    await page.getByTestId('posted-to-filter').fill(dayAgo(0));
    await eventually(() => handles(page)).toEqual(['match_1', 'match_2']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'inbox-more-filters.png') });

    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      platform: 'reddit',
      sentiment: 'negative',
      intent: 'complaint',
      priority: '1',
      assignee: 'me',
    });
    // "Posted to" today includes all of today: the bound is the start of tomorrow.
    expect(Date.parse(url.searchParams.get('postedBefore') ?? '')).toBeGreaterThan(Date.now());

    // A bookmark opens the same view, its filters shown and set.
    const again = await openPage({ width: 390, height: 844 });
    await signIn(again.page, app, `/${url.search}`);
    await eventually(() => handles(again.page)).toEqual(['match_1', 'match_2']);
    expect(await again.page.getByTestId('priority-filter').inputValue()).toBe('1');
    await again.page.screenshot({ path: path.join(ARTIFACTS, 'inbox-more-filters-phone.png') });

    // Taking one filter away widens the list by exactly the mentions it held back.
    await page.getByTestId('priority-filter').selectOption('');
    await eventually(() => handles(page)).toEqual(['match_1', 'match_2', 'wrong_priority']);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.cspViolations).toEqual([]);
    expect(again.cspViolations).toEqual([]);
    await again.context.close();
    await opened.context.close();
  });
});
