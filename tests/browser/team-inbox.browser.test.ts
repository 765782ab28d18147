import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMention } from '@earshot/db';
import { buildMention, seedBrand, seedUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';

// Two agents in two browser profiles working one inbox: presence and the question before a
// second reply, assignment and bulk closing with the other's counts moving live, and a whole
// triage of ten mentions from the keyboard alone.

const PASSWORD = 'team-inbox-browser-pw';
const HOUR = 3_600_000;

let app: TestApp;
const { openPage: open } = useBrowser();
let anaId: string;
let benId: string;
let brandId: string;
let keysBrandId: string;

const ANA = { email: 'ana@example.test', password: PASSWORD };
const BEN = { email: 'ben@example.test', password: PASSWORD };

const rows = (page: Page) => page.getByTestId('inbox-row');
const count = (page: Page, key: string) => page.getByTestId(`count-${key}`).textContent();

beforeAll(async () => {
  app = await startTestApp({ roles: ['web'], demo: 'off' });
  anaId = (await seedUser(app.db, { ...ANA, name: 'Ana Lima', role: 'agent' })).user.id;
  benId = (await seedUser(app.db, { ...BEN, name: 'Ben Ode', role: 'agent' })).user.id;
  brandId = (await seedBrand(app.db, 'Acme')).id;
  keysBrandId = (await seedBrand(app.db, 'Keys')).id;
  const now = Date.now();
  const seed: NewMention[] = [];
  for (let i = 0; i < 12; i++) {
    seed.push(buildMention(brandId, { text: `Acme mention ${i}: my order is late`, author_handle: `customer${i}`, sla_due_at: new Date(now + (i + 1) * HOUR) }));
  }
  for (let i = 0; i < 10; i++) {
    seed.push(buildMention(keysBrandId, { text: `Keys mention ${i}`, author_handle: `keys${i}`, sla_due_at: new Date(now + (i + 1) * HOUR) }));
  }
  await app.db.insertInto('mentions').values(seed).execute();
});

afterAll(async () => {
  await app?.stop();
});

describe('the team inbox in two browsers', () => {
  it('shows who is viewing and typing, and asks before a second reply', async () => {
    const ana = await open();
    const ben = await open();
    await signIn(ana.page, app, `/?brandId=${brandId}`, ANA);
    await signIn(ben.page, app, `/?brandId=${brandId}`, BEN);
    await rows(ana.page).first().waitFor();
    const first = rows(ana.page).first();
    const mentionId = (await first.getAttribute('data-mention-id'))!;
    await first.click();
    await ana.page.getByTestId('mention-detail').waitFor();
    await ana.page.getByTestId('reply-text').fill('Hi! Sorry about the delay,');

    await ben.page.locator(`[data-testid="inbox-row"][data-mention-id="${mentionId}"]`).click();
    await ben.page.getByTestId('mention-detail').waitFor();
    await eventually(() => ben.page.getByTestId('presence').textContent()).toContain('Ana Lima is typing a reply');
    await ben.page.screenshot({ path: `${ARTIFACTS}team-inbox-presence.png` });
    // Ana sees Ben viewing.
    await eventually(() => ana.page.getByTestId('presence').textContent()).toContain('Ben Ode is');

    // Ben sends while Ana types: asked first, then sends.
    await ben.page.getByTestId('reply-text').fill('We are on it, sorry!');
    await ana.page.getByTestId('reply-text').pressSequentially(' we');
    await eventually(() => ben.page.locator('[data-testid="presence-viewer"][data-typing="true"]').textContent()).toContain('Ana Lima');
    await ben.page.getByTestId('send-reply').click();
    await eventually(() => ben.page.getByTestId('send-ask').textContent()).toContain('Ana Lima is typing a reply to this mention too');
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', mentionId).execute()).toHaveLength(0);
    await ben.page.getByTestId('send-anyway').click();
    await eventually(async () => (await app.db.selectFrom('replies').select('user_id').where('mention_id', '=', mentionId).execute()).map((r) => r.user_id)).toEqual([benId]);

    // Ana, once Ben stopped typing, sends too: the server asks her, naming Ben; she does not send.
    await eventually(() => ana.page.locator('[data-testid="presence-viewer"][data-typing="true"]').count()).toBe(0);
    await ana.page.getByTestId('send-reply').click();
    await eventually(() => ana.page.getByTestId('send-ask').textContent()).toContain('Ben Ode already replied to this mention a moment ago. Send anyway?');
    await ana.page.screenshot({ path: `${ARTIFACTS}team-inbox-ask-before-send.png` });
    await ana.page.getByTestId('send-cancel').click();
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', mentionId).execute()).toHaveLength(1);
    expect(ana.pageErrors).toEqual([]);
    expect(ben.pageErrors).toEqual([]);
    expect(ana.dialogs).toEqual([]);
  });

  it('one assigns and bulk-closes; the other\u2019s counts, title and list change live', async () => {
    const ana = await open();
    const ben = await open();
    await signIn(ana.page, app, `/?brandId=${brandId}`, ANA);
    await signIn(ben.page, app, `/?brandId=${brandId}`, BEN);
    await rows(ana.page).first().waitFor();
    await rows(ben.page).first().waitFor();
    await eventually(() => count(ana.page, 'open')).toBe('12');
    await eventually(() => count(ana.page, 'unassigned')).toBe('12');
    expect(await ana.page.getByTestId('nav-inbox-count').textContent()).toBe('12');
    expect(await ana.page.title()).toBe('(12) Earshot');

    // Ben ticks the first row and shift-ticks the third: three selected.
    const benRows = ben.page.getByTestId('inbox-list').getByRole('listitem');
    const picked = await Promise.all([0, 1, 2].map((i) => rows(ben.page).nth(i).getAttribute('data-mention-id')));
    await benRows.nth(0).getByTestId('row-check').click();
    await benRows.nth(2).getByTestId('row-check').click({ modifiers: ['Shift'] });
    expect(await ben.page.getByTestId('bulk-count').textContent()).toBe('3 selected');
    await ben.page.screenshot({ path: `${ARTIFACTS}team-inbox-bulk.png` });
    await ben.page.getByTestId('bulk-assign').selectOption(benId);
    await eventually(() => count(ana.page, 'unassigned')).toBe('9');
    await eventually(() => count(ben.page, 'mine')).toBe('3');
    expect(await count(ana.page, 'mine')).toBe('0');
    // The rows show who has them, in Ana's browser too.
    await eventually(() => ana.page.locator(`[data-testid="inbox-row"][data-mention-id="${picked[0]}"] [data-testid="row-assignee"]`).textContent()).toBe('Ben Ode');

    // Ben selects them again (Mine view) and closes them: they leave Ana's Open view live.
    await ben.page.getByTestId('view-mine').click();
    await eventually(() => rows(ben.page).count()).toBe(3);
    await ben.page.getByTestId('inbox-list').getByRole('listitem').nth(0).getByTestId('row-check').click();
    await ben.page.getByTestId('inbox-list').getByRole('listitem').nth(2).getByTestId('row-check').click({ modifiers: ['Shift'] });
    await ben.page.getByTestId('bulk-close').click();
    await eventually(() => count(ana.page, 'open')).toBe('9');
    await eventually(() => ana.page.getByTestId('nav-inbox-count').textContent()).toBe('9');
    await eventually(() => ana.page.title()).toBe('(9) Earshot');
    for (const id of picked) expect(await ana.page.locator(`[data-testid="inbox-row"][data-mention-id="${id}"]`).count()).toBe(0);
    await eventually(() => rows(ben.page).count()).toBe(0);
    await eventually(() => count(ben.page, 'mine')).toBe('0');
    const closed = await app.db.selectFrom('mention_status_changes').select(['mention_id', 'user_id']).where('to_status', '=', 'closed').execute();
    expect(closed.filter((c) => picked.includes(c.mention_id)).map((c) => c.user_id)).toEqual([benId, benId, benId]);
    await ana.page.screenshot({ path: `${ARTIFACTS}team-inbox-counts-after-close.png` });

    // The Closed view lists them.
    await ana.page.getByTestId('status-filter').getByText('Closed').click();
    await eventually(() => rows(ana.page).count()).toBe(3);
    expect(ana.pageErrors).toEqual([]);
    expect(ben.pageErrors).toEqual([]);
  });

  it('triages ten mentions with the keyboard alone', async () => {
    const ana = await open();
    const page = ana.page;
    await signIn(page, app, `/?brandId=${keysBrandId}`, ANA);
    await eventually(() => rows(page).count()).toBe(10);
    const ids = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-mention-id')!));

    // ? shows the sheet; Esc closes it.
    await page.keyboard.press('?');
    await page.getByTestId('key-sheet').waitFor();
    expect(await page.getByTestId('key-sheet').textContent()).toContain('Assign to me');
    await page.screenshot({ path: `${ARTIFACTS}team-inbox-keys.png` });
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('key-sheet').count()).toBe(0);

    // j to the first, Enter opens it, a assigns it to me, r and Ctrl+Enter reply, Esc Esc back.
    await page.keyboard.press('j');
    await eventually(() => page.locator('[data-testid="inbox-list"] > li[data-cursor="true"] [data-testid="inbox-row"]').getAttribute('data-mention-id')).toBe(ids[0]);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('mention-detail').getAttribute('data-mention-id')).toBe(ids[0]);
    await page.keyboard.press('a');
    await eventually(() => page.getByTestId('assignee-select').inputValue()).toBe(anaId);
    await page.keyboard.press('r');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reply-text');
    await page.keyboard.type('Thanks, we are looking into it.');
    await page.keyboard.press('Control+Enter');
    await eventually(async () => (await app.db.selectFrom('replies').select('text').where('mention_id', '=', ids[0]!).execute()).map((r) => r.text)).toEqual([
      'Thanks, we are looking into it.',
    ]);
    await page.keyboard.press('Escape'); // leaves the reply box
    await page.keyboard.press('Escape'); // back to the list
    await eventually(() => page.getByTestId('mention-detail').count()).toBe(0);

    // e closes the row under the cursor (the one just answered); the cursor moves on. i ignores.
    await page.keyboard.press('e');
    await eventually(() => rows(page).count()).toBe(9);
    await page.keyboard.press('i');
    await eventually(() => rows(page).count()).toBe(8);

    // x, j, x, j, x selects three; e closes them together.
    for (const key of ['x', 'j', 'x', 'j', 'x']) await page.keyboard.press(key);
    expect(await page.getByTestId('bulk-count').textContent()).toBe('3 selected');
    await page.keyboard.press('e');
    await eventually(() => rows(page).count()).toBe(5);

    // Down arrow and x over the rest, a assigns all five to me, then e closes them.
    await page.keyboard.press('ArrowUp');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('x');
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.getByTestId('bulk-count').textContent()).toBe('5 selected');
    await page.keyboard.press('a');
    // Mine counts open mentions: the five (the first, assigned earlier, is closed now).
    await eventually(() => count(page, 'mine')).toBe('5');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('x');
      await page.keyboard.press('ArrowUp');
    }
    // a cleared the selection; select all five again and close.
    await eventually(() => page.getByTestId('bulk-count').textContent()).toBe('5 selected');
    await page.keyboard.press('e');
    await eventually(() => page.getByTestId('inbox-empty').count()).toBe(1);

    const final = await app.db.selectFrom('mentions').select(['id', 'status', 'assignee_id']).where('brand_id', '=', keysBrandId).execute();
    const byId = new Map(final.map((m) => [m.id, m]));
    expect(ids.map((id) => byId.get(id)!.status)).toEqual(['closed', 'ignored', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed']);
    expect(ids.map((id) => byId.get(id)!.assignee_id === anaId)).toEqual([true, false, false, false, false, true, true, true, true, true]);
    const changes = await app.db.selectFrom('mention_status_changes').select('user_id').where('brand_id', '=', keysBrandId).execute();
    expect(changes).toHaveLength(10);
    expect(changes.every((c) => c.user_id === anaId)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}team-inbox-keyboard-done.png` });
    expect(ana.pageErrors).toEqual([]);
  });

  it('fits a phone: the list with counts, and the panel with its triage bar', async () => {
    const phone = await open({ width: 390, height: 844 });
    await signIn(phone.page, app, `/?brandId=${brandId}`, ANA);
    await rows(phone.page).first().waitFor();
    // Away: automatic assignment skips her.
    await phone.page.getByTestId('away-toggle').check();
    await eventually(async () => (await app.db.selectFrom('users').select('away').where('id', '=', anaId).executeTakeFirstOrThrow()).away).toBe(true);
    await phone.page.screenshot({ path: `${ARTIFACTS}team-inbox-phone-list.png` });
    await rows(phone.page).first().click();
    await phone.page.getByTestId('triage').waitFor();
    await phone.page.screenshot({ path: `${ARTIFACTS}team-inbox-phone-panel.png`, fullPage: true });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
