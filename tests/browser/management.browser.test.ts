import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { recordPollSuccess } from '@earshot/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, platformDefinitions } from 'earshot';
import { credentialValuesFor } from '../support/credential-values.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const definitions = platformDefinitions(loadConfig({}, { dotenv: false }));
import { ARTIFACTS, eventually, launchBrowser, openPage as openFreshPage, signIn } from './harness.ts';
import { seedUser } from '../support/factories.ts';

// The dashboard's management screens as an admin uses them: streams and their health,
// settings (connections, SLA policy, model agreement), corrections in the mention panel,
// and the alerts banner. Every change is checked in the database too.

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let demoStream: { id: string; brand_id: string; name: string };

beforeAll(async () => {
  app = await startTestApp({ demoPerMinute: 30 });
  browser = await launchBrowser();
  demoStream = await app.db
    .selectFrom('streams')
    .select(['id', 'brand_id', 'name'])
    .where('platform', '=', 'demo')
    .executeTakeFirstOrThrow();
});

afterEach(async () => {
  while (contexts.length > 0) await contexts.pop()?.close();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openPage(viewport?: { width: number; height: number }) {
  const opened = await openFreshPage(browser, viewport);
  contexts.push(opened.context);
  return opened;
}

/** Calls the API from the page, with its session, as the dashboard would. */
async function apiFromPage(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    { method, path, body },
  );
}

function streamCard(page: Page, id: string) {
  return page.locator(`[data-testid="stream"][data-stream-id="${id}"]`);
}

describe('streams screen', () => {
  it('shows the demo stream healthy, disables and re-enables it, and edits it', async () => {
    const { page, dialogs, pageErrors } = await openPage();
    await signIn(page, app);
    await page.getByTestId('nav-streams').click();
    expect(new URL(page.url()).pathname).toBe('/streams');
    expect(await page.getByTestId('nav-streams').getAttribute('aria-current')).toBe('page');

    const card = streamCard(page, demoStream.id);
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toBe(demoStream.name);
    // Health comes from the collectors' polls; the screen re-reads it every 10 s.
    await eventually(() => card.getByTestId('stream-state').getAttribute('data-state'), 40_000).toBe('ok');
    await eventually(async () => Number(await card.getByTestId('stream-fetched-today').getAttribute('data-value')), 40_000).toBeGreaterThan(0);
    expect(await card.getByTestId('stream-state').textContent()).toBe('Healthy');
    expect(await card.getByTestId('stream-last-success').textContent()).toMatch(/just now|ago/);
    await page.screenshot({ path: `${ARTIFACTS}streams.png` });

    // Disable: the badge says so, and the collectors are told via the database.
    const toggle = card.getByTestId('stream-enabled');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await eventually(() => card.getByTestId('stream-state').getAttribute('data-state')).toBe('disabled');
    expect(await card.getByTestId('stream-state').textContent()).toBe('Disabled');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    const disabled = await app.db.selectFrom('streams').select('enabled').where('id', '=', demoStream.id).executeTakeFirstOrThrow();
    expect(disabled.enabled).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}stream-disabled.png` });

    await toggle.click();
    await eventually(() => card.getByTestId('stream-state').getAttribute('data-state')).not.toBe('disabled');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');

    // Edit the poll interval and the budget.
    await card.getByTestId('stream-edit').click();
    const form = card.getByTestId('stream-edit-form');
    await form.getByLabel('Poll every (seconds)').fill('30');
    await form.getByLabel('Monthly read budget').fill('50000');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await eventually(() => card.textContent()).toContain('polls every 30s');
    expect(await card.getByTestId('stream-budget').textContent()).toMatch(/\/ 50,000 reads/);
    const edited = await app.db
      .selectFrom('streams')
      .select(['enabled', 'poll_interval_ms', 'read_budget_monthly'])
      .where('id', '=', demoStream.id)
      .executeTakeFirstOrThrow();
    expect(edited).toEqual({ enabled: true, poll_interval_ms: 30_000, read_budget_monthly: 50_000 });

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('creates a stream for a new brand from the platform example as JSON (Advanced), showing JSON and server errors', async () => {
    const { page, pageErrors } = await openPage();
    await signIn(page, app, '/streams');
    await page.getByTestId('new-stream').click();
    const form = page.getByTestId('new-stream-form');
    await form.waitFor();

    // The query starts as the platform's own example.
    const platforms = await apiFromPage(page, 'GET', '/api/platforms');
    const demo = (platforms.body as { platforms: { platform: string; queryExample: unknown }[] }).platforms.find(
      (p) => p.platform === 'demo',
    );
    expect(demo).toBeDefined();
    await form.getByLabel('Platform').selectOption('demo');
    // The platform's own form first; its JSON under "Advanced".
    await form.getByLabel('Posts a minute').waitFor();
    await form.getByTestId('new-stream-advanced').click();
    const query = form.getByTestId('new-stream-query');
    expect(JSON.parse(await query.inputValue())).toEqual(demo!.queryExample);

    // Not JSON: said at once, and nothing can be sent.
    await query.fill('{"perMinute": 6,');
    expect(await form.getByTestId('json-error').textContent()).toMatch(/^Not valid JSON: /);
    expect(await form.getByRole('button', { name: 'Create stream' }).isDisabled()).toBe(true);

    // JSON the platform refuses: the server's message, word for word.
    const brandName = `Globex ${randomUUID().slice(0, 6)}`;
    await form.getByLabel('Brand', { exact: true }).selectOption({ label: 'New brand…' });
    await form.getByLabel('New brand name').fill(brandName);
    await form.getByLabel('Stream name').fill('Globex demo');
    const badQuery = { ...(demo!.queryExample as object), perMinute: 'lots' };
    await query.fill(JSON.stringify(badQuery));
    await form.getByRole('button', { name: 'Create stream' }).click();
    const error = form.getByTestId('new-stream-error');
    await error.waitFor();
    const brands = await app.db.selectFrom('brands').select(['id', 'name']).where('name', '=', brandName).execute();
    expect(brands).toHaveLength(1); // the brand was made before the stream was refused
    const direct = await apiFromPage(page, 'POST', '/api/streams', {
      brandId: brands[0]!.id,
      platform: 'demo',
      name: 'Globex demo',
      query: badQuery,
      readBudgetMonthly: null,
    });
    expect(direct.status).toBe(400);
    expect(await error.textContent()).toBe((direct.body as { error: { message: string } }).error.message);
    await page.screenshot({ path: `${ARTIFACTS}new-stream-error.png` });

    // Fixed: created, for the brand made a moment ago (not a second one).
    await query.fill(JSON.stringify(demo!.queryExample));
    await form.getByLabel('Monthly read budget').fill('1000');
    await form.getByRole('button', { name: 'Create stream' }).click();
    await form.waitFor({ state: 'detached' });
    const created = await app.db
      .selectFrom('streams')
      .selectAll()
      .where('brand_id', '=', brands[0]!.id)
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ name: 'Globex demo', platform: 'demo', read_budget_monthly: 1000, enabled: true });
    expect(created.query).toEqual(demo!.queryExample);
    expect(await app.db.selectFrom('brands').select('id').where('name', '=', brandName).execute()).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe(`/streams/${created.id}`);
    const card = streamCard(page, created.id);
    await eventually(() => card.getAttribute('data-highlighted')).toBe('true');
    expect(await card.textContent()).toContain(brandName);
    await page.screenshot({ path: `${ARTIFACTS}new-stream.png` });
    expect(pageErrors).toEqual([]);
  });
});

describe('stream health', () => {
  it('shows a stream without credentials failing with its reason, and a rate-limited one with when it resumes', async () => {
    const { page, pageErrors } = await openPage();
    await signIn(page, app, '/streams');
    const platforms = (await apiFromPage(page, 'GET', '/api/platforms')).body as {
      platforms: { platform: string; needsCredentials: boolean; queryExample: unknown }[];
    };
    const credentialed = platforms.platforms.find((p) => p.needsCredentials);
    expect(credentialed).toBeDefined();
    await apiFromPage(page, 'DELETE', `/api/connections/${credentialed!.platform}`); // none stored, whatever ran before
    const created = await apiFromPage(page, 'POST', '/api/streams', {
      brandId: demoStream.brand_id,
      platform: credentialed!.platform,
      name: `${credentialed!.platform} without credentials`,
      query: credentialed!.queryExample,
      pollIntervalMs: 5_000,
    });
    expect(created.status).toBe(201);
    const { stream } = created.body as { stream: { id: string } };

    // The screen re-reads every 10 s on its own: no reload here.
    const card = streamCard(page, stream.id);
    await eventually(() => card.getByTestId('stream-state').getAttribute('data-state'), 40_000).toBe('failing');
    const stored = await app.db.selectFrom('streams').select('last_error').where('id', '=', stream.id).executeTakeFirstOrThrow();
    expect(stored.last_error).toBeTruthy();
    await eventually(() => card.getByTestId('stream-last-error').textContent()).toContain(stored.last_error!);
    expect(await card.getByTestId('stream-last-error').textContent()).toMatch(/^Failing for \S+: /);

    // Rate limited: the local time polling resumes, the time alone when it is today, else date
    // and time. The page's clock is pinned (timers keep running; the screen takes its "now" every
    // 5 s), so what "today" means does not depend on when the test runs: once at a noon, once at
    // 23:59 with the reset 47 minutes later, on the next day. Both instants are the next ones to
    // come in the browser's time zone, so the server (real clock) calls the stream rate limited.
    const demo = streamCard(page, demoStream.id);
    // Read before the clock is pinned: the next local 12:00 and 23:59, and whether each one's
    // reset (47 minutes on) falls on the same day.
    const [noon, lastMinute] = await page.evaluate(() =>
      [[12, 0], [23, 59]].map(([h, m]) => {
        const at = new Date();
        at.setHours(h!, m!, 0, 0);
        if (at.getTime() <= Date.now()) at.setDate(at.getDate() + 1);
        return { at: at.getTime(), sameDay: at.toDateString() === new Date(at.getTime() + 47 * 60_000).toDateString() };
      }),
    );
    expect([noon!.sameDay, lastMinute!.sameDay]).toEqual([true, false]);
    const rateLimitedAt = async (pinnedAt: number, options: Intl.DateTimeFormatOptions) => {
      await page.clock.setFixedTime(pinnedAt);
      const until = pinnedAt + 47 * 60_000;
      // Set again on every look: the demo stream keeps polling, and a poll already under way
      // when the limit is written records its success and clears it (as it should).
      const limited = async () => {
        await app.db.updateTable('streams').set({ rate_limited_until: new Date(until) }).where('id', '=', demoStream.id).execute();
      };
      await eventually(async () => {
        await limited();
        return demo.getByTestId('stream-state').getAttribute('data-state');
      }, 15_000).toBe('rate-limited');
      const shown = await page.evaluate(([t, o]) => new Intl.DateTimeFormat(undefined, o).format(new Date(t)), [until, options] as const);
      await eventually(async () => {
        await limited();
        return demo.getByTestId('stream-rate-limited').textContent({ timeout: 1_000 }).catch(() => null);
      }, 15_000).toContain(`Rate limited until ${shown};`);
    };
    await rateLimitedAt(noon!.at, { hour: '2-digit', minute: '2-digit' });
    await rateLimitedAt(lastMinute!.at, { dateStyle: 'medium', timeStyle: 'short' });
    await page.screenshot({ path: `${ARTIFACTS}streams-health.png` });

    await app.db.updateTable('streams').set({ rate_limited_until: null }).where('id', '=', demoStream.id).execute();

    // A poll that succeeded but could not read everything: the note shows on a healthy card.
    const notice = "X's recent search keeps only the last 7 days: posts from 2026-11-20T10:00:00Z to 2026-11-24T10:10:00Z could not be read and are missing.";
    const { cursor } = await app.db.selectFrom('streams').select('cursor').where('id', '=', demoStream.id).executeTakeFirstOrThrow();
    await recordPollSuccess(app.db, demoStream.id, { cursor, fetched: 0, reads: 0, notice });
    await eventually(() => demo.getByTestId('stream-notice').textContent(), 15_000).toMatch(/^Note \(.+\): /);
    expect(await demo.getByTestId('stream-notice').textContent()).toContain(notice);
    await app.db.updateTable('streams').set({ last_notice: null, last_notice_at: null }).where('id', '=', demoStream.id).execute();
    await app.db.updateTable('streams').set({ enabled: false }).where('id', '=', stream.id).execute();
    expect(pageErrors).toEqual([]);
  });
});

describe('settings screen', () => {
  it('saves an SLA policy, recomputes deadlines, and shows server errors verbatim', async () => {
    const { page, dialogs, pageErrors } = await openPage();
    await signIn(page, app, '/settings');
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
    const section = page.getByTestId('sla-policy');
    const brandPicker = section.getByTestId('sla-brand');
    if ((await brandPicker.count()) > 0) await brandPicker.selectOption(demoStream.brand_id);
    const form = section.getByTestId('sla-form');
    await form.waitFor();

    // A zone the server does not know: its message in words, next to the field.
    await form.getByTestId('sla-time-zone').fill('Mars/Olympus_Mons');
    await form.getByTestId('sla-save').click();
    await eventually(() => form.getByTestId('sla-time-zone-error').textContent()).toContain(
      'Time zone: "Mars/Olympus_Mons" is not an IANA time zone',
    );
    expect(await form.getByTestId('sla-time-zone').getAttribute('aria-invalid')).toBe('true');
    // The error by its field, on a desktop and a phone.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await form.getByTestId('sla-time-zone').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}settings-sla-error-${width}.png` });
    }
    await page.setViewportSize({ width: 1400, height: 900 });

    await form.getByTestId('sla-time-zone').fill('Europe/Berlin');
    await form.getByTestId('sla-target-P1').fill('45');
    await form.getByTestId('sla-target-P4').fill('2880');
    await form.getByTestId('sla-business-hours').check();
    await form.getByLabel('Saturday opens at (HH:MM)').waitFor();
    await form.locator('[data-weekday="5"]').getByLabel(/closes at/).fill('24:00');
    await form.getByTestId('holiday-date').fill('2026-12-25');
    await form.getByTestId('holiday-add').click();
    await form.getByTestId('holiday-date').fill('2026-12-24');
    await form.getByTestId('holiday-add').click();
    expect(await form.getByTestId('holiday').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')))).toEqual([
      '2026-12-24',
      '2026-12-25',
    ]);
    await form.getByRole('button', { name: /Remove holiday .*24/ }).click();

    const openBefore = await app.db
      .selectFrom('mentions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('brand_id', '=', demoStream.brand_id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    await form.getByTestId('sla-save').click();
    const saved = form.getByTestId('sla-saved');
    await saved.waitFor();
    const match = /^Saved; ([\d,]+) open mentions? got new deadlines\.$/.exec((await saved.textContent()) ?? '');
    expect(match).not.toBeNull();
    const recomputed = Number(match![1]!.replaceAll(',', ''));
    // Every open mention of the brand at the time, give or take the ones the demo added since.
    expect(recomputed).toBeGreaterThanOrEqual(Number(openBefore.n));
    expect(recomputed).toBeGreaterThan(0);
    expect(await form.getByTestId('sla-error').count()).toBe(0);
    // The screen scrolls inside the app, not the document: a tall window shows all of it.
    await page.setViewportSize({ width: 1400, height: 2000 });
    await page.screenshot({ path: `${ARTIFACTS}settings-sla.png` });
    await page.setViewportSize({ width: 1400, height: 900 });

    const stored = await app.db
      .selectFrom('sla_policies')
      .selectAll()
      .where('brand_id', '=', demoStream.brand_id)
      .executeTakeFirstOrThrow();
    expect(stored.time_zone).toBe('Europe/Berlin');
    expect(stored.targets_minutes).toMatchObject({ P1: 45, P4: 2880 });
    expect(stored.business_hours).toEqual({
      '1': { open: '09:00', close: '17:00' },
      '2': { open: '09:00', close: '17:00' },
      '3': { open: '09:00', close: '17:00' },
      '4': { open: '09:00', close: '17:00' },
      '5': { open: '09:00', close: '24:00' },
    });
    expect(stored.holidays).toEqual(['2026-12-25']);

    // A reload shows what was stored.
    await page.reload();
    await page.getByTestId('sla-form').waitFor();
    expect(await page.getByTestId('sla-time-zone').inputValue()).toBe('Europe/Berlin');
    expect(await page.getByTestId('sla-target-P1').inputValue()).toBe('45');
    expect(await page.getByTestId('holiday').count()).toBe(1);

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('stores credentials for every platform that takes them, without ever showing them, and removes them', async () => {
    const { page, pageErrors } = await openPage();
    await signIn(page, app, '/settings');
    const section = page.getByTestId('connections');
    const platforms = (
      (await apiFromPage(page, 'GET', '/api/platforms')).body as {
        platforms: { platform: string; needsCredentials: boolean; credentialFields: { name: string; optional: boolean; secret: boolean }[] }[];
      }
    ).platforms.filter((p) => p.needsCredentials);
    expect(platforms.length).toBeGreaterThan(0);
    expect(await section.getByTestId('connection').count()).toBe(platforms.length);

    for (const platform of platforms) {
      const connection = section.locator(`[data-testid="connection"][data-platform="${platform.platform}"]`);
      expect(await connection.getAttribute('data-configured')).toBe('false');

      // Made-up values each platform's own rules accept; optional fields (such as a numeric
      // account id) are left to be looked up.
      const definition = definitions.find((d) => d.platform === platform.platform)!;
      const values = credentialValuesFor(definition, { requiredOnly: true });
      const required = platform.credentialFields.filter((f) => !f.optional);
      // Until the required fields are filled the browser will not submit the form.
      expect(await connection.locator('input:invalid').count()).toBe(required.length);
      for (const field of platform.credentialFields) {
        const input = connection.locator(`input[name="${field.name}"]`);
        expect(await input.getAttribute('type')).toBe(field.secret ? 'password' : 'text');
        if (!field.optional) await input.fill(values[field.name]!);
      }
      await connection.getByRole('button', { name: 'Save credentials' }).click();
      await eventually(async () =>
        (await connection.getByTestId('connection-error').count()) > 0
          ? await connection.getByTestId('connection-error').textContent()
          : await connection.getAttribute('data-configured'),
      ).toBe('true');
      expect(await connection.getByTestId('connection-summary').textContent()).toMatch(/^Stored: .* · updated /);

      // Typed values are gone from the form and nowhere on the page or in the database.
      for (const field of platform.credentialFields) {
        expect(await connection.locator(`input[name="${field.name}"]`).inputValue()).toBe('');
      }
      const content = await page.content();
      for (const value of Object.values(values)) expect(content).not.toContain(value);
      const row = await app.db
        .selectFrom('platform_connections')
        .selectAll()
        .where('platform', '=', platform.platform)
        .executeTakeFirstOrThrow();
      expect([...row.fields].sort()).toEqual(required.map((f) => f.name).sort());
      for (const value of Object.values(values)) expect(JSON.stringify(row)).not.toContain(value);
      await connection.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}settings-connection-${platform.platform}.png` });

      await connection.getByTestId('connection-remove').click();
      await connection.getByRole('button', { name: 'Yes, remove' }).click();
      await eventually(() => connection.getAttribute('data-configured')).toBe('false');
      expect(
        await app.db.selectFrom('platform_connections').select('platform').where('platform', '=', platform.platform).execute(),
      ).toEqual([]);
    }
    expect(pageErrors).toEqual([]);
  });
});

describe('corrections', () => {
  it('corrects sentiment and priority in the panel, stores them, and counts them in the agreement table', async () => {
    const { page, pageErrors } = await openPage();
    await signIn(page, app);
    const row = page.locator(`[data-testid="inbox-row"][data-status="open"]`).first();
    await row.waitFor();
    const mentionId = (await row.getAttribute('data-mention-id'))!;
    await row.click();
    const detail = page.getByTestId('mention-detail');
    await detail.waitFor();
    const before = await app.db.selectFrom('mentions').selectAll().where('id', '=', mentionId).executeTakeFirstOrThrow();
    const analysis = page.getByTestId('analysis');

    // Sentiment: to something other than what the model said.
    const target = before.sentiment === 'negative' ? 'positive' : 'negative';
    const label = target === 'positive' ? 'Positive' : 'Negative';
    await analysis.getByTestId('correct-sentiment').click();
    const control = analysis.getByTestId('correction-sentiment');
    await control.getByLabel('Correct sentiment to').selectOption(target);
    await page.screenshot({ path: `${ARTIFACTS}correction-open.png` });
    await control.getByRole('button', { name: 'Save' }).click();
    await eventually(() => analysis.getByTestId('sentiment').textContent()).toBe(label);
    await control.waitFor({ state: 'detached' });
    const corrected = await app.db.selectFrom('mentions').select('sentiment').where('id', '=', mentionId).executeTakeFirstOrThrow();
    expect(corrected.sentiment).toBe(target);
    const rows = await app.db.selectFrom('corrections').selectAll().where('mention_id', '=', mentionId).execute();
    expect(rows.map((r) => [r.field, r.model_value, r.corrected_value])).toEqual([['sentiment', before.sentiment, target]]);
    // The inbox row follows the panel.
    await eventually(() =>
      page.locator(`[data-testid="inbox-row"][data-mention-id="${mentionId}"] [data-testid="sentiment"]`).textContent(),
    ).toBe(label);

    // Priority: the number goes to the API as a number, and the deadline follows.
    const priority = before.priority === 4 ? 1 : 4;
    await analysis.getByTestId('correct-priority').click();
    await analysis.getByTestId('correction-priority').getByLabel('Correct priority to').selectOption(String(priority));
    await analysis.getByTestId('correction-priority').getByRole('button', { name: 'Save' }).click();
    await eventually(() => analysis.getByTestId('priority').locator('.badge').textContent()).toBe(`P${String(priority)}`);
    const afterPriority = await app.db.selectFrom('mentions').selectAll().where('id', '=', mentionId).executeTakeFirstOrThrow();
    expect(afterPriority.priority).toBe(priority);
    expect(await analysis.getByTestId('priority').textContent()).toContain(afterPriority.priority_reason);
    expect(await analysis.getByTestId('deadline').getAttribute('data-due-at')).toBe(afterPriority.sla_due_at.toISOString());
    await page.screenshot({ path: `${ARTIFACTS}correction-saved.png` });

    // The agreement table counts both.
    await page.getByTestId('nav-settings').click();
    const agreementRow = page.locator(`[data-testid="agreement-row"][data-brand-id="${before.brand_id}"]`);
    await agreementRow.waitFor();
    expect(Number(await agreementRow.getByTestId('agreement-corrections').textContent())).toBeGreaterThanOrEqual(2);
    expect(await agreementRow.locator('[data-field="sentiment"]').textContent()).toMatch(/\d+%/);
    // A worker trains the brand's own model on the sentiment correction; Refresh shows it (kept,
    // or not used if it cross-validated worse than the shared model on the brand's reviews).
    const modelState = () => agreementRow.getByTestId('brand-model').locator('[data-state]').first().getAttribute('data-state');
    await eventually(async () => {
      await page.getByTestId('agreement').getByRole('button', { name: 'Refresh' }).click();
      return ['trained', 'not-used'].includes((await modelState()) ?? '');
    }, 30_000).toBe(true);
    const brandModel = await app.db.selectFrom('brand_models').selectAll().where('brand_id', '=', before.brand_id).executeTakeFirstOrThrow();
    expect(await modelState()).toBe(brandModel.evaluation.kept ? 'trained' : 'not-used');
    expect(await agreementRow.getByTestId('brand-model-labels').textContent()).toBe(`Learnt ${String(brandModel.labels)} ${brandModel.labels === 1 ? 'label' : 'labels'}`);
    expect(brandModel.labels).toBeGreaterThanOrEqual(1);
    await page.getByTestId('agreement').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}settings-agreement.png` });
    expect(pageErrors).toEqual([]);
  });
});

