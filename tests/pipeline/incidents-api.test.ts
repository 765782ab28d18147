import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureBrand,
  insertCollectedPage,
  insertUser,
  openSpikeAlert,
  type CollectedMention,
} from '@earshot/db';
import { hashPassword, type IncidentDetail, type IncidentDto, type IncidentSummaryDto, type SlaPolicyDto } from '@earshot/web';
import { handleAnalyzeMentions, openIncident } from '@earshot/worker';
import { ApiClient } from '../support/api-client.ts';
import { waitForQueueIdle } from '../support/settled.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';

// Incidents through the API with every role running: the worker's grouping (openIncident, and the
// analyze job for later mentions), the holding reply posted by the real publisher to the demo
// platform (its demo_posts table), deadlines shortened by a manager and given back on resolve.
describe('incidents through the API', () => {
  let app: TestApp;
  let viewer: ApiClient;
  let agent: ApiClient;
  let manager: ApiClient;
  let brandId: string;
  let serial = 0;

  const signInAs = async (role: 'viewer' | 'agent' | 'manager') => {
    await insertUser(app.db, { email: `${role}@example.test`, name: `${role} person`, passwordHash: await hashPassword(`${role}-password-1`), role });
    const client = new ApiClient(app.url);
    await client.signIn(`${role}@example.test`, `${role}-password-1`);
    return client;
  };
  /** Stores mentions the way the pipeline does: a collected page analyzed by the worker's job. */
  const analyze = async (texts: string[], postedAt = new Date()): Promise<string[]> => {
    const mentions: CollectedMention[] = texts.map((text) => {
      serial++;
      return {
        externalId: `inc-${serial}`,
        url: null,
        text,
        lang: 'en',
        postedAt: postedAt.toISOString(),
        author: { externalId: `u${serial}`, handle: `flyer${serial}`, name: null, followers: 100, verified: false },
        context: null,
      };
    });
    const pageId = await insertCollectedPage(app.db, { brandId, streamId: null, platform: 'demo', mentions });
    const out = await handleAnalyzeMentions(app.earshot.runtime, { pageId });
    return out.inserted;
  };
  const demoPostsPerMention = async () =>
    (
      await app.db
        .selectFrom('demo_posts as p')
        .innerJoin('mentions as m', 'm.external_id', 'p.in_reply_to')
        .select(['m.id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('m.brand_id', '=', brandId)
        .groupBy('m.id')
        .execute()
    ).map((r) => ({ id: r.id, n: Number(r.n) }));

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off' });
    viewer = await signInAs('viewer');
    agent = await signInAs('agent');
    manager = await signInAs('manager');
    brandId = (await ensureBrand(app.db, 'Incident Air')).id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('groups the storm, sends one holding reply per mention once however often it is asked, shortens deadlines and gives them back', async () => {
    const from = new Date(Date.now() - 10 * 60_000);
    const storm = await analyze(
      [
        'Lost luggage again and nobody answers. Worst airline ever, so angry.',
        'Lost luggage for the third time this month, terrible service, I want my bag back!',
        'Still no sign of my lost luggage after 3 days, this is a disgrace',
        '<b>Lost luggage</b> again?! Awful, just awful service',
      ],
      new Date(Date.now() - 5 * 60_000),
    );
    const [unrelated, happy] = await analyze(
      [
        'Flight was delayed two hours and the crew was rude. Awful experience.',
        'Thanks for the great flight, crew were lovely and my lost luggage turned up!',
      ],
      new Date(Date.now() - 4 * 60_000),
    );
    expect(storm).toHaveLength(4);
    const rule = await app.db.selectFrom('alert_rules').select('id').where('brand_id', '=', brandId).executeTakeFirstOrThrow();
    const alertId = (await openSpikeAlert(app.db, { ruleId: rule.id, brandId, message: 'Negative mentions: 5 in 10 min', startedAt: from, peak: 3, total: 5, details: {} }))!;
    // What the tick does once it has explained the alert: the strongest driver is "lost luggage".
    const driver = { term: 'lost luggage', count: 4, windowShare: 0.8, baselineShare: 0.01, g2: 30 };
    const { incidentId, joined } = await app.db.transaction().execute((trx) =>
      openIncident(trx, {
        alertId,
        brandId,
        metric: 'negative',
        explanation: { from: from.toISOString(), before: new Date().toISOString(), phrases: [driver], hashtags: [] } as never,
      }),
    );
    expect(joined).toBe(4);

    // One item in the inbox with its count; a viewer reads it.
    const list = await viewer.request<{ incidents: IncidentSummaryDto[] }>('GET', `/api/incidents?brandId=${brandId}`);
    expect(list.status).toBe(200);
    expect(list.body.incidents).toEqual([expect.objectContaining({ id: incidentId, alertId, mentions: 4, brandName: 'Incident Air' })]);
    const detail = await viewer.request<IncidentDetail>('GET', `/api/incidents/${incidentId}`);
    expect(new Set(detail.body.mentions.map((m) => m.id))).toEqual(new Set(storm));
    expect(detail.body.mentions.map((m) => m.id)).not.toContain(unrelated);
    expect(detail.body.mentions.map((m) => m.id)).not.toContain(happy);
    expect(detail.body.incident).toMatchObject({ terms: ['lost luggage'], status: 'open', deadlineFactor: null });
    expect(detail.body.progress).toEqual({ mentions: 4, sent: 0, pending: 0, failed: 0, unsent: 4 });

    // Viewers cannot send; agents can; what is wrong is said in words.
    const text = 'We know bags from this morning are delayed and are on it. We will update you here.';
    expect((await viewer.request('POST', `/api/incidents/${incidentId}/holding-reply`, { text })).status).toBe(403);
    const empty = await agent.request<{ error: { message: string } }>('POST', `/api/incidents/${incidentId}/holding-reply`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('Write the holding reply first.');
    const tooLong = await agent.request<{ error: { message: string } }>('POST', `/api/incidents/${incidentId}/holding-reply`, { text: 'x'.repeat(300) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('Demo replies are limited to 280 characters');

    // Two clicks at once and one after: four replies, one per mention.
    const [first, second] = await Promise.all([
      agent.request<{ queued: number }>('POST', `/api/incidents/${incidentId}/holding-reply`, { text }),
      agent.request<{ queued: number }>('POST', `/api/incidents/${incidentId}/holding-reply`, { text }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.queued + second.body.queued).toBe(4);
    const done = await waitFor('the holding replies to be posted', async () => {
      const d = await viewer.request<IncidentDetail>('GET', `/api/incidents/${incidentId}`);
      return d.body.progress.sent === 4 ? d.body : undefined;
    }, 30_000);
    expect(done.progress).toEqual({ mentions: 4, sent: 4, pending: 0, failed: 0, unsent: 0 });
    const again = await agent.request<{ queued: number }>('POST', `/api/incidents/${incidentId}/holding-reply`, { text });
    expect(again.body.queued).toBe(0);
    await waitForQueueIdle(app.bus, 'publishReply');
    expect((await demoPostsPerMention()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(storm.map((id) => ({ id, n: 1 })).sort((a, b) => a.id.localeCompare(b.id)));

    // Deadlines: only a manager shortens them, with a factor in range.
    expect((await agent.request('PUT', `/api/incidents/${incidentId}/deadlines`, { factor: 0.5 })).status).toBe(403);
    const bad = await manager.request<{ error: { message: string } }>('PUT', `/api/incidents/${incidentId}/deadlines`, { factor: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('A shorter deadline keeps at most 90% of the time; to undo, restore the normal deadlines.');
    const tightened = await manager.request<{ incident: IncidentDto }>('PUT', `/api/incidents/${incidentId}/deadlines`, { factor: 0.5 });
    expect(tightened.status).toBe(200);
    expect(tightened.body.incident).toMatchObject({ deadlineFactor: 0.5, deadlineSetBy: 'manager person' });

    // While it is open every new mention of the brand gets half its normal deadline; one using the
    // driving phrase joins the storm, the other does not.
    const postedAt = new Date();
    const [late, other] = await analyze(['My lost luggage is still missing, this is terrible!', 'Awful delay on the tarmac today, terrible.'], postedAt);
    const dueOf = async (id: string) => {
      const m = await app.db.selectFrom('mentions').select(['sla_due_at', 'priority', 'posted_at']).where('id', '=', id).executeTakeFirstOrThrow();
      return { minutes: (m.sla_due_at.getTime() - m.posted_at.getTime()) / 60_000, priority: m.priority };
    };
    const FULL = { 1: 30, 2: 60, 3: 240, 4: 1440 } as const;
    const lateDue = await dueOf(late!);
    expect(lateDue.minutes).toBe(FULL[lateDue.priority] / 2);
    expect((await dueOf(other!)).minutes).toBe(FULL[(await dueOf(other!)).priority] / 2);
    const afterJoin = await viewer.request<IncidentDetail>('GET', `/api/incidents/${incidentId}`);
    expect(afterJoin.body.progress).toMatchObject({ mentions: 5, sent: 4, unsent: 1 });
    expect(afterJoin.body.mentions.map((m) => m.id)).not.toContain(other);

    // "Send to the 1 new": only the late one gets it.
    const toNew = await agent.request<{ queued: number }>('POST', `/api/incidents/${incidentId}/holding-reply`, { text });
    expect(toNew.body.queued).toBe(1);
    await waitFor('the new holding reply', async () => {
      const d = await viewer.request<IncidentDetail>('GET', `/api/incidents/${incidentId}`);
      return d.body.progress.sent === 5 ? true : undefined;
    }, 30_000);
    const posts = await demoPostsPerMention();
    expect(posts).toHaveLength(5);
    expect(posts.every((p) => p.n === 1)).toBe(true);

    // Resolving the alert ends the incident and gives the normal deadlines back to the open
    // mentions that got shorter ones (the answered one keeps its own, as with a policy change).
    expect((await agent.request('POST', `/api/alerts/${alertId}/resolve`, {})).status).toBe(200);
    expect((await dueOf(late!)).minutes).toBe(FULL[lateDue.priority] / 2);
    expect((await dueOf(other!)).minutes).toBe(FULL[(await dueOf(other!)).priority]);
    expect((await viewer.request<{ incidents: IncidentSummaryDto[] }>('GET', '/api/incidents')).body.incidents).toEqual([]);
    const closed = await viewer.request<IncidentDetail>('GET', `/api/incidents/${incidentId}`);
    expect(closed.body.incident).toMatchObject({ status: 'closed', outcome: 'resolved' });
    const [after] = await analyze(['Lost luggage yet again, terrible airline'], new Date());
    expect((await dueOf(after!)).minutes).toBe(FULL[(await dueOf(after!)).priority]);
    expect((await viewer.request<IncidentDetail>('GET', `/api/incidents/${incidentId}`)).body.progress.mentions).toBe(5);
    const late2 = await manager.request<{ error: { message: string } }>('PUT', `/api/incidents/${incidentId}/deadlines`, { factor: 0.5 });
    expect(late2.status).toBe(400);
    expect(late2.body.error.message).toBe('This incident is over; deadlines can only be shortened while it is open.');

    const audited = await app.db.selectFrom('audit_log').select(['action', 'actor_label']).where('target_id', '=', incidentId).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual([
      'incident.holding_reply_sent',
      'incident.deadlines_changed',
      'incident.holding_reply_sent',
    ]);
    expect((await viewer.request('GET', '/api/incidents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await viewer.request('GET', '/api/incidents/nope')).status).toBe(400);
  });

  it('saving response targets during an incident keeps its shorter deadlines, and resolving gives the new ones back', async () => {
    const policyBrand = (await ensureBrand(app.db, 'Policy Air')).id;
    const saved = brandId;
    brandId = policyBrand;
    try {
      const [before] = await analyze(['Terrible service, my bag is gone'], new Date(Date.now() - 2 * 60_000));
      const rule = await app.db.selectFrom('alert_rules').select('id').where('brand_id', '=', policyBrand).executeTakeFirstOrThrow();
      const alertId = (await openSpikeAlert(app.db, { ruleId: rule.id, brandId: policyBrand, message: 'Negative mentions: 9 in 10 min', startedAt: new Date(), peak: 3, total: 9, details: {} }))!;
      const driver = { term: 'bag gone', count: 4, windowShare: 0.8, baselineShare: 0.01, g2: 30 };
      const { incidentId } = await app.db.transaction().execute((trx) =>
        openIncident(trx, { alertId, brandId: policyBrand, metric: 'negative', explanation: { from: new Date(Date.now() - 10 * 60_000).toISOString(), before: new Date().toISOString(), phrases: [driver], hashtags: [] } as never }),
      );
      expect((await manager.request('PUT', `/api/incidents/${incidentId}/deadlines`, { factor: 0.5 })).status).toBe(200);
      const [during] = await analyze(['My bag is gone and nobody answers, awful'], new Date());
      const minutesOf = async (id: string) => {
        const m = await app.db.selectFrom('mentions').select(['sla_due_at', 'priority', 'posted_at']).where('id', '=', id).executeTakeFirstOrThrow();
        return { minutes: (m.sla_due_at.getTime() - m.posted_at.getTime()) / 60_000, priority: m.priority as 1 | 2 | 3 | 4 };
      };

      // Doubled targets, saved while the incident is open: the mention that arrived during it keeps half.
      const TARGETS = { P1: 60, P2: 120, P3: 480, P4: 2880 } as const;
      const policy = (await manager.request<{ policy: SlaPolicyDto }>('GET', `/api/brands/${policyBrand}/sla-policy`)).body.policy;
      const { brandId: _b, alertLeadMinutes: _a, ...body } = policy;
      const put = await manager.request<{ recomputed: number }>('PUT', `/api/brands/${policyBrand}/sla-policy`, { ...body, targetsMinutes: TARGETS });
      expect(put.status).toBe(200);
      const d = await minutesOf(during!);
      expect(d.minutes).toBe(TARGETS[`P${d.priority}`] / 2);
      const b = await minutesOf(before!);
      expect(b.minutes).toBe(TARGETS[`P${b.priority}`]);

      expect((await agent.request('POST', `/api/alerts/${alertId}/resolve`, {})).status).toBe(200);
      expect((await minutesOf(during!)).minutes).toBe(TARGETS[`P${d.priority}`]);
    } finally {
      brandId = saved;
    }
  });
});
