import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSpikeAlert } from '@earshot/db';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';
import { seedBrand, seedUser } from '../support/factories.ts';

// The Alerts page as a team uses it: a spike alert raised (through the same db function and the
// same live event as the worker's tick) appears in the banner and on the page without a reload,
// explains itself, an agent marks it a false alarm, and a manager tightens the rule.
describe('spike alerts in the dashboard', () => {
  let app: TestApp;
  const { openPage } = useBrowser();
  let brandId: string;

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off' });
    for (const role of ['agent', 'manager'] as const)
      await seedUser(app.db, { email: `${role}@example.test`, name: role === 'agent' ? 'Agent Ada' : 'Manager Max', password: `${role}-password-1`, role });
    brandId = (await seedBrand(app.db, 'Acme Air')).id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('an alert raised shows live in the banner and on the Alerts page, explained; an agent marks it a false alarm', async () => {
    const { page, pageErrors, cspViolations, dialogs } = await openPage();
    await signIn(page, app, '/alerts', { email: 'agent@example.test', password: 'agent-password-1' });
    await eventually(() => page.getByTestId('no-open-alerts').count()).toBe(1);
    await eventually(() => page.getByTestId('no-history').textContent()).toContain('No alerts yet for this brand');
    await expect.poll(() => page.getByTestId('nav-alerts').getAttribute('aria-current')).toBe('page');
    await page.screenshot({ path: `${ARTIFACTS}alerts-empty.png` });

    const rule = await app.db.selectFrom('alert_rules').select('id').where('brand_id', '=', brandId).executeTakeFirstOrThrow();
    const alertId = await openSpikeAlert(app.db, {
      ruleId: rule.id,
      brandId,
      message: 'Negative mentions: 96 in 8 min, 2.7× the 36.1 normal for this hour of the week, Monday 13:00 UTC.',
      startedAt: new Date(Date.now() - 8 * 60_000),
      peak: 21,
      total: 96,
      details: {
        metric: 'negative',
        windowMinutes: 8,
        observed: 96,
        expected: 36.1,
        factor: 2.7,
        baseline: 'weekly',
        phrases: [
          { phrase: 'lost luggage', count: 31 },
          { phrase: '<img src=x onerror=alert(1)>', count: 4 },
        ],
        examples: [{ text: '<b>Where is my bag?</b> Flight 212', author: 'ann' }],
      },
    });
    // What the worker's detect-spikes job does after a tick that changed alerts.
    await app.bus.publishMentionEvent({ type: 'alerts.changed' });

    const banner = page.getByTestId('alert').filter({ hasText: '96 in 8 min' });
    await eventually(() => banner.count()).toBe(1);
    await eventually(() => page.getByTestId('open-alerts').getByTestId('alert-card').count()).toBe(1);
    await banner.getByTestId('alert-details-link').click();
    const selected = page.getByTestId('selected-alert');
    await eventually(() => selected.getAttribute('data-alert-id')).toBe(alertId);
    await eventually(() => selected.getByTestId('alert-figures').textContent()).toContain('Factor2.7×');
    expect(await selected.getByTestId('alert-figures').textContent()).toContain('Window8 min');
    const lists = await selected.getByTestId('alert-detail-list').allTextContents();
    expect(lists).toEqual([
      'Phraseslost luggage (31)<img src=x onerror=alert(1)> (4)',
      'Examples<b>Where is my bag?</b> Flight 212 · Author: ann',
    ]);
    // Text, never HTML.
    expect(await selected.locator('img, b').count()).toBe(0);
    await eventually(() => selected.getByTestId('alert-deliveries').textContent()).toContain('No notification channel received this alert');
    await page.screenshot({ path: `${ARTIFACTS}alerts-open.png`, fullPage: true });

    await selected.getByTestId('alert-acknowledge').click();
    await eventually(() => selected.getByTestId('alert-state').textContent()).toContain('Acknowledged by Agent Ada');
    await selected.getByTestId('alert-false-alarm').click();
    await eventually(() => selected.getByTestId('alert-state').textContent()).toContain('False alarm: marked by Agent Ada');
    expect(await selected.getByTestId('alert-false-alarm').textContent()).toBe('Marked false alarm');
    expect(await selected.getByTestId('alert-resolve').isDisabled()).toBe(true);
    // Off the banner, in the history as a false alarm.
    await eventually(() => page.getByTestId('alert').count()).toBe(0);
    const row = page.getByTestId('history-alert').filter({ has: page.getByTestId('history-outcome') });
    await eventually(() => row.getByTestId('history-outcome').textContent()).toBe('False alarm');
    // The storm's 8 minutes lie in one hour of the week, or two if they cross the hour.
    const stored = await app.db.selectFrom('alert_rules').select('false_alarm_hours').where('id', '=', rule.id).executeTakeFirstOrThrow();
    const hours = Object.keys(stored.false_alarm_hours).length;
    expect([1, 2]).toContain(hours);
    await eventually(() => page.getByTestId('rule-summary').textContent()).toContain(`stricter in ${hours} h of the week after false alarms`);
    // Agents act on alerts but do not edit rules.
    expect(await page.getByTestId('rule-edit').count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}alerts-phone.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('a manager edits the rule: a preset, a raw knob refused in words, then saved', async () => {
    const { page, pageErrors, cspViolations } = await openPage();
    await signIn(page, app, '/alerts', { email: 'manager@example.test', password: 'manager-password-1' });
    const ruleRow = page.getByTestId('rule');
    await eventually(() => ruleRow.count()).toBe(1);
    await ruleRow.getByTestId('rule-edit').click();
    const editor = page.getByTestId('rule-editor');
    await editor.getByTestId('preset-high').click();
    expect(await editor.getByTestId('preset-high').getAttribute('aria-pressed')).toBe('true');
    await editor.getByTestId('rule-advanced').click();
    await editor.getByTestId('rule-min-count').fill('0');
    await editor.getByTestId('rule-cooldown').fill('120');
    await editor.getByTestId('rule-save').click();
    // Refused by the contract's schema before sending, in the server's words, under the knob itself.
    await eventually(() => editor.getByTestId('rule-min-count-error').textContent()).toBe('Minimum count must be at least 1');
    expect(await editor.getByTestId('rule-min-count').getAttribute('aria-invalid')).toBe('true');
    expect(await editor.getByTestId('rule-error').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}alerts-rule-editor.png`, fullPage: true });
    await editor.getByTestId('rule-min-count').fill('6');
    await editor.getByTestId('rule-min-count-error').waitFor({ state: 'detached' }); // the buttons move up as it goes
    await editor.getByTestId('rule-save').click();
    await eventually(() => page.getByTestId('rule-summary').textContent()).toContain('high · min 6 · cooldown 120 min');
    const stored = await app.db.selectFrom('alert_rules').select('rule').where('brand_id', '=', brandId).executeTakeFirstOrThrow();
    expect(stored.rule).toMatchObject({ metric: 'negative', sensitivity: 'high', minCount: 6, cooldownMinutes: 120, windowMinutes: 60 });
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('a filtered history is its address: it survives a reload, Back and Forward, and a filter that cannot be one is ignored', async () => {
    // A brand of its own (not the first, so its id is written), with one open alert.
    const other = await seedBrand(app.db, 'Zephyr Rail');
    const rule = await app.db.selectFrom('alert_rules').select('id').where('brand_id', '=', other.id).executeTakeFirstOrThrow();
    await openSpikeAlert(app.db, { ruleId: rule.id, brandId: other.id, message: 'Negative mentions: 40 in 10 min on Zephyr Rail.', startedAt: new Date(Date.now() - 10 * 60_000), peak: 9, total: 40, details: { metric: 'negative', windowMinutes: 10, observed: 40, expected: 12, factor: 3.3, baseline: 'weekly', phrases: [], examples: [] } });
    const { page, pageErrors, cspViolations } = await openPage();
    const search = () => new URL(page.url()).search;
    const historyRows = page.getByTestId('alert-history').getByTestId('history-alert');

    await signIn(page, app, `/alerts?brandId=${other.id}&status=open`, { email: 'agent@example.test', password: 'agent-password-1' });
    await eventually(() => historyRows.count()).toBe(1);
    expect(await page.getByTestId('alerts-brand').inputValue()).toBe(other.id);
    expect(await page.getByTestId('history-status').inputValue()).toBe('open');

    // A filter is a new address (the brand kept, the default status left out).
    await page.getByTestId('history-status').selectOption('closed');
    await eventually(search).toBe(`?brandId=${other.id}&status=closed`);
    await eventually(() => page.getByTestId('no-history').textContent()).toContain('match these filters');
    await page.reload();
    await eventually(() => page.getByTestId('no-history').textContent()).toContain('match these filters');
    expect(await page.getByTestId('history-status').inputValue()).toBe('closed');
    expect(await page.getByTestId('alerts-brand').inputValue()).toBe(other.id);

    await page.getByTestId('history-status').selectOption('');
    await eventually(search).toBe(`?brandId=${other.id}`);
    await eventually(() => historyRows.count()).toBe(1);
    await page.goBack();
    await eventually(search).toBe(`?brandId=${other.id}&status=closed`);
    await eventually(() => page.getByTestId('history-status').inputValue()).toBe('closed');
    await eventually(() => page.getByTestId('no-history').count()).toBe(1);
    await page.goBack();
    await eventually(search).toBe(`?brandId=${other.id}&status=open`);
    await eventually(() => page.getByTestId('history-status').inputValue()).toBe('open');
    await eventually(() => historyRows.count()).toBe(1);
    await page.goForward();
    await eventually(() => page.getByTestId('history-status').inputValue()).toBe('closed');
    await eventually(() => page.getByTestId('no-history').count()).toBe(1);

    // A hand-edited address: an unknown status and a date that is none show the unfiltered history.
    await page.goto(new URL(`/alerts?brandId=${other.id}&status=everything&from=yesterday`, app.url).href);
    await eventually(() => historyRows.count()).toBe(1);
    expect(await page.getByTestId('history-status').inputValue()).toBe('');
    expect(await page.getByTestId('history-from').inputValue()).toBe('');
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
