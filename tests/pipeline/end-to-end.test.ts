import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapterRegistry, createDemoAdapter, sweepOutboxes } from '@earshot/collectors';
import { findDemoPostsInReplyTo } from '@earshot/db';
import type { InboxPage, MentionDetail, ReplyDto } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { seedBrand, seedStream } from '../support/factories.ts';
import { KNOWN_SAMPLE } from '../support/known-mentions.ts';
import { waitForQueueIdle } from '../support/settled.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';

describe('the whole path: poll → analyze → store → inbox → reply', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({
      demo: 'off',
      adapters: (db) => [createDemoAdapter({ db, sample: KNOWN_SAMPLE })],
    });
    const brand = await seedBrand(app.db, 'Demo Air');
    // All five known posts are already "posted"; at 0.1 a minute no more arrive during the test.
    await seedStream(app.db, {
      brandId: brand.id,
      name: 'known mentions',
      query: { startedAt: new Date().toISOString(), perMinute: 0.1, backlog: KNOWN_SAMPLE.length },
      pollIntervalMs: 1_000,
    });
    api = new ApiClient(app.url);
  });
  afterAll(async () => app?.stop());

  it('stores every known mention once, with analysis and a deadline', async () => {
    const rows = await waitFor('5 stored mentions', async () => {
      const r = await app.db.selectFrom('mentions').selectAll().execute();
      return r.length === KNOWN_SAMPLE.length ? r : undefined;
    });
    expect(new Set(rows.map((r) => r.text))).toEqual(new Set(KNOWN_SAMPLE.map((k) => k.text)));
    for (const row of rows) {
      expect(row.sla_due_at.getTime()).toBeGreaterThan(row.posted_at.getTime());
      expect([1, 2, 3, 4]).toContain(row.priority);
      expect(row.priority_reason.length).toBeGreaterThan(0);
    }
    const stranded = rows.find((r) => r.text.includes('stranded'))!;
    const thanks = rows.find((r) => r.text.includes('thank you'))!;
    expect(stranded.sentiment).toBe('negative');
    expect(thanks.sentiment).toBe('positive');
    expect(stranded.priority).toBeLessThan(thanks.priority);
    expect(stranded.sla_due_at.getTime()).toBeLessThan(thanks.sla_due_at.getTime());
  });

  it('refuses the API without a session', async () => {
    const res = await new ApiClient(app.url).request('GET', '/api/mentions');
    expect(res.status).toBe(401);
  });

  it('serves the inbox in deadline order, the same across keyset pages', async () => {
    await api.signIn(app.adminEmail, app.adminPassword);
    const all = await api.request<InboxPage>('GET', '/api/mentions?limit=50');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(KNOWN_SAMPLE.length);
    const dues = all.body.items.map((m) => m.slaDueAt);
    expect(dues).toEqual([...dues].sort());

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: InboxPage } = await api.request<InboxPage>(
        'GET',
        `/api/mentions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.body.items.map((m) => m.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items.map((m) => m.id));

    const bad = await api.request('GET', '/api/mentions?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
  });

  it('posts a reply exactly once and marks the mention answered', async () => {
    const inbox = await api.request<InboxPage>('GET', '/api/mentions?limit=50');
    const target = inbox.body.items[0]!;
    const body = { text: 'So sorry about this. Please DM us your booking reference.', idempotencyKey: 'e2e-reply-0001' };
    const first = await api.request<{ reply: ReplyDto }>('POST', `/api/mentions/${target.id}/replies`, body);
    expect(first.status).toBe(202);
    expect(first.body.reply.state).toBe('queued');
    // A double submit with the same key is the same reply, not a second post.
    const again = await api.request<{ reply: ReplyDto }>('POST', `/api/mentions/${target.id}/replies`, body);
    expect(again.body.reply.id).toBe(first.body.reply.id);

    const detail = await waitFor('the reply to be sent', async () => {
      const d = await api.request<MentionDetail>('GET', `/api/mentions/${target.id}`);
      return d.body.replies[0]?.state === 'sent' ? d.body : undefined;
    });
    expect(detail.mention.status).toBe('answered');
    expect(detail.replies).toHaveLength(1);

    // A sweep that takes every unfinished reply for lost (as the collectors' sweeper does after
    // EARSHOT_REQUEUE_AFTER_MS) finds nothing to send again, and no publish job is left to run.
    expect(await sweepOutboxes({ runtime: app.earshot.runtime, adapters: createAdapterRegistry([]) }, { olderThanMs: 0 })).toEqual({ pages: 0, replies: 0 });
    await waitForQueueIdle(app.bus, 'publishReply');
    const posts = await findDemoPostsInReplyTo(app.db, target.externalId);
    expect(posts.map((p) => p.text)).toEqual([body.text]);

    const answered = await api.request<InboxPage>('GET', '/api/mentions?status=answered');
    expect(answered.body.items.map((m) => m.id)).toEqual([target.id]);
  });

  it('rejects bad replies with a precise message and stores nothing', async () => {
    const inbox = await api.request<InboxPage>('GET', '/api/mentions?limit=1');
    const id = inbox.body.items[0]!.id;
    const tooLong = await api.request<{ error: { message: string } }>('POST', `/api/mentions/${id}/replies`, {
      text: 'x'.repeat(281),
      idempotencyKey: 'e2e-too-long-1',
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/280 characters; this one counts 281/);
    const malformed = await api.request('POST', `/api/mentions/${id}/replies`, '{"text": ');
    expect(malformed.status).toBe(400);
    const unknown = await api.request('POST', `/api/mentions/00000000-0000-4000-8000-000000000000/replies`, {
      text: 'hi',
      idempotencyKey: 'e2e-unknown-1',
    });
    expect(unknown.status).toBe(404);
    const count = await app.db.selectFrom('replies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
