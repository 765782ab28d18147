import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDemoPostsInReplyTo } from '@earshot/db';
import { buildMention, seedBrand, seedUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';

// Reply tools in Chromium: a manager writes a saved reply, an agent inserts it with "/" (its
// variables filled from the mention, the brand and the agent) and sends it to the demo platform;
// "@" in a note offers teammates; presence goes at once when a teammate leaves; a teammate's tag
// shows on the row live.

const PASSWORD = 'saved-replies-browser-pw';
const MONA = { email: 'mona@example.test', password: PASSWORD };
const ANA = { email: 'ana@example.test', password: PASSWORD };
const BEN = { email: 'ben@example.test', password: PASSWORD };

let app: TestApp;
const { openPage: open } = useBrowser();
let brandId: string;
let mentionId: string;
let mentionExternalId: string;
let otherMentionId: string;
let benId: string;

// Read without waiting: counting and then reading raced the line going away, and the read then
// waited 20 s for a line that was rightly gone.
const presenceText = async (page: Page) => (await page.getByTestId('presence').allTextContents()).join('');

beforeAll(async () => {
  // Collectors publish replies to the demo platform; no demo stream is replayed.
  app = await startTestApp({ demo: 'off' });
  await seedUser(app.db, { ...MONA, name: 'Mona Ray', role: 'manager' });
  await seedUser(app.db, { ...ANA, name: 'Ana Lima', role: 'agent' });
  benId = (await seedUser(app.db, { ...BEN, name: 'Ben Ode', role: 'agent' })).user.id;
  brandId = (await seedBrand(app.db, 'Acme Air')).id;
  const now = Date.now();
  const rows = await app.db
    .insertInto('mentions')
    .values([
      buildMention(brandId, { platform: 'demo', author_handle: 'mia_r', author_name: 'Mia Rossi', text: 'My bag never arrived', sla_due_at: new Date(now + 3_600_000) }),
      buildMention(brandId, { platform: 'demo', author_handle: 'noah', text: 'Seat was broken', sla_due_at: new Date(now + 7_200_000) }),
    ])
    .returning(['id', 'external_id'])
    .execute();
  mentionId = rows[0]!.id;
  mentionExternalId = rows[0]!.external_id;
  otherMentionId = rows[1]!.id;
});

afterAll(async () => {
  await app?.stop();
});

describe('reply tools', () => {
  it('a manager saves a reply (an unknown variable is refused), an agent inserts it with "/" and sends it filled in', async () => {
    const mona = await open({ width: 1280, height: 900 });
    await signIn(mona.page, app, '/settings', MONA);
    const section = mona.page.getByTestId('saved-replies');
    await section.waitFor();
    await section.getByTestId('new-saved-reply').click();
    await section.getByTestId('saved-reply-title').fill('Lost bag sorry');
    await section.getByTestId('saved-reply-brand').selectOption({ label: 'Acme Air' });
    await section.getByTestId('saved-reply-body').fill('Hi {{author}}, {{ticket}}');
    expect(await section.getByTestId('saved-reply-hint').textContent()).toContain('{{ticket}}, which Earshot cannot fill in');
    await section.getByTestId('save-saved-reply').click();
    // Refused before sending, in the server's words, under the reply text.
    await eventually(() => section.getByTestId('saved-reply-body-error').textContent()).toContain('{{ticket}}, which Earshot cannot fill in');
    expect(await section.getByTestId('saved-reply-error').count()).toBe(0);
    expect(await app.db.selectFrom('saved_replies').select('id').execute()).toEqual([]);
    await section.getByTestId('saved-reply-body').fill('Hi {{author}}, so sorry about your bag. — {{agent}}, {{brand}}');
    await section.getByTestId('saved-reply-body-error').waitFor({ state: 'detached' }); // the buttons move up as it goes
    await section.getByTestId('save-saved-reply').click();
    await eventually(() => section.getByTestId('saved-reply').count()).toBe(1);
    await section.getByTestId('new-saved-reply').click();
    await section.getByTestId('saved-reply-title').fill('Thanks');
    await section.getByTestId('saved-reply-body').fill('Thanks {{author}}!');
    await section.getByTestId('save-saved-reply').click();
    await eventually(() => section.getByTestId('saved-reply').count()).toBe(2);
    await section.scrollIntoViewIfNeeded();
    await mona.page.screenshot({ path: `${ARTIFACTS}saved-replies-settings-1280.png`, fullPage: true });
    await mona.page.setViewportSize({ width: 390, height: 844 });
    await section.scrollIntoViewIfNeeded();
    await mona.page.screenshot({ path: `${ARTIFACTS}saved-replies-settings-390.png` });

    const ana = await open({ width: 1280, height: 900 });
    await signIn(ana.page, app, `/mentions/${mentionId}`, ANA);
    const box = ana.page.getByTestId('reply-text');
    await box.waitFor();
    await box.click();
    await ana.page.keyboard.type('/');
    const picker = ana.page.getByTestId('saved-reply-picker');
    await eventually(() => picker.getByTestId('saved-reply-picker-option').count()).toBe(2);
    // Filtered by what follows "/", and shown filled in.
    await ana.page.keyboard.type('so');
    await eventually(() => picker.getByTestId('saved-reply-picker-option').count()).toBe(1);
    await ana.page.keyboard.press('Backspace');
    await ana.page.keyboard.press('Backspace');
    await eventually(() => picker.getByTestId('saved-reply-picker-option').count()).toBe(2);
    // Keyboard: the second option ("Thanks") and back up to the first.
    await ana.page.keyboard.press('ArrowDown');
    expect(await picker.getByTestId('saved-reply-picker-option').nth(1).getAttribute('aria-selected')).toBe('true');
    await ana.page.keyboard.press('ArrowUp');
    expect(await picker.getByTestId('saved-reply-picker-option').nth(0).getAttribute('aria-selected')).toBe('true');
    await ana.page.screenshot({ path: `${ARTIFACTS}saved-replies-picker-1280.png` });
    await ana.page.setViewportSize({ width: 390, height: 844 });
    await box.scrollIntoViewIfNeeded();
    await ana.page.screenshot({ path: `${ARTIFACTS}saved-replies-picker-390.png` });
    await ana.page.setViewportSize({ width: 1280, height: 900 });
    await ana.page.keyboard.press('Enter');
    const expected = 'Hi Mia Rossi, so sorry about your bag. — Ana Lima, Acme Air';
    expect(await box.inputValue()).toBe(expected);
    expect(await picker.count()).toBe(0);
    // The inserted text is counted like typed text.
    await eventually(() => ana.page.getByTestId('char-count').textContent()).toBe(`${[...expected].length} / 280`);
    await ana.page.getByTestId('send-reply').click();
    await eventually(async () => (await findDemoPostsInReplyTo(app.db, mentionExternalId)).map((p) => p.text), 30_000).toEqual([expected]);

    // Esc leaves a reply that really starts with "/" alone.
    await box.fill('/');
    await picker.waitFor();
    await ana.page.keyboard.press('Escape');
    expect(await picker.count()).toBe(0);
    expect(await box.inputValue()).toBe('/');
    for (const o of [mona, ana]) {
      expect(o.pageErrors).toEqual([]);
      expect(o.cspViolations).toEqual([]);
    }
  }, 180_000);

  it('"@" in a note offers teammates from the keyboard, and the teammate is told', async () => {
    const ana = await open({ width: 1280, height: 900 });
    await signIn(ana.page, app, `/mentions/${otherMentionId}`, ANA);
    const note = ana.page.getByTestId('note-text');
    await note.waitFor();
    await note.click();
    await ana.page.keyboard.type('Seat photo asked, @b');
    const picker = ana.page.getByTestId('teammate-picker');
    await eventually(() => picker.getByTestId('teammate-picker-option').allTextContents()).toEqual(['Ben Ode@benode']);
    await ana.page.screenshot({ path: `${ARTIFACTS}note-mention-picker-1280.png` });
    await ana.page.keyboard.press('Enter');
    expect(await note.inputValue()).toBe('Seat photo asked, @benode ');
    await ana.page.keyboard.type('please check');
    await ana.page.getByTestId('add-note').click();
    await eventually(() => ana.page.getByTestId('note').count()).toBe(1);
    const notices = await app.db.selectFrom('user_notices').select(['user_id', 'mention_id']).execute();
    expect(notices).toEqual([{ user_id: benId, mention_id: otherMentionId }]);
  });

  it('presence goes within 2 s when a teammate closes the panel or the tab, and a teammate\u2019s tag shows on the row live', async () => {
    const ana = await open({ width: 1280, height: 900 });
    const ben = await open({ width: 1280, height: 900 });
    await signIn(ana.page, app, `/mentions/${otherMentionId}?status=all`, ANA);
    await signIn(ben.page, app, `/mentions/${otherMentionId}?status=all`, BEN);
    await eventually(() => presenceText(ana.page)).toContain('Ben Ode is viewing');

    await ben.page.getByTestId('close-mention').click();
    const closedAt = Date.now();
    await eventually(() => presenceText(ana.page), 2_000).toBe('');
    expect(Date.now() - closedAt).toBeLessThan(2_000);

    // Back in, then the tab closes.
    await ben.page.locator(`[data-testid="inbox-row"][data-mention-id="${otherMentionId}"]`).click();
    await eventually(() => presenceText(ana.page)).toContain('Ben Ode is viewing');
    await ben.page.close({ runBeforeUnload: true });
    await eventually(() => presenceText(ana.page), 2_000).toBe('');

    // Ben (in a new tab) tags the other mention; Ana's row shows it without a reload.
    const ben2 = await ben.context.newPage();
    await ben2.goto(new URL(`/mentions/${mentionId}?status=all`, app.url).href);
    await ben2.getByTestId('tag-input').fill('Baggage');
    await ben2.getByTestId('tag-add').click();
    const row = ana.page.locator(`[data-testid="inbox-row"][data-mention-id="${mentionId}"]`);
    await eventually(() => row.getByTestId('row-tags').textContent(), 5_000).toContain('Baggage');
    await ana.page.screenshot({ path: `${ARTIFACTS}row-tag-live-1280.png` });
  });
});