describe('alerts banner', () => {
  it('shows an alert as it opens, links to its stream, and drops it once resolved', async () => {
    const { page, dialogs, pageErrors } = await openPage();
    await signIn(page, app);
    await page.getByTestId('inbox-row').first().waitFor();
    await eventually(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('live');
    expect(await page.getByTestId('alert').count()).toBe(0);

    // Written as the alert sync would; a kind of its own so the sync leaves it alone.
    const message = `Stream "${demoStream.name}" (demo) has been failing for 15 minutes: <b>401</b> <img src=x onerror=alert(1)>`;
    const alert = await app.db
      .insertInto('alerts')
      .values({ kind: 'test-alert', stream_id: demoStream.id, brand_id: demoStream.brand_id, message })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.bus.publishMentionEvent({ type: 'alerts.changed' });

    const shown = page.locator(`[data-testid="alert"][data-alert-id="${alert.id}"]`);
    await shown.waitFor();
    expect(await shown.getByTestId('alert-message').textContent()).toBe(message);
    expect(await page.evaluate(() => document.querySelectorAll('#root img, #root b').length)).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}alert-banner.png` });

    await shown.getByTestId('alert-stream-link').click();
    expect(new URL(page.url()).pathname).toBe(`/streams/${demoStream.id}`);
    await eventually(() => streamCard(page, demoStream.id).getAttribute('class')).toContain('highlighted');
    // The banner stays on every screen.
    expect(await shown.isVisible()).toBe(true);

    await app.db.updateTable('alerts').set({ resolved_at: new Date() }).where('id', '=', alert.id).execute();
    await app.bus.publishMentionEvent({ type: 'alerts.changed' });
    await shown.waitFor({ state: 'detached' });

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('as an agent', () => {
  it('sees streams without admin controls, no settings, and may still correct a mention', async () => {
    const agent = { email: `agent-${randomUUID().slice(0, 8)}@example.test`, password: `pw-${randomUUID()}` };
    await seedUser(app.db, { email: agent.email, name: 'Agent Smith', password: agent.password, role: 'agent' });
    const { page, pageErrors } = await openPage();
    await signIn(page, app, '/streams', agent);

    await streamCard(page, demoStream.id).waitFor();
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
    expect(await page.getByTestId('new-stream').count()).toBe(0);
    expect(await page.getByTestId('stream-enabled').count()).toBe(0);
    expect(await page.getByTestId('stream-edit').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}streams-agent.png` });

    // Typed in by hand, the settings URL explains instead of showing admin forms.
    await page.goto(new URL('/settings', app.url).href);
    await page.getByTestId('admins-only').waitFor();
    expect(await page.getByTestId('sla-form').count()).toBe(0);

    await page.getByTestId('nav-inbox').click();
    await page.locator('[data-testid="inbox-row"][data-status="open"]').first().click();
    await page.getByTestId('mention-detail').waitFor();
    expect(await page.getByTestId('correct-intent').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('gives a manager settings for response targets and channels, but not platform credentials', async () => {
    const manager = { email: `manager-${randomUUID().slice(0, 8)}@example.test`, password: `pw-${randomUUID()}` };
    await seedUser(app.db, { email: manager.email, name: 'Manager Mo', password: manager.password, role: 'manager' });
    const { page, pageErrors } = await openPage();
    await signIn(page, app, '/streams', manager);
    await streamCard(page, demoStream.id).waitFor();
    expect(await page.getByTestId('new-stream').count()).toBe(1);
    expect(await page.getByTestId('nav-team').count()).toBe(0);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('sla-form').waitFor();
    await page.getByTestId('notification-channels').waitFor();
    expect(await page.getByTestId('connections').count()).toBe(0);
    expect(await page.getByTestId('admins-only').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}settings-manager.png` });
    expect(pageErrors).toEqual([]);
  });
});

describe('on a phone-sized screen', () => {
  it('lays out streams and settings without sideways scrolling', async () => {
    const width = 390;
    const { page, pageErrors } = await openPage({ width, height: 844 });
    await signIn(page, app, '/streams');
    await streamCard(page, demoStream.id).waitFor();
    // Names what is wider than the screen, so a failure says where to look.
    const overflow = () =>
      page.evaluate(() => {
        const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
        const wide = [...document.querySelectorAll<HTMLElement>('#root *')].filter(
          (el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && el.closest('.table-card') === null,
        );
        return [document.documentElement.scrollWidth > document.documentElement.clientWidth ? 'document' : null, ...wide.map(describe)]
          .filter((x) => x !== null)
          .slice(0, 5);
      });
    await page.screenshot({ path: `${ARTIFACTS}streams-narrow.png` });
    expect(await overflow()).toEqual([]);
    // The navigation is one "Menu" row on a phone, folded until asked for.
    expect(await page.getByTestId('nav-settings').isVisible()).toBe(false);
    await page.getByTestId('nav-menu').click();
    await page.screenshot({ path: `${ARTIFACTS}nav-menu-narrow.png` });
    expect(await overflow()).toEqual([]);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('sla-form').waitFor();
    expect(await page.getByTestId('nav-settings').isVisible()).toBe(false);
    await page.getByTestId('sla-target-P4').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}settings-narrow.png` });
    expect(await overflow()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
