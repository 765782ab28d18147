import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  insertNotification,
  insertNotificationChannel,
  listSpikeRuleStates,
  openSpikeAlert,
} from '@earshot/db';
import {
  AlertRuleKnobsSchema,
  SENSITIVITY_PRESETS as WEB_PRESETS,
  type AlertDeliveryDto,
  type AlertDetailDto,
  type AlertHistoryPage,
  type AlertRuleDto,
} from '@earshot/web';
import { AlertRuleSchema, falseAlarmFactor, hourOfWeek, SENSITIVITY_PRESETS } from '@earshot/worker';
import type { ApiClient } from '../support/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { seedBrand, seedSignedInUser } from '../support/factories.ts';

// The web role validates rules with its own mirror of the worker's AlertRuleSchema (web may not
// import the worker). These fail to compile when the two accept different shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inputsAgree: Same<z.input<typeof AlertRuleKnobsSchema>, z.input<typeof AlertRuleSchema>> = true;
const outputsAgree: Same<z.output<typeof AlertRuleKnobsSchema>, z.output<typeof AlertRuleSchema>> = true;

describe('alert rules, history and actions through the API', () => {
  let app: TestApp;
  let manager: ApiClient;
  let agent: ApiClient;
  let viewer: ApiClient;
  let brandId: string;
  let otherBrandId: string;

  const signInAs = async (role: 'viewer' | 'agent' | 'manager') => {
    return (await seedSignedInUser(app, { email: `${role}@example.test`, name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`, password: `${role}-password-1`, role })).client;
  };
  const defaultRuleId = async (brand: string) => {
    const { body } = await viewer.request<{ rules: AlertRuleDto[] }>('GET', `/api/brands/${brand}/alert-rules`);
    return body.rules.find((r) => r.isDefault)!.id;
  };
  const raise = async (ruleId: string, brand: string, startedAt: Date, message = 'Negative mentions: 96 in 8 min') => {
    const id = await openSpikeAlert(app.db, {
      ruleId,
      brandId: brand,
      message,
      startedAt,
      peak: 20,
      total: 96,
      details: { metric: 'negative', windowMinutes: 8, observed: 96, expected: 36.1, factor: 2.7, phrases: [{ phrase: '<b>lost bag</b>', count: 31 }] },
    });
    expect(id).not.toBeNull();
    return id!;
  };

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'] });
    viewer = await signInAs('viewer');
    agent = await signInAs('agent');
    manager = await signInAs('manager');
    brandId = (await seedBrand(app.db, 'Acme Air')).id;
    otherBrandId = (await seedBrand(app.db, 'Other Co')).id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('mirrors the worker: same types (compile time), same presets, and both accept and refuse the same rules', () => {
    expect(inputsAgree && outputsAgree).toBe(true);
    expect(WEB_PRESETS).toEqual(SENSITIVITY_PRESETS);
    const samples: unknown[] = [
      {},
      { metric: 'complaints', windowMinutes: 30, sensitivity: 'high' },
      { minCount: 0 },
      { minCount: 2.5 },
      { windowMinutes: 4 },
      { windowMinutes: 1441 },
      { cooldownMinutes: 10 },
      { deviations: 9 },
      { percentAbove: -1 },
      { metric: 'likes' },
      { sensitivity: 'extreme' },
      { surprise: 3 },
      { metric: 'negative_share', percentAbove: 0, deviations: 2, closeAfterMinutes: 5 },
    ];
    for (const sample of samples) {
      const web = AlertRuleKnobsSchema.safeParse(sample);
      const worker = AlertRuleSchema.safeParse(sample);
      expect({ sample, ok: web.success }).toEqual({ sample, ok: worker.success });
      if (web.success && worker.success) expect(web.data).toEqual(worker.data);
    }
  });

  it('lists the default rule of a brand; a manager creates, edits and disables rules, with errors in words; others may not', async () => {
    const listed = await viewer.request<{ rules: AlertRuleDto[] }>('GET', `/api/brands/${brandId}/alert-rules`);
    expect(listed.status).toBe(200);
    expect(listed.body.rules).toHaveLength(1);
    expect(listed.body.rules[0]).toMatchObject({ isDefault: true, enabled: true, rule: { metric: 'negative' }, falseAlarmHours: {} });

    const bad = await manager.request<{ error: { message: string } }>('POST', `/api/brands/${brandId}/alert-rules`, {
      name: 'Complaints',
      rule: { metric: 'complaints', minCount: 0, windowMinutes: 2, cooldownMinutes: 5000 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Minimum count must be at least 1');
    expect(bad.body.error.message).toContain('Window must be at least 5 minutes');
    expect(bad.body.error.message).toContain('Cooldown must be at most 1440 minutes (one day)');
    expect(bad.body.error.message).not.toMatch(/rule\.|minCount/);
    const unknown = await manager.request<{ error: { message: string } }>('POST', `/api/brands/${brandId}/alert-rules`, { name: 'x', rule: { surprise: 3 } });
    expect(unknown.body.error.message).toBe('Unknown setting: surprise.');

    const forbidden = await agent.request('POST', `/api/brands/${brandId}/alert-rules`, { name: 'Complaints', rule: {} });
    expect(forbidden.status).toBe(403);

    const created = await manager.request<{ rule: AlertRuleDto }>('POST', `/api/brands/${brandId}/alert-rules`, {
      name: 'Complaints within 30 min',
      rule: { metric: 'complaints', windowMinutes: 30, sensitivity: 'high', cooldownMinutes: 120 },
    });
    expect(created.status).toBe(201);
    expect(created.body.rule).toMatchObject({ name: 'Complaints within 30 min', enabled: true, isDefault: false });
    // Stored as given (defaults are filled by the detector, so presets stay presets).
    const stored = await app.db.selectFrom('alert_rules').select('rule').where('id', '=', created.body.rule.id).executeTakeFirstOrThrow();
    expect(stored.rule).toMatchObject({ metric: 'complaints', windowMinutes: 30, sensitivity: 'high', cooldownMinutes: 120 });
    expect(AlertRuleSchema.safeParse(stored.rule).success).toBe(true);

    const edited = await manager.request<{ rule: AlertRuleDto }>('PATCH', `/api/alert-rules/${created.body.rule.id}`, {
      rule: { metric: 'complaints', windowMinutes: 30, sensitivity: 'balanced', minCount: 12 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.rule.rule).toMatchObject({ sensitivity: 'balanced', minCount: 12 });
    const disabled = await manager.request<{ rule: AlertRuleDto }>('PATCH', `/api/alert-rules/${created.body.rule.id}`, { enabled: false });
    expect(disabled.body.rule.enabled).toBe(false);
    const audited = await app.db.selectFrom('audit_log').select(['action', 'actor_label']).where('target_id', '=', created.body.rule.id).orderBy('id').execute();
    expect(audited).toEqual([
      { action: 'alert_rule.created', actor_label: 'manager@example.test' },
      { action: 'alert_rule.updated', actor_label: 'manager@example.test' },
      { action: 'alert_rule.updated', actor_label: 'manager@example.test' },
    ]);
    // A disabled rule is not judged by the tick.
    expect((await listSpikeRuleStates(app.db)).map((r) => r.rule_id)).not.toContain(created.body.rule.id);

    const badPatch = await manager.request<{ error: { message: string } }>('PATCH', `/api/alert-rules/${created.body.rule.id}`, { name: '  ' });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.error.message).toBe('Name the rule.');
    expect((await manager.request('PATCH', '/api/alert-rules/00000000-0000-4000-8000-000000000000', { enabled: true })).status).toBe(404);
    expect((await viewer.request('GET', '/api/brands/00000000-0000-4000-8000-000000000000/alert-rules')).status).toBe(404);
  });

  it('shows one alert with its explanation and delivery log; agents acknowledge and resolve it, with who and when', async () => {
    const ruleId = await defaultRuleId(brandId);
    const channel = await insertNotificationChannel(app.db, { brandId, kind: 'email', name: 'Ops mail', config: { recipients: ['ops@example.test'] } });
    const alertId = await raise(ruleId, brandId, new Date(Date.now() - 10 * 60_000));
    await insertNotification(app.db, { brandId, kind: 'spike', sourceId: alertId, severity: 'high', title: 'Negative mentions spike', text: 'x' });

    const one = await viewer.request<{ alert: AlertDetailDto; deliveries: AlertDeliveryDto[] }>('GET', `/api/alerts/${alertId}`);
    expect(one.status).toBe(200);
    expect(one.body.alert).toMatchObject({ id: alertId, status: 'open', ruleName: 'Negative mentions spike', peak: 20, total: 96, outcome: null, acknowledgedAt: null });
    expect(one.body.alert.details).toMatchObject({ factor: 2.7, phrases: [{ phrase: '<b>lost bag</b>', count: 31 }] });
    expect(one.body.deliveries).toHaveLength(1);
    expect(one.body.deliveries[0]).toMatchObject({ channelId: channel.id, channelName: 'Ops mail', title: 'Negative mentions spike', state: 'pending' });

    expect((await viewer.request('POST', `/api/alerts/${alertId}/acknowledge`, {})).status).toBe(403);
    const acked = await agent.request<{ alert: AlertDetailDto }>('POST', `/api/alerts/${alertId}/acknowledge`, {});
    expect(acked.status).toBe(200);
    expect(acked.body.alert).toMatchObject({ acknowledgedBy: 'Agent Person', status: 'open' });
    expect(acked.body.alert.acknowledgedAt).not.toBeNull();
    // The first acknowledgement stands.
    const again = await manager.request<{ alert: AlertDetailDto }>('POST', `/api/alerts/${alertId}/acknowledge`, {});
    expect(again.body.alert.acknowledgedBy).toBe('Agent Person');
    expect(again.body.alert.acknowledgedAt).toBe(acked.body.alert.acknowledgedAt);

    const banner = await viewer.request<{ alerts: { id: string; ruleId: string | null }[] }>('GET', '/api/alerts');
    expect(banner.body.alerts.map((a) => a.id)).toContain(alertId);

    const resolved = await agent.request<{ alert: AlertDetailDto }>('POST', `/api/alerts/${alertId}/resolve`, {});
    expect(resolved.body.alert).toMatchObject({ status: 'closed', outcome: 'resolved', handledBy: 'Agent Person' });
    expect((await viewer.request<{ alerts: { id: string }[] }>('GET', '/api/alerts')).body.alerts.map((a) => a.id)).not.toContain(alertId);
    expect((await agent.request('POST', '/api/alerts/00000000-0000-4000-8000-000000000000/resolve', {})).status).toBe(404);
    expect((await viewer.request('GET', '/api/alerts/not-a-uuid')).status).toBe(400);
  });

  it('false alarm: closes the alert, marks its hours of the week on the rule (what the tick reads), and the history shows it', async () => {
    const ruleId = await defaultRuleId(otherBrandId);
    // A storm from 13:40 to now-ish on a known day: hours 13 and 14 of that weekday.
    const startedAt = new Date(Date.UTC(2026, 10, 30, 13, 40)); // a Monday
    const alertId = await raise(ruleId, otherBrandId, startedAt);
    await app.db.updateTable('alerts').set({ resolved_at: new Date(Date.UTC(2026, 10, 30, 14, 20)) }).where('id', '=', alertId).execute();

    const marked = await agent.request<{ alert: AlertDetailDto; hoursMarked: number[] }>('POST', `/api/alerts/${alertId}/false-alarm`, {});
    expect(marked.status).toBe(200);
    expect(marked.body.hoursMarked).toEqual([hourOfWeek(startedAt.getTime()), hourOfWeek(startedAt.getTime()) + 1]);
    expect(marked.body.alert).toMatchObject({ outcome: 'false_alarm', handledBy: 'Agent Person', status: 'closed' });

    const row = (await listSpikeRuleStates(app.db)).find((r) => r.rule_id === ruleId)!;
    // The tick judges 13:xx and 14:xx on Mondays more strictly, and 15:00 as before.
    const nextMonday1330 = Date.UTC(2026, 11, 7, 13, 30);
    expect(falseAlarmFactor(row.false_alarm_hours, nextMonday1330)).toBeGreaterThan(1.8);
    expect(falseAlarmFactor(row.false_alarm_hours, Date.UTC(2026, 11, 7, 14, 59))).toBeGreaterThan(1.8);
    expect(falseAlarmFactor(row.false_alarm_hours, Date.UTC(2026, 11, 7, 15, 0))).toBe(1);

    // Marking again counts once.
    const twice = await agent.request<{ hoursMarked: number[] }>('POST', `/api/alerts/${alertId}/false-alarm`, {});
    expect(twice.body.hoursMarked).toEqual([]);
    // Who did it is in the audit log too.
    const audited = await app.db.selectFrom('audit_log').select(['action', 'actor_label', 'target_id']).where('target_id', '=', alertId).orderBy('id').execute();
    expect(audited[0]).toEqual({ action: 'alert.false_alarm', actor_label: 'agent@example.test', target_id: alertId });
    const rules = await viewer.request<{ rules: AlertRuleDto[] }>('GET', `/api/brands/${otherBrandId}/alert-rules`);
    expect(rules.body.rules[0]!.falseAlarmHours[String(hourOfWeek(startedAt.getTime()))]).toMatchObject({ n: 1 });

    const history = await viewer.request<AlertHistoryPage>('GET', `/api/brands/${otherBrandId}/alerts?status=closed`);
    expect(history.body.alerts.map((a) => [a.id, a.outcome])).toEqual([[alertId, 'false_alarm']]);
    expect((await viewer.request('POST', `/api/alerts/${alertId}/false-alarm`, {})).status).toBe(403);
  });

  it('history: filters by status, rule and date range, newest first, keyset pages with no gap or repeat', async () => {
    const brand = (await seedBrand(app.db, 'History Co')).id;
    const ruleId = await defaultRuleId(brand);
    const created = await manager.request<{ rule: AlertRuleDto }>('POST', `/api/brands/${brand}/alert-rules`, { name: 'All mentions', rule: { metric: 'all' } });
    const otherRule = created.body.rule.id;
    // 7 closed alerts of the default rule a day apart, one open alert of the other rule.
    const ids: string[] = [];
    for (let d = 0; d < 7; d++) {
      const id = await raise(ruleId, brand, new Date(Date.UTC(2026, 10, 20 + d, 9)));
      await app.db.updateTable('alerts').set({ resolved_at: new Date(), created_at: new Date(Date.UTC(2026, 10, 20 + d, 9, 1)) } as never).where('id', '=', id).execute();
      ids.push(id);
    }
    const openId = await raise(otherRule, brand, new Date());

    const all: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/brands/${brand}/alerts?limit=3${next ? `&after=${encodeURIComponent(next)}` : ''}`;
      const page: { status: number; body: AlertHistoryPage } = await viewer.request<AlertHistoryPage>('GET', query);
      expect(page.status).toBe(200);
      all.push(...page.body.alerts.map((a) => a.id));
      next = page.body.next;
      pages++;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    expect(all).toEqual([openId, ...ids.slice().reverse()]);

    const open = await viewer.request<AlertHistoryPage>('GET', `/api/brands/${brand}/alerts?status=open`);
    expect(open.body.alerts.map((a) => a.id)).toEqual([openId]);
    const byRule = await viewer.request<AlertHistoryPage>('GET', `/api/brands/${brand}/alerts?ruleId=${ruleId}`);
    expect(byRule.body.alerts).toHaveLength(7);
    const range = await viewer.request<AlertHistoryPage>(
      'GET',
      `/api/brands/${brand}/alerts?from=${encodeURIComponent('2026-11-22T00:00:00Z')}&to=${encodeURIComponent('2026-11-24T00:00:00Z')}`,
    );
    expect(range.body.alerts.map((a) => a.id)).toEqual([ids[3], ids[2]]);
    const badQuery = await viewer.request<{ error: { message: string } }>('GET', `/api/brands/${brand}/alerts?status=maybe`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toBe('Status must be open or closed.');
  });
});
