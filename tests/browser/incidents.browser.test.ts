import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { insertCollectedPage, type CollectedMention } from '@earshot/db';
import { createDemoAdapter } from '@earshot/collectors';
import { handleAnalyzeMentions } from '@earshot/worker';
import { seedBrand, seedStream, seedUser } from '../support/factories.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';

// A storm from start to holding reply, as a team lives it: a brand with a week of ordinary
// traffic, then the demo platform starts posting complaints about lost luggage at 30 a minute.
// The worker's detection tick raises the alert, which shows live in the dashboard; the incident
// groups the storm's mentions (and keeps growing), an agent sends one holding reply, sends it
// again to the ones that joined since, and each grouped mention gets exactly one reply on the
// platform (the demo platform's demo_posts table).

const HOUR = 3_600_000;
const STORM = [
  'Lost luggage again!! Three hours at the carousel and nobody from the airline answers. Terrible.',
  'My lost luggage is still missing, this is the worst service I have ever had',
  'Another flight, another lost luggage report. Awful. Where are the bags?',
  'Hey @AcmeAir lost luggage for the whole flight 212?! Disgraceful, angry customers everywhere',
  'Is anyone else dealing with lost luggage from this morning? Horrible, no updates at all',
  '<script>alert(1)</script> lost luggage and rude staff, just awful',
].map((text, i) => ({ id: `storm-${i}`, text }));
// Ordinary days: mostly the usual gripes and thanks, none about luggage.
const NORMAL = [
  'Flight delayed again, terrible communication at the gate',
  'Thanks for the smooth flight this morning, lovely crew',
  'Seat was broken the whole way, awful',
  'What time does boarding start for the 6pm to Denver?',
  'Rude agent at check in today, not happy',
  'Great legroom on the new planes, thank you',
];

