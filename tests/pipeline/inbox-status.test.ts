import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import type { MentionEvent, NewMention } from '@earshot/db';
import type { InboxCountsDto, InboxPage, MentionDetail } from '@earshot/web';
import { reopenFollowUps } from '@earshot/worker';
import type { ApiClient } from '../support/api-client.ts';
import { buildMention, seedBrand, seedSignedInUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// The team inbox's statuses, assignment and per-view counts through the API: each change is
// stored with who and when, audited and announced; the views and counts list exactly what plain
// SQL finds.

const PASSWORD = 'team-inbox-password';
const HOUR = 3_600_000;

describe('team inbox: statuses, assignment and counts', () => {
  let app: TestApp;
  let ana: ApiClient;
  let ben: ApiClient;
  let viewer: ApiClient;
  let anaId: string;
  let benId: string;
  let brandA: string;
  let brandB: string;
  let ids: string[];
  const events: MentionEvent[] = [];
  let unsubscribe: () => Promise<void>;

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'] });
    ({ client: ana, user: { id: anaId } } = await seedSignedInUser(app, { email: 'ana@example.test', name: 'Ana Lima', password: PASSWORD, role: 'agent' }));
    ({ client: ben, user: { id: benId } } = await seedSignedInUser(app, { email: 'ben@example.test', name: 'Ben Ode', password: PASSWORD, role: 'agent' }));
    ({ client: viewer } = await seedSignedInUser(app, { email: 'vic@example.test', name: 'Vic', password: PASSWORD, role: 'viewer' }));
    brandA = (await seedBrand(app.db, 'Acme')).id;
    brandB = (await seedBrand(app.db, 'Bolt')).id;
    const now = Date.now();
    const rows: NewMention[] = [];
    // Forty mentions, half overdue, over two brands.
    for (let i = 0; i < 40; i++) {
      rows.push(
        buildMention(i % 3 === 0 ? brandB : brandA, {
          sla_due_at: new Date(now + (i % 2 === 0 ? -1 : 1) * (i + 1) * HOUR),
          text: `mention ${i}`,
          // Spam past its deadline is not overdue.
          intent: i % 5 === 0 ? 'spam' : 'complaint',
        }),
      );
    }
    ids = (await app.db.insertInto('mentions').values(rows).returning('id').execute()).map((r) => r.id);
    unsubscribe = await app.bus.subscribeMentionEvents((e) => events.push(e));
  });
  afterAll(async () => {
    await unsubscribe?.();
    await app?.stop();
  });

  /** Ids the API lists for a view, following the cursor with small pages. */
  async function listAll(client: ApiClient, query: Record<string, string>): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const params: URLSearchParams = new URLSearchParams({ limit: '7', ...query, ...(cursor ? { cursor } : {}) });
      const res: { status: number; body: InboxPage } = await client.request<InboxPage>('GET', `/api/mentions?${params.toString()}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      out.push(...res.body.items.map((m) => m.id));
      cursor = res.body.nextCursor;
      if (cursor === null) return out;
    }
    throw new Error('more than 100 pages');
  }

  async function sqlIds(where: RawBuilder<unknown>): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`select id from mentions where ${where} order by sla_due_at, id`.execute(app.db);
    return rows.map((r) => r.id);
  }

  async function sqlCounts(userId: string, brandId?: string): Promise<Omit<InboxCountsDto, 'cap'>> {
    const brand = brandId === undefined ? sql`true` : sql`brand_id = ${brandId}`;
    const { rows } = await sql<Omit<InboxCountsDto, 'cap'>>`select
        count(*) filter (where status = 'open')::int as open,
        count(*) filter (where status = 'open' and not is_spam and intent <> 'spam' and sla_due_at <= now())::int as overdue,
        count(*) filter (where status = 'open' and assignee_id = ${userId})::int as mine,
        count(*) filter (where status = 'open' and assignee_id is null)::int as unassigned
      from mentions where ${brand}`.execute(app.db);
    return rows[0]!;
  }

  async function counts(client: ApiClient, brandId?: string): Promise<InboxCountsDto> {
    const res = await client.request<InboxCountsDto>('GET', `/api/inbox/counts${brandId ? `?brandId=${brandId}` : ''}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it('closes, ignores and sets pending in bulk; each change is stored with who and when, audited and announced once per request', async () => {
    events.length = 0;
    const before = new Date();
    const close = await ana.request<{ changed: string[] }>('POST', '/api/mentions/status', { ids: ids.slice(0, 3), status: 'closed' });
    expect(close.status).toBe(200);
    expect(close.body.changed.sort()).toEqual(ids.slice(0, 3).sort());
    // Closing again changes nothing and records nothing.
    const again = await ana.request<{ changed: string[] }>('POST', '/api/mentions/status', { ids: ids.slice(0, 3), status: 'closed' });
    expect(again.body.changed).toEqual([]);
    const ignore = await ben.request<{ changed: string[] }>('POST', '/api/mentions/status', { ids: [ids[3]], status: 'ignored' });
    expect(ignore.body.changed).toEqual([ids[3]]);
    const followUpAt = new Date(Date.now() + 2 * HOUR).toISOString();
    const pending = await ben.request<{ changed: string[] }>('POST', '/api/mentions/status', { ids: [ids[4]], status: 'pending', followUpAt });
    expect(pending.body.changed).toEqual([ids[4]]);

    const history = await app.db.selectFrom('mention_status_changes').selectAll().where('at', '>=', before).orderBy('id').execute();
    expect(history.map((h) => `${h.mention_id} ${h.from_status}>${h.to_status} by ${h.user_id}`).sort()).toEqual(
      [...ids.slice(0, 3).map((id) => `${id} open>closed by ${anaId}`), `${ids[3]} open>ignored by ${benId}`, `${ids[4]} open>pending by ${benId}`].sort(),
    );
    expect(history.every((h) => h.at.getTime() >= before.getTime() - 1000 && h.at.getTime() <= Date.now() + 1000)).toBe(true);
    const stored = await app.db.selectFrom('mentions').select(['id', 'status', 'follow_up_at']).where('id', 'in', ids.slice(0, 5)).execute();
    expect(new Map(stored.map((m) => [m.id, m.status]))).toEqual(
      new Map([
        [ids[0], 'closed'],
        [ids[1], 'closed'],
        [ids[2], 'closed'],
        [ids[3], 'ignored'],
        [ids[4], 'pending'],
      ]),
    );
    expect(stored.find((m) => m.id === ids[4])!.follow_up_at!.toISOString()).toBe(followUpAt);

    const audited = await app.db.selectFrom('audit_log').select(['action', 'target_id', 'actor_label']).where('action', '=', 'mention.status_changed').execute();
    expect(audited).toHaveLength(5);
    expect(audited.filter((a) => a.actor_label === 'ana@example.test').map((a) => a.target_id).sort()).toEqual(ids.slice(0, 3).sort());

    // One event per request and brand that changed something (a dashboard limited to some brands
    // hears only of its own), naming the new status and holding only that brand's mentions.
    const brandOf = new Map((await app.db.selectFrom('mentions').select(['id', 'brand_id']).where('id', 'in', ids.slice(0, 5)).execute()).map((m) => [m.id, m.brand_id]));
    const closedBrands = new Set(ids.slice(0, 3).map((id) => brandOf.get(id))).size;
    const changedEvents = () => events.flatMap((e) => (e.type === 'mentions.changed' ? [e] : []));
    await expect.poll(() => changedEvents().length).toBe(closedBrands + 2);
    expect(changedEvents().map((e) => e.status)).toEqual([...Array<string>(closedBrands).fill('closed'), 'ignored', 'pending']);
    expect(changedEvents().flatMap((e) => e.ids).sort()).toEqual(ids.slice(0, 5).sort());
    expect(changedEvents().every((e) => e.ids.every((id) => brandOf.get(id) === e.brandId))).toBe(true);

    // The detail tells the story.
    const detail = await viewer.request<MentionDetail>('GET', `/api/mentions/${ids[4]}`);
    expect(detail.body.mention.status).toBe('pending');
    expect(detail.body.mention.followUpAt).toBe(followUpAt);
    expect(detail.body.statusChanges).toEqual([{ from: 'open', to: 'pending', userName: 'Ben Ode', followUpAt, at: expect.any(String) }]);
  });

  it('refuses what cannot be done, in words', async () => {
    const noTime = await ana.request<{ error: { message: string } }>('POST', '/api/mentions/status', { ids: [ids[5]], status: 'pending' });
    expect(noTime.status).toBe(400);
    expect(noTime.body.error.message).toContain('Say when to follow up');
    const past = await ana.request<{ error: { message: string } }>('POST', '/api/mentions/status', { ids: [ids[5]], status: 'pending', followUpAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toContain('already passed');
    const answered = await ana.request('POST', '/api/mentions/status', { ids: [ids[5]], status: 'answered' });
    expect(answered.status).toBe(400);
    expect((await viewer.request('POST', '/api/mentions/status', { ids: [ids[5]], status: 'closed' })).status).toBe(403);
    expect((await viewer.request('POST', '/api/mentions/assign', { ids: [ids[5]], assigneeId: anaId })).status).toBe(403);
    const toViewer = await ana.request<{ error: { message: string } }>('POST', '/api/mentions/assign', {
      ids: [ids[5]],
      assigneeId: (await app.db.selectFrom('users').select('id').where('email', '=', 'vic@example.test').executeTakeFirstOrThrow()).id,
    });
    expect(toViewer.status).toBe(400);
    expect(toViewer.body.error.message).toContain('teammate who can reply');
  });

  it('assigns to self and to a teammate, audited; mine, unassigned and assignee views list what SQL finds, page by page', async () => {
    const mine = await ana.request<{ changed: string[] }>('POST', '/api/mentions/assign', { ids: ids.slice(6, 12), assigneeId: anaId });
    expect(mine.body.changed).toHaveLength(6);
    const toBen = await ana.request<{ changed: string[] }>('POST', '/api/mentions/assign', { ids: [...ids.slice(10, 16), ids[0]!], assigneeId: benId });
    expect(toBen.body.changed).toHaveLength(7);
    const unassign = await ben.request<{ changed: string[] }>('POST', '/api/mentions/assign', { ids: [ids[15]], assigneeId: null });
    expect(unassign.body.changed).toEqual([ids[15]]);
    const audited = await app.db.selectFrom('audit_log').select(['target_id', 'details']).where('action', '=', 'mention.assigned').where('target_id', '=', ids[10]!).orderBy('id').execute();
    expect(audited.map((a) => a.details)).toEqual([
      { from: null, to: anaId },
      { from: anaId, to: benId },
    ]);

    const row = (await ana.request<MentionDetail>('GET', `/api/mentions/${ids[12]}`)).body.mention;
    expect(row.assigneeId).toBe(benId);

    const cases: [ApiClient, Record<string, string>, RawBuilder<unknown>][] = [
      [ana, { status: 'open', assignee: 'me' }, sql`status = 'open' and assignee_id = ${anaId}`],
      [ben, { status: 'open', assignee: 'me' }, sql`status = 'open' and assignee_id = ${benId}`],
      [ana, { status: 'all', assignee: 'me' }, sql`assignee_id = ${anaId}`],
      [ana, { status: 'open', assignee: 'none' }, sql`status = 'open' and assignee_id is null`],
      [ana, { status: 'closed', assignee: benId }, sql`status = 'closed' and assignee_id = ${benId}`],
      [ben, { status: 'open', assignee: 'none', brandId: brandB }, sql`status = 'open' and assignee_id is null and brand_id = ${brandB}`],
      [ana, { status: 'ignored' }, sql`status = 'ignored'`],
      [ana, { status: 'pending' }, sql`status = 'pending'`],
    ];
    for (const [client, query, where] of cases) {
      const listed = await listAll(client, query);
      expect(listed, JSON.stringify(query)).toEqual(await sqlIds(where));
      expect(listed.length, JSON.stringify(query)).toBeGreaterThan(0);
    }
  });

  it('counts each view as a plain SQL count does, per user and per brand', async () => {
    for (const [client, userId] of [
      [ana, anaId],
      [ben, benId],
    ] as const) {
      const expected = await sqlCounts(userId);
      expect(await counts(client)).toEqual({ ...expected, cap: 1000 });
      expect(expected.mine).toBeGreaterThan(0);
      expect(expected.overdue).toBeGreaterThan(0);
      expect(await counts(client, brandB)).toEqual({ ...(await sqlCounts(userId, brandB)), cap: 1000 });
      // Each count is the length of the view its tab opens.
      expect((await listAll(client, { status: 'open' })).length).toBe(expected.open);
      expect((await listAll(client, { status: 'open', response: 'missed' })).length).toBe(expected.overdue);
      expect((await listAll(client, { status: 'open', assignee: 'me' })).length).toBe(expected.mine);
      expect((await listAll(client, { status: 'open', assignee: 'none' })).length).toBe(expected.unassigned);
    }
    const all = await sql<{ n: number }>`select count(*)::int as n from mentions where status = 'open' and sla_due_at <= now()`.execute(app.db);
    expect(all.rows[0]!.n).toBeGreaterThan((await sqlCounts(anaId)).overdue); // the seed has overdue spam
  });

  it('reopens a pending mention when its follow-up time comes, records it as the system, and tells its assignee', async () => {
    events.length = 0;
    await ben.request('POST', '/api/mentions/assign', { ids: [ids[4]], assigneeId: benId });
    // The assignment's own event comes over Redis after the answer: let it arrive before the
    // list is cleared for the reopen's (under CI load it came after, and the list had three).
    await expect.poll(() => events.some((e) => e.type === 'mentions.changed' && e.assigneeId === benId), { timeout: 15_000 }).toBe(true);
    events.length = 0;
    expect(await reopenFollowUps(app.earshot.runtime, new Date(Date.now() + HOUR))).toBe(0);
    expect(await reopenFollowUps(app.earshot.runtime, new Date(Date.now() + 3 * HOUR))).toBe(1);
    expect(await reopenFollowUps(app.earshot.runtime, new Date(Date.now() + 3 * HOUR))).toBe(0);
    const m = await app.db.selectFrom('mentions').select(['status', 'follow_up_at']).where('id', '=', ids[4]!).executeTakeFirstOrThrow();
    expect(m).toEqual({ status: 'open', follow_up_at: null });
    const last = await app.db.selectFrom('mention_status_changes').selectAll().where('mention_id', '=', ids[4]!).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect([last.from_status, last.to_status, last.user_id]).toEqual(['pending', 'open', null]);
    const notices = await ben.request<{ unread: number; notices: { kind: string; mentionId: string; text: string }[] }>('GET', '/api/notices');
    expect(notices.body.unread).toBe(1);
    expect(notices.body.notices[0]).toMatchObject({ kind: 'follow_up', mentionId: ids[4], text: expect.stringContaining('mention 4') });
    expect((await ana.request<{ unread: number }>('GET', '/api/notices')).body.unread).toBe(0);
    await expect.poll(() => events.map((e) => e.type), { timeout: 15_000 }).toEqual(['mentions.changed', 'notices.changed']);
    expect((await ben.request('POST', '/api/notices/read')).status).toBe(204);
    expect((await ben.request<{ unread: number }>('GET', '/api/notices')).body.unread).toBe(0);
  });

  it('a published reply marks a pending mention answered, recorded as its sender', async () => {
    await ana.request('POST', '/api/mentions/status', { ids: [ids[20]], status: 'pending', followUpAt: new Date(Date.now() + HOUR).toISOString() });
    const { markMentionAnswered } = await import('@earshot/db');
    await markMentionAnswered(app.db, ids[20]!, new Date(), benId);
    const m = await app.db.selectFrom('mentions').select(['status', 'follow_up_at']).where('id', '=', ids[20]!).executeTakeFirstOrThrow();
    expect(m).toEqual({ status: 'answered', follow_up_at: null });
    const last = await app.db.selectFrom('mention_status_changes').selectAll().where('mention_id', '=', ids[20]!).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect([last.from_status, last.to_status, last.user_id]).toEqual(['pending', 'answered', benId]);
  });
});