describe('incidents in the dashboard', () => {
  let app: TestApp;
  const { openPage } = useBrowser();
  let brandId: string;

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', adapters: (db) => [createDemoAdapter({ db, sample: STORM })] });
    await seedUser(app.db, { email: 'agent@example.test', name: 'Agent Ada', password: 'agent-password-1', role: 'agent' });
    await seedUser(app.db, { email: 'manager@example.test', name: 'Manager Max', password: 'manager-password-1', role: 'manager' });
    brandId = (await seedBrand(app.db, 'Acme Air')).id;
    // A brand with a week of history, three ordinary mentions an hour, stored by the analyze job.
    const now = Date.now();
    await app.db.updateTable('brands').set({ created_at: sql<Date>`now() - interval '8 days'` } as never).where('id', '=', brandId).execute();
    const history: CollectedMention[] = [];
    for (let t = now - 7 * 24 * HOUR; t < now - HOUR; t += 20 * 60_000) {
      const k = history.length;
      history.push({
        externalId: `past-${k}`,
        url: null,
        text: NORMAL[k % NORMAL.length]!,
        lang: 'en',
        postedAt: new Date(t).toISOString(),
        author: { externalId: null, handle: `regular${k % 40}`, name: null, followers: 50, verified: false },
        context: null,
      });
    }
    for (let i = 0; i < history.length; i += 100) {
      const pageId = await insertCollectedPage(app.db, { brandId, streamId: null, platform: 'demo', mentions: history.slice(i, i + 100) });
      await handleAnalyzeMentions(app.earshot.runtime, { pageId });
    }
    // The past mentions were answered long ago; the inbox shows only the storm.
    await app.db.updateTable('mentions').set({ status: 'closed' }).where('brand_id', '=', brandId).execute();
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('a storm raises an alert live, the incident groups its mentions, and a holding reply reaches each of them once', async () => {
    const { page, pageErrors, cspViolations, dialogs } = await openPage();
    await signIn(page, app, '/', { email: 'agent@example.test', password: 'agent-password-1' });
    await eventually(() => page.getByTestId('incident-strip').count()).toBe(0);
    expect(await page.getByTestId('alert').count()).toBe(0);

    // The storm: 3 minutes of complaints already posted, 30 more a minute from now on.
    const stream = await seedStream(app.db, {
      brandId,
      name: 'Storm',
      query: { startedAt: new Date().toISOString(), perMinute: 30, backlog: 90 },
      pollIntervalMs: 1_000,
    });
    await waitFor('the storm to be stored', async () => {
      const r = await app.db.selectFrom('mentions').select((eb) => eb.fn.countAll<string>().as('n')).where('stream_id', '=', stream.id).executeTakeFirstOrThrow();
      return Number(r.n) >= 90 ? true : undefined;
    }, 60_000);

    // The worker's detection job (scheduled every minute) judges the last whole minute once per
    // rule; asked again until the alert is raised, it is judged without waiting for the schedule.
    const alert = await waitFor(
      'the spike alert',
      async () => {
        const row = await app.db.selectFrom('alerts').select(['id', 'message']).where('kind', '=', 'spike').where('brand_id', '=', brandId).executeTakeFirst();
        if (!row) await app.bus.enqueue('detectSpikes', {});
        return row ?? (await new Promise((r) => setTimeout(r, 2_000)), undefined);
      },
      90_000,
    );
    // Live in the dashboard: the banner and the incident at the top of the open inbox.
    await eventually(() => page.getByTestId('alert').count()).toBe(1);
    const item = page.getByTestId('incident-item');
    await eventually(() => item.count()).toBe(1);
    await eventually(() => item.getByTestId('incident-count').textContent()).toMatch(/^\d+ mentions$/);
    await page.screenshot({ path: `${ARTIFACTS}incidents-inbox.png` });
    const grouped0 = Number((await item.getByTestId('incident-count').textContent())!.split(' ')[0]);
    expect(grouped0).toBeGreaterThanOrEqual(60);

    await item.locator('a').click();
    const incidentPage = page.getByTestId('incident-page');
    await eventually(() => incidentPage.count()).toBe(1);
    expect(await page.getByTestId('incident-message').textContent()).toBe(alert.message);
    expect(await incidentPage.textContent()).toContain('“lost luggage”');
    await eventually(() => page.getByTestId('incident-mention').count()).toBeGreaterThanOrEqual(grouped0);
    // Hostile text stays text.
    expect(await incidentPage.locator('script').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}incidents-grouped.png`, fullPage: false });

    // One holding reply to everyone grouped so far.
    const text = 'We know about the delayed bags from this morning and are on it. Updates here within the hour.';
    await page.getByTestId('holding-text').fill(text);
    await eventually(() => page.getByTestId('holding-send').textContent()).toMatch(/^Send to all \d+$/);
    await page.getByTestId('holding-send').click();
    await eventually(() => page.getByTestId('incident-notice').textContent()).toMatch(/^Queued for \d+ mentions\.$/);
    await eventually(() => page.getByTestId('incident-progress').getAttribute('data-done'), 60_000).toBe('yes');
    await page.screenshot({ path: `${ARTIFACTS}incidents-sent.png` });

    // The storm goes on: new mentions join while it is open and get the reply with one more click.
    await eventually(() => page.getByTestId('holding-send').textContent(), 30_000).toMatch(/^Send to the \d+ new$/);
    await app.db.updateTable('streams').set({ enabled: false }).where('id', '=', stream.id).execute();
    await waitFor('the last pages to be analyzed', async () => {
      const s = await app.db.selectFrom('streams').select('poll_lease_until').where('id', '=', stream.id).executeTakeFirstOrThrow();
      const pages = await app.db.selectFrom('collected_pages').select('id').execute();
      return s.poll_lease_until === null && pages.length === 0 ? true : undefined;
    }, 30_000);
    await page.getByTestId('holding-send').click();
    await eventually(() => page.getByTestId('progress-unsent').textContent(), 30_000).toBe('0');
    await eventually(() => page.getByTestId('incident-progress').getAttribute('data-done'), 60_000).toBe('yes');
    const grouped = Number(await page.getByTestId('progress-sent').textContent());
    expect(grouped).toBeGreaterThan(grouped0);
    expect(await page.getByTestId('progress-failed').textContent()).toBe('0');
    await page.screenshot({ path: `${ARTIFACTS}incidents-done.png`, fullPage: true });
    // Nothing is left to send; a repeated request (a double click, a retry) posts nothing more.
    expect(await page.getByTestId('holding-send').isDisabled()).toBe(true);
    const incidentId = new URL(page.url()).pathname.split('/').at(-1)!;
    const repeat = await page.evaluate(
      async ([id, body]) => (await fetch(`/api/incidents/${id}/holding-reply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: body }) })).json(),
      [incidentId, text] as const,
    );
    expect(repeat).toMatchObject({ queued: 0 });

    // On the platform: every grouped mention has exactly one reply, and there is no other.
    const members = await app.db.selectFrom('incident_mentions').innerJoin('mentions', 'mentions.id', 'incident_mentions.mention_id').select('mentions.external_id').where('incident_id', '=', incidentId).execute();
    expect(members).toHaveLength(grouped);
    const posts = await app.db.selectFrom('demo_posts').select(['in_reply_to', 'text']).execute();
    expect(posts).toHaveLength(grouped);
    expect(new Set(posts.map((p) => p.in_reply_to))).toEqual(new Set(members.map((m) => m.external_id)));
    expect(new Set(posts.map((p) => p.text))).toEqual(new Set([text]));
    // Every storm mention was grouped (they all use the driving phrase); no ordinary one was.
    const storm = await app.db.selectFrom('mentions').select((eb) => eb.fn.countAll<string>().as('n')).where('stream_id', '=', stream.id).executeTakeFirstOrThrow();
    expect(Number(storm.n)).toBe(grouped);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}incidents-phone.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 240_000);

  it('a manager shortens the brand\'s deadlines while the incident is open, and resolving it gives them back', async () => {
    const { page, pageErrors, cspViolations } = await openPage();
    const incident = await app.db.selectFrom('incidents').select(['id', 'alert_id']).executeTakeFirstOrThrow();
    await signIn(page, app, `/incidents/${incident.id}`, { email: 'manager@example.test', password: 'manager-password-1' });
    const state = page.getByTestId('deadline-state');
    await eventually(() => state.textContent()).toBe('New mentions of this brand get their normal deadlines.');
    await page.getByTestId('deadline-factor').selectOption('0.25');
    await page.getByTestId('deadline-tighten').click();
    await eventually(() => state.textContent()).toBe(
      'While this incident is open, new mentions of Acme Air get 25% of their normal response time (set by Manager Max). Resolving it gives their normal deadlines back.',
    );
    await page.screenshot({ path: `${ARTIFACTS}incidents-deadlines.png` });
    // An open mention arriving now gets a quarter of its target, in whole minutes (the default
    // policy: P1 30 min, so 8).
    const [id] = (
      await handleAnalyzeMentions(app.earshot.runtime, {
        pageId: await insertCollectedPage(app.db, {
          brandId,
          streamId: null,
          platform: 'demo',
          mentions: [{ externalId: 'late-1', url: null, text: 'Lost luggage still, terrible', lang: 'en', postedAt: new Date().toISOString(), author: { externalId: null, handle: 'late', name: null, followers: 10, verified: false }, context: null }],
        }),
      })
    ).inserted;
    const due = async () => {
      const m = await app.db.selectFrom('mentions').select(['sla_due_at', 'posted_at', 'priority']).where('id', '=', id!).executeTakeFirstOrThrow();
      return { minutes: (m.sla_due_at.getTime() - m.posted_at.getTime()) / 60_000, priority: m.priority };
    };
    const FULL = { 1: 30, 2: 60, 3: 240, 4: 1440 } as const;
    const shortened = await due();
    expect(shortened.minutes).toBe(Math.round(FULL[shortened.priority] / 4));

    await page.getByTestId('incident-resolve').click();
    await eventually(() => page.getByTestId('incident-status').textContent()).toBe('Closed');
    await eventually(() => state.textContent()).toBe('Deadlines were shortened to 25% during this incident; they are back to normal.');
    expect((await due()).minutes).toBe(FULL[shortened.priority]);
    expect(await page.getByTestId('deadline-tighten').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}incidents-resolved.png` });
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
